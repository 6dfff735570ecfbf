/**
 * The reports page's evidence image: the region of a page a figure was read
 * from, cut from the page as OCR saw it (rendered at the same dpi, turned
 * upright and straight the same way), in colour, so the seal and the ink
 * look as on paper. The box is a `TextRegion.box` (pixels at `dpi`).
 */
import sharp from 'sharp';
import { OcrInputError } from './ocr.errors.ts';
import { ocrEngine, loadPage } from './ocr.document.ts';
import type { OcrEngine } from './ocr.types.ts';
import { openPages } from './page.source.ts';
import { skewOf, toPng, turn } from './page.image.ts';

const WHITE = { r: 255, g: 255, b: 255, alpha: 1 };
/** Margin around the box, as a share of the dpi (a tenth of an inch). */
const PAD_INCH = 0.1;

export interface CropOptions {
  maxPages?: number;
  maxPixels?: number;
  timeoutMs?: number;
  engine?: OcrEngine;
}

export async function renderPageCrop(
  bytes: Uint8Array, name: string, page: number, box: readonly [number, number, number, number], dpi: number, options: CropOptions = {},
): Promise<Uint8Array> {
  const deadline = Date.now() + (options.timeoutMs ?? 60_000);
  const source = await openPages(bytes, name, { maxPages: options.maxPages ?? 10_000, maxPixels: options.maxPixels ?? 200_000_000, dpi, deadline });
  try {
    if (!Number.isInteger(page) || page < 1 || page > source.pages) throw new OcrInputError('unsupported', `${name} has no page ${page} (it has ${source.pages})`);
    const g = await loadPage(source, page, name);
    const engine = options.engine ?? ocrEngine();
    let rotation = 0;
    if (engine.orientation) {
      const scale = Math.min(1, 150 / source.dpi);
      const small = scale < 1 ? await sharp(g.data, { raw: { width: g.width, height: g.height, channels: 1 } }).resize({ width: Math.round(g.width * scale) }).png().toBuffer() : await toPng(g);
      rotation = await engine.orientation({ png: small, width: Math.round(g.width * scale), height: Math.round(g.height * scale), dpi: source.dpi * scale }, { deadline });
    }
    // the same turns as preparePage: upright first, skew measured on the upright grey page at ~1000 px wide
    const skew = await skewOf(rotation % 360 === 0 ? g : await turn(g, rotation, 0));
    let colour = (await source.page(page)).flatten({ background: WHITE }).removeAlpha();
    const raw = await colour.raw().toBuffer({ resolveWithObject: true });
    colour = sharp(raw.data, { raw: { width: raw.info.width, height: raw.info.height, channels: raw.info.channels } });
    if (rotation % 360 !== 0) {
      const r = await colour.rotate(rotation).raw().toBuffer({ resolveWithObject: true });
      colour = sharp(r.data, { raw: { width: r.info.width, height: r.info.height, channels: r.info.channels } });
    }
    if (Math.abs(skew) >= 0.1) {
      const r = await colour.rotate(-skew, { background: WHITE }).raw().toBuffer({ resolveWithObject: true });
      colour = sharp(r.data, { raw: { width: r.info.width, height: r.info.height, channels: r.info.channels } });
    }
    const meta = await colour.metadata();
    const width = meta.width ?? 0;
    const height = meta.height ?? 0;
    const pad = dpi * PAD_INCH;
    const x0 = Math.max(0, Math.floor(Math.min(box[0], box[2]) - pad));
    const y0 = Math.max(0, Math.floor(Math.min(box[1], box[3]) - pad));
    const x1 = Math.min(width, Math.ceil(Math.max(box[0], box[2]) + pad));
    const y1 = Math.min(height, Math.ceil(Math.max(box[1], box[3]) + pad));
    if (x1 <= x0 || y1 <= y0) throw new OcrInputError('unsupported', `${name}: the box [${box.join(', ')}] lies outside page ${page} (${width}×${height} at ${dpi} dpi)`);
    return new Uint8Array(await colour.extract({ left: x0, top: y0, width: x1 - x0, height: y1 - y0 }).png().toBuffer());
  } finally {
    await source.close();
  }
}
