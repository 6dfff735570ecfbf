/**
 * The catalogue's soft relations (SUM_RULES with strength "soft") over the
 * narrative and 统计表 metrics: Σ stated children > parent is A_CHILD_LE; a
 * parent whose stated children (two or more, or all of them) fall short of it
 * is A_CHILD_SUM, a warning since the report may leave a child out;
 * `le` relations (child ≤ parent) likewise. The hard 表三/表四 relations are
 * checked on the table cells themselves (t3-table.rule.ts, t4-table.rule.ts).
 */
import { SUM_RULES, metricDef, type Finding, type Metric } from '@gongkai/core';
import { finding, type RuleContext } from '../validate.context.ts';
import { fmt } from '../format.helpers.ts';

const EPS = 1e-6;

/** 办结 may exceed 收到 by the requests carried over from last year: a warning of its own, not an error. */
const CARRY_TOLERANT = new Set(['CHILD_LE.requests_closed']);

function narrativeMetric(ctx: RuleContext, key: string): Metric | undefined {
  const m = ctx.metric(key);
  if (!m || m.approx || m.source === 'derived' || ctx.inUniformTable(m.evidence.start)) return undefined;
  return m;
}

function appliesIn(key: string, ctx: RuleContext): boolean {
  return metricDef(key)?.regimes.includes(ctx.regime) ?? true;
}

export function checkSumRules(ctx: RuleContext, judgedTotals: ReadonlySet<number>): Finding[] {
  const out: Finding[] = [];
  for (const rule of SUM_RULES) {
    if (rule.strength !== 'soft' || !rule.regimes.includes(ctx.regime)) continue;
    const parent = narrativeMetric(ctx, rule.parent);
    if (!parent || judgedTotals.has(parent.evidence.start)) continue;
    const children = rule.children.filter((k) => appliesIn(k, ctx));
    const stated = children.map((k) => narrativeMetric(ctx, k)).filter((m): m is Metric => m !== undefined);
    // A child read from the very statement of its parent (均在法定期限内办结 → on_time = total) proves nothing.
    const independent = stated.filter((c) => c.evidence.start !== parent.evidence.start || c.value !== parent.value);
    if (independent.length === 0) continue;
    const sum = independent.reduce((s, c) => s + c.value, 0);
    const evidence = [parent.evidence, ...independent.map((c) => c.evidence)];
    const data = { rule: rule.id, parent: rule.parent, total: parent.value, sum, parts: independent.map((c) => `${c.key}=${fmt(c.value)}`).join(' ') };
    const names = independent.map((c) => `${c.key} ${fmt(c.value)}`).join(' + ');
    if (sum > parent.value + EPS) {
      const carry = CARRY_TOLERANT.has(rule.id);
      out.push(finding(carry ? 'CHILD_LE_CARRY' : 'A_CHILD_LE',
        `${names} = ${fmt(sum)} exceeds ${rule.parent} ${fmt(parent.value)}${carry ? ' (possible only with requests carried over from last year)' : ''}.`,
        evidence, data));
    } else if (rule.kind === 'sum' && (independent.length >= 2 || independent.length === children.length) && sum < parent.value - EPS) {
      out.push(finding('A_CHILD_SUM', `${rule.parent} is ${fmt(parent.value)} but its stated parts add up to ${fmt(sum)} (${names}).`, evidence, data));
    }
  }
  return out;
}
