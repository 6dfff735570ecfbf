/**
 * Gold cells → the tables of the national forms, laid out as the 国办
 * templates print them (DOMAIN.md 2.1–2.4): 表二 in blocks headed
 * 第二十条第（一）项…, 表三 with its three label columns (三、本年度办理结果
 * and the （三）/（四）/（五）/（六） group labels span their rows), 表四 with
 * its two header levels, the 2024+ table 五. The labels are the form's, not
 * the catalogue ids, so a reader must map them by meaning. A cell the gold
 * does not state prints empty; a row none of whose cells the gold states is
 * left out (as agencies without rule-making power leave out 规章).
 */
import { T3_COLUMNS, T4_COLUMNS, T4_GROUPS } from '@gongkai/core';
import type { GoldCells } from './gold.cells.ts';
import type { GridCell, GridTable } from './grid.types.ts';

export type FormVariant = '2019' | '2021';

const label = (text: string, span: { rowspan?: number; colspan?: number } = {}): GridCell => ({ text, label: true, ...span });

function valueText(v: number | undefined): string {
  if (v === undefined) return '';
  return Number.isInteger(v) ? String(v) : String(Math.round(v * 100) / 100);
}

const known = (g: GoldCells, key: string) => g.printed.has(key);
const cell = (g: GoldCells, key: string, span: { colspan?: number } = {}): GridCell => ({ text: valueText(g.printed.get(key)), ...span });

// ---------------------------------------------------------------- 表二
interface T2Block {
  head: string;
  cols: Array<{ id: string; label: string }>;
  rows: Array<{ id: string; label: string }>;
}

const T2_2019: T2Block[] = [
  { head: '第二十条第（一）项', cols: [{ id: 'made', label: '本年新制作数量' }, { id: 'published', label: '本年新公开数量' }, { id: 'public_total', label: '对外公开总数量' }],
    rows: [{ id: 'rules', label: '规章' }, { id: 'normative_docs', label: '规范性文件' }] },
  { head: '第二十条第（五）项', cols: [{ id: 'prev_items', label: '上一年项目数量' }, { id: 'delta', label: '本年增/减' }, { id: 'decisions', label: '处理决定数量' }],
    rows: [{ id: 'licensing', label: '行政许可' }, { id: 'other_services', label: '其他对外管理服务事项' }] },
  { head: '第二十条第（六）项', cols: [{ id: 'prev_items', label: '上一年项目数量' }, { id: 'delta', label: '本年增/减' }, { id: 'decisions', label: '处理决定数量' }],
    rows: [{ id: 'penalty', label: '行政处罚' }, { id: 'coercion', label: '行政强制' }] },
  { head: '第二十条第（八）项', cols: [{ id: 'prev_items', label: '上一年项目数量' }, { id: 'delta', label: '本年增/减' }],
    rows: [{ id: 'admin_fees', label: '行政事业性收费' }] },
  { head: '第二十条第（九）项', cols: [{ id: 'projects', label: '采购项目数量' }, { id: 'amount', label: '采购总金额（元）' }],
    rows: [{ id: 'procurement', label: '政府集中采购' }] },
];

const T2_2021: T2Block[] = [
  { head: '第二十条第（一）项', cols: [{ id: 'issued', label: '本年制发件数' }, { id: 'repealed', label: '本年废止件数' }, { id: 'in_force', label: '现行有效件数' }],
    rows: [{ id: 'rules', label: '规章' }, { id: 'normative_docs', label: '行政规范性文件' }] },
  { head: '第二十条第（五）项', cols: [{ id: 'decisions', label: '本年处理决定数量' }], rows: [{ id: 'licensing', label: '行政许可' }] },
  { head: '第二十条第（六）项', cols: [{ id: 'decisions', label: '本年处理决定数量' }], rows: [{ id: 'penalty', label: '行政处罚' }, { id: 'coercion', label: '行政强制' }] },
  { head: '第二十条第（八）项', cols: [{ id: 'amount_wan_yuan', label: '本年收费金额（单位：万元）' }], rows: [{ id: 'admin_fees', label: '行政事业性收费' }] },
];

