import { BadInputError, type DecodeFacts, type NeedsOcr, type TableGrid, type DecodeResult, type Format, type PageMeta, type RawInput } from '@gongkai/core';
import { decodeText } from './encoding/encoding.detect.ts';
import { sniffFormat } from './format/format.sniff.ts';
import type { SourceGrid } from './grid/grid.layout.ts';
import { finishGrids, originIndex, remapGrid } from './grid/grids.place.ts';
import { findTextGrids } from './grid/text.grids.ts';
import { normalize } from './normalize/normalize.pipeline.ts';
import { reportWarnings } from './report/report.check.ts';
import { toOffsetMap, untracked, type TrackedText } from './text/tracked-text.ts';

/** Options of the decode stage. */
export interface DecodeOptions {
  /**
   * Largest accepted input, in bytes.
   * @defaultValue 50 MiB
   */
  maxBytes?: number;
}

export const DEFAULT_MAX_BYTES = 50 * 1024 * 1024;

/** What a format extractor hands to normalization. */
export interface Extracted {
  /** The decoded original: the text of a txt file, the source of an HTML page, the extracted text of a PDF/DOCX. */
  original: string;
  /** Text to normalize, with origins into `original`. */
  text: TrackedText;
  encoding: string;
  confidence: number;
  meta: PageMeta;
  warnings: string[];
  pages?: number;
  /** The tables the reader laid out, in the coordinates of `text`'s origins (see grid/grid.layout.ts). */
  grids?: SourceGrid[];
  /** No usable text layer: the ocr stage reads the file (the text is empty). */
  needsOcr?: NeedsOcr;
}

async function extract(format: Format, input: RawInput): Promise<Extracted> {
  switch (format) {
    case 'txt': {
      const d = decodeText(input.bytes, input.name);
      return { original: d.text, text: untracked(d.text), encoding: d.encoding, confidence: d.confidence, meta: {}, warnings: d.warnings };
    }
    case 'html': {
      const { extractHtml } = await import('./html/html.extract.ts');
      return extractHtml(input.bytes, input.name);
    }
    case 'pdf': {
      const { extractPdf } = await import('./pdf/pdf.extract.ts');
      return extractPdf(input.bytes, input.name);
    }
    case 'docx': {
      const { extractDocx } = await import('./docx/docx.extract.ts');
      return extractDocx(input.bytes, input.name);
    }
    case 'image':
      return { original: '', text: untracked(''), encoding: 'binary', confidence: 1, meta: {}, warnings: [`${input.name} is an image: read by OCR`], needsOcr: 'image' };
  }
}

/**
 * Loads the format readers that are otherwise loaded on the first file of
 * their format (pdf.js alone takes ~1 s of CPU to load and parse): a worker
 * calls it at start, so its first reports are not slower than the rest.
 */
export async function warmDecode(): Promise<void> {
  await Promise.all([import('./html/html.extract.ts'), import('./pdf/pdf.extract.ts'), import('./docx/docx.extract.ts')]);
}

/**
 * The decode stage: raw bytes and a file name in, normalized simplified text
 * and the facts of how it was decoded out. A file with no usable text
 * layer (a scan, an image) comes out with empty text and `decode.needsOcr`:
 * the ocr stage reads it (stage.catalogue.ts). Permanent problems throw
 * BadInputError; a text that does not look like a disclosure report only
 * gets a warning (the validate stage decides).
 */
export async function decode(input: RawInput, options: DecodeOptions = {}): Promise<DecodeResult> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const { bytes, name } = input;
  if (bytes.length === 0) throw new BadInputError('EMPTY_FILE', `${name} is empty (0 bytes)`);
  if (bytes.length > maxBytes) {
    throw new BadInputError('OVERSIZE', `${name} is ${bytes.length} bytes, over the ${maxBytes}-byte limit of the decode stage`);
  }
  const format = sniffFormat(bytes, name);
  const extracted = await extract(format, input);
  if (extracted.needsOcr) return forOcr(format, extracted, extracted.needsOcr);
  const n = normalize(extracted.text, { structured: format !== 'txt' });
  const text = n.text.text;
  if (text.trim() === '') throw new BadInputError('EMPTY_FILE', `${name} contains no text after decoding (${format})`);
  const pageMeta: PageMeta = { ...n.meta, ...definedOnly(extracted.meta) };
  const facts: DecodeFacts = {
    format,
    encoding: extracted.encoding,
    confidence: extracted.confidence,
    script: n.script,
    converted: n.converted,
    pinyinRemoved: n.pinyinRemoved,
    warnings: [...extracted.warnings, ...reportWarnings(text)],
    ...(extracted.pages === undefined ? {} : { pages: extracted.pages }),
  };
  const grids = placeGrids(extracted, format, n.text, facts.warnings);
  const offsetBase = format === 'txt' ? 'decoded-text' : format === 'html' ? 'html-source' : 'extracted-text';
  return { decode: facts, text, pageMeta, offsetMap: toOffsetMap(n.text, extracted.original), offsetBase, ...(grids.length > 0 ? { grids } : {}) };
}

/** The output of a file with no usable text layer: empty text, the facts, and why the ocr stage must read it. */
function forOcr(format: Format, extracted: Extracted, needsOcr: NeedsOcr): DecodeResult {
  const facts: DecodeFacts = {
    format, encoding: extracted.encoding, confidence: extracted.confidence, script: 'simplified', converted: false, pinyinRemoved: 0,
    warnings: extracted.warnings, ...(extracted.pages === undefined ? {} : { pages: extracted.pages }), needsOcr,
  };
  return { decode: facts, text: '', pageMeta: definedOnly(extracted.meta), offsetMap: [], offsetBase: 'extracted-text' };
}

/** The reader's grids (or, for plain text, the pipe and column-aligned tables found in it) in offsets of the normalized text. */
function placeGrids(extracted: Extracted, format: Format, normalized: TrackedText, warnings: string[]): TableGrid[] {
  const grids = format === 'txt' ? findTextGrids(extracted.original, warnings) : (extracted.grids ?? []);
  if (grids.length === 0) return [];
  const at = originIndex(normalized);
  return finishGrids(grids.map((g) => remapGrid(g, at)), normalized.text);
}

function definedOnly(meta: PageMeta): PageMeta {
  return Object.fromEntries(Object.entries(meta).filter(([, v]) => v !== undefined && v !== '')) as PageMeta;
}
