/**
 * Whitespace-insensitive search over a slice of the text. PDF and web
 * extraction break labels anywhere ("商 业 企\n业", "大量反复 申请"), so
 * labels are matched on a copy without whitespace and mapped back to
 * offsets in the original text.
 */
export interface CompactText {
  /** The slice without whitespace. */
  s: string;
  /** map[i] = offset in the original text of s[i]; map[s.length] = end of the slice. */
  map: Int32Array;
}

const WS = /[\s\u00a0\u3000\u200b\ufeff]/;
const WS_ALL = /[\s\u00a0\u3000\u200b\ufeff]+/g;

export function isSpace(ch: string | undefined): boolean {
  return ch !== undefined && WS.test(ch);
}

/** The same set as WS, by code unit (compact() runs over whole bodies). */
function isSpaceCode(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200b) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

export function compact(text: string, start = 0, end = text.length): CompactText {
  const map = new Int32Array(end - start + 1);
  let n = 0;
  for (let i = start; i < end; i++) if (!isSpaceCode(text.charCodeAt(i))) map[n++] = i;
  map[n] = end;
  const s = text.slice(start, end).replace(WS_ALL, '');
  return { s, map: map.subarray(0, n + 1) };
}

/** A match in original offsets: [start, end) covers the label including any whitespace inside it. */
export interface Found {
  start: number;
  end: number;
  key: string;
}

/** First occurrence of `key` (whitespace removed) at or after original offset `from`. */
export function findCompact(c: CompactText, key: string, from: number, before = Infinity): Found | null {
  const k = key.replace(/\s+/g, '');
  const fromIdx = lowerBound(c.map, from);
  const i = c.s.indexOf(k, fromIdx);
  if (i < 0) return null;
  const start = c.map[i] as number;
  if (start >= before) return null;
  const last = c.map[i + k.length - 1] as number;
  return { start, end: last + 1, key };
}

/** The earliest match of any of `keys` (ties: the longer key). */
export function findFirstOf(c: CompactText, keys: readonly string[], from: number, before = Infinity): Found | null {
  let best: Found | null = null;
  for (const key of keys) {
    const f = findCompact(c, key, from, before);
    if (!f) continue;
    if (!best || f.start < best.start || (f.start === best.start && f.end > best.end)) best = f;
  }
  return best;
}

function lowerBound(a: Int32Array, x: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((a[mid] as number) < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
