/**
 * Do a report's tables add up? Every hard identity of 表三 and 表四 from the
 * catalogue (SUM_RULES T3_* / T4_*, and 表三's balance 新收 + 上年结转 =
 * 总计 + 结转下年度 per column), checked on the extracted t3./t4. cells. A
 * table passes only when every identity can be checked (its cells read) and
 * holds; one cell unread makes it incomplete, not passed. Pure.
 */
import { SUM_RULES, T3_BALANCE, type Metric, type Regime } from '@gongkai/core';

export type IdentityStatus = 'pass' | 'fail' | 'incomplete' | 'no-tables';

export interface IdentityResult {
  status: IdentityStatus;
  checked: number;
  failed: string[];
  /** Identities that could not be checked, with the first cell missing. */
  unchecked: string[];
}

const same = (a: number, b: number) => Math.abs(a - b) < 1e-6;

export function checkIdentities(metrics: readonly Metric[], regime: Regime): IdentityResult {
  const v = new Map(metrics.filter((m) => /^t[34]\./u.test(m.key)).map((m) => [m.key, m.value]));
  const r: IdentityResult = { status: 'pass', checked: 0, failed: [], unchecked: [] };
  if (v.size === 0) return { ...r, status: 'no-tables' };
  const check = (id: string, left: readonly string[], right: readonly string[]) => {
    const missing = [...left, ...right].find((k) => !v.has(k));
    if (missing) {
      r.unchecked.push(`${id} (${missing} unread)`);
      return;
    }
    r.checked++;
    const sum = (ks: readonly string[]) => ks.reduce((a, k) => a + (v.get(k) ?? 0), 0);
    if (!same(sum(left), sum(right))) r.failed.push(`${id}: ${sum(left)} ≠ ${sum(right)}`);
  };
  for (const b of T3_BALANCE) check(b.id, b.left, b.right);
  for (const rule of SUM_RULES) {
    if (rule.kind !== 'sum' || !/^T[34]_/u.test(rule.id) || !rule.regimes.includes(regime)) continue;
    check(rule.id, [rule.parent], rule.children);
  }
  r.status = r.failed.length ? 'fail' : r.unchecked.length ? 'incomplete' : 'pass';
  return r;
}
