import { BadInputError, type DecodeResult } from '@gongkai/core';
import { reportWarnings } from '../report/report.check.ts';

/**
 * Decode's output for a file it could not read (`decode.needsOcr`), amended
 * with what the ocr stage read from its page images: the OCR'd text, grids
 * and regions, decode's facts kept (format, why OCR, title), and the same
 * report checks decode runs on any text (so an image that is no report gets
 * NOT_A_REPORT as a text would). OCR that finds no text at all (blank pages)
 * is a permanent EMPTY_FILE, as an empty text file is.
 */
export function amendWithOcr(decoded: DecodeResult, read: DecodeResult, name: string): DecodeResult {
  const pages = read.decode.ocr?.pages ?? read.decode.pages ?? decoded.decode.pages ?? 0;
  if (read.text.trim() === '') {
    throw new BadInputError('EMPTY_FILE', `${name}: OCR found no text on its ${pages} page(s) (blank pages or no writing)`);
  }
  const warnings = [...new Set([...decoded.decode.warnings, ...read.decode.warnings, ...reportWarnings(read.text)])];
  return {
    ...read,
    decode: {
      ...read.decode,
      format: decoded.decode.format,
      warnings,
      pages,
      ...(decoded.decode.needsOcr ? { needsOcr: decoded.decode.needsOcr } : {}),
    },
    pageMeta: { ...decoded.pageMeta, ...read.pageMeta },
  };
}
