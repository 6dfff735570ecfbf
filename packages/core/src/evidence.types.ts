import type { CellHow, TableKind } from './segment.types.ts';

/** The table cell a figure was read from, and how. */
export interface CellRef {
  table: TableKind;
  /** Template row and column ids. */
  row: string;
  col: string;
  rowLabel?: string;
  colLabel?: string;
  how: CellHow;
}

/** An OCR'd figure whose characters' confidence (0..1, `TextRegion.conf`) is below this is `ocrUncertain`. */
export const OCR_UNCERTAIN_BELOW = 0.8;

/**
 * Where a fact stands in the normalized text. Offsets are UTF-16 code unit
 * indexes into `Report.text` (JavaScript string indexes), end exclusive.
 */
export interface Evidence {
  /** The sentence fragment the fact was read from, verbatim from the normalized text. */
  quote: string;
  start: number;
  end: number;
  /** Number of the enclosing top-level section (e.g. "三"), or null outside any section. */
  section: string | null;
  /** For a figure read from a table: its cell and how it was read. */
  cell?: CellRef;
  /** OCR'd text only: the 1-based page the quote stands on. */
  page?: number;
  /** OCR'd text only: the quote's box on its page image, [x0, y0, x1, y1] in pixels at `decode.ocrDpi`. */
  box?: [x0: number, y0: number, x1: number, y1: number];
  /** OCR'd text only: the engine was unsure of the figure's characters (confidence below OCR_UNCERTAIN_BELOW); see the OCR_UNCERTAIN finding. */
  ocrUncertain?: boolean;
  /**
   * Set when the quote stands in another report (a cross-year finding quotes the
   * same agency's report of another year): that report's id; offsets are into its text.
   */
  reportId?: string;
  /** With `reportId`: the other report's year. */
  year?: number;
}
