/**
 * GET /reports/:id/crop/:page?box=x0,y0,x1,y1 (viewer): the region of an
 * OCR'd report's page image a figure was read from, as PNG, cut from the
 * stored raw file by the OCR package's renderPageCrop at the dpi OCR read it
 * (decode.ocrDpi). Rendering a page costs seconds of CPU (pdftoppm, the
 * orientation check): each page is rendered once and every figure's crop
 * cut from it; pages and crops are cached in memory (bounded), a render
 * asked for twice at once runs once, and at most two run at a time.
 */
import type { AppDeps } from '@gongkai/app';
import type { Report } from '@gongkai/core';
import { OcrInputError, renderPageCrop } from '@gongkai/ocr';
import sharp from 'sharp';
import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import { reportIdSchema } from './api.schemas.ts';

/** Bytes of cached crops at most (the oldest go first). */
const CACHE_BYTES = 32 * 1024 * 1024;
/** Renders at once at most. */
const RENDERS = 2;
/** A crop larger than this (pixels at the OCR dpi) is refused: a figure's quote is a few lines. */
const MAX_CROP_PIXELS = 4000 * 3000;

type Box = [number, number, number, number];

/** "x0,y0,x1,y1" as four non-negative integers forming a box of at most MAX_CROP_PIXELS, or null. */
export function parseBox(raw: unknown): Box | null {
  if (typeof raw !== 'string' || !/^\d{1,6}(?:,\d{1,6}){3}$/.test(raw)) return null;
  const [x0, y0, x1, y1] = raw.split(',').map(Number) as Box;
  if (x1 <= x0 || y1 <= y0 || (x1 - x0) * (y1 - y0) > MAX_CROP_PIXELS) return null;
  return [x0, y0, x1, y1];
}

/** The page-crop URL of an OCR'd evidence (the reports page's <img src>). */
export function cropUrl(reportId: string, page: number, box: readonly number[]): string {
  return `/reports/${reportId}/crop/${page}?box=${box.map((v) => Math.round(v)).join(',')}`;
}

/** The box, with a tenth of an inch around it, cut from the page image (clamped to the page). */
async function cutBox(page: Uint8Array, box: Box, dpi: number): Promise<Uint8Array> {
  const img = sharp(page);
  const { width = 0, height = 0 } = await img.metadata();
  const pad = Math.round(dpi / 10);
  const x0 = Math.max(0, box[0] - pad);
  const y0 = Math.max(0, box[1] - pad);
  const x1 = Math.min(width, box[2] + pad);
  const y1 = Math.min(height, box[3] + pad);
  if (x1 <= x0 || y1 <= y0) throw new OcrInputError('unsupported', `the box [${box.join(', ')}] lies outside the page (${width}×${height})`);
  return new Uint8Array(await img.extract({ left: x0, top: y0, width: x1 - x0, height: y1 - y0 }).png().toBuffer());
}

class CropCache {
  private readonly entries = new Map<string, Uint8Array>();
  private bytes = 0;
  private readonly inFlight = new Map<string, Promise<Uint8Array>>();
  private running = 0;
  private readonly waiting: Array<() => void> = [];

  /** The cached value, or `render`'s (counted against the renders at once when `limited`: a cheap cut is not). */
  async get(key: string, render: () => Promise<Uint8Array>, limited = true): Promise<Uint8Array> {
    const hit = this.entries.get(key);
    if (hit) {
      this.entries.delete(key); // most recently used last
      this.entries.set(key, hit);
      return hit;
    }
    const pending = this.inFlight.get(key);
    if (pending) return pending;
    const p = (limited ? this.limited(render) : render()).then((png) => {
      this.put(key, png);
      return png;
    }).finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, p);
    return p;
  }

  private async limited(render: () => Promise<Uint8Array>): Promise<Uint8Array> {
    if (this.running >= RENDERS) await new Promise<void>((r) => this.waiting.push(r));
    this.running++;
    try {
      return await render();
    } finally {
      this.running--;
      this.waiting.shift()?.();
    }
  }

  private put(key: string, png: Uint8Array): void {
    this.entries.set(key, png);
    this.bytes += png.length;
    for (const [k, v] of this.entries) {
      if (this.bytes <= CACHE_BYTES) break;
      this.entries.delete(k);
      this.bytes -= v.length;
    }
  }
}

export function pageCropRouter(deps: Pick<AppDeps, 'store' | 'blobs'>): Router {
  const r = express.Router();
  const cache = new CropCache();
  const fail = (res: Response, status: number, error: string) => void res.status(status).json({ error });
  r.get('/:id/crop/:page', (req: Request, res: Response, next: NextFunction) => {
    void (async () => {
      const id = reportIdSchema.safeParse(req.params['id']);
      const page = Number(req.params['page']);
      const box = parseBox(req.query['box']);
      if (!id.success || !/^[a-f0-9]{64}$/.test(id.data)) return fail(res, 400, 'not a report id (the full sha256)');
      if (!Number.isInteger(page) || page < 1) return fail(res, 400, 'page: a page number from 1');
      if (!box) return fail(res, 400, `box: x0,y0,x1,y1 in page pixels, at most ${MAX_CROP_PIXELS} pixels`);
      const report: Report | null = await deps.store.get(id.data);
      const ocr = report?.decode?.ocr;
      if (!report || !ocr || !report.decode?.ocrDpi) return fail(res, 404, 'no OCR\'d report with this id');
      if (page > ocr.pages) return fail(res, 404, `the report has ${ocr.pages} page(s)`);
      const dpi = report.decode.ocrDpi;
      const png = await cache.get(`${id.data}:${page}:${box.join(',')}`, async () => {
        // the whole page once (rendered, turned upright and straight as OCR saw it), every figure's crop cut from it
        const whole = await cache.get(`${id.data}:${page}`, async () => {
          const bytes = await deps.blobs.get(id.data);
          if (!bytes) throw new OcrInputError('unsupported', `the raw file of report ${id.data} is not in the blob store`);
          return renderPageCrop(bytes, report.source.name, page, [0, 0, 1_000_000, 1_000_000], dpi, { timeoutMs: 120_000 });
        });
        return cutBox(whole, box, dpi);
      }, false);
      // the crop of a stored file never changes: the browser keeps it
      res.status(200).type('png').set('Cache-Control', 'private, max-age=86400').send(Buffer.from(png));
    })().catch((err: unknown) => {
      if (err instanceof OcrInputError) return fail(res, 404, err.message);
      next(err);
    });
  });
  return r;
}
