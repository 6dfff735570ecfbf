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
}
