/**
 * An eval-only engine cache: with GONGKAI_OCR_EVAL_CACHE=<folder>, each
 * engine call's answer (page reading, cell strip, orientation) is kept by the
 * hash of its image and arguments, so a change to layout or matching is
 * measured again without running Tesseract again. Same input, same answer:
 * a cached run scores exactly as an uncached one.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { TesseractEngine, type OcrEngine, type OcrPageInput } from '@gongkai/ocr';

export function cachedEngine(dir: string): OcrEngine {
  const inner = new TesseractEngine();
  mkdirSync(dir, { recursive: true });
  async function cached<T>(what: string, page: OcrPageInput, run: () => Promise<T>): Promise<T> {
    const key = createHash('sha256').update(what).update(String(page.dpi)).update(page.png).digest('hex');
    const file = join(dir, `${key}.json`);
    try {
      return JSON.parse(readFileSync(file, 'utf8')) as T;
    } catch {
      const out = await run();
      writeFileSync(file, JSON.stringify(out));
      return out;
    }
  }
  return {
    name: inner.name,
    version: () => inner.version(),
    recognize: (page, o) => cached('page', page, () => inner.recognize(page, o)),
    readStrip: (strip, kind, o) => cached(`strip:${kind}`, strip, () => inner.readStrip(strip, kind, o)),
    orientation: (page, o) => cached('osd', page, () => inner.orientation(page, o)),
  };
}
