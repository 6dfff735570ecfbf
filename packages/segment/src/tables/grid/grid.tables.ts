/**
 * The template matcher: decode's grids → 表二/表三/表四 (2019, 2021, 2025
 * forms) and the 2024+ table 五, every cell `how: 'structure'` with its row
 * and column labels. Tables are looked for in print order (表二 before 表三
 * before 表四 before 五); a kind no grid holds is left to the text parsers.
 *
 * Bounded work: every matcher reads each row a constant number of times;
 * grids are at most MAX_GRID_ROWS × MAX_GRID_COLS (decode), labels at most
 * MAX_CELL_TEXT characters.
 */
import type { ReportTable, TableGrid } from '@gongkai/core';
import { gridRows } from './grid.rows.ts';
import { matchT2 } from './t2.grid.ts';
import { matchT3 } from './t3.grid.ts';
import { matchT4 } from './t4.grid.ts';
import { matchT5 } from './t5.grid.ts';

/** Largest number of grid cells read (a page of junk tables is cut there). */
const MAX_CELLS = 200_000;

/**
 * True when the grid's cells are where it says in `text`: a grid handed over
 * with another text (a stored result, a cut or edited text) is not read.
 */
export function fitsText(g: TableGrid, text: string): boolean {
  if (!(g.start >= 0 && g.end <= text.length && g.start <= g.end)) return false;
  return g.cells.every((c) => c.start >= 0 && c.end <= text.length && c.start <= c.end && text.slice(c.start, c.end).replace(/[\t\n\r]+/g, ' ') === c.text);
}

export function matchGrids(grids: readonly TableGrid[], text: string, start = 0, end = Infinity): ReportTable[] {
  let budget = MAX_CELLS;
  const inBody = grids
    .filter((g) => g.end > start && g.start < end)
    .filter((g) => (budget -= g.cells.length) >= 0)
    .filter((g) => fitsText(g, text));
  if (inBody.length === 0) return [];
  const rows = gridRows(inBody);
  const out: ReportTable[] = [];
  const t2 = matchT2(rows);
  if (t2) out.push(t2);
  const t3 = matchT3(rows);
  if (t3) out.push(t3);
  const after = t3 ? rows.filter((r) => r.start >= t3.end) : rows;
  const t4 = matchT4(after);
  if (t4) out.push(t4);
  const t5 = matchT5(t4 ? rows.filter((r) => r.start >= t4.end) : after);
  if (t5) out.push(t5);
  return out;
}
