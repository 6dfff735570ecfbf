/**
 * npx tsx scripts/tables-identities.ts [--list] [<name filter>…]
 *
 * Runs the in-process pipeline on every flattened crawler text of the real
 * corpus (shared/corpus/real/pingtan-departments/**\/*.page.txt and
 * pingtan-gov-zwgk-archive/*.page.txt), keeps the table-era reports (regime
 * B/C) and prints the share whose tables pass every identity: 表三 read in
 * full (every cell of its rows, 7 columns) with balance, column totals,
 * sub-sums and row sums holding, and 表四 read in full with its three group
 * sums holding. It also counts cells left ambiguous (null, flagged) and 表二
 * cells read, and with --list names each report and what it lacks.
 * Issue 13's "before/after" figure; prints nothing of the gold.
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runInProcess } from '@gongkai/stages';
import { SHARED_DIR, sharedAvailable } from '@gongkai/testkit';
import { T3_COLUMNS, T3_ROWS, T4_COLUMNS, T4_GROUPS, type Metric, type ReportTable } from '@gongkai/core';

const args = process.argv.slice(2);
const list = args.includes('--list');
/** --dump FILE: every t2./t3./t4./t5. metric per report as JSON, to compare two versions of the code. */
const dumpAt = args.indexOf('--dump');
const dumpFile = dumpAt >= 0 ? args[dumpAt + 1] : undefined;
const filters = args.filter((a, i) => !a.startsWith('--') && (dumpAt < 0 || i !== dumpAt + 1));

function pageTexts(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...pageTexts(p));
    else if (name.endsWith('.page.txt')) out.push(p);
  }
  return out.sort();
}

const GROUPS: Record<string, readonly string[]> = {
  refused: ['state_secret', 'law_forbidden', 'three_safety_one_stability', 'third_party', 'internal_affairs', 'process_info', 'enforcement_file', 'admin_query'],
  unable: ['not_held', 'needs_creation', 'unable.unclear_after_amend'].map((s) => s.replace(/^unable\./, '')),
  not_processed: ['petition_complaint', 'repeat', 'publication', 'mass_repeat', 'confirm_or_reissue'],
  other: ['no_amend_overdue', 'fee_unpaid', 'other'],
};

/** Problems of 表三/表四 from the extracted t3./t4. metrics; empty when every identity holds on a complete table. */
function problems(metrics: readonly Metric[], regime: string): string[] {
  const v = new Map(metrics.map((m) => [m.key, m.value]));
  const out: string[] = [];
  const rows = T3_ROWS.filter((r) => (regime === 'B' ? !/^other\.(no_amend|fee_unpaid|other$)/.test(r.id) : true)).map((r) => r.id);
  const cols = T3_COLUMNS.map((c) => c.id);
  const missing = rows.flatMap((r) => cols.map((c) => `t3.${r}.${c}`)).filter((k) => !v.has(k));
  if (missing.length) out.push(`t3 ${missing.length} cell(s) unread`);
  const g = (k: string) => v.get(k);
  for (const c of cols) {
    const n = g(`t3.new_received.${c}`), o = g(`t3.carried_over.${c}`), t = g(`t3.total.${c}`), f = g(`t3.carried_forward.${c}`);
    if ([n, o, t, f].every((x) => x !== undefined) && (n as number) + (o as number) !== (t as number) + (f as number)) out.push(`t3 balance ${c}`);
    const parts = ['granted', 'partial', 'refused.sum', 'unable.sum', 'not_processed.sum', 'other.sum'].map((r) => g(`t3.${r}.${c}`));
    if (t !== undefined && parts.every((x) => x !== undefined) && parts.reduce((a, b) => (a as number) + (b as number), 0) !== t) out.push(`t3 total ${c}`);
    for (const [grp, subs] of Object.entries(GROUPS)) {
      if (grp === 'other' && regime === 'B') continue;
      const s = g(`t3.${grp}.sum.${c}`);
      const ps = subs.map((x) => g(`t3.${grp}.${x}.${c}`));
      if (s !== undefined && ps.every((x) => x !== undefined) && ps.reduce((a, b) => (a as number) + (b as number), 0) !== s) out.push(`t3 ${grp} ${c}`);
    }
  }
  for (const r of rows) {
    const t = g(`t3.${r}.total`);
    const ps = cols.slice(0, 6).map((c) => g(`t3.${r}.${c}`));
    if (t !== undefined && ps.every((x) => x !== undefined) && ps.reduce((a, b) => (a as number) + (b as number), 0) !== t) out.push(`t3 row ${r}`);
  }
  const t4 = T4_GROUPS.flatMap((gr) => T4_COLUMNS.map((c) => `t4.${gr.id}.${c.id}`)).filter((k) => !v.has(k));
  if (t4.length) out.push(`t4 ${t4.length} cell(s) unread`);
  for (const gr of T4_GROUPS) {
    const ps = ['upheld', 'corrected', 'other', 'pending'].map((c) => g(`t4.${gr.id}.${c}`));
    const t = g(`t4.${gr.id}.total`);
    if (t !== undefined && ps.every((x) => x !== undefined) && ps.reduce((a, b) => (a as number) + (b as number), 0) !== t) out.push(`t4 ${gr.id}`);
  }
  return out;
}

