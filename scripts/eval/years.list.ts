/**
 * The figures the cross-year rules read, for every report of the shared real corpus, by agency and year:
 * npx tsx scripts/eval/years.list.ts [KEY-SUBSTRING]
 * (上年结转/结转下年度, 表二 stock cells, 统计表 rows with their two columns).
 */
import { readFileSync } from 'node:fs';
import { decode } from '@gongkai/decode';
import { extract } from '@gongkai/extract';
import { segment } from '@gongkai/segment';
import { realReportFiles } from '@gongkai/testkit';

const want = process.argv[2] ?? '';
const KEYS = /^(requests\.carried_(over|forward)|t3\.carried_(over|forward)\.total|t2\.(rules|normative_docs)\.(issued|repealed|in_force))$/;
const rows: Array<{ key: string; year: number | null; name: string; line: string }> = [];
for (const f of realReportFiles()) {
  const d = await decode({ bytes: new Uint8Array(readFileSync(f.path)), name: f.name });
  const s = segment({ decode: d });
  const key = s.meta.agencyKey ?? '(no key)';
  if (!key.includes(want)) continue;
  const e = extract({ decode: d, segment: s });
  const figures = e.metrics.filter((m) => KEYS.test(m.key)).map((m) => `${m.key}=${m.value}`);
  const stats = s.tables.filter((t) => t.kind === 'stats').flatMap((t) => t.cells).map((c) => `${c.rowLabel ?? c.row}|${c.colLabel ?? c.col}=${c.value}`);
  rows.push({ key, year: s.meta.year, name: f.name.slice(0, 14), line: [...figures, ...(stats.length ? [`stats: ${stats.join('; ')}`] : [])].join('  ') });
}
rows.sort((a, b) => a.key.localeCompare(b.key) || (a.year ?? 0) - (b.year ?? 0));
for (const r of rows) console.log(r.key, r.year, r.name, r.line);
