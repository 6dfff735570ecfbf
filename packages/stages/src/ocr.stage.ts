import { stageDefaults, stageOptionDefaults, type DecodeResult, type StageInputs } from '@gongkai/core';
import { amendWithOcr } from '@gongkai/decode';

/** What the ocr stage reads of the stage context (registry.ts `StageContext`): its settings. */
interface OcrContext {
  options?: { readonly ocr?: Readonly<Record<string, number>> };
}

/** What the engine is given: the stage's settings (catalogue `options`, GONGKAI_OCR_*) and a deadline inside the stage's timeout. */
export function ocrSettings(ctx: OcrContext): { maxPages: number; maxPixels: number; dpi: number; timeoutMs: number } {
  const o: Record<string, number> = { ...stageOptionDefaults('ocr'), timeoutMs: stageDefaults('ocr').timeoutMs, ...ctx.options?.ocr };
  // the engine stops itself (and its child processes) a little before the runner would kill the thread
  return { maxPages: o['maxPages']!, maxPixels: o['maxPixels']!, dpi: o['dpi']!, timeoutMs: Math.max(1000, Math.round(o['timeoutMs']! * 0.9)) };
}

/**
 * The ocr stage: the page images of a file decode could not read (its
 * `decode.needsOcr`), read by the OCR engine (packages/ocr), amended into
 * decode's output for the stages after it.
 */
export async function readByOcr(input: StageInputs['ocr'], ctx: OcrContext): Promise<DecodeResult> {
  const { ocrDocument } = await import('@gongkai/ocr');
  const read = await ocrDocument(input.raw.bytes, input.raw.name, ocrSettings(ctx));
  return amendWithOcr(input.decode, read, input.raw.name);
}

/** Loads the engine's module at worker start. */
export async function warmOcr(): Promise<void> {
  await import('@gongkai/ocr');
}
