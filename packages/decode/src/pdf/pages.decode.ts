/**
 * Pages laid out by someone else (OCR: words with boxes, ruling lines found
 * in the page image) → a DecodeResult, through the same layout as a PDF with
 * a text layer: ruled tables become tab-separated rows and grids, other
 * words become lines and paragraphs, page numbers and running headers are
 * dropped, and the text is normalized as every format's is. Each box that
 * reaches the text gets its [start, end) in the normalized text, so the
 * reader can point a figure back at the place on the page it came from.
 * Pure: geometry in, text out.
 */
import type { DecodeFacts, DecodeResult, Format } from '@gongkai/core';
import { finishGrids, originIndex, remapGrid } from '../grid/grids.place.ts';
import { normalize } from '../normalize/normalize.pipeline.ts';
import { reportWarnings } from '../report/report.check.ts';
import { toOffsetMap, untracked } from '../text/tracked-text.ts';
import { assembleParagraphs, layoutLines } from './pdf-lines.layout.ts';
import { centerX, centerY, type PlacedLine, type Segment, type TextBox } from './pdf-page.types.ts';
import { extractTables, locateTableGrids, type Table } from './pdf-table.grid.ts';

export type { Segment, TextBox };

/** One page: its size and the words on it, in points (y grows downwards; a box's `y` is its baseline). */
export interface LaidOutPage {
  width: number;
  height: number;
  boxes: TextBox[];
  horizontal: Segment[];
  vertical: Segment[];
}

/** Where a box of the input ended up: page index (0-based), box index, range in the normalized text. */
export interface PlacedBox {
  page: number;
  box: number;
  start: number;
  end: number;
}

export interface PagesDecoded {
  result: DecodeResult;
  placed: PlacedBox[];
}

const PAGE_NUMBER = /^(?:[-－—–]\s*\d{1,3}\s*[-－—–]|第\s*\d{1,3}\s*页(?:\s*[/／,，]?\s*共\s*\d{1,3}\s*页)?|\d{1,3}(?:\s*[/／]\s*\d{1,3})?)$/;
/** Share of the page height at the top and bottom where running headers and footers live. */
const MARGIN_BAND = 0.1;

/** The page-furniture rule of pdf.extract.ts: page numbers and lines repeated in the top/bottom band of most pages go. */
function dropFurniture(pages: Array<{ lines: PlacedLine[]; height: number }>): PlacedLine[][] {
  const inBand = (l: PlacedLine, h: number) => l.top < h * MARGIN_BAND || l.bottom > h * (1 - MARGIN_BAND);
  const counts = new Map<string, number>();
  for (const p of pages) {
    for (const t of new Set(p.lines.filter((l) => !l.row && inBand(l, p.height)).map((l) => l.text))) counts.set(t, (counts.get(t) ?? 0) + 1);
  }
  const repeated = (t: string) => pages.length >= 3 && (counts.get(t) ?? 0) >= Math.max(3, pages.length / 2);
  return pages.map((p) => p.lines.filter((l) => l.row || !inBand(l, p.height) || !(PAGE_NUMBER.test(l.text.replace(/\s+/g, '')) || repeated(l.text))));
}

/** The boxes of a page that a placed line was made of (its rectangle holds their centres). */
function boxesOf(line: PlacedLine, boxes: readonly TextBox[], taken: Uint8Array): number[] {
  const slack = line.size * 0.3;
  const out: number[] = [];
  boxes.forEach((b, i) => {
    if (taken[i] === 1) return;
    const x = centerX(b);
    const y = centerY(b);
    if (x >= line.left - slack && x <= line.right + slack && y >= line.top - slack && y <= line.bottom + slack) out.push(i);
  });
  return out;
}

/**
 * Finds every emitted line in the assembled text, in reading order, and each
 * of its boxes inside the line's range (left to right, the first unused
 * occurrence): the boxes' ranges in the assembled (original) text.
 */
function locateBoxes(pages: readonly LaidOutPage[], kept: readonly PlacedLine[][], text: string): Array<PlacedBox & { from: number; to: number }> {
  const out: Array<PlacedBox & { from: number; to: number }> = [];
  let cursor = 0;
  kept.forEach((lines, p) => {
    const page = pages[p] as LaidOutPage;
    const taken = new Uint8Array(page.boxes.length);
    for (const line of lines) {
      const pieces = line.row ? line.text.split('\t') : [line.text];
      const probe = pieces.find((s) => s.trim() !== '') ?? '';
      const at = probe === '' ? -1 : text.indexOf(probe, cursor);
      if (at < 0) continue;
      const end = Math.min(text.length, at + line.text.length + 8);
      const used = new Uint8Array(end - at);
      let last = at;
      const mine = boxesOf(line, page.boxes, taken).sort((a, b) => (page.boxes[a] as TextBox).x - (page.boxes[b] as TextBox).x);
      for (const i of mine) {
        const str = (page.boxes[i] as TextBox).str.trim();
        if (str === '') continue;
        let found = text.indexOf(str, last);
        if (found < 0 || found + str.length > end) found = text.indexOf(str, at);
        while (found >= 0 && found + str.length <= end && used[found - at] === 1) found = text.indexOf(str, found + 1);
        if (found < 0 || found + str.length > end) continue;
        used.fill(1, found - at, found - at + str.length);
        taken[i] = 1;
        last = found + str.length;
        out.push({ page: p, box: i, start: 0, end: 0, from: found, to: found + str.length });
      }
      cursor = at;
    }
  });
  return out;
}

/**
 * Laid-out pages → the decode result (text, grids of ruled tables, facts)
 * and where each box went. `format` and `warnings` are the caller's;
 * `encoding` is "binary" as for every container format.
 */
export function decodePages(pages: readonly LaidOutPage[], options: { format: Format; warnings?: string[] }): PagesDecoded {
  const placedPages: Array<{ lines: PlacedLine[]; height: number }> = [];
  const tables: Table[] = [];
  for (const page of pages) {
    const found = extractTables(page.boxes, page.horizontal, page.vertical);
    tables.push(...[...found.tables].sort((a, b) => a.top - b.top));
    const lines = [...layoutLines(found.rest), ...found.tables.flatMap((t) => t.rows)].sort((a, b) => a.top - b.top || a.left - b.left);
    placedPages.push({ lines, height: page.height });
  }
  const kept = dropFurniture(placedPages);
  const original = assembleParagraphs(kept);
  const sourceGrids = locateTableGrids(tables, original).map((g) => ({ ...g, source: 'ocr' as const }));
  const n = normalize(untracked(original), { structured: true });
  const text = n.text.text;
  const at = originIndex(n.text);
  const grids = finishGrids(sourceGrids.map((g) => remapGrid(g, at)), text);
  const placed = locateBoxes(pages, kept, original)
    .map(({ page, box, from, to }) => {
      const start = at(from);
      return { page, box, start, end: Math.max(start, at(to)) };
    })
    .filter((b) => b.end > b.start);
  const facts: DecodeFacts = {
    format: options.format,
    encoding: 'binary',
    confidence: 1,
    script: n.script,
    converted: n.converted,
    pinyinRemoved: n.pinyinRemoved,
    warnings: [...(options.warnings ?? []), ...reportWarnings(text)],
    pages: pages.length,
  };
  const result: DecodeResult = {
    decode: facts,
    text,
    pageMeta: n.meta,
    offsetMap: toOffsetMap(n.text, original),
    offsetBase: 'extracted-text',
    ...(grids.length > 0 ? { grids } : {}),
  };
  return { result, placed };
}
