import { HEADING_START } from '../normalize/lines.structure.ts';
import { centerY, type PlacedLine, type TextBox } from './pdf-page.types.ts';

/** A gap wider than this many ems between two runs of one line separates table cells. */
const CELL_GAP_EM = 1.5;
const NUMERIC_CELL = /^[-+]?\d[\d,]*(?:\.\d+)?%?$/;
const LATIN_END = /[A-Za-z0-9.,%@:/-]$/;
const LATIN_START = /^[A-Za-z0-9]/;

/**
 * Joins the runs of one line (sorted by x): "\t" where the gap is wide
 * enough to separate cells, a space between two Latin/digit runs that are
 * visibly apart, nothing between CJK runs.
 */
export function joinBoxesInLine(boxes: TextBox[]): string {
  let out = '';
  let prev: TextBox | null = null;
  for (const b of boxes) {
    const str = b.str.replace(/ {3,}/g, '\t');
    if (str.trim() === '') continue;
    if (prev) {
      const gap = b.x - (prev.x + prev.width);
      const em = Math.min(prev.size, b.size);
      if (gap > CELL_GAP_EM * em) out += '\t';
      else if (gap > 0.2 * em && LATIN_END.test(out) && LATIN_START.test(str)) out += ' ';
    }
    out += str;
    prev = b;
  }
  return out.trim();
}

/** A line whose wide gaps look like table cells: at least three cells, two of them numbers. */
function isCellRow(text: string): boolean {
  const cells = text.split('\t').map((c) => c.trim());
  return cells.length >= 3 && cells.filter((c) => NUMERIC_CELL.test(c)).length >= 2;
}

/** Groups text boxes into lines (by vertical centre), each sorted left to right. */
export function layoutLines(boxes: TextBox[]): PlacedLine[] {
  const sorted = [...boxes].filter((b) => b.str.trim() !== '').sort((a, b) => centerY(a) - centerY(b) || a.x - b.x);
  const groups: TextBox[][] = [];
  for (const b of sorted) {
    const last = groups[groups.length - 1];
    const anchor = last?.[0];
    if (last && anchor && Math.abs(centerY(anchor) - centerY(b)) < Math.max(anchor.size, b.size) * 0.5) last.push(b);
    else groups.push([b]);
  }
  return groups.map((g) => {
    const line = g.sort((a, b) => a.x - b.x);
    const first = line[0] as TextBox;
    const last = line[line.length - 1] as TextBox;
    const sizes = line.map((b) => b.size).sort((a, b) => a - b);
    const size = sizes[Math.floor(sizes.length / 2)] ?? first.size;
    const joined = joinBoxesInLine(line);
    const row = isCellRow(joined);
    return {
      top: Math.min(...line.map((b) => b.y - b.size * 0.85)),
      bottom: Math.max(...line.map((b) => b.y + b.size * 0.15)),
      left: first.x,
      right: last.x + last.width,
      size,
      text: row ? joined : joined.replace(/\t/g, ' '),
      row,
    };
  });
}

const median = (values: number[]): number => {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? 0;
};

/** Most frequent value after rounding to whole points. */
const mode = (values: number[]): number => {
  const counts = new Map<number, number>();
  for (const v of values) counts.set(Math.round(v), (counts.get(Math.round(v)) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]?.[0] ?? 0;
};

const ENDS_SENTENCE = /[。！？；：!?;:]$/;

/**
 * Reassembles paragraphs from the lines of all pages in reading order. A
 * line continues the paragraph unless it is a table row, starts with a
 * heading marker, is indented, follows a line that stopped short of the
 * right margin, changes font size, or sits after a vertical gap. Big-type
 * lines that do not end a sentence (a title set on two lines) are joined.
 */
export function assembleParagraphs(pages: PlacedLine[][]): string {
  const body = pages.flat().filter((l) => !l.row);
  const leftMargin = mode(body.map((l) => l.left));
  const rightMargin = median(body.filter((l) => l.right - l.left > 200).map((l) => l.right)) || Math.max(0, ...body.map((l) => l.right));
  const bodySize = median(body.map((l) => l.size));
  const out: string[] = [];
  let para = '';
  let prev: PlacedLine | null = null;
  const flush = () => {
    if (para !== '') out.push(para);
    para = '';
  };
  pages.forEach((lines, p) => {
    lines.forEach((line, i) => {
      if (line.row) {
        flush();
        out.push(line.text);
        prev = line;
        return;
      }
      const samePage = i > 0;
      const title = prev !== null && !prev.row && prev.size >= bodySize * 1.15 && line.size >= bodySize * 1.15 && !ENDS_SENTENCE.test(prev.text);
      const startsNew =
        prev === null ||
        prev.row ||
        HEADING_START.test(line.text) ||
        line.left > leftMargin + line.size * 1.2 ||
        prev.right < rightMargin - line.size * 1.5 ||
        Math.abs(line.size - prev.size) > line.size * 0.15 ||
        (samePage && line.top - prev.bottom > line.size * 1.2);
      if (startsNew && !title) flush();
      else if (LATIN_END.test(para) && LATIN_START.test(line.text)) para += ' ';
      para += line.text;
      prev = line;
    });
    if (p < pages.length - 1 && prev !== null && !prev.row && prev.right < rightMargin - prev.size * 1.5) flush();
  });
  flush();
  return out.join('\n');
}
