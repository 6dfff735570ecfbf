/** TableCell and `unparsed` entries from grid cells (shared by the template matchers). */
import type { ReportTable, TableCell } from '@gongkai/core';
import { MAX_CELL_TEXT, rowText, type GridRow, type RowCell } from './grid.rows.ts';

/** A read cell: its number (null when empty or "/"), the text as printed, its offsets, how it was read. */
export function cellOf(c: RowCell, row: string, col: string, rowLabel: string, colLabel: string, value?: number | null): TableCell {
  const v = value !== undefined ? value : c.value.kind === 'number' ? c.value.value : null;
  return {
    how: 'structure', rowLabel: rowLabel.slice(0, MAX_CELL_TEXT), colLabel: colLabel.slice(0, MAX_CELL_TEXT), row, col, value: v,
    raw: c.cell.text.slice(0, MAX_CELL_TEXT), start: c.cell.start, end: c.cell.end,
  };
}

/** An `unparsed` entry naming a grid row and why it stays unread. */
export function unparsedRow(row: GridRow, reason: string): ReportTable['unparsed'][number] {
  return { raw: rowText(row).slice(0, 2 * MAX_CELL_TEXT), start: row.start, end: Math.max(row.start, row.end), reason };
}
