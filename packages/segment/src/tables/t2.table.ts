/**
 * 表二 主动公开政府信息情况 (DOMAIN.md 2.1), 2019 or 2021 columns. It has no
 * internal identity, so a flattened run is split only when one cut fits the
 * column count (2021's single-value rows, "000"); otherwise the cells are
 * marked ambiguous with their candidates.
 */
import type { ReportTable } from '@gongkai/core';
import { findFirstOf, type CompactText } from '../text/compact.text.ts';
import { allOf, type SplitCheck } from './digits.split.ts';
import { scanNumbers, tabCells, type NumToken } from './numbers.scan.ts';
import { anchorRows, type RowSpec } from './rows.anchor.ts';
import { parseRow, placeRow, rowRaw, type RowParse } from './table-rows.parse.ts';
import { T2_COL_LABELS, T2_COLS, type T2Variant } from './t2.form.ts';

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
/** 上一年项目数量 + 本年增/减 = this year's items, never below zero (2019 表二). */
const itemsStayNonNegative: SplitCheck = (v) => v.length < 2 || v[0] === null || v[1] === null || (v[0] as number) + (v[1] as number) >= 0;
/** Counts are whole numbers: only the last cell of 政府集中采购 (the amount) and 行政事业性收费 (万元) may carry decimals. */
function wholeBefore(last: number): SplitCheck {
  return (v) => v.every((x, i) => i >= last || x === null || Number.isInteger(x));
}

/** Only 本年增/减 may be negative. */
function nonNegativeBut(delta: number): SplitCheck {
  return (v) => v.every((x, i) => i === delta || x === null || x >= 0);
}

function checkFor(variant: T2Variant, row: string, cols: readonly string[]): SplitCheck {
  const whole = allOf(wholeBefore(row === 'procurement' || row === 'admin_fees' && variant === '2021' ? cols.length - 1 : cols.length), nonNegativeBut(cols.indexOf('delta')));
  if (variant === '2019' && (row === 'rules' || row === 'normative_docs')) return allOf(whole, publishedWithinTotal);
  if (cols[0] === 'prev_items') return allOf(whole, itemsStayNonNegative);
  return whole;
}

export function parseT2(text: string, c: CompactText, from: number, limit: number): ReportTable | null {
  const head = findFirstOf(c, ['第二十条第（一）项', '第二十条第(一)项', '第二十条'], from, limit);
  if (!head) return null;
  const headerEnd = Math.min(limit, head.start + 4000);
  const variant: T2Variant = findFirstOf(c, ['本年制发件数', '本年废止件数', '现行有效件数', '本年收费金额'], head.start, headerEnd) ? '2021' : '2019';
  const end = findFirstOf(c, ['收到和处理政府信息公开申请情况', '本年新收'], head.end, headerEnd)?.start ?? headerEnd;
  const rows = anchorRows(c, SPECS, head.end, end);
  if (rows.length < 3) return null;
  const table: ReportTable = { kind: 't2', variant, start: head.start, end: head.end, cells: [], unparsed: [] };
  for (const [i, r] of rows.entries()) {
    const cols = T2_COLS[variant][r.spec.id];
    if (!cols) continue;
    const valuesEnd = i === rows.length - 1 ? boundedEnd(text, r.valuesStart, r.valuesEnd) : r.valuesEnd;
    const tabbed = tabCells(text, r.valuesStart, r.valuesEnd, cols.length);
    const tokens = tabbed ?? scanNumbers(text, r.valuesStart, valuesEnd, { signed: cols.includes('delta') });
    if (tokens.length === 0) continue;
    const delta = cols.indexOf('delta');
    const check = checkFor(variant, r.spec.id, cols);
    const parse = tabbed || delta < 0 ? parseRow(tokens, cols.length, check) : deltaRow(tokens, cols.length, check, delta);
    if (r.spec.id === 'admin_fees' && variant === '2021' && /^\s*元/.test(text.slice(tokens[tokens.length - 1]?.end ?? 0))) {
      // a figure in 元 where the form asks for 万元 is not this cell (it was once a 政府集中采购 amount)
      table.unparsed.push({ ...rowRaw(text, tokens), reason: 'admin_fees: the figure is in 元, the form asks for 万元' });
      continue;
    }
    placeRow(text, table, r.spec.id, cols, parse, { rowLabel: text.slice(r.label.start, r.label.end), colLabels: cols.map((c) => T2_COL_LABELS[c] ?? c) });
    table.end = Math.max(table.end, tokens[tokens.length - 1]?.end ?? 0);
  }
  // the procurement amount carries its unit (元 or 万元): after the figure, else in the column header (采购总金额（万元）)
  const procurement = rows.find((r) => r.spec.id === 'procurement');
  const headerUnit = procurement ? /采购总?金额\s*[（(]\s*(?:单位\s*[:：]\s*)?(万元|元)\s*[)）]/.exec(text.slice(Math.max(head.start, procurement.label.start - 200), procurement.label.start)) : null;
  const amount = table.cells.find((cell) => cell.row === 'procurement' && cell.col === 'amount');
  const unit = amount ? /^\s*(万元|元)/.exec(text.slice(amount.end, amount.end + 4)) : null;
  if (amount && unit) table.end = Math.max(table.end, amount.end + unit[0].length);
  const suffix = unit?.[1] ?? headerUnit?.[1];
  // an unsplit run keeps one raw text for all its cells (extract groups them by it)
  for (const cell of table.cells) {
    if (suffix && cell.row === 'procurement' && (cell === amount || (cell.ambiguous && amount?.ambiguous))) cell.raw = `${cell.raw}${suffix}`;
  }
  return table;
}

/**
 * A flattened 2019 row with a 本年增/减 column. That cell may be left empty
 * (no trace in the run) or hold a dash for "none" ("88-720" is 88 | -72 | 0
 * or 88 | -7 | 20, but also 88 | - | 720), so every reading is enumerated
 * and a value is read only where they all agree.
 */
function deltaRow(tokens: NumToken[], count: number, check: SplitCheck, delta: number): RowParse {
  const signed = parseRow(tokens, count, check, { blankable: [delta] });
  if (!tokens.some((t) => t.text.startsWith('-') && t.text.length > 1)) return signed;
  const dashed = tokens.flatMap((t): NumToken[] => (t.text.startsWith('-') && t.text.length > 1
    ? [{ text: '-', start: t.start, end: t.start + 1, empty: true }, { text: t.text.slice(1), start: t.start + 1, end: t.end }]
    : [t]));
  const alt = parseRow(dashed, count, check, { blankable: [delta] });
  const altOk = alt.solutions.filter((s) => check(s.map((p) => p.value)));
  const seen = new Set<string>();
  const solutions = [...signed.solutions, ...altOk].filter((s) => {
    const k = s.map((p) => String(p.value)).join('|');
    return seen.has(k) ? false : (seen.add(k), true);
  });
  const direct = solutions.length === 1 && (altOk.length === 0 ? signed.direct : signed.solutions.length === 0 && alt.direct);
  return { solutions, tokens, direct, complete: signed.complete && alt.complete };
}

/** The last row's numbers end at the first text that is not a number, unit or space (政府集中采购1个246900元: a count unit may stand between). */
function boundedEnd(text: string, from: number, limit: number): number {
  const m = /^[\s\d.,/／—–+-]*(?:(?:个|项|批次|批)[\s\d.,]*)?(?:万元|元)?/.exec(text.slice(from, limit));
  return from + (m ? m[0].length : 0);
}
