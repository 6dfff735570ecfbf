/**
 * The generated corpus: each report is first a small document model (blocks),
 * then rendered to a format and an encoding. The generator's own answer for
 * each file is written beside it (answers.jsonl) so accuracy is measured at
 * scale: what the text states, and which inconsistency was put in on purpose.
 */
import type { Regime } from '@gongkai/core';

export type DocBlock =
  | { kind: 'title'; text: string }
  | { kind: 'h'; text: string }
  | { kind: 'p'; text: string }
  /** A table: rows of cells (the first rows are headers, as the templates print them). */
  | { kind: 'table'; rows: string[][] };

export interface CorpusDoc {
  regime: Regime;
  year: number;
  agency: string;
  blocks: DocBlock[];
  /** Every metric the text states, with the value it states (what extraction must find). */
  metrics: Record<string, number>;
  /** Values that follow from stated ones (sums, table-derived core keys): not required, but right if filled. */
  implied: Record<string, number>;
  /** The inconsistency put in on purpose (one rule), or null for a self-consistent report. */
  injected: { rule: string; detail: string } | null;
}

export const FORMATS = ['txt', 'html', 'docx', 'pdf'] as const;
export type Format = (typeof FORMATS)[number];

export const ENCODINGS = ['utf-8', 'utf-8-bom', 'gb18030', 'big5', 'utf-16le', 'utf-16be'] as const;
export type Encoding = (typeof ENCODINGS)[number];

/** One line of answers.jsonl. */
export interface Answer {
  /** Path relative to the corpus folder. */
  file: string;
  sha256: string;
  bytes: number;
  regime: Regime;
  format: Format;
  /** The text encoding (docx and pdf: utf-8 inside the container). */
  encoding: Encoding;
  script: 'simplified' | 'traditional';
  /** Crawl damage applied to the prose (damage.apply.ts). */
  damage: string[];
  year: number;
  agency: string;
  metrics: Record<string, number>;
  implied: Record<string, number>;
  injected: CorpusDoc['injected'];
}

/** The rules whose findings mean "the figures do not add up": what injected inconsistencies are scored against. */
export const SUM_RULE_IDS = ['A_CHILD_SUM', 'A_CHILD_LE', 'T3_BALANCE', 'T3_TOTAL_SUM', 'T3_SUBSUMS', 'T3_ROW_SUM', 'T4_GROUP_SUM'] as const;
