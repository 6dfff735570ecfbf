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
  /** Table cells per source, with issue 13's targets (scripts/eval/tables.thresholds.ts). */
  tables: TABLE_THRESHOLDS,
} as const;
