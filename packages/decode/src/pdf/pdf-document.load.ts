import { BadInputError } from '@gongkai/core';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { getDocument, OPS, Util, type PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { PageGeometry, TextBox } from './pdf-page.types.ts';
import { parseRulings } from './pdf-rulings.parse.ts';

/** pdfjs-dist's own data folders (character maps for CJK fonts without ToUnicode, standard font metrics). */
const PDFJS_DIR = dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
const CMAP_URL = `${join(PDFJS_DIR, 'cmaps')}/`;
const STANDARD_FONTS_URL = `${join(PDFJS_DIR, 'standard_fonts')}/`;

export async function loadPdf(bytes: Uint8Array, name: string): Promise<PDFDocumentProxy> {
  try {
    // pdfjs may transfer (detach) the buffer it gets: hand it a copy
    return await getDocument({
      data: bytes.slice(),
      cMapUrl: CMAP_URL,
      cMapPacked: true,
      standardFontDataUrl: STANDARD_FONTS_URL,
      isEvalSupported: false,
      disableFontFace: true,
      useSystemFonts: false,
      verbosity: 0,
    }).promise;
  } catch (cause) {
    if ((cause as Error).name === 'PasswordException') {
      throw new BadInputError('UNSUPPORTED_TYPE', `${name} is a password-protected PDF, which cannot be read`, { cause });
    }
    throw new BadInputError('CORRUPT_FILE', `${name} is not a readable PDF: ${(cause as Error).message}`, { cause });
  }
}

/** The title stored in the PDF's document information, when it names a report. */
export async function pdfTitle(doc: PDFDocumentProxy): Promise<string | undefined> {
  const { info } = (await doc.getMetadata().catch(() => ({ info: {} }))) as { info: { Title?: unknown } };
  const title = typeof info.Title === 'string' ? info.Title.trim() : '';
  // a bare "政府信息公开工作年度报告" names no agency or year: not worth keeping
  return /报告|年报/.test(title) && (/\d{4}/.test(title) || title.length > 14) ? title : undefined;
}

type Matrix = [number, number, number, number, number, number];

/** Fake bold: the same run drawn again a fraction of a point away (checked against the last few runs). */
function isOverprint(box: TextBox, boxes: TextBox[]): boolean {
  for (let i = boxes.length - 1; i >= Math.max(0, boxes.length - 4); i--) {
    const b = boxes[i];
    if (b && b.str === box.str && Math.abs(b.x - box.x) < 1.5 && Math.abs(b.y - box.y) < 1.5) return true;
  }
  return false;
}

/** Text runs and ruling lines of page `n`, in viewport space (points, y down). */
export async function readPage(doc: PDFDocumentProxy, n: number): Promise<PageGeometry> {
  const page = await doc.getPage(n);
  const viewport = page.getViewport({ scale: 1 });
  const vt = viewport.transform as Matrix;
  const content = await page.getTextContent();
  const boxes: TextBox[] = [];
  for (const item of content.items) {
    if (!('str' in item) || item.str === '') continue;
    const t = Util.transform(vt, item.transform) as Matrix;
    const size = Math.hypot(t[2], t[3]);
    const scale = Math.hypot(item.transform[0], item.transform[1]) || 1;
    const box = { str: item.str, x: t[4], y: t[5], width: (item.width * Math.hypot(t[0], t[1])) / scale, size };
    if (!isOverprint(box, boxes)) boxes.push(box);
  }
  // a page without text (a scanned image) has no table to rule: its operator list would only decode the image
  if (boxes.length === 0) {
    page.cleanup();
    return { width: viewport.width, height: viewport.height, boxes, horizontal: [], vertical: [] };
  }
  const ops = await page.getOperatorList();
  const { horizontal, vertical } = parseRulings(ops.fnArray, ops.argsArray, OPS, vt);
  page.cleanup();
  return { width: viewport.width, height: viewport.height, boxes, horizontal, vertical };
}
