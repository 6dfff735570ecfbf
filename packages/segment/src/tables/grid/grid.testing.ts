/** Tests' grids: a grid over `text` whose rows are lines and whose cells are "\t"-separated fields (1×1 cells). */
import type { GridCell, TableGrid } from '@gongkai/core';

export function gridOf(text: string, source: TableGrid['source'] = 'markdown'): TableGrid {
  const cells: GridCell[] = [];
  let at = 0;
  let cols = 0;
  text.split('\n').forEach((line, row) => {
    let from = at;
    line.split('\t').forEach((field, col) => {
      cells.push({ row, col, rowSpan: 1, colSpan: 1, text: field, start: from, end: from + field.length });
      from += field.length + 1;
      cols = Math.max(cols, col + 1);
    });
    at += line.length + 1;
  });
  return { source, start: 0, end: text.length, rows: text.split('\n').length, cols, cells };
}
