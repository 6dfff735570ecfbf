/**
 * OCR'd reports: a figure the engine read with low confidence (its evidence
 * is `ocrUncertain`, set by extract from decode's regions) is reported, never
 * silently trusted. Kept when the report's arithmetic does not contradict it;
 * when an identity that involves it fails (表三/表四 sums, 其中 lists), the
 * figure is most likely misread: the finding says to treat it as unknown (null).
 * In an OCR'd report a failed identity none of whose figures was doubtful
 * puts all of them under that finding (the engine was sure of a misread).
 */
import type { Finding, Metric } from '@gongkai/core';
import { finding, type RuleContext } from '../validate.context.ts';

/** The rules whose failure is arithmetic over figures: the identities a misread digit breaks. */
const ARITHMETIC = new Set(['T3_BALANCE', 'T3_TOTAL_SUM', 'T3_SUBSUMS', 'T3_ROW_SUM', 'T4_GROUP_SUM', 'A_CHILD_SUM', 'A_CHILD_LE']);

const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }) => a.start < b.end && b.start < a.end;

/** True when the report's text was read by OCR (its figures carry their page image). */
const ocrRead = (ctx: RuleContext) => ctx.input.decode?.decode?.ocr !== undefined || (ctx.input.decode?.regions?.length ?? 0) > 0;

/**
 * One OCR_UNCERTAIN finding per doubtful figure, given the findings of every
 * other rule. In an OCR'd report, an identity that fails with none of its
 * figures doubtful still says one of them was misread, and which one the
 * engine cannot tell: each of its figures is reported as contradicted (treat
 * as unknown), so no figure the arithmetic contradicts is left looking sure.
 */
export function checkOcrUncertain(ctx: RuleContext, others: readonly Finding[]): Finding[] {
  const metrics = ctx.input.extract.metrics;
  const arithmetic = others.filter((f) => ARITHMETIC.has(f.rule));
  const brokenBy = (m: Metric) => arithmetic.filter((f) => f.evidence.some((e) => overlaps(e, m.evidence)));
  const blamed = new Set<Metric>(metrics.filter((m) => m.evidence.ocrUncertain));
  if (ocrRead(ctx)) {
    for (const f of arithmetic) {
      const terms = metrics.filter((m) => f.evidence.some((e) => overlaps(e, m.evidence)));
      // a doubtful figure in it takes the blame; when none is doubtful, every figure in it does
      if (!terms.some((m) => m.evidence.ocrUncertain)) for (const m of terms) blamed.add(m);
    }
  }
  return metrics.filter((m) => blamed.has(m)).map((m) => {
    const broken = brokenBy(m);
    const where = m.evidence.page === undefined ? '' : ` on page ${m.evidence.page}`;
    if (broken.length > 0) {
      const rules = [...new Set(broken.map((f) => f.rule))].join(', ');
      const how = m.evidence.ocrUncertain ? ' with low confidence' : '';
      return finding(
        'OCR_UNCERTAIN',
        `${m.key} = ${m.value} was read by OCR${how}${where} and ${rules} fails with it: it is probably misread; treat it as unknown.`,
        [m.evidence], { key: m.key, read: m.value, value: null, contradictedBy: rules },
      );
    }
    return finding('OCR_UNCERTAIN', `${m.key} = ${m.value} was read by OCR with low confidence${where}: check it against the page image.`, [m.evidence], {
      key: m.key, read: m.value, value: m.value,
    });
  });
}
