/** Plausibility of single values: counts are integers ≥ 0, amounts ≥ 0, deltas anything. */
import { metricDef, type Finding } from '@gongkai/core';
import { finding, type RuleContext } from '../validate.context.ts';

function problem(kind: 'count' | 'amount' | 'delta', value: number): string | null {
  if (!Number.isFinite(value)) return 'is not a number';
  if (kind === 'delta') return null;
  if (value < 0) return 'is negative';
  if (kind === 'count' && !Number.isInteger(value)) return 'is not a whole number';
  return null;
}

export function checkNonNegInt(ctx: RuleContext): Finding[] {
  const out: Finding[] = [];
  const seen = new Set<string>();
  const report = (key: string, value: number, start: number, end: number) => {
    const id = `${key}@${start}`;
    if (seen.has(id)) return;
    seen.add(id);
    const kind = metricDef(key)?.kind ?? 'count';
    const why = problem(kind, value);
    if (!why) return;
    out.push(finding('NONNEG_INT', `${key} = ${value} ${why}; a ${kind === 'count' ? 'count must be a whole number ≥ 0' : 'amount must be ≥ 0'}.`,
      [ctx.ev(start, end)], { key, value }));
  };
  for (const c of ctx.cells.values()) if (c.value !== null) report(c.key, c.value, c.start, c.end);
  for (const m of ctx.input.extract.mentions) report(m.key, m.value, m.evidence.start, m.evidence.end);
  for (const m of ctx.input.extract.metrics) if (m.source !== 'derived') report(m.key, m.value, m.evidence.start, m.evidence.end);
  return out;
}
