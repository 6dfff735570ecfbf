/**
 * Turns the numbers of one anchored row into cells: direct when there is a
 * token per column, otherwise by splitting digit runs under the row's
 * arithmetic. Shared by 表二/表三/表四 and the 2008-era statistics table.
 */
import type { ReportTable, TableCell } from '@gongkai/core';
import { splitTokens, type Piece, type SplitCheck } from './digits.split.ts';
import type { NumToken } from './numbers.scan.ts';

export interface RowParse {
  /** One entry per solution; [0] is used when there is exactly one. */
  solutions: Piece[][];
  tokens: NumToken[];
  /** True when the row had a token per column (no splitting needed). */
  direct: boolean;
}

/** Solutions for a row of `count` cells; falls back to the unconstrained split when the arithmetic admits none. */
export function parseRow(tokens: NumToken[], count: number, check?: SplitCheck): RowParse {
  if (tokens.length === count) {
    return { solutions: [tokens.map((t) => ({ value: t.empty ? null : Number(t.text), start: t.start, end: t.end, raw: t.text }))], tokens, direct: true };
  }
  if (tokens.length === 0 || tokens.length > count) return { solutions: [], tokens, direct: false };
  let solutions = splitTokens(tokens, count, check ? { check } : {});
  if (solutions.length === 0 && check) {
    const loose = splitTokens(tokens, count, { limit: 2 });
    if (loose.length === 1) solutions = loose;
  }
  return { solutions, tokens, direct: false };
}

/** Text of a row's tokens, for `raw` and `unparsed`. */
export function rowRaw(text: string, tokens: readonly NumToken[]): { raw: string; start: number; end: number } {
  const first = tokens[0];
  const last = tokens[tokens.length - 1];
  if (!first || !last) return { raw: '', start: 0, end: 0 };
  return { raw: text.slice(first.start, last.end), start: first.start, end: last.end };
}

/**
 * Cells for one row. One solution: placed. Several: columns on which they
 * agree are placed, the others get value null, `ambiguous` and the
 * candidate values, and the row goes to `unparsed`.
 */
export function placeRow(text: string, table: ReportTable, row: string, cols: readonly string[], parse: RowParse): void {
  const { solutions, tokens } = parse;
  const span = rowRaw(text, tokens);
  if (solutions.length === 0) {
    if (tokens.length > 0) table.unparsed.push({ ...span, reason: `${row}: ${tokens.length} number(s) do not fit ${cols.length} column(s)` });
    return;
  }
  const first = solutions[0] as Piece[];
  if (solutions.length > 1) table.unparsed.push({ ...span, reason: `${row}: ${solutions.length}${solutions.length >= 24 ? '+' : ''} consistent splits` });
  cols.forEach((col, i) => {
    const p = first[i] as Piece;
    const values = [...new Set(solutions.map((s) => (s[i] as Piece).value))];
    const sameSpan = solutions.every((s) => (s[i] as Piece).start === p.start && (s[i] as Piece).end === p.end);
    if (values.length === 1) {
      const cell: TableCell = { row, col, value: p.value, raw: p.raw, start: sameSpan ? p.start : span.start, end: sameSpan ? p.end : span.end };
      table.cells.push(cell);
      return;
    }
    table.cells.push({
      row, col, value: null, raw: span.raw, start: span.start, end: span.end, ambiguous: true,
      candidates: values.filter((v): v is number => v !== null).sort((a, b) => a - b),
    });
  });
}
