/**
 * Agencies and cross-year findings as a running pipeline stored them: one line per agency key with its years
 * (report ids), then each cross-year finding with the quotes of both reports.
 * MONGO_URL=mongodb://… [GONGKAI_DB=gongkai] npx tsx scripts/eval/years.stored.ts
 */
import { ReportStore } from '@gongkai/store';

const CROSS = new Set(['CROSS_YEAR_CARRY', 'T2_STOCK', 'CROSS_YEAR_CUMULATIVE', 'SERIES_BREAK']);
const store = await ReportStore.open(process.env['MONGO_URL'] ?? 'mongodb://127.0.0.1:27017/', process.env['GONGKAI_DB'] ?? 'gongkai');
const byKey = new Map<string, Array<{ year: number | null; agency: string | null; id: string; name: string; status: string }>>();
const findings: string[] = [];
for await (const r of store.iterate({})) {
  const key = r.meta?.agencyKey ?? '(no key)';
  byKey.set(key, [...(byKey.get(key) ?? []), { year: r.meta?.year ?? null, agency: r.meta?.agency ?? null, id: r._id, name: r.source.name, status: r.status }]);
  for (const f of (r.findings ?? []).filter((x) => CROSS.has(x.rule))) {
    findings.push(`${key} ${r.meta?.year} ${r.source.name.slice(0, 12)} ${f.rule} (${f.severity}): ${f.message}\n    quotes: ${f.evidence.map((e) => `«${e.quote}» [${e.year ?? r.meta?.year}${e.reportId ? ` ${e.reportId.slice(0, 12)}` : ''}]`).join(' vs ')}`);
  }
}
for (const [key, list] of [...byKey].sort(([a], [b]) => a.localeCompare(b))) {
  list.sort((a, b) => (a.year ?? 0) - (b.year ?? 0));
  console.log(`${key} | ${list.map((x) => `${x.year ?? '?'}:${x.agency ?? '-'}:${x.name.slice(0, 10)}:${x.status}`).join(', ')}`);
}
console.log(`\ncross-year findings: ${findings.length}`);
for (const f of findings.sort()) console.log(f);
await store.close();
