/**
 * 表三's column identities (DOMAIN.md 2.2 #1–3) over the rows a report
 * prints, for the cross-row solver. Per column c:
 *   本年新收 + 上年结转 = 总计 + 结转下年度 (the template's own 勾稽关系);
 *   总计 = 予以公开 + 部分公开 + 不予公开 + 无法提供 + 不予处理 + 其他处理,
 *     where a group whose sub-total row is not printed counts as the sum of
 *     its sub-rows;
 *   each printed sub-total = Σ its sub-rows.
 * (The row sum, 总计 = 自然人 + the five 法人 columns, is each row's own
 * check while it is split.)
 */
import type { CellAt, SumIdentity } from './rows.solve.ts';

export const T3_GROUPS = {
  refused: ['state_secret', 'law_forbidden', 'three_safety_one_stability', 'third_party', 'internal_affairs', 'process_info', 'enforcement_file', 'admin_query'],
  unable: ['not_held', 'needs_creation', 'unclear_after_amend'],
  not_processed: ['petition_complaint', 'repeat', 'publication', 'mass_repeat', 'confirm_or_reissue'],
  other: ['no_amend_overdue', 'fee_unpaid', 'other'],
} as const;

/** Identities over `columns` columns, given the ids of the rows that were found. */
export function t3Identities(present: ReadonlySet<string>, variant: '2019' | '2021', columns: number): SumIdentity[] {
  const out: SumIdentity[] = [];
  for (let c = 0; c < columns; c++) {
    const at = (row: string): CellAt => [row, c];
    out.push({ lhs: [at('new_received'), at('carried_over')], rhs: [at('total'), at('carried_forward')] });
    const outcome: CellAt[] = [at('granted'), at('partial')];
    let whole = true;
    for (const [g, subs] of Object.entries(T3_GROUPS)) {
      const subRows = g === 'other' && variant === '2019' ? [] : subs.map((s) => `${g}.${s}`);
      const subsPresent = subRows.length > 0 && subRows.every((r) => present.has(r));
      if (present.has(`${g}.sum`)) {
        outcome.push(at(`${g}.sum`));
        if (subsPresent) out.push({ lhs: [at(`${g}.sum`)], rhs: subRows.map(at) });
      } else if (subsPresent) outcome.push(...subRows.map(at));
      else whole = false;
    }
    if (whole) out.push({ lhs: [at('total')], rhs: outcome });
  }
  return out;
}
