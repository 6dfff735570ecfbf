/**
 * The table cells' bar (issue 13) and the floors the eval enforces today.
 * `target` is the issue's "done when": 0 wrong cells anywhere, ≥ 99% right
 * from structure (HTML/DOCX/Markdown/PDF renderings), ≥ 95% right from the
 * report file itself (flattened page.txt; the rest left null and flagged).
 * `floor` / `maxWrong` are what the code reached when they were last set:
 * raise them as the grid model, template matcher and solver land, never
 * lower them to make a run pass, never set them above what the code reaches.
 */
import type { TableSource } from './tables.run.ts';

export interface TableBar {
  /** The target share of gold cells read right. */
  target: number;
  /** The share the eval enforces now (reached when last set). */
  floor: number;
  /** Most wrong cells the eval lets pass now (target: 0). */
  maxWrong: number;
  /** Flattened text: most cells left null without an ambiguity flag (target: 0, "the rest null and flagged"). */
  maxUnflagged?: number;
}

/**
 * Set 2026-12-05 12:35 UTC on the 20 gold files with table cells (3,356
 * cells; 7 old ones and the 13 of test/gold/tables): reached file 3309/3356
 * right, the other 47 left null and flagged ambiguous, 0 wrong; HTML, DOCX,
 * Markdown and PDF 3356/3356, 0 wrong. The file floor moved from 98.9% to
 * 98.5% only because gold 80595 gained 14 表二 cells read from page.html
 * (13 of them digit runs the text cannot settle, left null and flagged);
 * right cells went 3308 → 3309. (At the session's start, 23360a2, on 3,342
 * cells: file 3305, HTML/DOCX/PDF 3334, Markdown 2700 with 2 wrong.)
 */
export const TABLE_THRESHOLDS: Record<TableSource, TableBar> = {
  file: { target: 0.95, floor: 0.985, maxWrong: 0, maxUnflagged: 0 },
  html: { target: 0.99, floor: 1, maxWrong: 0 },
  docx: { target: 0.99, floor: 1, maxWrong: 0 },
  markdown: { target: 0.99, floor: 1, maxWrong: 0 },
  pdf: { target: 0.99, floor: 1, maxWrong: 0 },
};
