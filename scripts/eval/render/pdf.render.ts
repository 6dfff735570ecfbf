/**
 * A report model → a PDF as a word processor prints it: prose wrapped to the
 * page, tables drawn cell by cell with ruling lines (merged cells have no
 * line inside them), cell text wrapped inside its cell and centred, a table
 * cut by a page break where its rows reach the foot of the page, page
 * numbers in the footer. Built with the repo's own PDF writer (no fonts or
 * LibreOffice needed); text comes back through the ToUnicode map.
 */
import { PAGE, textWidth, writePdf, type Run } from '../../corpus/pdf.write.ts';
import { expandGrid, type GridTable, type ReportModel } from './grid.types.ts';

const MARGIN = 40;
const CONTENT = PAGE.width - 2 * MARGIN;
const CELL_SIZE = 7;
const PAD = 2;
/** Border thickness (points). */
const RULE = 0.5;

function wrap(str: string, size: number, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const ch of str) {
    if (line && textWidth(line + ch, size) > width) {
      lines.push(line);
      line = '';
    }
    line += ch;
  }
  if (line) lines.push(line);
  return lines;
}

/** Column widths: label columns share what the figure columns leave. */
function columnWidths(t: GridTable): number[] {
  const labelCols = t.width === 10 ? 3 : t.width === 4 ? 1 : 0;
  const numWidth = labelCols === 0 ? CONTENT / t.width : t.width === 10 ? 38 : 110;
  const labelWidth = labelCols === 0 ? 0 : (CONTENT - numWidth * (t.width - labelCols)) / labelCols;
  return Array.from({ length: t.width }, (_, i) => (i < labelCols ? labelWidth : numWidth));
}

interface Page {
  runs: Run[];
  lines: Set<string>;
}

export function renderPdfReport(model: ReportModel): Uint8Array {
  const pages: Page[] = [{ runs: [], lines: new Set() }];
  let y = MARGIN;
  const page = () => pages[pages.length - 1]!;
  const ensure = (h: number) => {
    if (y + h > PAGE.height - MARGIN - 20) {
      pages.push({ runs: [], lines: new Set() });
      y = MARGIN;
    }
  };

  const drawTable = (t: GridTable) => {
    const widths = columnWidths(t);
    const xs = widths.reduce<number[]>((acc, w) => [...acc, acc[acc.length - 1]! + w], [MARGIN]);
    const slots = expandGrid(t);
    const cellWidth = (c: number, span: number) => xs[Math.min(c + span, t.width)]! - xs[c]!;
    const linesOf = (text: string, c: number, span: number) => Math.max(1, wrap(text, CELL_SIZE, cellWidth(c, span) - 2 * PAD).length);
    const heights = t.rows.map(() => CELL_SIZE * 1.4 + 2 * PAD);
    slots.forEach((row, r) => row.forEach((s, c) => {
      if (!s || s.originRow !== r || s.originCol !== c || (s.cell.rowspan ?? 1) > 1) return;
      heights[r] = Math.max(heights[r]!, linesOf(s.cell.text, c, s.cell.colspan ?? 1) * CELL_SIZE * 1.3 + 2 * PAD);
    }));
    slots.forEach((row, r) => row.forEach((s, c) => {
      const rs = s?.cell.rowspan ?? 1;
      if (!s || s.originRow !== r || s.originCol !== c || rs === 1) return;
      const need = linesOf(s.cell.text, c, s.cell.colspan ?? 1) * CELL_SIZE * 1.3 + 2 * PAD;
      const have = heights.slice(r, r + rs).reduce((a, b) => a + b, 0);
      if (need > have) heights[Math.min(r + rs, heights.length) - 1]! += need - have;
    }));
    // rows flow onto the next page where they do not fit (the table is cut there, no header repeated);
    // a merged cell cut by the page break is drawn on both pages, its text on the first part only
    const bottom = PAGE.height - MARGIN - 20;
    const placed: Array<{ page: number; top: number }> = [];
    let at = y;
    // 表三 is long enough to be cut in most real reports: cut it mid-body here, whatever the space left
    const cutAt = t.width === 10 ? t.headerRows + Math.floor((t.rows.length - t.headerRows) / 2) : -1;
    heights.forEach((h, r) => {
      if ((at + h > bottom && at > MARGIN) || r === cutAt) {
        pages.push({ runs: [], lines: new Set() });
        at = MARGIN;
      }
      placed.push({ page: pages.length - 1, top: at });
      at += h;
    });
    // Word and LibreOffice export cell borders as hairline filled rectangles (re f), not stroked paths
    const lineOn = (p: number, x1: number, y1: number, x2: number, y2: number) => {
      const [w, h] = [Math.max(x2 - x1, RULE), Math.max(y2 - y1, RULE)];
      pages[p]!.lines.add(`${(x1 - RULE / 2).toFixed(2)} ${(PAGE.height - y1 - h + RULE / 2).toFixed(2)} ${w.toFixed(2)} ${h.toFixed(2)} re f`);
    };
    slots.forEach((row, r) => row.forEach((s, c) => {
      if (!s || s.originRow !== r || s.originCol !== c) return;
      const cs = s.cell.colspan ?? 1;
      const last = Math.min(r + (s.cell.rowspan ?? 1), t.rows.length) - 1;
      const [x1, x2] = [xs[c]!, xs[Math.min(c + cs, t.width)]!];
      let first = true;
      for (let a = r; a <= last;) {
        let b = a;
        while (b < last && placed[b + 1]!.page === placed[a]!.page) b++;
        const p = placed[a]!.page;
        const [y1, y2] = [placed[a]!.top, placed[b]!.top + heights[b]!];
        lineOn(p, x1, y1, x2, y1);
        lineOn(p, x1, y2, x2, y2);
        lineOn(p, x1, y1, x1, y2);
        lineOn(p, x2, y1, x2, y2);
        if (first) {
          const text = wrap(s.cell.text, CELL_SIZE, x2 - x1 - 2 * PAD);
          const top = (y1 + y2) / 2 - (text.length * CELL_SIZE * 1.3) / 2 + CELL_SIZE;
          text.forEach((l, i) => pages[p]!.runs.push({ x: (x1 + x2) / 2 - textWidth(l, CELL_SIZE) / 2, y: top + i * CELL_SIZE * 1.3, size: CELL_SIZE, str: l }));
          first = false;
        }
        a = b + 1;
      }
    }));
    y = at + 12;
  };

  for (const b of model.blocks) {
    if (b.kind === 'table') {
      drawTable(b.table);
      continue;
    }
    const size = b.kind === 'title' ? 16 : b.kind === 'h' ? 12 : 10.5;
    for (const l of wrap(b.text, size, CONTENT)) {
      ensure(size * 1.6);
      y += size * 1.6;
      page().runs.push({ x: MARGIN + (b.kind === 'title' ? Math.max(0, (CONTENT - textWidth(l, size)) / 2) : 0), y, size, str: l });
    }
    y += size * 0.4;
  }
  pages.forEach((p, i) => p.runs.push({ x: PAGE.width / 2 - 10, y: PAGE.height - 30, size: 9, str: `- ${i + 1} -` }));
  return writePdf(pages.map((p) => p.runs), { graphics: pages.map((p) => [...p.lines].join('\n')) });
}
