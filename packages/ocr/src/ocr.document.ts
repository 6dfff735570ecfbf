/**
 * A scanned PDF or an image → the decode result OCR can give: each page
 * prepared (page.image.ts), read by the engine into words with boxes and
 * confidences, and laid out by decode's own PDF layout (ruled tables → rows
 * and grids, lines → paragraphs, page numbers and running headers dropped,
 * the text normalized as every format's is). Every word that reached the
 * text keeps its page box and confidence as a `TextRegion`.
 */
import { PipelineError, type DecodeResult, type Format, type TextRegion } from '@gongkai/core';
import { decodePages, type LaidOutPage, type PlacedBox, type TextBox } from '@gongkai/decode';
import sharp from 'sharp';
import { OcrInputError } from './ocr.errors.ts';
import type { OcrEngine, OcrOptions, OcrPageInput, OcrWord } from './ocr.types.ts';
import { preparePage, redChannel, toPng, type PreparedPage } from './page.image.ts';
import { openPages, type PageSource } from './page.source.ts';
import type { GreyImage } from './skew.estimate.ts';
import { TesseractEngine } from './tesseract.engine.ts';
import { latticeCells } from './cells.lattice.ts';
import { asDigits, cellWords, drawStrip, inNumberRow, layoutStrip, planCells, replaceCells, type CellKind } from './cells.read.ts';

/** A word read with less confidence than this is doubtful (a digit in it may be wrong): its region stands alone. */
export const OCR_UNCERTAIN_BELOW = 0.8;
/** A page read this badly (mean word confidence) may be upside down or sideways: the engine's orientation check runs. */
const SUSPECT_PAGE_BELOW = 0.6;

let defaultEngine: OcrEngine | null = null;
export function ocrEngine(): OcrEngine {
  return (defaultEngine ??= new TesseractEngine());
}

interface PageRead {
  words: OcrWord[];
  prepared: PreparedPage;
  dpi: number;
}

const meanConf = (words: readonly OcrWord[]): number => {
  let n = 0;
  let s = 0;
  for (const w of words) {
    n += w.text.length;
    s += w.conf * w.text.length;
  }
  return n === 0 ? 0 : s / n;
};

async function engineInput(g: GreyImage, dpi: number): Promise<OcrPageInput> {
  return { png: await toPng(g), width: g.width, height: g.height, dpi };
}

/** The page as the grey image OCR starts from; a page sharp cannot decode is a damaged file. */
export async function loadPage(source: PageSource, n: number, name: string): Promise<GreyImage> {
  const img = await source.page(n);
  try {
    return await redChannel(img);
  } catch (cause) {
    throw new OcrInputError('corrupt', `${name}: page ${n} cannot be decoded: ${(cause as Error).message}`, { cause });
  }
}

/** A small copy of the page for the orientation check (faster, and as reliable for whole-page orientation). */
async function orientationOf(engine: OcrEngine, g: GreyImage, dpi: number, deadline: number, signal?: AbortSignal): Promise<number> {
  if (!engine.orientation) return 0;
  const scale = Math.min(1, 150 / dpi);
  const small = scale < 1
    ? await sharp(g.data, { raw: { width: g.width, height: g.height, channels: 1 } }).resize({ width: Math.round(g.width * scale) }).png().toBuffer()
    : await toPng(g);
  return engine.orientation({ png: small, width: Math.round(g.width * scale), height: Math.round(g.height * scale), dpi: dpi * scale }, { deadline, signal });
}

/**
 * The cell pass (cells.read.ts): number cells and tall narrow label cells of
 * ruled tables read again on their own crops, one engine call per kind and
 * page (the crops stacked into a strip), their text put back by position.
 */
