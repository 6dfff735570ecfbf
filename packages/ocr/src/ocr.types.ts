/** What the OCR engine and the page pipeline exchange. */

export interface OcrOptions {
  /** More pages than this: a permanent error (a 500-page scan is not read for hours). */
  maxPages: number;
  /** More pixels than this in one page image (width × height at `dpi`): a permanent error (image bombs). */
  maxPixels: number;
  /** Resolution PDF pages are rendered at; images keep their own when they state a plausible one. */
  dpi: number;
  /** Budget for the whole document; past it every running tool is killed (TIMEOUT). */
  timeoutMs: number;
  signal?: AbortSignal;
}

/** One word (CJK: often one character, a number: all its digits) as the engine read it, in page pixels. */
export interface OcrWord {
  text: string;
  /** 0..1 */
  conf: number;
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  /** The engine's line: words with the same key were read as one line. */
  line: string;
  /** Top and bottom of that line, in page pixels. */
  lineTop: number;
  lineBottom: number;
}

/** A page image ready for OCR: PNG, single channel, deskewed, ruling lines erased. */
export interface OcrPageInput {
  png: Uint8Array;
  width: number;
  height: number;
  dpi: number;
}

export interface EngineRunOptions {
  deadline: number;
  signal?: AbortSignal | undefined;
}

/** The engine behind OCR: one implementation is kept (docs/ocr.md says why), the interface keeps the choice replaceable. */
export interface OcrEngine {
  readonly name: string;
  version(): Promise<string>;
  recognize(page: OcrPageInput, options: EngineRunOptions): Promise<OcrWord[]>;
  /**
   * Reads a strip of table-cell crops (cells.read.ts): `digits`, one number
   * per line, digits and separators only; `line`, one cell per line in the
   * page's language; `vertical`, one column of vertical Chinese per crop. Optional: without it cells keep the page reading.
   */
  readStrip?(strip: OcrPageInput, kind: 'digits' | 'vertical' | 'line', options: EngineRunOptions): Promise<OcrWord[]>;
  /** Clockwise rotation (0, 90, 180, 270) that makes the page upright, when the engine can tell; 0 when unsure. */
  orientation?(page: OcrPageInput, options: EngineRunOptions): Promise<number>;
}
