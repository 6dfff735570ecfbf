/**
 * Markdown pipe tables in plain text (the usual output of PDF→Markdown
 * converters): `| 规章 | 0 | 0 | 0 |` rows, `|---|` separator rows, blank
 * lines between rows, a row broken over lines (`| 三、本年度办理结果 | 1` /
 * `| 2 |`: a line that opens with "|" but does not close is continued by
 * the next lines until one closes). Markdown has no spans: every cell is
 * 1×1; the template matcher copes with missing, shifted and repeated cells.
 *
 * Bounded work: one pass over the lines; a row is joined from at most
 * MAX_ROW_LINES lines; lines longer than MAX_LINE are no table rows.
 */
import { pushLayout, type RawCell, type SourceGrid } from './grid.layout.ts';
import { lineRanges, type LineRange } from './text.lines.ts';

const MAX_ROW_LINES = 6;
/** Longer lines are prose (or junk), not table rows. */
export const MAX_LINE = 4000;

const opens = (s: string) => /^\s*\|/.test(s);
const closes = (s: string) => /\|\s*$/.test(s);
const SEPARATOR = /^\s*\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?\s*$/;

/** The cells of one row spanning text[from, to): between the pipes, the leading and trailing pipe dropped. */
function rowCells(text: string, from: number, to: number): RawCell[] {
  const cells: RawCell[] = [];
  let start = -1;
  for (let i = from; i < to; i++) {
    if (text[i] !== '|' || text[i - 1] === '\\') continue;
    if (start >= 0) cells.push({ rowSpan: 1, colSpan: 1, from: start, to: i });
    start = i + 1;
  }
  // text after the last pipe of an unclosed row is a cell too
  if (start >= 0 && text.slice(start, to).trim() !== '') cells.push({ rowSpan: 1, colSpan: 1, from: start, to });
  return cells;
}

/** Pipe tables of a plain text, as grids in offsets of `text`; `refused` gets why a table got none. */
export function markdownGrids(text: string, refused: string[] = []): SourceGrid[] {
  const lines = lineRanges(text);
  const grids: SourceGrid[] = [];
  let rows: RawCell[][] = [];
  let gap = 0;
  const flush = () => {
    if (rows.length >= 1 && rows.some((r) => r.length >= 2)) pushLayout(grids, refused, rows, 'markdown');
    rows = [];
    gap = 0;
  };
  for (let i = 0; i < lines.length; i++) {
    const [s, e] = lines[i] as LineRange;
    const line = text.slice(s, e);
    if (line.length > MAX_LINE || !opens(line)) {
      // a blank line (or two) between rows does not end the table
      if (line.trim() === '' && rows.length > 0 && gap < 2) {
        gap++;
        continue;
      }
      flush();
      continue;
    }
    gap = 0;
    if (SEPARATOR.test(line)) continue;
    let end = e;
    let k = i;
    while (!closes(text.slice(s, end)) && k + 1 < lines.length && k - i < MAX_ROW_LINES - 1) {
      const [ns, ne] = lines[k + 1] as LineRange;
      const next = text.slice(ns, ne);
      // the continuation of a broken row does not open with a pipe of its own
      if (next.length > MAX_LINE || opens(next) || next.trim() === '') break;
      k++;
      end = ne;
    }
    i = k;
    rows.push(rowCells(text, s, end));
  }
  flush();
  return grids;
}
