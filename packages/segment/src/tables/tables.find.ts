/**
 * All tables of a report body: 表二/表三/表四 (2019+), the 2024+ table 五, or
 * a 2008-era 统计表. Where decode kept the tables' structure (grids), the
 * template matcher reads them from their cells; a kind no grid holds falls
 * back to the text parsers, which read the tab-separated or flattened text.
 */
import type { ReportTable, TableGrid } from '@gongkai/core';
import { compact } from '../text/compact.text.ts';
import { matchGrids } from './grid/grid.tables.ts';
import { deriveSums } from './t3.sums.ts';
import { parseStats } from './stats.table.ts';
import { parseT2 } from './t2.table.ts';
import { parseT3 } from './t3.table.ts';
import { parseT4 } from './t4.table.ts';
import { parseT5 } from './t5.table.ts';

/** A grid-read table counts only when it read enough of its template to be that table. */
function matched(t: ReportTable): boolean {
  const rows = new Set(t.cells.filter((c) => !c.derived).map((c) => c.row));
  if (t.kind === 't3') return rows.size >= 10;
  if (t.kind === 't2') return rows.size >= 2;
  return t.cells.length > 0;
}

/** The tables the text parsers find in text[start, end). */
function fromText(text: string, start: number, end: number): ReportTable[] {
  const c = compact(text, start, end);
  const out: ReportTable[] = [];
  const t2 = parseT2(text, c, start, end);
  if (t2) out.push(t2);
  const t3 = parseT3(text, c, t2 ? t2.end : start, end);
  if (t3) out.push(t3);
  const t4 = parseT4(text, c, t3 ? t3.end : t2 ? t2.end : start, end);
  if (t4) out.push(t4);
  const t5 = parseT5(text, c, t4 ? t4.end : t3 ? t3.end : start, end);
  if (t5) out.push(t5);
  if (!t3) {
    const stats = parseStats(text, c, start, end);
    if (stats) out.push(stats);
  }
  return out;
}

/**
 * Rows the grid did not hold but the text parser read (a PDF row outside the
 * ruled grid, a label the matcher does not know): taken whole from the
 * text-parsed table of the same kind and form, then 表三's group sums are
 * derived again. Rows the matcher saw and left unread are not taken.
 */
function fillFromText(grid: ReportTable, parsed: ReportTable | undefined): void {
  if (!parsed || parsed.variant !== grid.variant || (grid.kind !== 't2' && grid.kind !== 't3')) return;
  // rows the matcher saw and refused stay unread; with unlabelled rows left over, nothing is added (they may be those rows)
  if (grid.unparsed.some((u) => /^row without a label/.test(u.reason))) return;
  const refused = new Set(grid.unparsed.map((u) => /^(?:placed by position as )?([a-z_.]+)[: ]/.exec(u.reason)?.[1]));
  const have = new Set(grid.cells.filter((c) => !c.derived).map((c) => c.row));
  const added = parsed.cells.filter((c) => !c.derived && !have.has(c.row) && !refused.has(c.row));
  if (added.length === 0) return;
  grid.cells = [...grid.cells.filter((c) => !c.derived), ...added];
  for (const c of added) {
    grid.start = Math.min(grid.start, c.start);
    grid.end = Math.max(grid.end, c.end);
  }
  if (grid.kind === 't3') deriveSums(grid, grid.variant === '2021' ? '2021' : '2019');
}

export function findTables(text: string, start: number, end: number, grids: readonly TableGrid[] = []): ReportTable[] {
  const parsed = fromText(text, start, end);
  if (grids.length === 0) return parsed;
  const read = matchGrids(grids, text, start, end).filter(matched);
  if (read.length === 0) return parsed;
  for (const t of read) fillFromText(t, parsed.find((p) => p.kind === t.kind));
  const kinds = new Set(read.map((t) => t.kind));
  const out = [...read, ...parsed.filter((t) => !kinds.has(t.kind) && !(t.kind === 'stats' && kinds.has('t3')))];
  return out.sort((a, b) => a.start - b.start);
}
