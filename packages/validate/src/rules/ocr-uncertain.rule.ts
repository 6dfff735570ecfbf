/**
 * OCR'd reports: a figure the engine read with low confidence (its evidence
 * is `ocrUncertain`, set by extract from decode's regions) is reported, never
 * silently trusted. Kept when the report's arithmetic does not contradict it;
 * when an identity that involves it fails (表三/表四 sums, 其中 lists), the
 * figure is most likely misread: the finding says to treat it as unknown (null).
 */
import type { Finding, Metric } from '@gongkai/core';
import { finding, type RuleContext } from '../validate.context.ts';

/** The rules whose failure is arithmetic over figures: the identities a misread digit breaks. */
const ARITHMETIC = new Set(['T3_BALANCE', 'T3_TOTAL_SUM', 'T3_SUBSUMS', 'T3_ROW_SUM', 'T4_GROUP_SUM', 'A_CHILD_SUM', 'A_CHILD_LE']);

const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }) => a.start < b.end && b.start < a.end;

/** One OCR_UNCERTAIN finding per doubtful figure, given the findings of every other rule. */
export function checkOcrUncertain(ctx: RuleContext, others: readonly Finding[]): Finding[] {
  const doubtful: Metric[] = ctx.input.extract.metrics.filter((m) => m.evidence.ocrUncertain);
  return doubtful.map((m) => {
    const broken = others.filter((f) => ARITHMETIC.has(f.rule) && f.evidence.some((e) => overlaps(e, m.evidence)));
    const where = m.evidence.page === undefined ? '' : ` on page ${m.evidence.page}`;
    if (broken.length > 0) {
      const rules = [...new Set(broken.map((f) => f.rule))].join(', ');
      return finding(
        'OCR_UNCERTAIN',
        `${m.key} = ${m.value} was read by OCR with low confidence${where} and ${rules} fails with it: it is probably misread; treat it as unknown.`,
        [m.evidence], { key: m.key, read: m.value, value: null, contradictedBy: rules },
      );
    }
    return finding('OCR_UNCERTAIN', `${m.key} = ${m.value} was read by OCR with low confidence${where}: check it against the page image.`, [m.evidence], {
      key: m.key, read: m.value, value: m.value,
    });
  });
}
