/**
 * 表三's identities (DOMAIN.md 2.2), per column and per row, on the cells the
 * segment stage placed: balance, total = Σ outcomes, group sums = Σ sub-rows,
 * row total = Σ applicant columns. An identity touching an absent, blank or
 * ambiguous cell is not checked (TABLE_UNREAD / EMPTY_OR_SLASH say so).
 */
import { T3_COLUMNS, T3_ROWS, type Finding } from '@gongkai/core';
import { finding, type RuleContext } from '../validate.context.ts';
import { cellEvidence, cellValue, round6, sumKnown, type Known } from './table-cells.helpers.ts';

const GROUPS = ['refused', 'unable', 'not_processed', 'other'] as const;
const GROUP_LABEL: Record<(typeof GROUPS)[number], string> = {
  refused: '（三）不予公开', unable: '（四）无法提供', not_processed: '（五）不予处理', other: '（六）其他处理',
};
const OUTCOME_ROWS = ['granted', 'partial', 'refused.sum', 'unable.sum', 'not_processed.sum', 'other.sum'] as const;
const COL_LABEL = new Map<string, string>(T3_COLUMNS.map((c) => [c.id, c.label]));
const ROW_LABEL = new Map<string, string>(T3_ROWS.map((r) => [r.id, r.label]));

function subRows(ctx: RuleContext, group: (typeof GROUPS)[number]): string[] {
  // 2019's （六）其他处理 is a single row without sub-rows.
  if (group === 'other' && ctx.variant === '2019') return [];
  return T3_ROWS.filter((r) => r.id.startsWith(`${group}.`) && r.id !== `${group}.sum`).map((r) => r.id);
}

/** A group's sum for a column: the stated sum row, else Σ of its sub-rows (reports sometimes omit the sum row). */
function groupSum(ctx: RuleContext, group: (typeof GROUPS)[number], col: string): Known | null {
  const stated = cellValue(ctx, `t3.${group}.sum.${col}`);
  if (stated !== undefined) return stated;
  const subs = subRows(ctx, group);
  if (subs.length === 0) return null;
  const s = sumKnown(ctx, subs.map((r) => `t3.${r}.${col}`));
  return s && { ...s, computed: true };
}

function checkColumn(ctx: RuleContext, col: string, out: Finding[]): void {
  const colName = COL_LABEL.get(col) ?? col;
  const v = (row: string) => cellValue(ctx, `t3.${row}.${col}`);
  const nr = v('new_received'), co = v('carried_over'), tot = v('total'), cf = v('carried_forward');
  if (nr && co && tot && cf) {
    const left = nr.value + co.value, right = tot.value + cf.value;
    if (round6(left) !== round6(right)) {
      out.push(finding('T3_BALANCE',
        `表三 ${colName}: 本年新收 ${nr.value} + 上年结转 ${co.value} = ${round6(left)}, but 总计 ${tot.value} + 结转下年度 ${cf.value} = ${round6(right)}.`,
        cellEvidence(ctx, [...nr.cells, ...co.cells, ...tot.cells, ...cf.cells]), { column: col, left: round6(left), right: round6(right) }));
    }
  }
  for (const g of GROUPS) {
    const stated = v(`${g}.sum`);
    const subs = subRows(ctx, g);
    if (!stated || subs.length === 0 || stated.cells.some((c) => c.derived)) continue;
    const s = sumKnown(ctx, subs.map((r) => `t3.${r}.${col}`));
    if (s && round6(s.value) !== round6(stated.value)) {
      out.push(finding('T3_SUBSUMS', `表三 ${colName}: ${GROUP_LABEL[g]} is ${stated.value} but its sub-rows add up to ${round6(s.value)}.`,
        cellEvidence(ctx, [...stated.cells, ...s.cells]), { column: col, group: g, stated: stated.value, sum: round6(s.value) }));
    }
  }
  if (!tot) return;
  const parts: Known[] = [];
  for (const row of OUTCOME_ROWS) {
    const [group] = row.split('.') as [string];
    const k = row.endsWith('.sum') ? groupSum(ctx, group as (typeof GROUPS)[number], col) : v(row);
    if (!k) return;
    parts.push(k);
  }
  const sum = round6(parts.reduce((s, p) => s + p.value, 0));
  if (sum !== round6(tot.value)) {
    out.push(finding('T3_TOTAL_SUM', `表三 ${colName}: （七）总计 is ${tot.value} but the six outcomes add up to ${sum} (${parts.map((p) => p.value).join('+')}).`,
      cellEvidence(ctx, [...tot.cells, ...parts.flatMap((p) => p.cells)]), { column: col, total: tot.value, sum }));
  }
}

function checkRow(ctx: RuleContext, row: string, out: Finding[]): void {
  const tot = cellValue(ctx, `t3.${row}.total`);
  if (!tot) return;
  const parts = T3_COLUMNS.filter((c) => c.id !== 'total').map((c) => `t3.${row}.${c.id}`);
  const s = sumKnown(ctx, parts);
  if (!s || round6(s.value) === round6(tot.value)) return;
  out.push(finding('T3_ROW_SUM', `表三 row ${ROW_LABEL.get(row) ?? row}: 总计 is ${tot.value} but 自然人 + 法人或其他组织 columns add up to ${round6(s.value)} (${s.cells.map((c) => c.value).join('+')}).`,
    cellEvidence(ctx, [...s.cells, ...tot.cells]), { row, total: tot.value, sum: round6(s.value) }));
}

export function checkT3(ctx: RuleContext): Finding[] {
  if (ctx.regime === 'A') return [];
  const out: Finding[] = [];
  for (const c of T3_COLUMNS) checkColumn(ctx, c.id, out);
  for (const r of T3_ROWS) checkRow(ctx, r.id, out);
  return out;
}