export function t2Table(g: GoldCells, variant: FormVariant): GridTable | null {
  const rows: GridCell[][] = [];
  for (const b of variant === '2019' ? T2_2019 : T2_2021) {
    const printed = b.rows.filter((r) => b.cols.some((c) => known(g, `t2.${r.id}.${c.id}`)));
    if (printed.length === 0) continue;
    rows.push([label(b.head, { colspan: 4 })]);
    const last = 4 - b.cols.length; // the last column spans what is left of the 4
    rows.push([label('信息内容'), ...b.cols.map((c, i) => label(c.label, i === b.cols.length - 1 && last > 1 ? { colspan: last } : {}))]);
    for (const r of printed) {
      rows.push([label(r.label), ...b.cols.map((c, i) => cell(g, `t2.${r.id}.${c.id}`, i === b.cols.length - 1 && last > 1 ? { colspan: last } : {}))]);
    }
  }
  return rows.length ? { width: 4, headerRows: 0, rows } : null;
}

// ---------------------------------------------------------------- 表三
const T3_LABELS: Record<string, string> = {
  new_received: '一、本年新收政府信息公开申请数量',
  carried_over: '二、上年结转政府信息公开申请数量',
  granted: '（一）予以公开',
  partial: '（二）部分公开（区分处理的，只计这一情形，不计其他情形）',
  total: '（七）总计',
  carried_forward: '四、结转下年度继续办理',
};

const T3_GROUPS: Array<{ id: string; label: string; subs: Array<[string, string]> }> = [
  { id: 'refused', label: '（三）不予公开', subs: [
    ['state_secret', '1.属于国家秘密'], ['law_forbidden', '2.其他法律行政法规禁止公开'], ['three_safety_one_stability', '3.危及“三安全一稳定”'],
    ['third_party', '4.保护第三方合法权益'], ['internal_affairs', '5.属于三类内部事务信息'], ['process_info', '6.属于四类过程性信息'],
    ['enforcement_file', '7.属于行政执法案卷'], ['admin_query', '8.属于行政查询事项']] },
  { id: 'unable', label: '（四）无法提供', subs: [['not_held', '1.本机关不掌握相关政府信息'], ['needs_creation', '2.没有现成信息需要另行制作'], ['unclear_after_amend', '3.补正后申请内容仍不明确']] },
  { id: 'not_processed', label: '（五）不予处理', subs: [
    ['petition_complaint', '1.信访举报投诉类申请'], ['repeat', '2.重复申请'], ['publication', '3.要求提供公开出版物'],
    ['mass_repeat', '4.无正当理由大量反复申请'], ['confirm_or_reissue', '5.要求行政机关确认或重新出具已获取信息']] },
  { id: 'other', label: '（六）其他处理', subs: [
    ['no_amend_overdue', '1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请'],
    ['fee_unpaid', '2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请'], ['other', '3.其他']] },
];

const rowKnown = (g: GoldCells, row: string) => T3_COLUMNS.some((c) => known(g, `t3.${row}.${c.id}`));
/** A sub-row the gold only implies (its cells covered by a merged cell above, as some pages print （六）): label printed, cells empty. */
const rowImplied = (g: GoldCells, row: string) => T3_COLUMNS.some((c) => g.implied.has(`t3.${row}.${c.id}`));
const t3Values = (g: GoldCells, row: string, rowspan = 1): GridCell[] =>
  T3_COLUMNS.map((c) => ({ ...cell(g, `t3.${row}.${c.id}`), ...(rowspan > 1 ? { rowspan } : {}) }));
const impliedZero = (g: GoldCells, row: string) => !rowKnown(g, row) && T3_COLUMNS.every((c) => g.implied.get(`t3.${row}.${c.id}`) === 0);

interface OutcomeRow {
  labels: GridCell[];
  row: string;
  /** The row's figure cells span this many rows (a page that merges a sub-row's zeros down over the sub-rows below it). */
  valueSpan?: number;
  /** The figure cells are covered by the row above's merged cells. */
  covered?: boolean;
}

/**
 * The data rows of 三、本年度办理结果 with the group label spanning its
 * sub-rows. Sub-rows the gold only implies as 0 below a stated sub-row are
 * printed as the real page 97007 prints （六）: the stated row's figure cells
 * merged down over them (rowspan), their own labels kept.
 */
