/** 表四: in each of its three groups, 总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结. */
import { T4_GROUPS, type Finding } from '@gongkai/core';
import { finding, type RuleContext } from '../validate.context.ts';
import { cellEvidence, cellValue, round6, sumKnown } from './table-cells.helpers.ts';

const PARTS = ['upheld', 'corrected', 'other', 'pending'] as const;

export function checkT4(ctx: RuleContext): Finding[] {
  if (ctx.regime === 'A') return [];
  const out: Finding[] = [];
  for (const g of T4_GROUPS) {
    const tot = cellValue(ctx, `t4.${g.id}.total`);
    const s = sumKnown(ctx, PARTS.map((p) => `t4.${g.id}.${p}`));
    if (!tot || !s || round6(s.value) === round6(tot.value)) continue;
    out.push(finding('T4_GROUP_SUM',
      `表四 ${g.label}: 总计 is ${tot.value} but 结果维持 + 结果纠正 + 其他结果 + 尚未审结 = ${s.cells.map((c) => c.value).join('+')} = ${round6(s.value)}.`,
      cellEvidence(ctx, [...s.cells, ...tot.cells]), { group: g.id, total: tot.value, sum: round6(s.value) }));
  }
  return out;
}
