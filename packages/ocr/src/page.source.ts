/**
 * The pages of an input as images, with the caps checked before any page is
 * rendered: a PDF's page count and page sizes come from pdfinfo, an image's
 * from its header (sharp reads only the header), so a 500-page scan or an
 * image bomb is refused in milliseconds. PDF pages are rendered by poppler's
 * pdftoppm; PNG, JPEG and (multi-page) TIFF are read by sharp.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import type { Metadata, Sharp } from 'sharp';
import { OcrInputError } from './ocr.errors.ts';
import type { OcrOptions } from './ocr.types.ts';
import { runTool } from './process.run.ts';

export type InputKind = 'pdf' | 'png' | 'jpeg' | 'tiff';

export interface PageSource {
  kind: InputKind;
  pages: number;
  /** Resolution the page images come at (PDF: the option; images: their own when plausible). */
  dpi: number;
  /** Page `n` (1-based) as an image sharp can read. */
  page(n: number): Promise<Sharp>;
  close(): Promise<void>;
}

export function sniffKind(bytes: Uint8Array): InputKind | null {
  const b = (i: number) => bytes[i] ?? -1;
  if (b(0) === 0x25 && b(1) === 0x50 && b(2) === 0x44 && b(3) === 0x46) return 'pdf';
  if (b(0) === 0x89 && b(1) === 0x50 && b(2) === 0x4e && b(3) === 0x47) return 'png';
  if (b(0) === 0xff && b(1) === 0xd8 && b(2) === 0xff) return 'jpeg';
  if ((b(0) === 0x49 && b(1) === 0x49 && b(2) === 0x2a && b(3) === 0) || (b(0) === 0x4d && b(1) === 0x4d && b(2) === 0 && b(3) === 0x2a)) return 'tiff';
  return null;
}

type Limits = Pick<OcrOptions, 'maxPages' | 'maxPixels' | 'dpi' | 'signal'> & { deadline: number };

function checkPages(name: string, pages: number, limits: Limits): void {
  if (pages > limits.maxPages) {
    throw new OcrInputError('page-cap', `${name} has ${pages} pages, over the OCR limit of ${limits.maxPages} pages (set it higher to read it)`, { details: { pages, maxPages: limits.maxPages } });
  }
}

function checkPixels(name: string, page: number, width: number, height: number, limits: Limits): void {
  if (width * height > limits.maxPixels) {
    throw new OcrInputError('pixel-cap', `${name}: page ${page} is ${Math.round(width)}×${Math.round(height)} pixels, over the OCR limit of ${limits.maxPixels} pixels per page`, {
      details: { page, width: Math.round(width), height: Math.round(height), maxPixels: limits.maxPixels },
    });
  }
}

async function pdfSource(bytes: Uint8Array, name: string, limits: Limits): Promise<PageSource> {
  const dir = await mkdtemp(join(tmpdir(), 'gongkai-ocr-'));
  const file = join(dir, 'in.pdf');
  const close = () => rm(dir, { recursive: true, force: true });
  try {
    await writeFile(file, bytes);
    const info = await runTool('pdfinfo', ['-f', '1', '-l', String(limits.maxPages + 1), file], { deadline: limits.deadline, signal: limits.signal });
    const text = `${info.stdout.toString('utf8')}\n${info.stderr}`;
    if (info.code !== 0) {
      if (/password/i.test(text)) throw new OcrInputError('encrypted', `${name} is a password-protected PDF: it cannot be opened without its password`);
      throw new OcrInputError('corrupt', `${name} is a damaged PDF: ${info.stderr.trim().split('\n').pop() ?? `pdfinfo exit ${info.code}`}`);
    }
    const pages = Number(/^Pages:\s+(\d+)/m.exec(text)?.[1] ?? NaN);
    if (!Number.isFinite(pages) || pages < 1) throw new OcrInputError('corrupt', `${name} is a damaged PDF: no pages`);
    checkPages(name, pages, limits);
    const scale = limits.dpi / 72;
    for (const m of text.matchAll(/^Page\s+(\d+)\s+size:\s+([\d.]+) x ([\d.]+) pts/gm)) {
      checkPixels(name, Number(m[1]), Number(m[2]) * scale, Number(m[3]) * scale, limits);
    }
    return {
      kind: 'pdf', pages, dpi: limits.dpi, close,
      async page(n) {
        const r = await runTool('pdftoppm', ['-r', String(limits.dpi), '-f', String(n), '-l', String(n), '-png', file], { deadline: limits.deadline, signal: limits.signal });
        if (r.code !== 0 || r.stdout.length === 0) throw new OcrInputError('corrupt', `${name}: page ${n} cannot be rendered: ${r.stderr.trim().split('\n').pop() ?? ''}`);
        return sharp(r.stdout, { limitInputPixels: limits.maxPixels });
      },
    };
  } catch (e) {
    await close();
    throw e;
  }
}

async function imageSource(bytes: Uint8Array, name: string, kind: Exclude<InputKind, 'pdf'>, limits: Limits): Promise<PageSource> {
  let meta: Metadata;
  try {
    meta = await sharp(bytes, { limitInputPixels: false }).metadata();
  } catch (cause) {
    throw new OcrInputError('corrupt', `${name} is a damaged ${kind.toUpperCase()} image: ${(cause as Error).message}`, { cause });
  }
  const pages = meta.pages ?? 1;
  checkPages(name, pages, limits);
  checkPixels(name, 1, meta.width ?? 0, meta.height ?? 0, limits);
  const density = meta.density ?? 0;
  const dpi = density >= 100 && density <= 1200 ? density : limits.dpi;
  return {
    kind, pages, dpi, close: async () => {},
    async page(n) {
      const img = sharp(bytes, { page: n - 1, pages: 1, limitInputPixels: limits.maxPixels, failOn: 'error' });
      try {
        const m = await img.metadata();
        checkPixels(name, n, m.width ?? 0, m.height ?? 0, limits);
      } catch (cause) {
        if (cause instanceof OcrInputError) throw cause;
        throw new OcrInputError('corrupt', `${name}: page ${n} of the ${kind.toUpperCase()} image cannot be read: ${(cause as Error).message}`, { cause });
      }
      return img;
    },
  };
}

/** The pages of `bytes`, or a permanent OcrInputError (encrypted, over a cap, damaged, not an image or PDF). */
export async function openPages(bytes: Uint8Array, name: string, limits: Limits): Promise<PageSource> {
  const kind = sniffKind(bytes);
  if (kind === null) throw new OcrInputError('unsupported', `${name} is neither a PDF nor a PNG, JPEG or TIFF image: OCR cannot read it`);
  return kind === 'pdf' ? pdfSource(bytes, name, limits) : imageSource(bytes, name, kind, limits);
}