function outcomeRows(g: GoldCells): OutcomeRow[] {
  const out: OutcomeRow[] = [];
  if (rowKnown(g, 'granted')) out.push({ labels: [label(T3_LABELS['granted']!, { colspan: 2 })], row: 'granted' });
  if (rowKnown(g, 'partial')) out.push({ labels: [label(T3_LABELS['partial']!, { colspan: 2 })], row: 'partial' });
  for (const grp of T3_GROUPS) {
    const stated = grp.subs.some(([id]) => rowKnown(g, `${grp.id}.${id}`));
    const subs = stated ? grp.subs.filter(([id]) => rowKnown(g, `${grp.id}.${id}`) || rowImplied(g, `${grp.id}.${id}`)) : [];
    if (subs.length) {
      let anchor: OutcomeRow | undefined; // the stated sub-row whose figure cells merge down
      subs.forEach(([id, text], i) => {
        const row = `${grp.id}.${id}`;
        const labels = i === 0 ? [label(grp.label, { rowspan: subs.length }), label(text)] : [label(text)];
        if (anchor && impliedZero(g, row)) {
          anchor.valueSpan = (anchor.valueSpan ?? 1) + 1;
          out.push({ labels, row, covered: true });
          return;
        }
        const o: OutcomeRow = { labels, row };
        out.push(o);
        anchor = rowKnown(g, row) ? o : undefined;
      });
    } else if (rowKnown(g, `${grp.id}.sum`)) {
      out.push({ labels: [label(grp.label, { colspan: 2 })], row: `${grp.id}.sum` });
    }
  }
  if (rowKnown(g, 'total')) out.push({ labels: [label(T3_LABELS['total']!, { colspan: 2 })], row: 'total' });
  return out;
}

export function t3Table(g: GoldCells): GridTable | null {
  const outcome = outcomeRows(g);
  const body: GridCell[][] = [];
  for (const r of ['new_received', 'carried_over']) if (rowKnown(g, r)) body.push([label(T3_LABELS[r]!, { colspan: 3 }), ...t3Values(g, r)]);
  outcome.forEach((o, i) => body.push([
    ...(i === 0 ? [label('三、本年度办理结果', { rowspan: outcome.length })] : []),
    ...o.labels,
    ...(o.covered ? [] : t3Values(g, o.row, o.valueSpan)),
  ]));
  if (rowKnown(g, 'carried_forward')) body.push([label(T3_LABELS['carried_forward']!, { colspan: 3 }), ...t3Values(g, 'carried_forward')]);
  if (body.length === 0) return null;
  const head: GridCell[][] = [
    [label('（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）', { colspan: 3, rowspan: 3 }), label('申请人情况', { colspan: 7 })],
    [label('自然人', { rowspan: 2 }), label('法人或其他组织', { colspan: 5 }), label('总计', { rowspan: 2 })],
    T3_COLUMNS.slice(1, 6).map((c) => label(c.label)),
  ];
  return { width: 10, headerRows: 3, rows: [...head, ...body] };
}

// ---------------------------------------------------------------- 表四
export function t4Table(g: GoldCells): GridTable | null {
  if (!T4_GROUPS.some((grp) => T4_COLUMNS.some((c) => known(g, `t4.${grp.id}.${c.id}`)))) return null;
  return {
    width: 15,
    headerRows: 3,
    rows: [
      [label('行政复议', { colspan: 5 }), label('行政诉讼', { colspan: 10 })],
      [...T4_COLUMNS.map((c) => label(c.label, { rowspan: 2 })), label('未经复议直接起诉', { colspan: 5 }), label('复议后起诉', { colspan: 5 })],
      [...T4_COLUMNS.map((c) => label(c.label)), ...T4_COLUMNS.map((c) => label(c.label))],
      T4_GROUPS.flatMap((grp) => T4_COLUMNS.map((c) => cell(g, `t4.${grp.id}.${c.id}`))),
    ],
  };
}

// ---------------------------------------------------------------- 表五 (2024+)
export function t5Table(g: GoldCells): GridTable | null {
  const keys = ['t5.notified.count', 't5.notified.amount_yuan', 't5.collected.amount_yuan'];
  if (!keys.some((k) => known(g, k))) return null;
  return {
    width: 4,
    headerRows: 1,
    rows: [
      [label(''), label('通知收取件数'), label('通知收取金额（元）'), label('实际收取金额（元）')],
      [label('信息处理费收取情况'), ...keys.map((k) => cell(g, k))],
    ],
  };
}
