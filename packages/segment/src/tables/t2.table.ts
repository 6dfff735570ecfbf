/**
 * 表二 主动公开政府信息情况 (DOMAIN.md 2.1), 2019 or 2021 columns. It has no
 * internal identity, so a flattened run is split only when one cut fits the
 * column count (2021's single-value rows, "000"); otherwise the cells are
 * marked ambiguous with their candidates.
 */
import type { ReportTable } from '@gongkai/core';
import { findFirstOf, type CompactText } from '../text/compact.text.ts';
import type { SplitCheck } from './digits.split.ts';
import { scanNumbers, tabCells } from './numbers.scan.ts';
import { anchorRows, type RowSpec } from './rows.anchor.ts';
import { parseRow, placeRow } from './table-rows.parse.ts';

type Variant = '2019' | '2021';

const COLS: Record<Variant, Record<string, readonly string[]>> = {
  '2019': {
    rules: ['made', 'published', 'public_total'],
    normative_docs: ['made', 'published', 'public_total'],
    licensing: ['prev_items', 'delta', 'decisions'],
    other_services: ['prev_items', 'delta', 'decisions'],
    penalty: ['prev_items', 'delta', 'decisions'],
    coercion: ['prev_items', 'delta', 'decisions'],
    admin_fees: ['prev_items', 'delta'],
    procurement: ['projects', 'amount'],
  },
  '2021': {
    rules: ['issued', 'repealed', 'in_force'],
    normative_docs: ['issued', 'repealed', 'in_force'],
    licensing: ['decisions'],
    penalty: ['decisions'],
    coercion: ['decisions'],
    admin_fees: ['amount_wan_yuan'],
  },
};

const SPECS: RowSpec[] = [
  { id: 'rules', keys: ['规章'] },
  { id: 'normative_docs', keys: ['行政规范性文件', '规范性文件'] },
  { id: 'licensing', keys: ['行政许可'] },
  { id: 'other_services', keys: ['其他对外管理服务事项'], optional: true },
  { id: 'penalty', keys: ['行政处罚'] },
  { id: 'coercion', keys: ['行政强制'] },
  { id: 'admin_fees', keys: ['行政事业性收费'] },
  { id: 'procurement', keys: ['政府集中采购'], optional: true },
];

/** 本年新公开数量 ≤ 对外公开总数量 (2019 表二). */
const publishedWithinTotal: SplitCheck = (v) => v.length < 3 || v[1] === null || v[2] === null || (v[1] as number) <= (v[2] as number);

export function parseT2(text: string, c: CompactText, from: number, limit: number): ReportTable | null {
  const head = findFirstOf(c, ['第二十条第（一）项', '第二十条第(一)项', '第二十条'], from, limit);
  if (!head) return null;
  const headerEnd = Math.min(limit, head.start + 4000);
  const variant: Variant = findFirstOf(c, ['本年制发件数', '本年废止件数', '现行有效件数', '本年收费金额'], head.start, headerEnd) ? '2021' : '2019';
  const end = findFirstOf(c, ['收到和处理政府信息公开申请情况', '本年新收'], head.end, headerEnd)?.start ?? headerEnd;
  const rows = anchorRows(c, SPECS, head.end, end);
  if (rows.length < 3) return null;
  const table: ReportTable = { kind: 't2', variant, start: head.start, end: head.end, cells: [], unparsed: [] };
  for (const [i, r] of rows.entries()) {
    const cols = COLS[variant][r.spec.id];
    if (!cols) continue;
    const valuesEnd = i === rows.length - 1 ? boundedEnd(text, r.valuesStart, r.valuesEnd) : r.valuesEnd;
    const tokens = tabCells(text, r.valuesStart, r.valuesEnd, cols.length) ?? scanNumbers(text, r.valuesStart, valuesEnd, { signed: cols.includes('delta') });
    if (tokens.length === 0) continue;
    const check = r.spec.id === 'rules' || r.spec.id === 'normative_docs' ? publishedWithinTotal : undefined;
    placeRow(text, table, r.spec.id, cols, parseRow(tokens, cols.length, variant === '2019' ? check : undefined));
    table.end = Math.max(table.end, tokens[tokens.length - 1]?.end ?? 0);
  }
  // the procurement amount carries its unit (元 or 万元)
  for (const cell of table.cells) {
    if (cell.row !== 'procurement' || cell.col !== 'amount') continue;
    const unit = /^\s*(万元|元)/.exec(text.slice(cell.end, cell.end + 4));
    if (unit) cell.raw = `${cell.raw}${unit[1]}`;
  }
  return table;
}

/** The last row's numbers end at the first text that is not a number, unit or space. */
function boundedEnd(text: string, from: number, limit: number): number {
  const m = /^[\s\d.,/／—–+-]*(?:万元|元)?/.exec(text.slice(from, limit));
  return from + (m ? m[0].length : 0);
}
