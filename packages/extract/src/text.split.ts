/**
 * Sentences and clauses with absolute offsets. Our own splitting (not the
 * segment stage's sentences) so that the extraction rules see the same units
 * whatever segment does; section starts are extra sentence breaks, so an
 * inline heading (web pages put a whole report on one line) never glues two
 * sections' sentences together.
 */

export interface Span {
  start: number;
  end: number;
}

export interface Sentence extends Span {
  clauses: Span[];
}

const SENTENCE_END = new Set(['。', '！', '？', '!', '?', '\n']);
/** Clause separators: commas, semicolons, colons (其中：…), and the full stop of a sentence. */
const CLAUSE_END = new Set(['，', ',', '；', ';', '：', ':']);

function trimSpan(text: string, s: Span): Span | null {
  let { start, end } = s;
  while (start < end && /\s/u.test(text.charAt(start))) start++;
  while (end > start && /\s/u.test(text.charAt(end - 1))) end--;
  return end > start ? { start, end } : null;
}

/**
 * Splits text[from, to) into sentences (ending at 。！？ or a line break, the
 * terminator included) and each sentence into clauses. `breaks` are extra
 * sentence boundaries (section heading offsets).
 */
export function splitSentences(text: string, from = 0, to = text.length, breaks: readonly number[] = []): Sentence[] {
  const breakSet = new Set(breaks);
  const out: Sentence[] = [];
  let start = from;
  const flush = (end: number) => {
    const span = trimSpan(text, { start, end });
    if (span) out.push({ ...span, clauses: splitClauses(text, span.start, span.end) });
    start = end;
  };
  for (let i = from; i < to; i++) {
    if (breakSet.size > 0 && breakSet.has(i) && i > start) flush(i);
    if (SENTENCE_END.has(text.charAt(i))) flush(i + 1);
  }
  if (start < to) flush(to);
  return out;
}

/** Clauses of text[from, to): split at ，；：, not inside quotes or book titles (“公开为常态，不公开为例外”). */
export function splitClauses(text: string, from: number, to: number): Span[] {
  const out: Span[] = [];
  let start = from;
  let depth = 0;
  for (let i = from; i < to; i++) {
    const c = text.charAt(i);
    if (c === '“' || c === '《') depth++;
    else if ((c === '”' || c === '》') && depth > 0) depth--;
    else if (depth === 0 && CLAUSE_END.has(c)) {
      const span = trimSpan(text, { start, end: i });
      if (span) out.push(span);
      start = i + 1;
    }
  }
  const last = trimSpan(text, { start, end: to });
  if (last) out.push(last);
  return out;
}

/** Index of the span containing offset `at`, or -1 (spans sorted by start, not overlapping). */
export function indexAt(spans: readonly Span[], at: number): number {
  let lo = 0;
  let hi = spans.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = spans[mid] as Span;
    if (at < s.start) hi = mid - 1;
    else if (at >= s.end) lo = mid + 1;
    else return mid;
  }
  return -1;
}

/** The span containing offset `at`, if any (spans sorted by start, not overlapping). */
export function spanAt<T extends Span>(spans: readonly T[], at: number): T | undefined {
  return spans[indexAt(spans, at)];
}