function cellsOf(tables: readonly ReportTable[], kind: string) {
  const cells = tables.filter((t) => t.kind === kind).flatMap((t) => t.cells);
  return { read: cells.filter((c) => c.value !== null && !c.ambiguous).length, ambiguous: cells.filter((c) => c.ambiguous).length };
}

async function main(): Promise<void> {
  if (!sharedAvailable) {
    process.stdout.write(`skipped: the shared data folder ${SHARED_DIR} is absent\n`);
    return;
  }
  const real = join(SHARED_DIR, 'corpus', 'real');
  const files = [...pageTexts(join(real, 'pingtan-departments')), ...pageTexts(join(real, 'pingtan-gov-zwgk-archive'))]
    .filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)));
  let era = 0, pass = 0, ambiguous = 0, t2read = 0, t2amb = 0, t5 = 0, whole = 0;
  const hows: Record<string, number> = {};
  const dump: Record<string, Record<string, number>> = {};
  const ms: number[] = [];
  for (const f of files) {
    const bytes = new Uint8Array(readFileSync(f));
    const t0 = performance.now();
    const { outputs } = await runInProcess({ bytes, name: f.split('/').pop() ?? f });
    ms.push(performance.now() - t0);
    const regime = outputs.segment.meta.regime;
    const tables = outputs.segment.tables;
    if (regime === 'A' || !tables.some((t) => t.kind === 't3' || t.kind === 't2')) continue;
    era++;
    const p = problems(outputs.extract.metrics, regime);
    if (p.length === 0) pass++;
    const amb = tables.reduce((n, t) => n + t.cells.filter((c) => c.ambiguous).length, 0);
    ambiguous += amb;
    const t2 = cellsOf(tables, 't2');
    const t2metrics = outputs.extract.metrics.filter((m) => m.key.startsWith('t2.')).length;
    t2read += t2metrics;
    t2amb += t2.ambiguous;
    if (tables.some((t) => t.kind === 't5')) t5++;
    const tableMetrics = outputs.extract.metrics.filter((m) => /^t[2-5]\./.test(m.key));
    for (const m of tableMetrics) hows[m.evidence.cell?.how ?? 'none'] = (hows[m.evidence.cell?.how ?? 'none'] ?? 0) + 1;
    dump[f.split('/').pop() ?? f] = Object.fromEntries(tableMetrics.map((m) => [m.key, m.value]));
    // every cell of every table read (none left ambiguous, no row unmapped) and the identities hold
    const unread = tables.some((t) => t.kind !== 'stats' && (t.unparsed.length > 0 || t.cells.some((c) => c.ambiguous || (c.value === null && !/^[\s/／\-－—–]*$/.test(c.raw)))));
    const settled = new Set(tableMetrics.map((m) => m.key));
    const open = tables.flatMap((t) => t.cells.filter((c) => c.ambiguous && !settled.has(`${t.kind}.${c.row}.${c.col}`))).length;
    if (p.length === 0 && (!unread || open === 0) && tables.some((t) => t.kind === 't2')) whole++;
    if (list) {
      const name = f.split('/').pop()?.replace(/\.page\.txt$/, '').slice(0, 40);
      process.stdout.write(`${p.length === 0 ? 'PASS' : 'FAIL'} ${name}  t2 ${t2metrics} read / ${t2.ambiguous} ambiguous; ambiguous cells ${amb}${p.length ? `; ${p.slice(0, 4).join(', ')}` : ''}\n`);
    }
  }
  const share = era ? ((100 * pass) / era).toFixed(1) : '0';
  process.stdout.write(`table-era reports: ${era}; tables pass every identity (表三+表四 complete and consistent): ${pass}/${era} = ${share}%\n`);
  process.stdout.write(`every table cell read (表二…表五, none left ambiguous) and every identity holding: ${whole}/${era} = ${era ? ((100 * whole) / era).toFixed(1) : '0'}%\n`);
  process.stdout.write(`表二 metrics read: ${t2read}; 表二 cells left ambiguous (segment): ${t2amb}; all ambiguous cells: ${ambiguous}; reports with 表五 (信息处理费): ${t5}\n`);
  process.stdout.write(`table metrics by how they were read: ${Object.entries(hows).map(([k, n]) => `${k} ${n}`).join(', ')}\n`);
  if (dumpFile) writeFileSync(dumpFile, JSON.stringify(dump, null, 1));
  process.stdout.write(`pipeline ms per report: max ${Math.round(Math.max(...ms))}, total ${Math.round(ms.reduce((a, b) => a + b, 0))}\n`);
}

await main();
