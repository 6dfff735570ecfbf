/**
 * Bad input: what each gets. Permanent OcrInputError (a BadInputError: the
 * ocr stage dead-letters it without retries) for an encrypted PDF
 * (BAD_INPUT/encrypted), a file over the page cap (OVERSIZE/page-cap), an
 * image bomb's header (OVERSIZE/pixel-cap), a damaged TIFF
 * (CORRUPT_FILE/corrupt) and bytes that are no PDF or image
 * (UNSUPPORTED_TYPE/unsupported); a blank page gives an empty text with a
 * warning (no error: the stage decides, decode calls it EMPTY_FILE); a
 * budget that runs out kills the engine and throws TIMEOUT (retryable).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { BadInputError, PipelineError } from '@gongkai/core';
import sharp from 'sharp';
import { ocrDocument } from './ocr.document.ts';
import { OcrInputError } from './ocr.errors.ts';
import { imagePdf } from '../../../scripts/eval/ocr.scan.ts';
import { pageImage } from '../test/page.fixture.ts';

const OPTS = { maxPages: 5, maxPixels: 40_000_000, dpi: 150, timeoutMs: 120_000 };

const blankPage = (w = 300, h = 400) => ({ width: w, height: h, dpi: 150, filter: 'flate' as const, channels: 1 as const, data: new Uint8Array(w * h).fill(255) });

async function reasonOf(p: Promise<unknown>): Promise<{ reason: string; code: string; permanent: boolean }> {
  try {
    await p;
  } catch (e) {
    if (e instanceof OcrInputError) return { reason: e.reason, code: e.code, permanent: e instanceof BadInputError && !e.retryable };
    throw e;
  }
  throw new Error('no error');
}

const crc = (buf: Buffer) => {
  let c = ~0;
  for (const b of buf) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
  }
  return ~c >>> 0;
};
const chunk = (type: string, data: Buffer) => {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const sum = Buffer.alloc(4);
  sum.writeUInt32BE(crc(body));
  return Buffer.concat([len, body, sum]);
};

/** A PNG whose header claims 60000 × 60000 pixels (3.6 gigapixels) over a few bytes of data. */
function pixelBomb(): Uint8Array {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(60_000, 0);
  ihdr.writeUInt32BE(60_000, 4);
  ihdr.set([8, 0, 0, 0, 0], 8);
  const sig = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return new Uint8Array(Buffer.concat([sig, chunk('IHDR', ihdr), chunk('IDAT', deflateSync(Buffer.alloc(1000))), chunk('IEND', Buffer.alloc(0))]));
}

describe('ocrDocument on bad input', () => {
  it.runIf(existsSync('/usr/bin/qpdf'))('a password-protected PDF is a permanent BAD_INPUT (encrypted)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ocr-enc-'));
    try {
      writeFileSync(join(dir, 'in.pdf'), imagePdf([blankPage()]));
      execFileSync('qpdf', ['--encrypt', 'secret', 'owner', '256', '--', join(dir, 'in.pdf'), join(dir, 'out.pdf')]);
      const got = await reasonOf(ocrDocument(new Uint8Array(readFileSync(join(dir, 'out.pdf'))), 'locked.pdf', OPTS));
      expect(got).toEqual({ reason: 'encrypted', code: 'BAD_INPUT', permanent: true });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a scan over the page cap is a permanent OVERSIZE (page-cap), refused before any page is rendered', async () => {
    const pdf = imagePdf(Array.from({ length: 7 }, () => blankPage(50, 50)));
    expect(await reasonOf(ocrDocument(pdf, 'long.pdf', OPTS))).toEqual({ reason: 'page-cap', code: 'OVERSIZE', permanent: true });
  });

  it('a PDF page that would render over the pixel cap is a permanent OVERSIZE (pixel-cap)', async () => {
    const pdf = imagePdf([blankPage(50, 50)]);
    expect(await reasonOf(ocrDocument(pdf, 'page.pdf', { ...OPTS, maxPixels: 1000 }))).toEqual({ reason: 'pixel-cap', code: 'OVERSIZE', permanent: true });
  });

  it("an image bomb's header (60000×60000 PNG) is a permanent OVERSIZE (pixel-cap), read from the header only", async () => {
    expect(await reasonOf(ocrDocument(pixelBomb(), 'bomb.png', OPTS))).toEqual({ reason: 'pixel-cap', code: 'OVERSIZE', permanent: true });
  });

  it('a damaged TIFF is a permanent CORRUPT_FILE (corrupt)', async () => {
    const tiff = await pageImage('tiff');
    const cut = new Uint8Array(tiff.subarray(0, 300));
    expect(await reasonOf(ocrDocument(cut, 'broken.tiff', OPTS))).toEqual({ reason: 'corrupt', code: 'CORRUPT_FILE', permanent: true });
    const garbage = new Uint8Array([0x49, 0x49, 0x2a, 0x00, 0xff, 0xff, 0xff, 0x7f, 1, 2, 3, 4, 5, 6, 7, 8]);
    expect(await reasonOf(ocrDocument(garbage, 'garbage.tif', OPTS))).toEqual({ reason: 'corrupt', code: 'CORRUPT_FILE', permanent: true });
  });

  it('a damaged PDF is a permanent CORRUPT_FILE (corrupt)', async () => {
    const pdf = new TextEncoder().encode('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n');
    expect(await reasonOf(ocrDocument(pdf, 'bad.pdf', OPTS))).toEqual({ reason: 'corrupt', code: 'CORRUPT_FILE', permanent: true });
  });

  it('bytes that are no PDF or image (a GIF) are a permanent UNSUPPORTED_TYPE (unsupported)', async () => {
    const gif = new Uint8Array(await sharp({ create: { width: 10, height: 10, channels: 3, background: '#fff' } }).gif().toBuffer());
    expect(await reasonOf(ocrDocument(gif, 'x.gif', OPTS))).toEqual({ reason: 'unsupported', code: 'UNSUPPORTED_TYPE', permanent: true });
  });

  it('a blank page gives an empty text, no regions and a warning naming the page (no error)', async () => {
    const png = new Uint8Array(await sharp({ create: { width: 800, height: 1000, channels: 3, background: '#ffffff' } }).png().toBuffer());
    const r = await ocrDocument(png, 'blank.png', OPTS);
    expect(r.text).toBe('');
    expect(r.regions ?? []).toEqual([]);
    expect(r.decode.warnings).toContain('OCR found no text on page(s) 1');
    expect(r.decode.ocr).toMatchObject({ pages: 1, meanConfidence: 0 });
  }, 120_000);

  it('a time budget that runs out kills the engine and throws TIMEOUT (retryable)', async () => {
    const png = new Uint8Array(await pageImage('png'));
    const err = await ocrDocument(png, 'page.png', { ...OPTS, timeoutMs: 50 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PipelineError);
    expect((err as PipelineError).code).toBe('TIMEOUT');
  });
});
