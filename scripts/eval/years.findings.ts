/**
 * Agencies of the shared real corpus (and the repo's test/corpus/real) with their years, and the cross-year
 * findings validate raises given each report's true year before: the in-process twin of dropping the corpus
 * through the queued pipeline (test/years/arrival-order.test.ts shows the two agree). npx tsx scripts/eval/years.findings.ts
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { NeighbourReport } from '@gongkai/core';
import { reportIdOf, runInProcess, type InProcessResult } from '@gongkai/stages';
import { realReportFiles } from '@gongkai/testkit';
import { validate } from '@gongkai/validate';

const CROSS = new Set(['CROSS_YEAR_CARRY', 'T2_STOCK', 'CROSS_YEAR_CUMULATIVE', 'SERIES_BREAK']);
const repo = join(import.meta.dirname, '..', '..', 'test', 'corpus', 'real');
const files = [
  ...realReportFiles().map((f) => ({ name: f.name, path: f.path })),
  ...readdirSync(repo).filter((n) => n.endsWith('.txt')).map((n) => ({ name: n, path: join(repo, n) })),
];
const runs: Array<{ name: string; id: string; r: InProcessResult }> = [];
for (const f of files) {
  const bytes = new Uint8Array(readFileSync(f.path));
  runs.push({ name: f.name, id: reportIdOf(bytes), r: await runInProcess({ bytes, name: f.name }) });
}
const meta = (x: (typeof runs)[number]) => x.r.outputs.segment.meta;
const byKey = new Map<string, typeof runs>();
for (const x of runs) {
  const k = meta(x).agencyKey ?? '(no key)';
  byKey.set(k, [...(byKey.get(k) ?? []), x]);
}
for (const [key, list] of [...byKey].sort(([a], [b]) => a.localeCompare(b))) {
  list.sort((a, b) => (meta(a).year ?? 0) - (meta(b).year ?? 0));
  console.log(`\n## ${key}\n  years: ${list.map((x) => `${meta(x).year} ${meta(x).agency} (${x.name.slice(0, 8)}…, ${x.id.slice(0, 12)})`).join('\n         ')}`);
  if (key === '(no key)') continue;
  for (const x of list) {
    const y = meta(x).year;
    const neighbours: NeighbourReport[] = list
      .filter((p) => y !== null && meta(p).year === y - 1)
      .map((p) => ({
        reportId: p.id, runId: 'in-process', year: meta(p).year!, agency: meta(p).agency, title: meta(p).title,
        metrics: p.r.outputs.extract.metrics, stats: p.r.outputs.segment.tables.filter((t) => t.kind === 'stats').flatMap((t) => t.cells),
      }));
    for (const f of validate({ ...x.r.outputs, neighbours }).findings.filter((f) => CROSS.has(f.rule))) {
      console.log(`  - ${y} ${f.rule} (${f.severity}): ${f.message}\n      quotes: ${f.evidence.map((e) => `«${e.quote}»${e.year ? ` [${e.year}]` : ` [${y}]`}`).join(' vs ')}`);
    }
  }
}
