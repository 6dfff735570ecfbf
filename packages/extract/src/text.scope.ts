/**
 * Regex tests over one sentence or clause, each computed once however many
 * numbers it holds. Testing a rule against the sentence (or the clause up to
 * the number) anew for every number made a long sentence quadratic.
 */
import type { Span } from './text.split.ts';

export class TextScope {
  private readonly tests = new Map<RegExp, boolean>();
  private readonly firstEnds = new Map<RegExp, number>();

  constructor(
    private readonly text: string,
    readonly span: Span,
  ) {}

  /** `re.test(text of the span)`, memoized (`re` must not be global or sticky). */
  test(re: RegExp): boolean {
    let hit = this.tests.get(re);
    if (hit === undefined) {
      hit = re.test(this.text.slice(this.span.start, this.span.end));
      this.tests.set(re, hit);
    }
    return hit;
  }

  /**
   * `re.test(text.slice(span.start, end))` for `end` within the span. `re` must
   * be prefix-monotone (no lookahead, `$` or `\b`: a match in a prefix stays a
   * match in every longer prefix), so that one answer per span suffices: the
   * shortest prefix that matches, found by binary search.
   */
  testHead(re: RegExp, end: number): boolean {
    let first = this.firstEnds.get(re);
    if (first === undefined) {
      first = this.shortestMatchingHead(re);
      this.firstEnds.set(re, first);
    }
    return end >= first;
  }

  private shortestMatchingHead(re: RegExp): number {
    const { start, end } = this.span;
    if (!this.test(re)) return Number.POSITIVE_INFINITY;
    if (re.test('')) return start;
    let lo = start; // the head up to lo does not match
    let hi = end; // the head up to hi does
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if (re.test(this.text.slice(start, mid))) hi = mid;
      else lo = mid;
    }
    return hi;
  }
}

/**
 * `re.test(text.slice(from, to))` for a regex anchored at the end (`…$`, no
 * `^`, no lookbehind) whose matches are at most `maxLength` UTF-16 units long:
 * only the last `maxLength` units before `to` are searched, however long the
 * text before them.
 */
export function endsWithMatch(re: RegExp, text: string, from: number, to: number, maxLength: number): boolean {
  let start = Math.max(from, to - maxLength);
  const code = text.charCodeAt(start);
  if (start > from && code >= 0xdc00 && code <= 0xdfff) start--; // keep a surrogate pair whole
  return re.test(text.slice(start, to));
}
