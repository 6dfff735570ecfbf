/**
 * Turns the numbers of one anchored row into cells: direct when there is a
 * token per column, otherwise by splitting digit runs under the row's
 * arithmetic. Shared by 表二/表三/表四/表五 and the 2008-era statistics table.
 * A value is placed only when it is proven: one token per column
 * (`structure`), or the same value in every split the search found when the
 * search was exhaustive (`solver-unique`). Anything else is left null with
 * its candidates, never guessed.
 */
import type { CellHow, ReportTable, TableCell } from '@gongkai/core';
import { splitBounded, type Piece, type SplitCheck, type SplitResult } from './digits.split.ts';
import type { NumToken } from './numbers.scan.ts';

export interface RowParse {
  /** One entry per solution; [0] is used when there is exactly one. */
  solutions: Piece[][];
  tokens: NumToken[];
  /** True when the row had a token per column (no splitting needed). */
  direct: boolean;
  /** True when `solutions` is every split there is (the search was not cut short by its bounds). */
  complete: boolean;
  /** Set by a solver that narrowed the row with other rows' arithmetic. */
  narrowed?: boolean;
}

/**
 * Splits kept per row: enough that a realistic row (a 表二 run of a dozen
 * digits has at most C(11,2) = 55 three-way cuts) is enumerated in full, so
 * that agreement between its splits proves a value.
 */
const ROW_SPLITS = 256;

export interface RowOptions {
  /**
   * Columns a publisher may leave empty (2019 表二's 本年增/减 when nothing
   * changed). An empty cell leaves no trace in a flattened run, so a run is
   * also cut into one number fewer with that cell blank: "215" is 2|1|5 or
   * 2|∅|15 or 21|∅|5, not only 2|1|5.
   */
  blankable?: readonly number[];
  /**
   * When no split satisfies the row's check (a publisher's slip), take the
   * one split the digits allow at all. Off when dashes or slashes stood
   * between the numbers: they may have been empty cells, and then one digit
   * per cell is no longer the only reading. @defaultValue true
   */
  loose?: boolean;
}

/** True when only digits, spaces and number punctuation stand between a row's first and last token (no dash or slash that could be an empty cell). */
export function plainRun(text: string, tokens: readonly NumToken[]): boolean {
  const first = tokens[0];
  const last = tokens[tokens.length - 1];
  if (!first || !last) return true;
  return !/[-－—–/／]/.test(text.slice(first.start, last.end));
}

/** Splits with the cell at `blank` empty: the run cut into count − 1 numbers and a null put in. */
function withBlank(tokens: NumToken[], count: number, blank: number, check: SplitCheck | undefined): SplitResult {
  const insert = (pieces: readonly Piece[]): Piece[] => {
    const at = pieces[blank - 1]?.end ?? pieces[0]?.start ?? 0;
    return [...pieces.slice(0, blank), { value: null, start: at, end: at, raw: '' }, ...pieces.slice(blank)];
  };
  const inner: SplitCheck | undefined = check ? (v) => check(blank <= v.length ? [...v.slice(0, blank), null, ...v.slice(blank)] : v) : undefined;
  const found = splitBounded(tokens, count - 1, { limit: ROW_SPLITS, ...(inner ? { check: inner } : {}) });
  return { solutions: found.solutions.map(insert), complete: found.complete };
}

