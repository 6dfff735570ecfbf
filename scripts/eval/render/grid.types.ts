/**
 * A report rebuilt from its gold cells, before it is rendered to a format:
 * a title, section headings, short prose, and tables as the national forms
 * print them (merged header and label cells as row/col spans).
 */

/** One printed cell; cells covered by another cell's span are not listed (HTML's model). */
export interface GridCell {
  text: string;
  rowspan?: number;
  colspan?: number;
  /** A label or header cell (not a figure). */
  label?: boolean;
}

export interface GridTable {
  /** Columns of the full grid (spans included). */
  width: number;
  /** Rows before this index are the table's header (repeated after a page break). */
  headerRows: number;
  rows: GridCell[][];
}

export type ModelBlock =
  | { kind: 'title'; text: string }
  | { kind: 'h'; text: string }
  | { kind: 'p'; text: string }
  | { kind: 'table'; table: GridTable };

export interface ReportModel {
  title: string;
  blocks: ModelBlock[];
}

/**
 * The grid with spans expanded: `slots[r][c]` is the cell that covers row r,
 * column c and whether (r, c) is its top-left corner.
 */
export function expandGrid(t: GridTable): Array<Array<{ cell: GridCell; origin: boolean; originRow: number; originCol: number } | null>> {
  const slots: Array<Array<{ cell: GridCell; origin: boolean; originRow: number; originCol: number } | null>> =
    t.rows.map(() => new Array<null>(t.width).fill(null));
  t.rows.forEach((row, r) => {
    let c = 0;
    for (const cell of row) {
      while (c < t.width && slots[r]![c]) c++;
      const rs = cell.rowspan ?? 1;
      const cs = cell.colspan ?? 1;
      for (let dr = 0; dr < rs && r + dr < t.rows.length; dr++) {
        for (let dc = 0; dc < cs && c + dc < t.width; dc++) {
          slots[r + dr]![c + dc] = { cell, origin: dr === 0 && dc === 0, originRow: r, originCol: c };
        }
      }
      c += cs;
    }
  });
  return slots;
}
