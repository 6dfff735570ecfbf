/**
 * Splitting flattened table rows. A row printed as "713000074" holds seven
 * cells; the template fixes how many, the table's own arithmetic (row sums,
 * group totals) narrows the ways to cut the digits, and what stays open is
 * reported, never guessed.
 */
import type { NumToken } from './numbers.scan.ts';

export interface Piece {
  value: number | null;
  start: number;
  end: number;
  /** The token the piece was cut from. */
  raw: string;
}

/** Called after each piece is placed: false prunes the branch. */
export type SplitCheck = (values: ReadonlyArray<number | null>) => boolean;

export interface SplitOptions {
  check?: SplitCheck;
  /** Stop after this many solutions. @defaultValue 24 */
  limit?: number;
  /** Stop after this many pieces tried (the search's work bound). @defaultValue 20000 */
  budget?: number;
}

/** What a bounded split found, and whether that is every split there is. */
export interface SplitResult {
  solutions: Piece[][];
  /**
   * True when the search ran to its end: `solutions` is then every split the
   * check admits, so a value they all agree on is proven. False when the
   * solution limit or the work budget stopped it.
   */
  complete: boolean;
}

const VALID = /^-?(?:0|[1-9]\d*)(?:\.\d+)?$/;
/**
 * Digits one cell may hold: 15 before the point (counts and amounts in 元
 * stay far below; beyond it a JavaScript number is no longer exact) and 6
 * after it (万元 amounts printed to the 元 fen: 24252.311082).
 */
export const MAX_INT_DIGITS = 15;
export const MAX_DEC_DIGITS = 6;
const MAX_CELL_DIGITS = MAX_INT_DIGITS + MAX_DEC_DIGITS;

/** Every way to cut `tokens` into exactly `count` numbers (no number spans two tokens). */
export function splitTokens(tokens: readonly NumToken[], count: number, options: SplitOptions = {}): Piece[][] {
  return splitBounded(tokens, count, options).solutions;
}

/**
 * Bounded depth-first search over the cuts. Bounds, so that a hostile run
 * (10,000 digits, 1 MB) costs time linear in its length and then stops:
 * no piece is longer than MAX_CELL_DIGITS digits (a run with more digits than
 * `count` × that has no split and is rejected before any search), at most
 * `limit` solutions are kept and at most `budget` pieces are tried; when a
 * bound stops the search, `complete` is false and nothing may be concluded
 * from agreement between the solutions found.
 */
export function splitBounded(tokens: readonly NumToken[], count: number, options: SplitOptions = {}): SplitResult {
  const limit = options.limit ?? 24;
  let budget = options.budget ?? 20000;
  let stopped = false;
  const out: Piece[][] = [];
  const pieces: Piece[] = [];
  const values: Array<number | null> = [];
  const charsLeft: number[] = [];
  let acc = 0;
  for (let i = tokens.length - 1; i >= 0; i--) {
    acc += (tokens[i] as NumToken).empty ? 1 : (tokens[i] as NumToken).text.replace(/[-.]/g, '').length;
    charsLeft[i] = acc;
  }
  const push = (p: Piece): boolean => {
    pieces.push(p);
    values.push(p.value);
    return !options.check || options.check(values);
  };
  const pop = () => {
    pieces.pop();
    values.pop();
  };
  if (tokens.length > count || (charsLeft[0] ?? 0) > count * MAX_CELL_DIGITS) return { solutions: [], complete: true };
  const dfs = (ti: number, ci: number): void => {
    if (out.length >= limit || stopped) return;
    if (ti === tokens.length) {
      if (pieces.length === count) out.push([...pieces]);
      return;
    }
    const left = count - pieces.length;
    const tok = tokens[ti] as NumToken;
    const tokensLeft = tokens.length - ti;
    if (left < tokensLeft) return;
    const digitsHere = tok.empty ? 1 : tok.text.slice(ci).replace(/[-.]/g, '').length;
    if ((charsLeft[ti + 1] ?? 0) + digitsHere < left) return;
    if ((charsLeft[ti + 1] ?? 0) + digitsHere > left * MAX_CELL_DIGITS) return;
    if (tok.empty) {
      if (push({ value: null, start: tok.start, end: tok.end, raw: tok.text })) dfs(ti + 1, 0);
      pop();
      return;
    }
    const s = tok.text;
    const dot = s.indexOf('.');
    for (let len = 1; ci + len <= s.length && len <= MAX_CELL_DIGITS + 2; len++) {
      if (--budget < 0) {
        stopped = true;
        return;
      }
      const piece = s.slice(ci, ci + len);
      const endsToken = ci + len === s.length;
      if (!endsToken && dot >= 0 && ci + len > dot) continue;
      if (!endsToken && (s[ci + len] === '.' || piece === '-')) continue;
      if (!VALID.test(piece) || !withinDigits(piece)) {
        if (/^-?0\d/.test(piece)) break;
        continue;
      }
      const p: Piece = { value: Number(piece), start: tok.start + ci, end: tok.start + ci + len, raw: s };
      if (push(p)) dfs(endsToken ? ti + 1 : ti, endsToken ? 0 : ci + len);
      pop();
      if (out.length >= limit || stopped) return;
    }
  };
  dfs(0, 0);
  return { solutions: out, complete: !stopped && out.length < limit };
}

function withinDigits(piece: string): boolean {
  const dot = piece.indexOf('.');
  const int = (dot < 0 ? piece : piece.slice(0, dot)).replace('-', '');
  return int.length <= MAX_INT_DIGITS && (dot < 0 || piece.length - dot - 1 <= MAX_DEC_DIGITS);
}

/** Sum of the first n values, or null if one is missing. */
export function sumOf(values: ReadonlyArray<number | null>, from: number, to: number): number | null {
  let s = 0;
  for (let i = from; i < to; i++) {
    const v = values[i];
    if (v === null || v === undefined) return null;
    s += v;
  }
  return s;
}

/** A check for "value at index `at` = sum of values [from, at)" (tolerates empty cells). */
export function sumRule(from: number, at: number): SplitCheck {
  return (values) => {
    if (values.length !== at + 1) return true;
    const total = values[at];
    const s = sumOf(values, from, at);
    return total === null || total === undefined || s === null || Math.abs(s - total) < 1e-9;
  };
}

export function allOf(...checks: SplitCheck[]): SplitCheck {
  return (values) => checks.every((c) => c(values));
}
