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
  /**
   * Set when the quote stands in another report (a cross-year finding quotes the
   * same agency's report of another year): that report's id; offsets are into its text.
   */
  reportId?: string;
  /** With `reportId`: the other report's year. */
  year?: number;
}
