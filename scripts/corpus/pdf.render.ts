/** Blocks → PDF pages: wrapped paragraphs, tables as one line of cell runs per row. */
import type { DocBlock } from './corpus.types.ts';
import { PAGE, textWidth, writePdf, type Run } from './pdf.write.ts';

const MARGIN = 40;
const WIDTH = PAGE.width - 2 * MARGIN;
const BODY = 10.5;
const TABLE = 6;
const NUM_COL = 30;

/** Splits `str` into lines no wider than `width` (CJK text breaks anywhere, as PDF producers do). */
function wrap(str: string, size: number, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const ch of str) {
    if (textWidth(line + ch, size) > width && line) {
      lines.push(line);
      line = '';
    }
    line += ch;
  }
  if (line) lines.push(line);
  return lines;
}

export function renderPdf(blocks: readonly DocBlock[], text: (s: string) => string, opts: { pageNumbers?: boolean } = {}): Uint8Array {
  const pages: Run[][] = [[]];
  let y = MARGIN + 20;
  const newLine = (height: number) => {
    if (y + height > PAGE.height - MARGIN) {
      pages.push([]);
      y = MARGIN + 20;
    }
    y += height;
  };
  const put = (x: number, size: number, str: string) => pages[pages.length - 1]!.push({ x, y, size, str });

  for (const b of blocks) {
    if (b.kind === 'table') {
      for (const row of b.rows) {
        newLine(TABLE * 2.2);
        const cells = row.map(text);
        const nums = cells.filter((c) => /^-?\d+(\.\d+)?$/.test(c));
        const labels = cells.slice(0, cells.length - nums.length);
        let x = MARGIN;
        for (const l of labels) {
          put(x, TABLE, l);
          x += textWidth(l, TABLE) + TABLE * 2;
        }
        const numStart = Math.max(x, PAGE.width - MARGIN - nums.length * NUM_COL);
        nums.forEach((n, i) => put(numStart + i * NUM_COL + (NUM_COL - textWidth(n, TABLE)) - 4, TABLE, n));
      }
      newLine(TABLE);
      continue;
    }
    const size = b.kind === 'title' ? 16 : b.kind === 'h' ? 12 : BODY;
    for (const line of wrap(text(b.text), size, WIDTH)) {
      newLine(size * 1.6);
      put(MARGIN + (b.kind === 'title' ? Math.max(0, (WIDTH - textWidth(line, size)) / 2) : 0), size, line);
    }
  }
  if (opts.pageNumbers) {
    pages.forEach((p, i) => p.push({ x: PAGE.width / 2 - 10, y: PAGE.height - 30, size: 9, str: `- ${i + 1} -` }));
  }
  return writePdf(pages);
}
