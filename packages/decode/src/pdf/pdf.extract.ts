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

/** A PDF whose first this-many pages carry no text at all is taken for a scan without reading the rest. */
const SCAN_PROBE_PAGES = 5;
/** Above this share of implausible characters a text layer is garbled (a report is Chinese, digits and ASCII). */
const MAX_GARBLED_SHARE = 0.5;

/**
 * The share of visible characters that no report text has: private-use
 * glyphs, C0/C1 controls, U+FFFD, Latin-1/Latin Extended letters and accents
 * (what a CJK font without a ToUnicode map extracts as). CJK, ASCII, full-width forms and punctuation are plausible.
 */
export function garbledShare(text: string): number {
  let visible = 0;
  let bad = 0;
  for (const ch of text) {
    if (/\s/u.test(ch)) continue;
    visible++;
    if (/[\p{Co}\p{Cc}\uFFFD\u00A1-\u024F\u02B0-\u02FF]/u.test(ch)) bad++;
  }
  return visible === 0 ? 0 : bad / visible;
}

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
 * A PDF without text, or whose text layer is garbled, comes back empty with
 * `needsOcr`: the ocr stage reads its page images.
 * The "original" of a PDF is this extracted text: offsets point into it.
 */
export async function extractPdf(bytes: Uint8Array, name: string): Promise<Extracted> {
  const doc = await loadPdf(bytes, name);
  const total = doc.numPages;
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
      // the first pages are all images: a scan; OCR reads every page anyway, so reading 500 more here buys nothing
      if (n === SCAN_PROBE_PAGES && chars === 0 && doc.numPages > n) break;
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
  const meta = title === undefined ? {} : { title };
  if (chars < MIN_TEXT_CHARS) {
    const warning = `${name} is a PDF of ${total} page(s) without a text layer (${chars} characters): scanned images, read by OCR`;
    return { original: '', text: untracked(''), encoding: 'binary', confidence: 1, meta, warnings: [warning], pages: total, needsOcr: 'no-text-layer' };
  }
  const text = assembleParagraphs(dropPageFurniture(pages));
  const garbled = garbledShare(text);
  if (garbled > MAX_GARBLED_SHARE) {
    const warning = `${name} has a text layer that does not read as text (${Math.round(garbled * 100)}% of its characters are private-use, control or stray Latin-1 glyphs: fonts without a character map), read by OCR`;
    return { original: '', text: untracked(''), encoding: 'binary', confidence: 1, meta, warnings: [warning], pages: total, needsOcr: 'garbled-text-layer' };
  }
  const warnings = empty.length > 0 ? [`page(s) ${empty.join(', ')} have no text layer (scanned?) and contribute no text`] : [];
  const grids = locateTableGrids(tables, text);
  return { original: text, text: untracked(text), encoding: 'binary', confidence: 1, meta, warnings, pages: pages.length, grids };
}
