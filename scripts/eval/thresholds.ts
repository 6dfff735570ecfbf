/**
 * The evaluation's floor: `npm run eval` exits non-zero when a figure falls
 * below these (set at what the code reached when they were last raised; raise
 * them as the stages improve, never lower them to make a run pass).
 */
import { TABLE_THRESHOLDS } from './tables.thresholds.ts';

export const THRESHOLDS = {
  /**
   * All gold files together (reached 3664/3711 on 41 files, recall 0.9873, precision 1,
   * breakdowns 47/47). Below 1 because the table gold lists every printed cell, and the
   * cells of flattened digit runs that no identity settles are left null and flagged
   * (AMBIGUOUS_CELLS), by design: the table section below holds those to its own floors.
   * The 14 first gold files were at 955/955 when this was 1; their set grew by 14 cells
   * of 80595 read from its page.html (13 of them such runs), not by a regression.
   */
  total: { recall: 0.987, precision: 1, breakdowns: 1 },
  /** The five shared seeds: the extract issue's bar is all of it. */
  seeds: { recall: 1, precision: 1, breakdowns: 1 },
  /** The first project gold (test/gold/*.json, 10 files): reached 907/920 (the 13 missing are 80595's flattened 表二 cells, left null and flagged), precision 1, breakdowns 18/18. */
  project: { recall: 0.985, precision: 1, breakdowns: 1 },
  /** Issue 14's narrative gold (test/gold/narrative/, 14 reports of 14 agencies, 2010–2018): reached 167/167, 16/16 breakdowns. */
  narrative: { recall: 1, precision: 1, breakdowns: 1 },
  /** Issue 13's table gold (`scope: tables`, 13 reports of 12 agencies) as metrics, read from the report file: precision 1 (recall: the table section's floors). */
  tablesGold: { recall: 0, precision: 1, breakdowns: 0 },
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
