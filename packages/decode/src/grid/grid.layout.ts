/**
 * The table layout algorithm shared by every format: rows of cells, each
 * with its row/column span, get their positions in the expanded grid (a cell
 * skips the positions taken by merged cells of rows above, as browsers lay
 * out HTML tables). Cells carry ranges in some coordinate system (HTML
 * source offsets, extracted-text offsets); `grids.place.ts` turns them into
 * offsets of the normalized text.
 *
 * Bounded work: a table wider than MAX_GRID_COLS or longer than
 * MAX_GRID_ROWS is not laid out (it is no report table; its text stays as
 * tab-separated rows), spans are clamped to those limits, so laying out a
 * table costs at most MAX_GRID_ROWS × MAX_GRID_COLS steps.
 */
import type { GridSource } from '@gongkai/core';

/** Widest grid laid out (the national forms have at most 16 columns; 10,000-column junk is refused). */
export const MAX_GRID_COLS = 100;
/** Longest grid laid out. */
export const MAX_GRID_ROWS = 2000;

/** A cell as a format reader sees it: spans and the range of its text. */
export interface RawCell {
  rowSpan: number;
  colSpan: number;
  /** [from, to) of the cell's content in the reader's coordinates. */
  from: number;
  to: number;
}

/** A laid-out cell in the reader's coordinates. */
export interface SourceCell extends RawCell {
  row: number;
  col: number;
}

export interface SourceGrid {
  source: GridSource;
  rows: number;
  cols: number;
  cells: SourceCell[];
}

/** Why a table got no grid (for the decode warnings). */
export class GridRefused extends Error {}

const clamp = (n: number, max: number): number => (Number.isFinite(n) && n >= 1 ? Math.min(Math.floor(n), max) : 1);

/** Lays out rows of cells; throws GridRefused when the table is over the bounds. */
export function layoutGrid(rows: readonly RawCell[][], source: GridSource): SourceGrid {
  if (rows.length > MAX_GRID_ROWS) throw new GridRefused(`a table of ${rows.length} rows (over ${MAX_GRID_ROWS}) was kept as text only`);
  const taken: Uint8Array[] = [];
  const takenRow = (r: number): Uint8Array => (taken[r] ??= new Uint8Array(MAX_GRID_COLS));
  const cells: SourceCell[] = [];
  let cols = 0;
  let height = rows.length;
  rows.forEach((row, r) => {
    let c = 0;
    for (const raw of row) {
      const line = takenRow(r);
      while (c < MAX_GRID_COLS && line[c] === 1) c++;
      const colSpan = clamp(raw.colSpan, MAX_GRID_COLS);
      if (c + colSpan > MAX_GRID_COLS) throw new GridRefused(`a table wider than ${MAX_GRID_COLS} columns was kept as text only`);
      // a rowspan never reaches past the table's last row (HTML rowspan="0" / huge values)
      const rowSpan = Math.min(clamp(raw.rowSpan, MAX_GRID_ROWS), rows.length - r);
      for (let dr = 0; dr < rowSpan; dr++) takenRow(r + dr).fill(1, c, c + colSpan);
      cells.push({ ...raw, row: r, col: c, rowSpan, colSpan });
      c += colSpan;
      cols = Math.max(cols, c);
    }
  });
  // rows taken only by spans from above still count (a trailing rowspan)
  height = Math.max(height, taken.length);
  return { source, rows: height, cols, cells };
}

/** Lays out a table into `grids`, or records in `refused` why it stays text only (the one catch every reader shares). */
export function pushLayout(grids: SourceGrid[], refused: string[], rows: readonly RawCell[][], source: GridSource): void {
  try {
    grids.push(layoutGrid(rows, source));
  } catch (e) {
    if (!(e instanceof GridRefused)) throw e;
    refused.push(e.message);
  }
}
