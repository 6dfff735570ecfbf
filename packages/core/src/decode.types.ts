/** Output contract of the decode stage (owned by packages/decode). */

/** `image`: PNG, JPEG or (multi-page) TIFF, read only by OCR. */
export const FORMATS = ['txt', 'html', 'pdf', 'docx', 'image'] as const;
export type Format = (typeof FORMATS)[number];

export const SCRIPTS = ['simplified', 'traditional', 'mixed'] as const;
export type Script = (typeof SCRIPTS)[number];

/**
 * The prefix of decode's warning that the text is not a disclosure annual report
 * (notes, a list of reports, a news item, another kind of report): decode writes it,
 * extract (no figures) and validate (NOT_A_REPORT) read the verdict by it.
 */
export const NOT_A_REPORT_PREFIX = 'not a report: ';

/** How the bytes were decoded (`Report.decode`). */
export interface DecodeFacts {
  format: Format;
  /** Canonical lower-case label: utf-8, utf-16le, utf-16be, gb18030, big5; "binary" for pdf/docx containers. */
  encoding: string;
  /** 0..1: how sure the detector is of `encoding`. */
  confidence: number;
  script: Script;
  /** True when traditional→simplified conversion ran. */
  converted: boolean;
  /** Number of inline pinyin annotations such as 公開(kāi) removed. */
  pinyinRemoved: number;
  /** Human-readable notes that do not stop the pipeline (e.g. "does not look like a disclosure report"). */
  warnings: string[];
  /** Pages, for PDF input. */
  pages?: number;
  /**
   * Set by decode when the file has no usable text layer: the ocr stage reads
   * it from its page images (the text is then empty until OCR ran).
   */
  needsOcr?: NeedsOcr;
  /** Set when the text was read by OCR from page images (scanned PDF, PNG, JPEG, TIFF). */
  ocr?: OcrFacts;
  /** Resolution the OCR'd pages were rendered at: `TextRegion.box` is in pixels at this dpi. */
  ocrDpi?: number;
}

/** Why decode handed a file to OCR: an image, a PDF without a text layer, or a PDF whose text layer is garbled (fonts without a character map). */
export const NEEDS_OCR = ['image', 'no-text-layer', 'garbled-text-layer'] as const;
export type NeedsOcr = (typeof NEEDS_OCR)[number];

/** How OCR read the pages (`DecodeFacts.ocr`). */
export interface OcrFacts {
  /** Engine name, e.g. "tesseract". */
  engine: string;
  version: string;
  pages: number;
  /** Mean word confidence 0..1 over the pages. */
  meanConfidence: number;
}

/**
 * Where a stretch of OCR'd text sits on its page image: [start, end) into
 * `DecodeResult.text`, the 1-based page, the box [x0, y0, x1, y1] in page
 * pixels at `DecodeFacts.ocrDpi`, and the engine's confidence 0..1 (the
 * lowest of its words, so one doubtful digit makes the region doubtful).
 */
export interface TextRegion {
  start: number;
  end: number;
  page: number;
  box: [x0: number, y0: number, x1: number, y1: number];
  conf: number;
}

/** Page-level metadata found outside the body (HTML <title>/meta, 发布日期 lines, crawler headers). */
export interface PageMeta {
  title?: string;
  /** ISO date or date-time as stated, e.g. "2018-02-28T13:20". */
  publishedAt?: string;
  /** 文章来源 / 发布机构. */
  source?: string;
  url?: string;
}

/** What `DecodeResult.offsetMap` points into. */
export const OFFSET_BASES = ['decoded-text', 'html-source', 'extracted-text'] as const;
export type OffsetBase = (typeof OFFSET_BASES)[number];

export interface DecodeResult {
  decode: DecodeFacts;
  /**
   * Normalized simplified text. Paragraphs are separated by "\n"; headings
   * (一、 （一） 1. （1）) start their own line. A table row is one line whose
   * cells are separated by "\t" (HTML/PDF/DOCX tables keep their structure
   * this way); empty cells are empty strings between tabs; a merged cell
   * appears once, in the first row it spans (as HTML rowspan/colspan).
   * Plain text never contains "\t". Page chrome (breadcrumbs, share
   * buttons, 发布日期/来源 lines, crawler headers, page numbers) is removed;
   * its metadata is in `pageMeta`.
   */
  text: string;
  pageMeta: PageMeta;
  /**
   * Offset map from `text` back to the decoded original: sorted pairs
   * [normalizedOffset, originalOffset, …] flattened; between anchors offsets
   * advance together. Empty when the text is the original. Offsets are
   * UTF-16 code units (JS string indices). The original is named by
   * `offsetBase`.
   */
  offsetMap: number[];
  /**
   * What `offsetMap` points into: `decoded-text` (a txt file decoded, BOM
   * removed), `html-source` (the decoded HTML source; anchors at text-node
   * granularity, so an entity such as &nbsp; can blur offsets within its
   * node) or `extracted-text` (PDF/DOCX: the stage's own extracted text
   * before normalization, reproducible by decoding the same bytes again).
   */
  offsetBase?: OffsetBase;
  /**
   * The tables of the text as grids (rows × cells with their spans), when the
   * format kept them (HTML/DOCX/PDF ruled tables, Markdown pipe tables,
   * column-aligned plain text). Absent on results made before grids existed
   * and on texts without tables. Offsets index `text`.
   */
  grids?: TableGrid[];
  /** OCR input only: the text's words/lines with their page boxes, sorted by `start`. */
  regions?: TextRegion[];
}

/** Where a grid was read from. */
export const GRID_SOURCES = ['html', 'docx', 'pdf', 'markdown', 'text', 'ocr'] as const;
export type GridSource = (typeof GRID_SOURCES)[number];

/**
 * One cell of a table grid: its top-left position in the expanded grid
 * (0-based; a merged cell covers rowSpan × colSpan positions) and its text.
 */
export interface GridCell {
  row: number;
  col: number;
  rowSpan: number;
  colSpan: number;
  /** The cell's normalized text, trimmed, inner line breaks and tabs as spaces. */
  text: string;
  /** [start, end) of the cell's text in `DecodeResult.text` (start = end for an empty cell). */
  start: number;
  end: number;
}

/** A table as decode saw it: every cell once, with its position and spans. */
export interface TableGrid {
  source: GridSource;
  /** Offsets of the table's first and past its last character in `DecodeResult.text`. */
  start: number;
  end: number;
  /** Size of the expanded grid. */
  rows: number;
  cols: number;
  /** Cells in reading order (row, then column). */
  cells: GridCell[];
}
