/**
 * The validate stage: every rule over one report, findings sorted
 * (errors first, then by where they stand in the text), and the status.
 */
import { SEVERITIES, statusOf, type Finding, type ValidateResult } from '@gongkai/core';
import { checkBreakdowns } from './rules/breakdown.rule.ts';
import { checkCrossYear } from './rules/cross-year.rule.ts';
import { checkAmbiguousCells } from './rules/ambiguous-cells.rule.ts';
import { checkAttachments, checkNotAReport } from './rules/document.rule.ts';
import { checkFeesExplained } from './rules/fees-explained.rule.ts';
import { checkContradictions, checkTextVsTable } from './rules/narrative.rule.ts';
import { checkNonNegInt } from './rules/nonneg-int.rule.ts';
import { checkOcrUncertain } from './rules/ocr-uncertain.rule.ts';
import { checkPercentages } from './rules/percent.rule.ts';
import { checkRepeatedMentions } from './rules/repeated-mention.rule.ts';
import { checkRequiredContent } from './rules/required-content.rule.ts';
import { checkSumRules } from './rules/sum-rules.rule.ts';
import { checkT3 } from './rules/t3-table.rule.ts';
import { checkT4 } from './rules/t4-table.rule.ts';
import { checkTableState } from './rules/table-state.rule.ts';
import { checkTruncated } from './rules/truncated.rule.ts';
import { checkYears } from './rules/year.rule.ts';
import { topicStatements } from './topic-statements.scan.ts';
import { buildContext, type ValidateInput } from './validate.context.ts';

function byImportance(a: Finding, b: Finding): number {
  const sev = SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity);
  if (sev !== 0) return sev;
  const at = (f: Finding) => f.evidence[0]?.start ?? -1;
  return at(a) - at(b) || a.rule.localeCompare(b.rule) || a.message.localeCompare(b.message);
}

/** Findings and status for one report (pure, deterministic; never throws on odd input). */
export function validate(input: ValidateInput): ValidateResult {
  const ctx = buildContext(input);
  const notReport = checkNotAReport(ctx);
  if (notReport.length > 0) return { findings: notReport, status: statusOf(notReport) };
  const statements = topicStatements(ctx);
  const breakdowns = checkBreakdowns(ctx);
  const truncated = checkTruncated(ctx);
  const findings = [
    ...truncated,
    // a text cut after its opening may state the rest in the part that is missing
    ...(truncated.length > 0 ? [] : checkRequiredContent(ctx, statements)),
    ...checkAttachments(ctx),
    ...breakdowns.findings,
    ...checkSumRules(ctx, breakdowns.judgedTotals),
    ...checkT3(ctx),
    ...checkT4(ctx),
    ...checkTableState(ctx),
    ...checkAmbiguousCells(ctx),
    ...checkNonNegInt(ctx),
    ...checkPercentages(ctx),
    ...checkRepeatedMentions(ctx),
    ...checkContradictions(ctx, statements),
    ...checkTextVsTable(ctx, statements),
    ...checkFeesExplained(ctx),
    ...checkYears(ctx),
    ...checkCrossYear(ctx),
  ];
  // after every other rule: an OCR'd figure an identity contradicts is reported as such
  findings.push(...checkOcrUncertain(ctx, findings));
  findings.sort(byImportance);
  return { findings, status: statusOf(findings) };
}
