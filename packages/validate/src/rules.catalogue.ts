/**
 * Every finding rule the validate stage can report, with its severity. The
 * README's rule table mirrors this list (a test keeps them in step). Ids from
 * DOMAIN.md 4.4 plus the project's own.
 */
import type { Severity } from '@gongkai/core';

export interface RuleInfo {
  severity: Severity;
  /** What the rule checks, for the README and for readers of a finding. */
  summary: string;
}

export const RULES = {
  NOT_A_REPORT: { severity: 'error', summary: 'the text is not a disclosure annual report (random text, blank template); no other rule runs' },
  TRUNCATED: { severity: 'warning', summary: 'the text keeps only the report\'s opening (parts the preface announces, or the 2019+ sections up to 表三, are missing); figures it states still count' },
  REQUIRED_CONTENT_MISSING: { severity: 'warning', summary: 'a content the regulation requires is never stated (A: 条例 Art. 32 items; B/C: the six sections and 表二/表三/表四)' },
  ATTACHMENT_MISSING: { severity: 'info', summary: 'an attachment (附件: …统计表) is referenced but no such table is in the text' },
  A_CHILD_SUM: { severity: 'warning', summary: 'a narrative total whose parts claim to be complete (其中 list, catalogue sum with every child stated) does not equal their sum' },
  A_CHILD_LE: { severity: 'error', summary: 'parts larger than their total (其中 list, catalogue ≤ relation)' },
  CHILD_LE_CARRY: { severity: 'warning', summary: 'more requests closed than received; possible only with requests carried over from the year before' },
  T3_BALANCE: { severity: 'error', summary: '表三, per column: 本年新收 + 上年结转 = 办理结果总计 + 结转下年度' },
  T3_TOTAL_SUM: { severity: 'error', summary: '表三, per column: 总计 = 予以公开 + 部分公开 + 不予公开 + 无法提供 + 不予处理 + 其他处理' },
  T3_SUBSUMS: { severity: 'error', summary: '表三, per column: 不予公开/无法提供/不予处理/其他处理 = Σ their numbered sub-rows' },
  T3_ROW_SUM: { severity: 'error', summary: '表三, per row: 总计 = 自然人 + the five 法人或其他组织 columns' },
  T4_GROUP_SUM: { severity: 'error', summary: '表四, each of the three groups: 总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结' },
  NONNEG_INT: { severity: 'error', summary: 'counts are integers ≥ 0 (amounts may be decimal, 表二 本年增/减 may be negative)' },
  EMPTY_OR_SLASH: { severity: 'warning', summary: 'blank or "/" cells in 表三/表四 where the template expects a number' },
  AMBIGUOUS_CELLS: { severity: 'info', summary: 'a flattened table row splits in more than one way that satisfies every identity of its table (and the prose settles none): its cells are left unread; the finding lists the candidate splits' },
  TABLE_UNREAD: { severity: 'info', summary: 'a uniform table, or some of its cells, could not be read unambiguously: the identities touching them were not checked' },
  PERCENT_MISMATCH: { severity: 'warning', summary: 'a percentage the text states (办结率98.69%, 占51.85%) differs from the one its own numbers give' },
  REPEATED_MENTION_CONFLICT: { severity: 'warning', summary: 'the same metric is stated twice (narrative or 统计表) with different exact values' },
  TEXT_CONTRADICTION: { severity: 'warning', summary: 'the text says there were none (无/未/没有 …申请, …行政复议) while it or its tables state a non-zero count' },
  TEXT_VS_TABLE: { severity: 'warning', summary: 'a narrative count (requests received/closed/carried, 行政复议, 行政诉讼) differs from 表三/表四' },
  FEES_EXPLAINED: { severity: 'warning', summary: 'fees were charged or fee notices went unpaid, but section 六 says nothing about 信息处理费' },
  YEAR_MISMATCH: { severity: 'warning', summary: 'title year, reporting year and statistical period disagree' },
  PUBLISHED_BEFORE_YEAR_END: { severity: 'warning', summary: 'the publication date lies before the end of the year the report is about' },
  PUBLISHED_LATE: { severity: 'info', summary: 'published after 31 March of the following year (the statutory deadline)' },
  CROSS_YEAR_CARRY: { severity: 'warning', summary: 'cross-year (the same agency\'s report of the year before): 上年结转 this year = 结转下年度 the year before' },
  T2_STOCK: { severity: 'warning', summary: 'cross-year, 表二 (2021 form), 规章 and 行政规范性文件: 现行有效 the year before + 本年制发 − 本年废止 = 现行有效' },
  CROSS_YEAR_CUMULATIVE: { severity: 'warning', summary: 'cross-year, 2008-era 统计表: a row\'s 历年累计 = the year before\'s 历年累计 + this year\'s figure' },
  SERIES_BREAK: { severity: 'info', summary: 'cross-year: a figure ten times larger or smaller than the year before (both ≥ 1, one ≥ 50): a unit, scope or reading change worth a look' },
  OCR_UNCERTAIN: { severity: 'warning', summary: 'OCR\'d report: a figure read with low confidence (kept, `ocrUncertain` on its evidence), or contradicted by an identity it takes part in (to be treated as unknown)' },
  FIGURE_YEAR_MISMATCH: { severity: 'warning', summary: 'a figure is introduced with a year other than the report year (e.g. 2016年… in a 2017 report)' },
} as const satisfies Record<string, RuleInfo>;

export type RuleId = keyof typeof RULES;

export const RULE_IDS = Object.keys(RULES) as RuleId[];
