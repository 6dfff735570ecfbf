import { BadInputError } from '@gongkai/core';
import type { Extracted } from '../decode.stage.ts';
import { untracked } from '../text/tracked-text.ts';
import { assembleParagraphs, layoutLines } from './pdf-lines.layout.ts';
import { loadPdf, pdfTitle, readPage } from './pdf-document.load.ts';
import type { PlacedLine } from './pdf-page.types.ts';
import { extractTables, locateTableGrids, type Table } from './pdf-table.grid.ts';

const PAGE_NUMBER = /^(?:[-－—–]\s*\d{1,3}\s*[-－—–]|第\s*\d{1,3}\s*页(?:\s*[/／,，]?\s*共\s*\d{1,3}\s*页)?|\d{1,3}(?:\s*[/／]\s*\d{1,3})?)$/;
/** Share of the page height at the top and bottom where running headers and footers live. */
const MARGIN_BAND = 0.1;
/** Fewer visible characters than this in the whole file: there is no text layer. */
const MIN_TEXT_CHARS = 20;

interface PageLines {
  lines: PlacedLine[];
  height: number;
}

/** Drops page numbers (`-1-`, `第1页`) and lines repeated in the top/bottom band of most pages (running headers). */
function dropPageFurniture(pages: PageLines[]): PlacedLine[][] {
  const inBand = (l: PlacedLine, h: number) => l.top < h * MARGIN_BAND || l.bottom > h * (1 - MARGIN_BAND);
  const counts = new Map<string, number>();
  for (const p of pages) {
    for (const t of new Set(p.lines.filter((l) => !l.row && inBand(l, p.height)).map((l) => l.text))) counts.set(t, (counts.get(t) ?? 0) + 1);
  }
  const repeated = (t: string) => pages.length >= 3 && (counts.get(t) ?? 0) >= Math.max(3, pages.length / 2);
  return pages.map((p) =>
    p.lines.filter((l) => l.row || !inBand(l, p.height) || !(PAGE_NUMBER.test(l.text.replace(/\s+/g, '')) || repeated(l.text))),
  );
}

/**
 * PDF with a text layer → text in reading order: ruled tables become
 * tab-separated rows (numbers stay in their row), other text is regrouped
 * into lines and paragraphs, page numbers and running headers are dropped.
 * A PDF without text is NO_TEXT_LAYER (scanned; OCR is out of scope).
 * The "original" of a PDF is this extracted text: offsets point into it.
 */
export async function extractPdf(bytes: Uint8Array, name: string): Promise<Extracted> {
  const doc = await loadPdf(bytes, name);
  const pages: PageLines[] = [];
  const tables: Table[] = [];
  const empty: number[] = [];
  let chars = 0;
  let title: string | undefined;
  try {
    title = await pdfTitle(doc);
    for (let n = 1; n <= doc.numPages; n++) {
      const geo = await readPage(doc, n);
      const visible = geo.boxes.reduce((s, b) => s + b.str.replace(/\s+/g, '').length, 0);
      chars += visible;
      if (visible === 0) empty.push(n);
      const found = extractTables(geo.boxes, geo.horizontal, geo.vertical);
      const { rest } = found;
      tables.push(...[...found.tables].sort((a, b) => a.top - b.top));
      const lines = [...layoutLines(rest), ...found.tables.flatMap((t) => t.rows)].sort((a, b) => a.top - b.top || a.left - b.left);
      pages.push({ lines, height: geo.height });
    }
  } catch (cause) {
    throw new BadInputError('CORRUPT_FILE', `${name} is a damaged PDF: ${(cause as Error).message}`, { cause });
  } finally {
    await doc.destroy();
  }
  if (chars < MIN_TEXT_CHARS) {
    throw new BadInputError(
      'NO_TEXT_LAYER',
      `${name} is a PDF of ${pages.length} page(s) without a text layer (${chars} characters): probably scanned images; OCR is not supported`,
    );
  }
  const warnings = empty.length > 0 ? [`page(s) ${empty.join(', ')} have no text layer (scanned?) and contribute no text`] : [];
  const text = assembleParagraphs(dropPageFurniture(pages));
  const meta = title === undefined ? {} : { title };
  const grids = locateTableGrids(tables, text);
  return { original: text, text: untracked(text), encoding: 'binary', confidence: 1, meta, warnings, pages: pages.length, grids };
}