/** Solutions for a row of `count` cells; falls back to the unconstrained split when the arithmetic admits none and the digits alone leave one. */
export function parseRow(tokens: NumToken[], count: number, check?: SplitCheck, options: RowOptions = {}): RowParse {
  if (tokens.length === count) {
    return { solutions: [tokens.map((t) => ({ value: t.empty ? null : Number(t.text), start: t.start, end: t.end, raw: t.text }))], tokens, direct: true, complete: true };
  }
  if (tokens.length === 0 || tokens.length > count) return { solutions: [], tokens, direct: false, complete: true };
  if (options.blankable?.length) {
    const parts = [splitBounded(tokens, count, { limit: ROW_SPLITS, ...(check ? { check } : {}) }), ...options.blankable.map((b) => withBlank(tokens, count, b, check))];
    return { solutions: parts.flatMap((p) => p.solutions), tokens, direct: false, complete: parts.every((p) => p.complete) };
  }
  let found = splitBounded(tokens, count, { limit: ROW_SPLITS, ...(check ? { check } : {}) });
  if (found.solutions.length === 0 && found.complete && check && options.loose !== false) {
    // the printed figures break the row's own sum (a publisher's slip): read it only if the digits allow one cut at all
    const loose = splitBounded(tokens, count, { limit: 2 });
    if (loose.solutions.length === 1 && loose.complete) found = loose;
  }
  return { solutions: found.solutions, tokens, direct: false, complete: found.complete };
}

/** Text of a row's tokens, for `raw` and `unparsed`. */
export function rowRaw(text: string, tokens: readonly NumToken[]): { raw: string; start: number; end: number } {
  const first = tokens[0];
  const last = tokens[tokens.length - 1];
  if (!first || !last) return { raw: '', start: 0, end: 0 };
  return { raw: text.slice(first.start, last.end), start: first.start, end: last.end };
}

/** At most this many candidate splits are written into a row's `unparsed` reason. */
const LISTED = 8;

function listSplits(solutions: readonly Piece[][]): string {
  const shown = solutions.slice(0, LISTED).map((s) => s.map((p) => (p.value === null ? '∅' : String(p.value))).join('|'));
  return `${shown.join('; ')}${solutions.length > LISTED ? '; …' : ''}`;
}

export interface PlaceLabels {
  /** The row label as printed. */
  rowLabel?: string;
  /** Column labels as printed, in column order. */
  colLabels?: readonly string[];
}

/**
 * Cells for one row. One solution: placed. Several: columns on which all
 * of them agree are placed (only when the search was exhaustive), the
 * others get value null, `ambiguous` and the candidate values, and the row
 * goes to `unparsed` with its candidate splits listed.
 */
export function placeRow(text: string, table: ReportTable, row: string, cols: readonly string[], parse: RowParse, labels: PlaceLabels = {}): void {
  const { solutions, tokens } = parse;
  const span = rowRaw(text, tokens);
  if (solutions.length === 0) {
    if (tokens.length > 0) {
      const why = parse.complete ? `${tokens.length} number(s) do not fit ${cols.length} column(s)` : `the digit run is too long to split within the search bound`;
      table.unparsed.push({ ...span, reason: `${row}: ${why}` });
    }
    return;
  }
  const first = solutions[0] as Piece[];
  if (solutions.length > 1 || !parse.complete) {
    const n = `${solutions.length}${parse.complete ? '' : '+'}`;
    table.unparsed.push({ ...span, reason: `${row}: ${n} consistent splits: ${listSplits(solutions)}` });
  }
  const how: CellHow = parse.direct ? 'structure' : 'solver-unique';
  cols.forEach((col, i) => {
    const p = first[i] as Piece;
    const values = [...new Set(solutions.map((s) => (s[i] as Piece).value))];
    const sameSpan = solutions.every((s) => (s[i] as Piece).start === p.start && (s[i] as Piece).end === p.end);
    const named = { ...(labels.rowLabel ? { rowLabel: labels.rowLabel } : {}), ...(labels.colLabels?.[i] ? { colLabel: labels.colLabels[i] } : {}) };
    if (values.length === 1 && (parse.complete || solutions.length === 1 && parse.direct)) {
      const cell: TableCell = { row, col, value: p.value, raw: p.raw, start: sameSpan ? p.start : span.start, end: sameSpan ? p.end : span.end, how, ...named };
      table.cells.push(cell);
      return;
    }
    table.cells.push({
      row, col, value: null, raw: span.raw, start: span.start, end: span.end, ambiguous: true, ...named,
      candidates: values.filter((v): v is number => v !== null).sort((a, b) => a - b),
    });
  });
}
