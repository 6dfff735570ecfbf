/**
 * Decode's grids as rows the template matchers can read: every row of every
 * grid in reading order, with the cells that start in it (label or value)
 * and, for each column, the cell covering it (a merged cell from a row
 * above covers the rows below it).
 *
 * Bounded work: cells longer than MAX_CELL_TEXT characters are never
 * numbers and only their first MAX_CELL_TEXT characters are read as a label.
 */
import type { GridCell, TableGrid } from '@gongkai/core';

/** Longest cell text read as a label; a longer cell (a 1 MB blob) is junk and never matches. */
export const MAX_CELL_TEXT = 300;

export type CellValue =
  | { kind: 'number'; value: number; unit?: '元' | '万元' }
  | { kind: 'empty' }
  | { kind: 'text' };

export interface RowCell {
  cell: GridCell;
  /** The text without whitespace, quotes unified, half-width parentheses made full-width (for label matching). */
  key: string;
  value: CellValue;
}

export interface GridRow {
  /** Index of the grid in the input list, and of the row in its grid. */
  grid: number;
  index: number;
  source: TableGrid['source'];
  /** Cells starting in this row, by column. */
  cells: RowCell[];
  /** The cell covering column `col` in this row (its own, or a merged cell from above). */
  covering: (col: number) => RowCell | undefined;
  start: number;
  end: number;
}

/** Label text made comparable: no whitespace, （）“” in one form. */
export function labelKey(text: string): string {
  return text
    .slice(0, MAX_CELL_TEXT)
    .replace(/[\s\u00a0\u3000\u200b]+/g, '')
    .replace(/\(/g, '（')
    .replace(/\)/g, '）')
    .replace(/["“”„‟＂'‘’]/g, '"');
}

const EMPTY = /^(?:[/／\\—–\-－_]+|无|空|\.)?$/;
const NUMBER = /^([+＋\-－]?)(\d+(?:\.\d+)?)$/;

/**
 * A cell's value: a number (with a sign, thousands separators, a unit 件/个/项/元/万元
 * or 增加/减少 as 表二's 本年增/减 writes it), an empty-cell marker, or text.
 */
export function cellValue(text: string): CellValue {
  if (text.length > 40) return { kind: 'text' };
  let s = text.replace(/[\s\u00a0\u3000,，]/g, '');
  if (EMPTY.test(s)) return { kind: 'empty' };
  let unit: '元' | '万元' | undefined;
  const u = /(万元|元)$/.exec(s);
  if (u) {
    unit = u[1] as '元' | '万元';
    s = s.slice(0, -unit.length);
  } else s = s.replace(/[件个项条次]$/, '');
  let sign = 1;
  const word = /^(增加|新增|增|减少|减)/.exec(s);
  if (word) {
    sign = (word[1] as string).startsWith('减') ? -1 : 1;
    s = s.slice((word[1] as string).length);
  }
  const m = NUMBER.exec(s);
  if (!m) return { kind: 'text' };
  if (m[1] === '-' || m[1] === '－') sign = -sign;
  const value = sign * Number(m[2]);
  if (!Number.isFinite(value)) return { kind: 'text' };
  return unit ? { kind: 'number', value, unit } : { kind: 'number', value };
}

/** Rows of all grids, in reading order. */
export function gridRows(grids: readonly TableGrid[]): GridRow[] {
  const out: GridRow[] = [];
  grids.forEach((g, gi) => {
    const byRow: RowCell[][] = Array.from({ length: g.rows }, () => []);
    const cover: Array<Array<RowCell | undefined>> = Array.from({ length: g.rows }, () => []);
    for (const cell of g.cells) {
      const rc: RowCell = { cell, key: labelKey(cell.text), value: cellValue(cell.text) };
      byRow[cell.row]?.push(rc);
      for (let r = cell.row; r < Math.min(g.rows, cell.row + cell.rowSpan); r++) {
        const line = cover[r] as Array<RowCell | undefined>;
        for (let c = cell.col; c < Math.min(g.cols, cell.col + cell.colSpan); c++) line[c] = rc;
      }
    }
    byRow.forEach((cells, r) => {
      cells.sort((a, b) => a.cell.col - b.cell.col);
      const filled = cells.filter((c) => c.cell.end > c.cell.start);
      const line = cover[r] as Array<RowCell | undefined>;
      out.push({
        grid: gi, index: r, source: g.source, cells,
        covering: (col) => line[col],
        start: filled[0]?.cell.start ?? g.start,
        end: filled[filled.length - 1]?.cell.end ?? g.start,
      });
    });
  });
  return out;
}

/** A row's text as written (cells joined by " | "), for `unparsed`. */
export function rowText(row: GridRow): string {
  return row.cells.map((c) => c.cell.text.slice(0, MAX_CELL_TEXT)).join(' | ');
}

/** True when the row has no number in it (a header, a section or label-only row). */
export function isTextRow(row: GridRow): boolean {
  return !row.cells.some((c) => c.value.kind === 'number');
}

/** Cells from the first value cell on: everything after the row's labels (empty cells included). */
export function valueCells(row: GridRow): { labels: RowCell[]; values: RowCell[] } {
  let last = -1;
  row.cells.forEach((c, i) => {
    if (c.value.kind === 'text') last = i;
  });
  return { labels: row.cells.slice(0, last + 1), values: row.cells.slice(last + 1) };
}
