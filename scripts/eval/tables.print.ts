/**
 * The table section of the eval's output: per file and source, gold cells
 * right / wrong / missing / ambiguous-left-null (and, for the report file,
 * cells read that the gold does not list); per source in total, the reached
 * share next to the issue's target and the enforced floor; then every wrong
 * cell and the missing ones, so a miss can be traced.
 */
import { RENDERINGS } from './render/renderings.ts';
import { addCellScores, emptyCellScore, rightOrFlaggedShare, rightShare, type CellMiss, type CellScore } from './tables.score.ts';
import { TABLE_SOURCES, tableTotals, type TableCaseResult, type TableSource } from './tables.run.ts';
import { TABLE_THRESHOLDS } from './tables.thresholds.ts';

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const HEAD = ['file', 'source', 'cells', 'right', 'wrong', 'missing', 'ambig-null', 'extra', 'right%', 'ms'];
const WIDTHS = [22, 9, 6, 6, 6, 8, 11, 6, 8, 6];
const row = (cells: Array<string | number>) => cells.map((c, i) => String(c).padEnd(WIDTHS[i] ?? 6)).join(' ');

function line(name: string, source: string, s: CellScore, ms: string): string {
  return row([name, source, s.cells, s.right, s.wrong.length, s.missing.length, s.ambiguousNull.length, s.extra.length, pct(rightShare(s)), ms]);
}

/** `key=want` for a cell not read, `key=got (want …)` for a wrong one; `want` null: the gold says the cell is not printed. */
const keys = (list: readonly CellMiss[], max = 14, extra = false) =>
  `${list.slice(0, max).map((m) => (m.got === undefined ? `${m.key}=${m.want}` : extra ? `${m.key}=${m.got}` : `${m.key}=${m.got} (want ${m.want ?? 'not printed'})`)).join(', ')}${list.length > max ? `, … ${list.length - max} more` : ''}`;

/** Sources whose figures break their bar: wrong cells over the allowance, right share under the floor. */
export function tablesBelow(results: readonly TableCaseResult[]): string[] {
  const totals = tableTotals(results);
  const fails: string[] = [];
  for (const s of TABLE_SOURCES) {
    const t = totals[s];
    const bar = TABLE_THRESHOLDS[s];
    if (t.wrong.length > bar.maxWrong) fails.push(`tables ${s}: ${t.wrong.length} wrong cell(s) > ${bar.maxWrong} allowed (target 0)`);
    if (rightShare(t) < bar.floor) fails.push(`tables ${s}: right ${pct(rightShare(t))} < floor ${pct(bar.floor)} (target ${pct(bar.target)})`);
    if (bar.maxUnflagged !== undefined && t.missing.length > bar.maxUnflagged) {
      fails.push(`tables ${s}: ${t.missing.length} cell(s) left null without an ambiguity flag > ${bar.maxUnflagged} allowed (target 0)`);
    }
  }
  return fails;
}

export function printTables(results: readonly TableCaseResult[], detail: boolean): string {
  if (results.length === 0) return 'Table cells: no gold file states table cells (t2./t3./t4./t5.)';
  const out: string[] = [
    'Table cells (issue 13): each gold file with t2./t3./t4./t5. cells, read from the file itself and from renderings of its gold cells',
    row(HEAD),
    row(WIDTHS.map((w) => '-'.repeat(w))),
  ];
  for (const r of results) {
    for (const s of TABLE_SOURCES) {
      const src = r.sources[s];
      out.push(line(s === 'file' ? r.name : '', s === 'file' ? (r.fileIsText ? 'file:txt' : 'file:bin') : s, src.score, src.error ? 'ERROR' : String(Math.round(src.ms))));
    }
  }
  out.push(row(WIDTHS.map((w) => '-'.repeat(w))));
  const totals = tableTotals(results);
  for (const s of TABLE_SOURCES) out.push(line('total', s, totals[s], ''));
  out.push('', 'reached vs issue 13 target (floor = what the eval enforces now, scripts/eval/tables.thresholds.ts):');
  for (const s of TABLE_SOURCES) {
    const t = totals[s];
    const bar = TABLE_THRESHOLDS[s as TableSource];
    out.push(`  ${s.padEnd(9)} right ${pct(rightShare(t)).padStart(6)} (right or flagged ${pct(rightOrFlaggedShare(t))})  target ≥ ${pct(bar.target)}  floor ${pct(bar.floor)}   wrong ${t.wrong.length} (target 0, allowed ${bar.maxWrong})`);
  }
  const structure = RENDERINGS.map((s) => totals[s]).reduce(addCellScores, emptyCellScore());
  out.push(`  structure (the four renderings together) right ${pct(rightShare(structure))}  target ≥ 99.0%   wrong ${structure.wrong.length} (target 0)`);
  if (detail) {
    for (const r of results) {
      const notes: string[] = [];
      for (const s of TABLE_SOURCES) {
        const src = r.sources[s];
        if (src.error) notes.push(`${s} error: ${src.error}`);
        if (src.score.wrong.length) notes.push(`${s} wrong: ${keys(src.score.wrong, 40)}`);
        if (src.score.missing.length) notes.push(`${s} missing: ${keys(src.score.missing)}`);
        if (src.score.ambiguousNull.length) notes.push(`${s} ambiguous-left-null: ${keys(src.score.ambiguousNull)}`);
        if (src.score.extra.length) notes.push(`${s} extra (not in gold): ${keys(src.score.extra, 14, true)}`);
      }
      if (notes.length) out.push(`${r.name} (tables)\n  ${notes.join('\n  ')}`);
    }
  }
  return out.join('\n');
}
