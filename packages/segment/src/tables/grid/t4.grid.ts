/**
 * 表四 政府信息公开行政复议、行政诉讼情况 read from grids (DOMAIN.md 2.3):
 * under a header with 结果维持 / 结果纠正 / 尚未审结, fifteen value cells in
 * three groups of five (行政复议, 未经复议直接起诉, 复议后起诉). Where the
 * grid keeps positions, the values are read under the header's fifteen leaf
 * columns; otherwise the value cells of the rows below the header are taken
 * in order (a row broken over lines continues), and kept only when there are
 * exactly fifteen and — when read by order from Markdown or plain text —
 * every group's 总计 equals its four other cells.
 */
import { T4_COLUMNS, T4_GROUPS, type ReportTable } from '@gongkai/core';
import { isTextRow, valueCells, type GridRow, type RowCell } from './grid.rows.ts';
import { cellOf, unparsedRow } from './table.cells.ts';
import { fitValues } from './values.fit.ts';

const LEAF = /^(?:结果)?(?:维持|纠正)$|^其他(?:结果)?$|^尚未审结$|^总计$|^合计$/;
const TARGETS = T4_GROUPS.flatMap((g) => T4_COLUMNS.map((c) => ({ row: g.id, col: c.id, rowLabel: g.label, colLabel: c.label })));

export function isT4Header(row: GridRow): boolean {
  const all = row.cells.map((c) => c.key).join('');
  return isTextRow(row) && /维持/.test(all) && /纠正/.test(all) && /审结|尚未/.test(all);
}

/** Fifteen leaf columns of the header rows (结果维持 … 总计 ×3, over one or two rows), in order, when the grid keeps them. */
function leafColumns(header: readonly GridRow[]): number[] | null {
  const cols = new Set(header.flatMap((r) => r.cells.filter((c) => LEAF.test(c.key) && c.cell.colSpan === 1).map((c) => c.cell.col)));
  return cols.size === 15 ? [...cols].sort((a, b) => a - b) : null;
}

const groupSumsHold = (v: Array<number | null>) =>
  [0, 5, 10].every((g) => {
    const part = v.slice(g, g + 5);
    return part.some((x) => x === null) || (part[0] as number) + (part[1] as number) + (part[2] as number) + (part[3] as number) === part[4];
  });

/** 表四 from the rows of the grids, or null. */
export function matchT4(rows: readonly GridRow[]): ReportTable | null {
  const at = rows.findIndex(isT4Header);
  if (at < 0) return null;
  const header = rows[at] as GridRow;
  const table: ReportTable = { kind: 't4', variant: 'uniform', start: header.start, end: header.end, cells: [], unparsed: [] };
  const data = rows.slice(at + 1).find((r) => !isTextRow(r));
  if (!data) return null;
  const leaves = leafColumns(rows.slice(at, rows.indexOf(data)).filter((r) => r.grid === data.grid));
  let cells: RowCell[] | null = null;
  let byOrder = false;
  if (leaves && data.grid === header.grid && data.source !== 'markdown' && data.source !== 'text') {
    const got = leaves.map((c) => data.covering(c));
    if (got.every((c): c is RowCell => c !== undefined && c.cell.row === data.index && c.value.kind !== 'text')) cells = got;
  }
  const used: GridRow[] = [data];
  if (!cells) {
    byOrder = true;
    const values: RowCell[] = [];
    for (const r of rows.slice(rows.indexOf(data))) {
      if (isT4Header(r)) continue;
      const v = valueCells(r);
      // the continuation of a broken row has no label of its own
      if (r !== data && (v.labels.length > 0 || values.length >= 15)) break;
      values.push(...v.values);
      if (r !== data) used.push(r);
    }
    cells = fitValues(values, 15);
  }
  const end = Math.max(...used.map((r) => r.end));
  if (!cells) {
    for (const r of used) table.unparsed.push(unparsedRow(r, '表四: the value cells are not fifteen'));
    table.end = end;
    return table;
  }
  const values = cells.map((c) => (c.value.kind === 'number' && c.value.value >= 0 ? c.value.value : null));
  if (byOrder && (data.source === 'markdown' || data.source === 'text') && !groupSumsHold(values)) {
    for (const r of used) table.unparsed.push(unparsedRow(r, '表四 read by order: a group 总计 ≠ its four cells, so the cells may be shifted'));
    table.end = end;
    return table;
  }
  cells.forEach((c, i) => {
    const t = TARGETS[i] as (typeof TARGETS)[number];
    table.cells.push(cellOf(c, t.row, t.col, t.rowLabel, t.colLabel, values[i] ?? null));
  });
  table.end = end;
  return table;
}
