/**
 * Offset look-ups by binary search, built once per report: a rule that asks
 * "is this offset in a table / on a tab-separated line" for every number of a
 * long line must not rescan the line or every table each time.
 */

/** Index of the first number ≥ `value` in an ascending array (length when none). */
export function firstAtLeast(sorted: readonly number[], value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((sorted[mid] as number) < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Membership in a union of [start, end) ranges (empty ranges hold nothing). */
export function rangeSet(ranges: ReadonlyArray<readonly [number, number]>): (offset: number) => boolean {
  const sorted = ranges.filter(([s, e]) => e > s).sort((a, b) => a[0] - b[0]);
  const starts: number[] = [];
  const ends: number[] = [];
  for (const [s, e] of sorted) {
    const last = ends.length - 1;
    if (last >= 0 && s <= (ends[last] as number)) ends[last] = Math.max(ends[last] as number, e);
    else {
      starts.push(s);
      ends.push(e);
    }
  }
  return (offset) => {
    const i = firstAtLeast(starts, offset + 1) - 1; // the last merged range starting at or before offset
    return i >= 0 && offset < (ends[i] as number);
  };
}

/** Whether the line holding an offset contains a tab (the line of a '\n' is the one it ends). */
export function tabLines(text: string): (offset: number) => boolean {
  const newlines: number[] = [];
  const tabs: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) newlines.push(i);
    else if (c === 9) tabs.push(i);
  }
  return (offset) => {
    const prev = firstAtLeast(newlines, offset) - 1; // the last newline before offset
    const lineStart = prev >= 0 ? (newlines[prev] as number) + 1 : 0;
    const lineEnd = newlines[firstAtLeast(newlines, offset)] ?? text.length;
    const tab = tabs[firstAtLeast(tabs, lineStart)];
    return tab !== undefined && tab < lineEnd;
  };
}
