/** Output contract of the segment stage (owned by packages/segment). */

export const SECTION_KINDS = [
  'overview', 'proactive', 'response', 'requests', 'fees', 'review_litigation', 'complaints',
  'organization', 'training', 'platform', 'problems', 'improvements', 'other', 'attachment',
] as const;
export type SectionKind = (typeof SECTION_KINDS)[number];

export const REGIMES = ['A', 'B', 'C'] as const;
/** A: 2008 narrative; B: 2019 uniform format; C: 2021 revised format (decided by content). */
export type Regime = (typeof REGIMES)[number];

export const ADMIN_LEVELS = ['national', 'province', 'city', 'county', 'district', 'township', 'department'] as const;
export type AdminLevel = (typeof ADMIN_LEVELS)[number];

export interface Contact {
  phone?: string;
  email?: string;
  postcode?: string;
  website?: string;
  address?: string;
}

export interface ReportMeta {
  /** The title as the report (or its page) states it; null when it states none. */
  title: string | null;
  /** Where `title` was read: the report's body, or the page header (标题) when the body states none. */
  titleSource?: 'body' | 'page';
  /**
   * True when `title` was not stated and was built from agency + year.
   * The segmenter never does this (gold files expect null); it fills `inferredTitle` instead.
   */
  titleInferred?: boolean;
  /** Agency + year + 政府信息公开工作年度报告, when the report states no title. */
  inferredTitle?: string;
  /** Canonical agency name (full name when the text gives it once). */
  agency: string | null;
  /** Other names the text uses for the same agency (e.g. 省政府法制办). */
  agencyAliases?: string[];
  /**
   * Region + agency normalized, to group one agency's reports across spellings:
   * `province/city/county:rest` where rest is the name without its place prefix,
   * 人民政府 → 政府, a final 管理委员会 → 管委会, brackets half-width (e.g. `河南省/新乡市/卫滨区:政府`).
   */
  agencyKey?: string;
  level: AdminLevel | null;
  region: { province?: string; city?: string; county?: string } | null;
  /** The reporting year (the year the figures are about). */
  year: number | null;
  /** Statistical period, ISO dates. */
  period: [string, string] | null;
  /** ISO date (or date-time) of publication. */
  publishedAt: string | null;
  addressee: string | null;
  contact: Contact;
  regime: Regime;
  /** What decided the regime (e.g. "表三 with （六） sub-rows", "本年制发件数"). */
  regimeEvidence?: string[];
}

export interface Section {
  /** As written: "一", "（一）" is stored as "一" with level 2, "1", "（1）"… */
  number: string;
  title: string;
  kind: SectionKind;
  /** Further topics a section covers besides `kind` (seed 002: 依申请公开、投诉举报和行政复议情况). */
  alsoKinds?: SectionKind[];
  /** 1 = 一、, 2 = （一）, 3 = 1. / 1、, 4 = （1） */
  level: number;
  /** Offsets of the heading line's start and the section's end (exclusive) in the text. */
  start: number;
  end: number;
  children: Section[];
}

export interface Paragraph {
  start: number;
  end: number;
  /** [start, end) of each sentence, absolute offsets. */
  sentences: Array<[number, number]>;
}

/** Text that is not part of the report body, recognized and labelled rather than dropped. */
export const SPAN_LABELS = ['addressee', 'signature', 'date', 'editor', 'attachment', 'chrome', 'contact'] as const;
export type SpanLabel = (typeof SPAN_LABELS)[number];
export interface LabelledSpan {
  label: SpanLabel;
  start: number;
  end: number;
  text: string;
}

export const TABLE_KINDS = ['t2', 't3', 't4', 't5', 'stats'] as const;
/** t2/t3/t4: the uniform tables 表二/表三/表四 (B/C); t5: 五、信息处理费收取情况 (2024+); stats: a 2008-era 统计表. */
export type TableKind = (typeof TABLE_KINDS)[number];

/**
 * How a table cell's value was read: `structure` from the table's own cells
 * (HTML/DOCX/Markdown/PDF grid, or a row with one number per column);
 * `solver-unique` from a flattened digit run, the only split that satisfies
 * every identity of the table; `narrative` a split settled by the report's
 * prose; `previous-year` a split settled by the same agency's previous report.
 */
export const CELL_HOWS = ['structure', 'solver-unique', 'narrative', 'previous-year'] as const;
export type CellHow = (typeof CELL_HOWS)[number];

export interface TableCell {
  /** How the value was read (absent on cells from before this field existed: read as `structure`). */
  how?: CellHow;
  /** The row label as printed (e.g. "（一）予以公开"), when known. */
  rowLabel?: string;
  /** The column label as printed (e.g. "自然人"), when known. */
  colLabel?: string;
  /** Template row id (e.g. "new_received", "refused.state_secret"), or the row label for stats tables. */
  row: string;
  /** Template column id (e.g. "natural", "total"), or the column header for stats tables. */
  col: string;
  /** null when the cell is empty, "/" or could not be read. */
  value: number | null;
  /** The cell text as it stands (or the digit run it was split from). */
  raw: string;
  start: number;
  end: number;
  /** True when a flattened digit run could be split in more than one consistent way. */
  ambiguous?: boolean;
  /** For an ambiguous cell: the values the consistent splits give it. */
  candidates?: number[];
  /**
   * True for a sum the template implies but the report does not print (表三's 不予公开/无法提供/
   * 不予处理 sub-totals, （六） in 2021): the sum of its sub-rows; start/end cover them.
   */
  derived?: boolean;
}

export interface ReportTable {
  kind: TableKind;
  /** "2019" | "2021" for uniform tables; a variant label for stats tables. */
  variant: string;
  start: number;
  end: number;
  cells: TableCell[];
  /** Raw rows that could not be mapped or split (kept, never guessed). */
  unparsed: Array<{ raw: string; start: number; end: number; reason: string }>;
}

export interface SegmentResult {
  meta: ReportMeta;
  sections: Section[];
  paragraphs: Paragraph[];
  spans: LabelledSpan[];
  tables: ReportTable[];
}
