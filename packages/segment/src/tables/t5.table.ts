/**
 * 五、信息处理费收取情况 (DOMAIN.md 2.4), the table some 2024+ reports add
 * after 表四: one data row of three cells, 通知收取件数 | 通知收取金额（元）|
 * 实际收取金额（元）. Flattened it reads "…实际收取金额（元）信息处理费收取情况000"
 * (the row repeats the table's name as its label). The amounts are in 元,
 * never the 万元 of 表二's 行政事业性收费.
 */
import type { ReportTable } from '@gongkai/core';
import { findFirstOf, type CompactText } from '../text/compact.text.ts';
import type { SplitCheck } from './digits.split.ts';
import { endOfNumbers, scanNumbers, tabCells } from './numbers.scan.ts';
import { parseRow, placeRow } from './table-rows.parse.ts';

const COLS = ['notified.count', 'notified.amount_yuan', 'collected.amount_yuan'] as const;
const COL_LABELS = ['通知收取件数', '通知收取金额（元）', '实际收取金额（元）'];

/** The count is a whole number; amounts may carry fen. */
const wholeCount: SplitCheck = (v) => v[0] === undefined || v[0] === null || Number.isInteger(v[0]);

/** 表五 in text[from, limit), or null when its header is not there. */
export function parseT5(text: string, c: CompactText, from: number, limit: number): ReportTable | null {
  const head = findFirstOf(c, ['通知收取件数'], from, limit);
  if (!head) return null;
  const last = findFirstOf(c, ['实际收取金额（元）', '实际收取金额(元)', '实际收取金额'], head.end, Math.min(limit, head.end + 200));
  if (!last) return null;
  // the data row's label (信息处理费收取情况, or 本年度) may stand between the header and the figures
  const label = findFirstOf(c, ['信息处理费收取情况', '收取情况'], last.end, Math.min(limit, last.end + 40));
  const valuesStart = label ? label.end : last.end;
  const valuesEnd = endOfNumbers(text, valuesStart, Math.min(limit, valuesStart + 200));
  const tokens = tabCells(text, valuesStart, Math.min(limit, valuesStart + 200), COLS.length) ?? scanNumbers(text, valuesStart, valuesEnd);
  // the heading above (五、信息处理费收取情况) is part of the table when it is there
  const title = findFirstOf(c, ['信息处理费收取情况'], Math.max(from, head.start - 40), head.start);
  const table: ReportTable = { kind: 't5', variant: '2024', start: title ? title.start : head.start, end: last.end, cells: [], unparsed: [] };
  if (tokens.length === 0) return table;
  placeRow(text, table, 'fees', [...COLS], parseRow(tokens, COLS.length, wholeCount), {
    rowLabel: label ? text.slice(label.start, label.end) : '信息处理费收取情况', colLabels: COL_LABELS,
  });
  // cells are keyed t5.<col>: notified.count, notified.amount_yuan, collected.amount_yuan (catalogue.ts)
  table.cells = table.cells.map((cell) => {
    const [row, col] = cell.col.split('.') as [string, string];
    return { ...cell, row, col };
  });
  table.end = Math.max(table.end, tokens[tokens.length - 1]?.end ?? 0);
  return table;
}
