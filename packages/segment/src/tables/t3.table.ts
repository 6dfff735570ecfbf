/**
 * 表三 收到和处理政府信息公开申请情况 (DOMAIN.md 2.2): 23 (2019) or 25 (2021)
 * rows × 7 columns, recognized in tab-separated rows, PDF layout text or a
 * page flattened onto one line, and split under the table's identities.
 */
import { T3_COLUMNS, type ReportTable } from '@gongkai/core';
import type { CompactText } from '../text/compact.text.ts';
import { findFirstOf } from '../text/compact.text.ts';
import { sumRule } from './digits.split.ts';
import { endOfNumbers, scanNumbers, tabCells } from './numbers.scan.ts';
import { anchorRows, type RowSpec } from './rows.anchor.ts';
import { solveRows } from './solve/rows.solve.ts';
import { t3Identities } from './solve/t3.identities.ts';
import { parseRow, placeRow, plainRun, type RowParse } from './table-rows.parse.ts';
import { deriveSums } from './t3.sums.ts';

const COLS = T3_COLUMNS.map((c) => c.id);
const COL_LABELS = T3_COLUMNS.map((c) => c.label);

/** Rows in the order the table prints them (group labels before their sub-rows). */
const SPECS: RowSpec[] = [
  { id: 'new_received', keys: ['本年新收政府信息公开申请数量', '本年新收'] },
  { id: 'carried_over', keys: ['上年结转政府信息公开申请数量', '上年结转'] },
  { id: 'granted', keys: ['予以公开'] },
  { id: 'partial', keys: ['部分公开（区分处理的，只计这一情形，不计其他情形）', '部分公开(区分处理的,只计这一情形,不计其他情形)', '部分公开'] },
  { id: 'refused.sum', keys: ['不予公开'], optional: true },
  { id: 'refused.state_secret', keys: ['属于国家秘密', '国家秘密'] },
  { id: 'refused.law_forbidden', keys: ['其他法律行政法规禁止公开', '其他法律'] },
  { id: 'refused.three_safety_one_stability', keys: ['危及“三安全一稳定”', '危及"三安全一稳定"', '三安全一稳定'] },
  { id: 'refused.third_party', keys: ['保护第三方合法权益', '第三方合法权益'] },
  { id: 'refused.internal_affairs', keys: ['属于三类内部事务信息', '三类内部事务'] },
  { id: 'refused.process_info', keys: ['属于四类过程性信息', '四类过程性'] },
  { id: 'refused.enforcement_file', keys: ['属于行政执法案卷', '行政执法案卷'] },
  { id: 'refused.admin_query', keys: ['属于行政查询事项', '行政查询事项'] },
  { id: 'unable.sum', keys: ['无法提供'], optional: true },
  { id: 'unable.not_held', keys: ['本机关不掌握相关政府信息', '不掌握相关政府信息'] },
  { id: 'unable.needs_creation', keys: ['没有现成信息需要另行制作', '另行制作'] },
  { id: 'unable.unclear_after_amend', keys: ['补正后申请内容仍不明确', '仍不明确'] },
  { id: 'not_processed.sum', keys: ['不予处理'], optional: true },
  { id: 'not_processed.petition_complaint', keys: ['信访举报投诉类申请', '信访举报投诉'] },
  { id: 'not_processed.repeat', keys: ['重复申请'] },
  { id: 'not_processed.publication', keys: ['要求提供公开出版物', '公开出版物'] },
  { id: 'not_processed.mass_repeat', keys: ['无正当理由大量反复申请', '大量反复申请', '大量反复'] },
  { id: 'not_processed.confirm_or_reissue', keys: ['要求行政机关确认或重新出具已获取信息', '确认或重新出具', '确认或重新'] },
  { id: 'other.sum', keys: ['其他处理'], optional: true },
  { id: 'other.no_amend_overdue', keys: ['申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请', '申请人无正当理由逾期不补正', '逾期不补正'], optional: true },
  { id: 'other.fee_unpaid', keys: ['申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请', '申请人逾期未按收费通知', '缴纳费用'], optional: true },
  { id: 'other.other', keys: ['其他'], optional: true },
  { id: 'total', keys: ['总计'] },
  { id: 'carried_forward', keys: ['结转下年度继续办理', '结转下年度'] },
];

/** 表三 in text[from, limit), or null when its first rows are not there. */
export function parseT3(text: string, c: CompactText, from: number, limit: number): ReportTable | null {
  const first = findFirstOf(c, SPECS[0]?.keys ?? [], from, limit);
  if (!first) return null;
  const t4 = findFirstOf(c, ['行政复议'], first.end, limit);
  const end = t4 ? t4.start : Math.min(limit, first.start + 8000);
  const rows = anchorRows(c, SPECS, first.start, end);
  if (rows.length < 10) return null;
  const parses = new Map<string, RowParse>();
  const labels = new Map<string, string>();
  let tableEnd = first.end;
  for (const [i, r] of rows.entries()) {
    const vEnd = i === rows.length - 1 ? endOfNumbers(text, r.valuesStart, r.valuesEnd) : r.valuesEnd;
    const tokens = tabCells(text, r.valuesStart, r.valuesEnd, COLS.length) ?? scanNumbers(text, r.valuesStart, vEnd);
    tableEnd = Math.max(tableEnd, tokens.length > 0 ? (tokens[tokens.length - 1]?.end ?? 0) : r.label.end);
    if (tokens.length === 0) continue;
    parses.set(r.spec.id, parseRow(tokens, COLS.length, sumRule(0, 6), { loose: plainRun(text, tokens) }));
    labels.set(r.spec.id, text.slice(r.label.start, r.label.end));
  }
  const variant = rows.some((r) => r.spec.id === 'other.no_amend_overdue' || r.spec.id === 'other.fee_unpaid') ? '2021' : '2019';
  solveRows(parses, t3Identities(new Set(parses.keys()), variant, COLS.length));
  // the table starts with its first row's number (一、本年新收…)
  const lead = /[一1]\s*[、.．]\s*$/.exec(text.slice(Math.max(0, first.start - 6), first.start));
  const start = lead ? first.start - lead[0].length : first.start;
  const table: ReportTable = { kind: 't3', variant, start, end: tableEnd, cells: [], unparsed: [] };
  for (const [id, p] of parses) placeRow(text, table, id, COLS, p, { rowLabel: labels.get(id) ?? id, colLabels: COL_LABELS });
  for (const spec of SPECS) {
    if (!spec.optional && !rows.some((r) => r.spec.id === spec.id)) {
      table.unparsed.push({ raw: '', start: first.start, end: tableEnd, reason: `${spec.id}: row label not found` });
    }
  }
  deriveSums(table, variant);
  return table;
}
