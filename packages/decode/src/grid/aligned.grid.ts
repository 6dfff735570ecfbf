/**
 * Column-aligned plain-text tables: consecutive lines whose fields are
 * separated by tabs or by runs of 2+ spaces (ASCII or full-width), e.g. a
 * table copied out of a PDF viewer or a Word document into a .txt file:
 * `规章        0      0      0`. Fields become 1×1 cells in reading order
 * (the template matcher places them by label and count, not by x-position).
 * A block needs at least two lines of two or more fields and a number among
 * them, so prose is never taken for a table; short one-field lines inside a
 * block (第二十条第（五）项) are rows of one cell.
 *
 * Bounded work: one pass over the lines; lines longer than MAX_LINE are
 * skipped; layoutGrid refuses blocks over its row/column bounds.
 */
import { pushLayout, type RawCell, type SourceGrid } from './grid.layout.ts';
import { MAX_LINE } from './markdown.grid.ts';
import { lineRanges, type LineRange } from './text.lines.ts';

/** Field separators: a tab, 2+ spaces, a full-width space run. */
const SEP = /\t+[ \t\u3000]*| {2,}[ \t\u3000]*|\u3000+[ \t\u3000]*/g;
const NUMBER = /^[-+－]?\d[\d,，.]*(?:万元|元|件)?$|^[/／—–-]$/;

function fields(text: string, from: number, to: number): RawCell[] {
  const line = text.slice(from, to);
  const lead = /^[\s\u3000]*/.exec(line)?.[0].length ?? 0;
  const cells: RawCell[] = [];
  let start = lead;
  SEP.lastIndex = lead;
  for (let m = SEP.exec(line); m; m = SEP.exec(line)) {
    if (m.index > start) cells.push({ rowSpan: 1, colSpan: 1, from: from + start, to: from + m.index });
    start = m.index + m[0].length;
  }
  if (start < line.length) cells.push({ rowSpan: 1, colSpan: 1, from: from + start, to });
  return cells;
}

const hasNumber = (text: string, cells: RawCell[]) => cells.some((c) => NUMBER.test(text.slice(c.from, c.to).trim()));

/** A short one-field line inside a block (第二十条第（五）项, a unit line) does not end it. */
const SHORT_LINE = 30;

/** Column-aligned blocks of a plain text, as grids in offsets of `text`. Pipe-table lines are left to markdown.grid.ts. */
export function alignedGrids(text: string, refused: string[] = []): SourceGrid[] {
  const grids: SourceGrid[] = [];
  let rows: RawCell[][] = [];
  /** Single-field lines seen since the last multi-field row (kept only when another row follows). */
  let pending: RawCell[][] = [];
  let numbers = false;
  const flush = () => {
    if (rows.filter((r) => r.length >= 2).length >= 2 && numbers) pushLayout(grids, refused, rows, 'text');
    rows = [];
    pending = [];
    numbers = false;
  };
  for (const [s, e] of lineRanges(text) as LineRange[]) {
    const line = text.slice(s, e);
    if (line.length > MAX_LINE || /^\s*\|/.test(line)) {
      flush();
      continue;
    }
    const cells = fields(text, s, e);
    // a sentence is prose, whatever its spacing
    if (cells.length >= 2 && !/[。；！？]\s*$/.test(line)) {
      rows.push(...pending, cells);
      pending = [];
      numbers ||= hasNumber(text, cells);
    } else if (rows.length > 0 && cells.length === 1 && line.trim().length <= SHORT_LINE && pending.length < 2) {
      pending.push(cells);
    } else flush();
  }
  flush();
  return grids;
}
