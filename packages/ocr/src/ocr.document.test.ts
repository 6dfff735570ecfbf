/**
 * OCR end to end on pages drawn at test time (test/page.fixture.ts), read by
 * the real Tesseract (installed by scripts/setup.mjs): text, the ruled table
 * as a grid with its cells by position, regions with page boxes, and the same
 * cells from a damaged scan (red seal over the table corner, 2° lean, grey
 * background, JPEG). Slow by nature (seconds per page): one page per case.
 */
import { describe, expect, it } from 'vitest';
import type { DecodeResult } from '@gongkai/core';
import { ocrDocument } from './ocr.document.ts';
import { renderPageCrop } from './page.crop.ts';
import { PAGE, PAGE_DPI, TABLE, VERTICAL_TABLE, pageImage, verticalTablePage } from '../test/page.fixture.ts';
import sharp from 'sharp';

const OPTS = { maxPages: 10, maxPixels: 40_000_000, dpi: 300, timeoutMs: 300_000 };
const SLOW = 360_000;

/** The table's cells as rows of text, by grid position. */
function gridRows(r: DecodeResult): string[][] {
  const g = (r.grids ?? []).find((x) => x.cells.some((c) => c.text.includes('268')));
  if (!g) return [];
  const rows: string[][] = Array.from({ length: g.rows }, () => Array.from({ length: g.cols }, () => ''));
  for (const c of g.cells) (rows[c.row] as string[])[c.col] = c.text;
  return rows;
}

const digitsOf = (rows: string[][]) => rows.map((row) => row.slice(1));

describe('ocrDocument', () => {
  it('reads a clean TIFF page: lines, the ruled table as a grid (source ocr, cells by position), regions with boxes, facts', async () => {
    const r = await ocrDocument(new Uint8Array(await pageImage('tiff')), 'scan.tiff', OPTS);
    expect(r.text).toContain('主动公开政府信息1234条');
    expect(r.text).toContain('二、主动公开政府信息情况');
    // the page number is furniture, dropped as in a PDF
    expect(r.text).not.toMatch(/-\s*1\s*-/);
    const rows = gridRows(r);
    expect(rows.length).toBe(3);
    expect(digitsOf(rows).slice(1)).toEqual(TABLE.rows.map((row) => row.slice(1)));
    expect((r.grids ?? [])[0]?.source).toBe('ocr');
    expect(r.decode.ocr).toMatchObject({ engine: 'tesseract', pages: 1 });
    expect(r.decode.ocr?.version).toMatch(/^\d+\.\d+/);
    expect(r.decode.ocr?.meanConfidence).toBeGreaterThan(0.7);
    expect(r.decode.ocrDpi).toBe(PAGE_DPI);
    // the region of "268" points at its cell on the page (right column, last row)
    const at = r.text.indexOf('268');
    const region = (r.regions ?? []).find((g) => g.start <= at && g.end >= at + 3);
    expect(region?.page).toBe(1);
    const [x0, y0, x1, y1] = region?.box ?? [0, 0, 0, 0];
    expect(x0).toBeGreaterThan(940);
    expect(x1).toBeLessThan(1200);
    expect(y0).toBeGreaterThan(470);
    expect(y1).toBeLessThan(540);
    expect(region?.conf).toBeGreaterThan(0.5);
    // regions are sorted, inside the text, and their boxes inside the page
    for (const g of r.regions ?? []) {
      expect(g.end).toBeGreaterThan(g.start);
      expect(g.end).toBeLessThanOrEqual(r.text.length);
      expect(g.box[2]).toBeLessThanOrEqual(PAGE.width + 1);
    }
  }, SLOW);

  it('reads the same cells through a red seal over the table corner, a 2° lean and a grey background (JPEG)', async () => {
    const r = await ocrDocument(new Uint8Array(await pageImage('jpeg', true)), 'scan.jpg', OPTS);
    expect(r.decode.warnings.join(' ')).toMatch(/turned page\(s\) 1/);
    expect(r.text).toContain('1234条');
    expect(digitsOf(gridRows(r)).slice(1)).toEqual(TABLE.rows.map((row) => row.slice(1)));
    // the seal's red is gone: its characters were not read into the row under it
    expect(r.text).not.toContain('专用章');
  }, SLOW);

  it('cell pass: a tall narrow label set vertically and the number cells come back in their grid cells', async () => {
    const r = await ocrDocument(new Uint8Array(await verticalTablePage()), 'vertical.png', OPTS);
    const g = (r.grids ?? []).find((x) => x.cells.length >= 10);
    expect(g).toBeDefined();
    const text = (row: number, col: number) => g?.cells.find((x) => x.row === row && x.col === col)?.text ?? '';
    // the merged cell spans the three rows of column 0
    expect(g?.cells.find((x) => x.col === 0)?.rowSpan).toBe(3);
    expect(text(0, 0)).toBe(VERTICAL_TABLE.label);
    VERTICAL_TABLE.rows.forEach((row, i) => expect([text(i, 2), text(i, 3)]).toEqual(row.slice(1)));
    // each number cell's region is its own (one cell, one box, one confidence)
    const at = r.text.indexOf('2776');
    const region = (r.regions ?? []).find((x) => x.start <= at && x.end >= at + 4);
    expect(region?.end).toBe(at + 4);
  }, SLOW);

  it('renders the crop of a region as a PNG around its box', async () => {
    const bytes = new Uint8Array(await pageImage('png'));
    const png = await renderPageCrop(bytes, 'scan.png', 1, [940, 470, 1200, 540], PAGE_DPI);
    const meta = await sharp(png).metadata();
    expect(meta.format).toBe('png');
    // the box plus a tenth of an inch on each side
    expect(meta.width).toBe(260 + 2 * 20);
    expect(meta.height).toBe(70 + 2 * 20);
  }, SLOW);
});
