/**
 * The evaluation's floor: `npm run eval` exits non-zero when a figure falls
 * below these (set at what the code reached when they were last raised; raise
 * them as the stages improve, never lower them to make a run pass).
 */
import { TABLE_THRESHOLDS } from './tables.thresholds.ts';

export const THRESHOLDS = {
  /** All gold files together (reached: 955/955 metrics, recall 1, precision 1, breakdowns 31/31 on 14 files). */
  total: { recall: 1, precision: 1, breakdowns: 1 },
  /** The five shared seeds: the extract issue's bar is all of it. */
  seeds: { recall: 1, precision: 1, breakdowns: 1 },
  /**
   * Meta fields (scripts/eval/meta.score.ts): over the full gold files, and over
   * the meta-only tables test/gold/meta/*.jsonl (104 reports of 77 agencies).
   */
  meta: {
    goldFiles: { agency: 1, title: 1, year: 1, level: 1 },
    /** Reached 104/104 on each field (60 openings of 60 agencies, 44 Pingtan department reports). */
    metaOnly: { agency: 1, title: 1, year: 1, level: 1 },
  },
  /** Table cells per source, with issue 13's targets (scripts/eval/tables.thresholds.ts). */
  tables: TABLE_THRESHOLDS,
} as const;
