/**
 * Where the items of enumerated paragraphs begin (…；二是…，三是…), indexed
 * once per report, so that "is this offset inside such an item?" costs a
 * binary search instead of a regex over everything before it on its line
 * (a report on one line made that quadratic).
 */

import { lastAtMost } from './sorted.search.ts';

const NUMERALS = '一二三四五六七八九十';
/** What may stand before an item mark (or the start of the searched range). */
const SEPARATOR = /[。；;，,：:\s]/u;

export interface ItemMarks {
  /**
   * Whether text[from, at) holds an item mark, i.e. whether
   * `/(?:^|[。；;，,：:\s])[一二三四五六七八九十]{1,2}是/u` matches text.slice(from, at).
   */
  within(from: number, at: number): boolean;
  /** Offset of the first character of the line holding `at`. */
  lineStart(at: number): number;
}

function isNumeral(c: string): boolean {
  return c !== '' && NUMERALS.includes(c);
}

/** Numerals (one or two) at `start` followed by 是: the offset after 是, or -1. */
function markAt(text: string, start: number): number {
  for (let k = 1; k <= 2; k++) {
    if (!isNumeral(text.charAt(start + k - 1))) return -1;
    if (text.charAt(start + k) === '是') return start + k + 1;
  }
  return -1;
}

export function itemMarks(text: string): ItemMarks {
  // every separator + numerals + 是, by the end of 是; with the greatest separator offset so far
  const ends: number[] = [];
  const maxSeparator: number[] = [];
  let best = -1;
  for (let q = text.indexOf('是'); q !== -1; q = text.indexOf('是', q + 1)) {
    for (let k = 1; k <= 2; k++) {
      const start = q - k;
      if (start < 0 || !isNumeral(text.charAt(start))) break;
      if (start > 0 && SEPARATOR.test(text.charAt(start - 1))) {
        best = Math.max(best, start - 1);
        ends.push(q + 1);
        maxSeparator.push(best);
      }
    }
  }
  const newlines: number[] = [];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) newlines.push(i);
  return {
    within(from, at) {
      if (from >= at) return false;
      const atStart = markAt(text, from);
      if (atStart !== -1 && atStart <= at) return true;
      const i = lastAtMost(ends, at);
      return i >= 0 && (maxSeparator[i] as number) >= from;
    },
    lineStart(at) {
      const i = lastAtMost(newlines, at - 1);
      return i >= 0 ? (newlines[i] as number) + 1 : 0;
    },
  };
}
