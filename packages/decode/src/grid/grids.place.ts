/**
 * Grids laid out in a reader's coordinates (HTML source offsets,
 * extracted-text offsets) → offsets into a TrackedText whose origins are in
 * those coordinates: the decoded text after normalization, or the text the
 * reader itself wrote (DOCX: mammoth's HTML → extracted text).
 */
import type { TableGrid } from '@gongkai/core';
import type { TrackedText } from '../text/tracked-text.ts';
import type { SourceGrid } from './grid.layout.ts';

/**
 * Running maximum of the origins: origins only go backwards around inserted
 * separators, so the first index whose running maximum reaches an origin is
 * where that origin's text starts.
 */
export function originIndex(tracked: TrackedText): (origin: number) => number {
  const n = tracked.text.length;
  const max = new Int32Array(n + 1);
  let m = -1;
  for (let i = 0; i <= n; i++) {
    m = Math.max(m, tracked.origin[i] ?? m);
    max[i] = m;
  }
  return (origin: number) => {
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((max[mid] ?? 0) >= origin) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  };
}

/** Cell ranges of `grid` moved into `tracked`'s indices (same layout, reader's coordinates replaced). */
export function remapGrid(grid: SourceGrid, at: (origin: number) => number): SourceGrid {
  return { ...grid, cells: grid.cells.map((c) => ({ ...c, from: at(c.from), to: Math.max(at(c.from), at(c.to)) })) };
}

/** A cell's text in the final text: inner tabs and breaks as spaces, trimmed (offsets follow the trim). */
function trimmed(text: string, from: number, to: number): { text: string; start: number; end: number } {
  let s = from;
  let e = to;
  while (s < e && /\s/.test(text[s] as string)) s++;
  while (e > s && /\s/.test(text[e - 1] as string)) e--;
  return { text: text.slice(s, e).replace(/[\t\n\r]+/g, ' '), start: s, end: e };
}

/** Final grids: cell ranges are indices into `text` (already remapped). Grids whose cells all vanished are dropped. */
export function finishGrids(grids: readonly SourceGrid[], text: string): TableGrid[] {
  const out: TableGrid[] = [];
  for (const g of grids) {
    const cells = g.cells.map((c) => ({ row: c.row, col: c.col, rowSpan: c.rowSpan, colSpan: c.colSpan, ...trimmed(text, c.from, c.to) }));
    const filled = cells.filter((c) => c.end > c.start);
    if (filled.length === 0) continue;
    let start = Infinity;
    let end = 0;
    for (const c of filled) {
      start = Math.min(start, c.start);
      end = Math.max(end, c.end);
    }
    out.push({ source: g.source, start, end, rows: g.rows, cols: g.cols, cells });
  }
  return out;
}
