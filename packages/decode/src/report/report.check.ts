import { NOT_A_REPORT_PREFIX } from '@gongkai/core';
import { countHan } from '../text/chars.ts';
import { notAReportReason } from './report.kind.ts';

const DISCLOSURE_WORDS = /信息公开|政务公开|公开工作|依申请公开|主动公开/;
const REPORT_WORDS = /报告|年报/;

/**
 * Warnings (never errors: the validate stage decides) for a text that does
 * not look like a government information-disclosure annual report.
 */
export function reportWarnings(text: string): string[] {
  const warnings: string[] = [];
  const han = countHan(text);
  if (han < 200) warnings.push(`very little Chinese text (${han} Han characters): probably not a complete report`);
  if (!DISCLOSURE_WORDS.test(text)) {
    warnings.push('does not look like a government information-disclosure report: no 信息公开/政务公开 wording');
  } else if (!REPORT_WORDS.test(text)) {
    warnings.push('mentions 信息公开 but never calls itself a 报告 (report)');
  }
  if (countFigures(text, 3) < 3) warnings.push('states almost no figures (numbers with a unit or in a table cell): perhaps a blank template or a notice');
  // the verdict extract and validate both act on: no figures, NOT_A_REPORT
  const kind = notAReportReason(text);
  if (kind) warnings.push(`${NOT_A_REPORT_PREFIX}${kind}`);
  return warnings;
}

/** A number with a unit (条 件 人 次 个 篇 项 万元 元 %) or alone in a table cell. */
const FIGURE = /(?<!\d)\d+(?:\.\d+)?(?=\s*(?:条|件|人|次|个|篇|项|期|场|家|份|万元|元|%))|(?<=\t|^)\d+(?:\.\d+)?(?=\t|$)/gm;

/** Counts figures in `text`, stopping at `enough`. */
function countFigures(text: string, enough: number): number {
  let n = 0;
  FIGURE.lastIndex = 0;
  while (n < enough && FIGURE.exec(text) !== null) n++;
  return n;
}
