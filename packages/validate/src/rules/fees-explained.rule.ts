/**
 * FEES_EXPLAINED (2021 format, peer rule): 信息处理费 is reported in section
 * 六. When fees were charged (fees.amount_wan_yuan > 0) or fee notices went
 * unpaid (表三 （六）2. > 0), section 六 must say something about fees.
 * 表二's 行政事业性收费 is the agency's general fee income, not a disclosure fee.
 */
import type { Evidence, Finding, Section } from '@gongkai/core';
import { finding, type RuleContext } from '../validate.context.ts';
import { cellValue } from './table-cells.helpers.ts';

const SIX_HEADING = /六\s*[、.．]\s*其他需要报告的事项/;

function sectionSix(ctx: RuleContext): { start: number; end: number } | null {
  const s = ctx.input.segment.sections.find((x: Section) => x.kind === 'other' && x.level === 1);
  if (s) return { start: s.start, end: s.end };
  const m = SIX_HEADING.exec(ctx.text);
  if (!m) return null;
  const attach = ctx.text.slice(m.index).search(/附件|附表/);
  return { start: m.index, end: attach === -1 ? ctx.text.length : m.index + attach };
}

export function checkFeesExplained(ctx: RuleContext): Finding[] {
  if (ctx.regime !== 'C') return [];
  const charged: Evidence[] = [];
  const fee = ctx.metric('fees.amount_wan_yuan');
  if (fee && fee.value > 0) charged.push(ctx.ev(fee.evidence.start, fee.evidence.end));
  const unpaid = cellValue(ctx, 't3.other.fee_unpaid.total');
  if (unpaid && unpaid.value > 0) charged.push(...unpaid.cells.map((c) => ctx.ev(c.start, c.end)));
  if (charged.length === 0) return [];
  const six = sectionSix(ctx);
  if (six && /费/.test(ctx.text.slice(six.start, six.end))) return [];
  const where = six ? [ctx.ev(six.start, Math.min(six.end, six.start + 40))] : [];
  return [finding('FEES_EXPLAINED', `Fees were charged or fee notices went unpaid, but ${six ? 'section 六 says nothing about 信息处理费' : 'there is no section 六 to explain them'}.`,
    [...charged, ...where], { sectionSix: six ? 'present' : 'absent' })];
}
