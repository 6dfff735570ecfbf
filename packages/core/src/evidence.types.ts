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
}