export async function readCells(engine: OcrEngine, read: PageRead, pageNo: number, deadline: number, signal?: AbortSignal): Promise<PageRead> {
  if (!engine.readStrip || read.prepared.rulings.horizontal.length === 0) return read;
  const img = read.prepared.clean;
  const jobs = planCells(img, latticeCells(read.prepared.rulings, read.dpi), read.words);
  if (jobs.length === 0) return read;
  // a tenth of an inch between crops keeps their words apart; a little margin keeps strokes whole
  const pad = Math.max(3, Math.round(read.dpi / 50));
  const gap = Math.max(10, Math.round(read.dpi / 10));
  let words = read.words;
  // cells the page missed are read first as a line of Chinese; those that turn out to be numbers join the digits pass
  for (const kind of ['line', 'digits', 'vertical'] as CellKind[]) {
    const strip = layoutStrip(jobs, kind, pad, gap, img);
    if (strip.slots.length === 0) continue;
    const found = await engine.readStrip(await engineInput(drawStrip(img, strip), read.dpi), kind, { deadline, signal });
    const back = cellWords(strip, found, pageNo);
    words = replaceCells(words, back);
    if (kind !== 'line') continue;
    const chinese = (w: OcrWord | null | undefined) => w !== null && w !== undefined && /[^\P{Script=Han}一]/u.test(w.text);
    const lines = jobs.filter((j) => j.kind === 'line').map((job) => ({ job, word: back.find((b) => b.cell === job.cell)?.word }));
    // nothing read (a lone thin "1" is often lost in a line reading) or no Chinese in it (一 is a dash or a rule's stub as often):
    // a number or a mark read as letters ("]" for 1); the digits reading decides, flagged. Then, once the row's numbers are
    // known, a character or two in a row of numbers ("工" for 1) goes the same way.
    const toDigits = ({ job, word }: (typeof lines)[number]) => {
      const page = word ? asDigits(word.text) : null;
      Object.assign(job, { kind: 'digits', page: page ? { digits: page.digits, guessed: true } : null });
    };
    lines.filter((l) => !chinese(l.word)).forEach(toDigits);
    lines.filter((l) => chinese(l.word) && (l.word?.text.length ?? 0) <= 2 && inNumberRow(l.job.cell, jobs)).forEach(toDigits);
  }
  return { ...read, words };
}

async function readPage(engine: OcrEngine, g: GreyImage, dpi: number, deadline: number, signal?: AbortSignal): Promise<PageRead> {
  const prepared = await preparePage(g, dpi);
  const words = await engine.recognize(await engineInput(prepared.clean, dpi), { deadline, signal });
  if (meanConf(words) >= SUSPECT_PAGE_BELOW && words.length >= 5) return { words, prepared, dpi };
  // badly read: maybe sideways or upside down; the engine's orientation check decides, the better reading is kept
  const rotation = await orientationOf(engine, g, dpi, deadline, signal);
  if (rotation === 0) return { words, prepared, dpi };
  const turned = await preparePage(g, dpi, rotation);
  const again = await engine.recognize(await engineInput(turned.clean, dpi), { deadline, signal });
  const worth = (ws: OcrWord[]) => meanConf(ws) * ws.reduce((s, w) => s + w.text.length, 0);
  return worth(again) > worth(words) ? { words: again, prepared: turned, dpi } : { words, prepared, dpi };
}

/** Words and rules in page pixels → a laid-out page in points (what decode's PDF layout measures in). */
export function toLaidOut(read: PageRead): LaidOutPage {
  const k = 72 / read.dpi;
  const boxes: TextBox[] = read.words.map((w) => {
    const size = Math.max(1, (w.lineBottom - w.lineTop) * k);
    // the line's centre is the word's centre: decode groups lines by it (centre = baseline - 0.35 size)
    const centre = ((w.lineTop + w.lineBottom) / 2) * k;
    return { str: w.text, x: w.x0 * k, y: centre + size * 0.35, width: Math.max(0.1, (w.x1 - w.x0) * k), size };
  });
  const seg = (r: { at: number; from: number; to: number }) => ({ at: r.at * k, from: r.from * k, to: r.to * k });
  return {
    width: read.prepared.straight.width * k,
    height: read.prepared.straight.height * k,
    boxes,
    horizontal: read.prepared.rulings.horizontal.map(seg),
    vertical: read.prepared.rulings.vertical.map(seg),
  };
}

