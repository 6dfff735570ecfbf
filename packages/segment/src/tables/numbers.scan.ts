/**
 * Number tokens in a stretch of table text. Whitespace (or a tab between
 * cells) separates tokens; a token may still hold several cells run together
 * ("713000074"), which digits.split.ts takes apart.
 */
export interface NumToken {
  /** The token as written (digits, optional sign, decimal point). */
  text: string;
  start: number;
  end: number;
  /** An empty-cell marker ("/", "-", "—") rather than a number. */
  empty?: boolean;
}

export interface ScanOptions {
  /** Keep a leading "-" as a sign (表二 本年增/减). @defaultValue false */
  signed?: boolean;
}

const PAGE_FOOTER = /(^|\s)[-－—]\s*\d{1,3}\s*[-－—](?=\s|$)|第\s*\d{1,3}\s*页(?:\s*[，,]?\s*共\s*\d{1,3}\s*页)?/g;
/** A row-number prefix of the next label ("2." of "2.其他法律…") at the end of a span. */
const TRAILING_PREFIX = /\d\s*[.、．][^\d]*$/;

/** Replaces matches by spaces, keeping offsets. */
function blank(s: string, re: RegExp): string {
  return s.replace(re, (m, lead: string | undefined) => (typeof lead === 'string' ? lead + ' '.repeat(m.length - lead.length) : ' '.repeat(m.length)));
}

export function scanNumbers(text: string, start: number, end: number, options: ScanOptions = {}): NumToken[] {
  let s = blank(text.slice(start, end), PAGE_FOOTER);
  const tp = TRAILING_PREFIX.exec(s);
  if (tp) s = s.slice(0, tp.index) + ' '.repeat(s.length - tp.index);
  const re = options.signed
    ? /[-－]?\d{1,3}(?:,\d{3})+(?:\.\d+)?|[-－]?\d+(?:\.\d+)?|(?<=^|\s)[/／—–-](?=\s|$)/g
    : /\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|(?<=^|\s)[/／—–-](?=\s|$)/g;
  const out: NumToken[] = [];
  for (let m = re.exec(s); m; m = re.exec(s)) {
    const t = m[0];
    const tok: NumToken = { text: t.replace(/,/g, '').replace('－', '-'), start: start + m.index, end: start + m.index + t.length };
    if (/^[/／—–-]$/.test(t)) tok.empty = true;
    out.push(tok);
  }
  return out;
}

const EMPTY_CELL = /^[\s/／—–-]*$/;

/**
 * A row's cells when the decoder kept its structure ("\t" between cells):
 * one token per cell, an empty cell ("", "/", "-") as an empty token. Null
 * when the span is not tab-separated into exactly `count` cells.
 */
export function tabCells(text: string, start: number, end: number, count: number): NumToken[] | null {
  const span = text.slice(start, end);
  const lineEnd = span.indexOf('\n');
  const row = lineEnd >= 0 ? span.slice(0, lineEnd) : span;
  if (!row.includes('\t')) return null;
  const parts: Array<{ s: string; at: number }> = [];
  let at = 0;
  for (const s of row.split('\t')) {
    parts.push({ s, at });
    at += s.length + 1;
  }
  parts.shift(); // what follows the label in its own cell
  while (parts.length > count && parts[0] && parts[0].s.trim() === '') parts.shift();
  if (parts.length !== count) return null;
  const out: NumToken[] = [];
  for (const p of parts) {
    const t = p.s.trim();
    const lead = p.s.length - p.s.trimStart().length;
    if (EMPTY_CELL.test(t)) out.push({ text: t, start: start + p.at + lead, end: start + p.at + lead + t.length, empty: true });
    else if (/^-?\d{1,3}(?:,\d{3})+(?:\.\d+)?$|^-?\d+(?:\.\d+)?$/.test(t)) out.push({ text: t.replace(/,/g, ''), start: start + p.at + lead, end: start + p.at + lead + t.length });
    else return null;
  }
  return out;
}

/** Offset just past the numbers (and whitespace) that start at `from`; `from` itself when none do. */
export function endOfNumbers(text: string, from: number, limit = text.length): number {
  let i = from;
  let last = from;
  while (i < limit) {
    const ch = text[i] as string;
    if (/[\d.,]/.test(ch)) last = i + 1;
    else if (!/[\s/／—–-]/.test(ch)) break;
    i++;
  }
  return last;
}
