/**
 * 五、信息处理费收取情况 (2024+ reports, DOMAIN.md 2.4) read from grids: a
 * header 通知收取件数 | 通知收取金额（元）| 实际收取金额（元） and one row of
 * three values below it. Amounts are in 元 (converted when the header says
 * 万元).
 */
import type { ReportTable } from '@gongkai/core';
import { isTextRow, valueCells, type GridRow, type RowCell } from './grid.rows.ts';
import { matchLabel, specs } from './labels.match.ts';
import { cellOf, unparsedRow } from './table.cells.ts';
import { amountIn, fitValues, statedUnit } from './values.fit.ts';

const TARGETS = [
  { id: 'notified.count', row: 'notified', col: 'count', keys: ['通知收取件数', '收取件数'] },
  { id: 'notified.amount_yuan', row: 'notified', col: 'amount_yuan', keys: ['通知收取金额', '通知收费金额'] },
  { id: 'collected.amount_yuan', row: 'collected', col: 'amount_yuan', keys: ['实际收取金额', '实际收费金额'] },
] as const;
const COL_SPECS = specs(TARGETS.map((t) => ({ id: t.id, keys: t.keys })));

/** The t5 table from the rows of the grids, or null. */
export function matchT5(rows: readonly GridRow[]): ReportTable | null {
  const at = rows.findIndex((r) => isTextRow(r) && new Set(r.cells.map((c) => matchLabel(c.key, COL_SPECS)?.id).filter(Boolean)).size === 3);
  if (at < 0) return null;
  const header = rows[at] as GridRow;
  const cols = TARGETS.map((t) => header.cells.find((c) => matchLabel(c.key, COL_SPECS)?.id === t.id) as RowCell);
  const data = rows[at + 1];
  const table: ReportTable = { kind: 't5', variant: '2024', start: header.start, end: header.end, cells: [], unparsed: [] };
  if (!data || isTextRow(data)) return table.cells.length > 0 ? table : null;
  table.end = data.end;
  let cells: RowCell[] | null = null;
  if (data.grid === header.grid && data.source !== 'markdown' && data.source !== 'text') {
    const got = cols.map((h) => data.covering(h.cell.col));
    if (got.every((c): c is RowCell => c !== undefined && c.cell.row === data.index && c.value.kind !== 'text')) cells = got;
  }
  cells ??= fitValues(valueCells(data).values, 3);
  if (!cells) {
    table.unparsed.push(unparsedRow(data, '信息处理费: the value cells are not three'));
    return table;
  }
  cells.forEach((c, i) => {
    const t = TARGETS[i] as (typeof TARGETS)[number];
    const h = cols[i] as RowCell;
    let value: number | null = c.value.kind === 'number' && c.value.value >= 0 ? c.value.value : null;
    if (value !== null && t.col === 'amount_yuan') value = amountIn(value, c.value.kind === 'number' ? (c.value.unit ?? statedUnit(h.cell.text) ?? '元') : '元', '元');
    table.cells.push(cellOf(c, t.row, t.col, '信息处理费收取情况', h.cell.text, value));
  });
  return table;
}