/**
 * Placed words → regions: neighbouring words of one engine line merge while
 * both are read confidently; a doubtful word keeps a region of its own, so
 * the figure it belongs to can be flagged without flagging its neighbours.
 */
export function regionsOf(placed: readonly PlacedBox[], reads: readonly PageRead[], text: string): TextRegion[] {
  const out: TextRegion[] = [];
  let last: (TextRegion & { line: string }) | null = null;
  for (const p of [...placed].sort((a, b) => a.start - b.start)) {
    const w = reads[p.page]?.words[p.box];
    if (!w) continue;
    const box: TextRegion['box'] = [w.x0, w.y0, w.x1, w.y1];
    const sure = w.conf >= OCR_UNCERTAIN_BELOW;
    // a tab or line break between two words is a cell or line boundary: a region never spans it
    const between = last ? text.slice(last.end, p.start) : '';
    if (last && sure && last.conf >= OCR_UNCERTAIN_BELOW && last.page === p.page + 1 && last.line === w.line && (between === '' || between === ' ')) {
      last.end = p.end;
      last.box = [Math.min(last.box[0], box[0]), Math.min(last.box[1], box[1]), Math.max(last.box[2], box[2]), Math.max(last.box[3], box[3])];
      last.conf = Math.min(last.conf, w.conf);
      continue;
    }
    last = { start: p.start, end: p.end, page: p.page + 1, box, conf: w.conf, line: w.line };
    out.push(last);
  }
  return out.map(({ start, end, page, box, conf }) => ({ start, end, page, box, conf: Math.round(conf * 1000) / 1000 }));
}

/**
 * OCR of a scanned PDF (no usable text layer) or a PNG/JPEG/TIFF image.
 * Throws OcrInputError (permanent) for an encrypted PDF, a file over the
 * page or pixel cap, a damaged file or one that is no PDF or image, and a
 * TIMEOUT PipelineError when `timeoutMs` runs out (every tool is killed).
 * Blank pages give a result with empty text (no error): the caller decides.
 */
export async function ocrDocument(bytes: Uint8Array, name: string, opts: OcrOptions, engine: OcrEngine = ocrEngine()): Promise<DecodeResult> {
  const deadline = Date.now() + opts.timeoutMs;
  const source = await openPages(bytes, name, { ...opts, deadline });
  try {
    const reads: PageRead[] = [];
    for (let n = 1; n <= source.pages; n++) {
      if (opts.signal?.aborted) throw new PipelineError('TIMEOUT', `${name}: OCR aborted at page ${n}`);
      const g = await loadPage(source, n, name);
      reads.push(await readCells(engine, await readPage(engine, g, source.dpi, deadline, opts.signal), n, deadline, opts.signal));
    }
    const format: Format = source.kind === 'pdf' ? 'pdf' : ('image' as Format);
    const { result, placed } = decodePages(reads.map(toLaidOut), { format });
    const all = reads.flatMap((r) => r.words);
    const warnings = [...result.decode.warnings];
    const blank = reads.flatMap((r, i) => (r.words.length === 0 ? [i + 1] : []));
    if (blank.length > 0) warnings.unshift(`OCR found no text on page(s) ${blank.join(', ')}`);
    const skewed = reads.flatMap((r, i) => (Math.abs(r.prepared.skew) >= 0.1 || r.prepared.rotation !== 0 ? [`${i + 1} (${r.prepared.rotation + r.prepared.skew}°)`] : []));
    if (skewed.length > 0) warnings.push(`OCR turned page(s) ${skewed.join(', ')} straight`);
    return {
      ...result,
      decode: {
        ...result.decode,
        warnings,
        pages: source.pages,
        ocr: { engine: engine.name, version: await engine.version(), pages: source.pages, meanConfidence: Math.round(meanConf(all) * 1000) / 1000 },
        ocrDpi: source.dpi,
      },
      regions: regionsOf(placed, reads, result.text),
    };
  } finally {
    await source.close();
  }
}
