/**
 * The cell pass: ruled table cells read again, each on its own crop, where
 * the page-level reading is weakest. Cells holding a number get a digits-only
 * single-line reading (a whitelist stops "3l1", "9D5"); tall narrow cells
 * (header labels set one character under another) get the vertical Chinese
 * model. The crops of one kind are stacked into one strip image with gaps,
 * so a page costs one engine call per kind, not one per cell; each word read
 * goes back to its crop by position, and the cell's text back into the page
 * as one word inside the cell's box, so decode's ruled layout puts it in the
 * same grid cell. Label cells keep the page reading.
 */
import { INK, type GreyImage } from './skew.estimate.ts';
import type { PixelCell } from './cells.lattice.ts';
import type { OcrWord } from './ocr.types.ts';

/** What a cell is read again as. */
export type CellKind = 'digits' | 'vertical' | 'line';

/** Below this (the pipeline's OCR_UNCERTAIN_BELOW) a digit is doubtful; a guessed digit is put just under it. */
export const GUESS_CONF = 0.79;

/** Letters the page reading confuses with digits, read as the digit only inside an otherwise numeric cell. */
const CONFUSED: Record<string, string> = { l: '1', I: '1', '|': '1', i: '1', O: '0', o: '0', D: '0', Q: '0', S: '5', s: '5', B: '8', Z: '2', z: '2' };

/**
 * A cell's page-level text as a number, when it is one apart from commonly
 * confused letters: `digits` with the letters mapped, and whether any was
 * (a guess, to be flagged). Null when the cell holds anything else (a label).
 */
export function asDigits(text: string): { digits: string; guessed: boolean } | null {
  const t = text.replace(/\s+/g, '');
  if (!/\d/.test(t)) return null;
  let guessed = false;
  let out = '';
  for (const ch of t) {
    if (/[\d.,\-%]/.test(ch)) out += ch;
    else if (CONFUSED[ch] !== undefined) {
      out += CONFUSED[ch];
      guessed = true;
    } else return null;
  }
  return { digits: out, guessed };
}

/** The bounding box of the ink inside a cell (rules already erased), or null when the cell is empty. */
export function inkBox(img: GreyImage, c: PixelCell): PixelCell | null {
  let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
  let n = 0;
  for (let y = Math.max(0, Math.round(c.y0)); y < Math.min(img.height, Math.round(c.y1)); y++) {
    const row = y * img.width;
    for (let x = Math.max(0, Math.round(c.x0)); x < Math.min(img.width, Math.round(c.x1)); x++) {
      if ((img.data[row + x] ?? 255) >= INK) continue;
      n++;
      if (x < x0) x0 = x;
      if (x > x1) x1 = x;
      if (y < y0) y0 = y;
      if (y > y1) y1 = y;
    }
  }
  // a few specks (scan noise, the end of an erased rule) are no content
  return n < 12 ? null : { x0, y0, x1: x1 + 1, y1: y1 + 1 };
}

/**
 * Whether decode's layout puts the word in the cell: it places a word by its
 * x centre and its engine line's centre (a word of a line read across rows
 * lands where the line's centre is), and a cell reaches to its rules.
 */
const centreIn = (w: OcrWord, c: PixelCell) => {
  const x = (w.x0 + w.x1) / 2;
  const y = (w.lineTop + w.lineBottom) / 2;
  const rule = 4;
  return x >= c.x0 - rule && x < c.x1 + rule && y >= c.y0 - rule && y < c.y1 + rule;
};

/** A cell whose page reading is less sure than this (mean per character) is read again on its own. */
const POOR_CELL_BELOW = 0.6;

const meanOf = (ws: readonly OcrWord[]) => {
  const n = ws.reduce((a, w) => a + w.text.length, 0);
  return n === 0 ? 0 : ws.reduce((a, w) => a + w.conf * w.text.length, 0) / n;
};

/** A word reaching well past the cell's rules was read as part of a block across cells. */
const spills = (w: OcrWord, c: PixelCell) => {
  const slack = Math.max(6, (w.y1 - w.y0) / 2);
  return w.x0 < c.x0 - slack || w.x1 > c.x1 + slack || Math.min(w.y0, w.lineTop) < c.y0 - slack || Math.max(w.y1, w.lineBottom) > c.y1 + slack;
};

/** One cell to read again: where it is, its ink, what the page reading found in it. */
export interface CellJob {
  kind: CellKind;
  cell: PixelCell;
  ink: PixelCell;
  /** The page reading's text of the cell, as a number (digits cells). */
  page: { digits: string; guessed: boolean } | null;
  /** A cell the page read as a character or two (planCells: read as digits only in a row of numbers). */
  short?: boolean;
  /** A short cell read poorly, missed or spilling (read again as a line when not in a row of numbers). */
  again?: boolean;
}

/**
 * Which cells are read again: ones whose page text is a number (confused
 * letters allowed) with digits only; tall narrow ones (height over 2.5
 * widths, the ink a column) with the vertical model. Others keep the page
 * reading.
 */
export function planCells(img: GreyImage, cells: readonly PixelCell[], words: readonly OcrWord[]): CellJob[] {
  const jobs: CellJob[] = [];
  for (const cell of cells) {
    const ink = inkBox(img, cell);
    if (!ink) continue;
    const mine = words.filter((w) => centreIn(w, cell)).sort((a, b) => a.y0 - b.y0 || a.x0 - b.x0);
    const w = cell.x1 - cell.x0;
    const h = cell.y1 - cell.y0;
    const page = mine.length > 0 ? asDigits(mine.map((m) => m.text).join('')) : null;
    if (page) jobs.push({ kind: 'digits', cell, ink, page });
    // a label set one character under another: the ink is a tall column too (a short word across a tall merged cell is not)
    else if (h > 2.5 * w && ink.y1 - ink.y0 > 1.5 * (ink.x1 - ink.x0)) jobs.push({ kind: 'vertical', cell, ink, page: null });
    // ink the page reading missed, read badly, or read as a block spilling over the cell's rules: read the cell on its own
    else {
      const again = mine.length === 0 || meanOf(mine) < POOR_CELL_BELOW || mine.some((m) => spills(m, cell));
      const short = mine.length > 0 && mine.reduce((n, m) => n + m.text.length, 0) <= 2;
      if (again || short) jobs.push({ kind: 'line', cell, ink, page: null, ...(short ? { short, again } : {}) });
    }
  }
  return inNumberRows(jobs);
}

/** True when the cell stands in a row of numbers: three or more number cells in its row, one of them left of it (so not the row's label). */
export function inNumberRow(cell: PixelCell, jobs: readonly CellJob[]): boolean {
  const numbers = jobs.filter((o) => o.kind === 'digits' && o.cell !== cell && sameRow(o.cell, cell));
  return numbers.length >= 3 && numbers.some((o) => o.cell.x1 <= cell.x0);
}

/** Cells of one table row: the same top and bottom rules (within a few pixels). */
const sameRow = (a: PixelCell, b: PixelCell) => Math.abs(a.y0 - b.y0) <= 4 && Math.abs(a.y1 - b.y1) <= 4;

/**
 * A cell of a row of numbers, right of its first number, read by the page
 * as a character or two ("工" for 1): a number misread as a character, so
 * the digits reading decides (flagged: the page did not read a number).
 * Short cells anywhere else keep the page reading.
 */
function inNumberRows(jobs: CellJob[]): CellJob[] {
  const out: CellJob[] = [];
  for (const j of jobs) {
    if (!j.short) {
      out.push(j);
      continue;
    }
    if (inNumberRow(j.cell, jobs)) out.push({ kind: 'digits', cell: j.cell, ink: j.ink, page: null });
    // elsewhere a short cell is read again only when its page reading was poor, missing or spilling
    else if (j.again) out.push({ kind: 'line', cell: j.cell, ink: j.ink, page: null });
  }
  return out;
}

/** Where each crop sits in the strip: digits crops stacked top to bottom, vertical crops left to right. */
export interface StripSlot {
  job: CellJob;
  /** Offset of the crop's top-left corner in the strip, and the crop (page pixels) it copies. */
  dx: number;
  dy: number;
  crop: PixelCell;
}

export interface Strip {
  width: number;
  height: number;
  slots: StripSlot[];
}

/**
 * Lays crops (ink box plus `pad`) out in one strip, `gap` pixels apart: a
 * column for digits (one line each), a row for vertical text (one column
 * each). Pure.
 */
export function layoutStrip(jobs: readonly CellJob[], kind: CellKind, pad: number, gap: number, page: { width: number; height: number }): Strip {
  const slots: StripSlot[] = [];
  let at = gap;
  let across = 0;
  for (const job of jobs.filter((j) => j.kind === kind)) {
    const crop = {
      x0: Math.max(0, job.ink.x0 - pad), y0: Math.max(0, job.ink.y0 - pad),
      x1: Math.min(page.width, job.ink.x1 + pad), y1: Math.min(page.height, job.ink.y1 + pad),
    };
    const w = crop.x1 - crop.x0;
    const h = crop.y1 - crop.y0;
    if (kind !== 'vertical') {
      slots.push({ job, dx: gap, dy: at, crop });
      at += h + gap;
      across = Math.max(across, w);
    } else {
      slots.push({ job, dx: at, dy: gap, crop });
      at += w + gap;
      across = Math.max(across, h);
    }
  }
  return kind !== 'vertical' ? { width: across + 2 * gap, height: at, slots } : { width: at, height: across + 2 * gap, slots };
}

/** The strip image: white, each crop copied from the (rules erased) page. */
export function drawStrip(img: GreyImage, strip: Strip): GreyImage {
  const data = new Uint8Array(strip.width * strip.height).fill(255);
  for (const s of strip.slots) {
    for (let y = s.crop.y0; y < s.crop.y1; y++) {
      const from = y * img.width;
      data.set(img.data.subarray(from + s.crop.x0, from + s.crop.x1), (s.dy + y - s.crop.y0) * strip.width + s.dx);
    }
  }
  return { data, width: strip.width, height: strip.height };
}

/**
 * Words read on the strip → one word per cell, in page pixels, inside the
 * cell. A word belongs to the crop its centre falls in (the gaps keep crops
 * apart). A digits cell takes the digits reading; where that found nothing
 * it keeps the page reading, with confused letters mapped. A digit that was
 * guessed (a letter mapped) or on which the two readings disagree is put
 * below the uncertainty bar: kept, flagged, never silently trusted.
 */
export function cellWords(strip: Strip, read: readonly OcrWord[], pageNo: number): Array<{ cell: PixelCell; word: OcrWord | null }> {
  const out: Array<{ cell: PixelCell; word: OcrWord | null }> = [];
  for (const [i, s] of strip.slots.entries()) {
    const w = s.crop.x1 - s.crop.x0;
    const h = s.crop.y1 - s.crop.y0;
    const inSlot = read.filter((r) => {
      const cx = (r.x0 + r.x1) / 2;
      const cy = (r.y0 + r.y1) / 2;
      return cx >= s.dx && cx < s.dx + w && cy >= s.dy && cy < s.dy + h;
    });
    const vertical = s.job.kind === 'vertical';
    const ordered = inSlot.sort((a, b) => (vertical ? a.y0 - b.y0 : a.x0 - b.x0));
    let text = ordered.map((r) => r.text).join('').replace(/\s+/g, '');
    let conf = ordered.length > 0 ? Math.min(...ordered.map((r) => r.conf)) : 0;
    if (s.job.kind === 'line') {
      // lines of the cell top to bottom, words left to right
      ordered.sort((a, b) => (Math.abs(a.y0 - b.y0) > (a.y1 - a.y0) / 2 ? a.y0 - b.y0 : a.x0 - b.x0));
      text = ordered.map((r) => r.text).join('').replace(/\s+/g, '');
      if (text === '') continue;
      // a number found only by this reading is not yet confirmed (the digits pass may confirm it)
      if (asDigits(text)) conf = Math.min(conf, GUESS_CONF);
    } else if (!vertical) {
      const page = s.job.page;
      if (text === '' || !/\d/.test(text)) {
        // the digits reading found nothing: the page reading stands, its guessed letters flagged
        if (!page) continue;
        text = page.digits;
        conf = page.guessed ? GUESS_CONF : -1;
        if (conf < 0) continue;
      } else if (!page || page.guessed || page.digits !== text) conf = Math.min(conf, GUESS_CONF);
    } else if (text === '') {
      out.push({ cell: s.job.cell, word: null });
      continue;
    }
    // the box of what was read, back in page pixels (the whole ink box when nothing located it)
    const box = ordered.length > 0
      ? {
        x0: Math.min(...ordered.map((r) => r.x0)) - s.dx + s.crop.x0, y0: Math.min(...ordered.map((r) => r.y0)) - s.dy + s.crop.y0,
        x1: Math.max(...ordered.map((r) => r.x1)) - s.dx + s.crop.x0, y1: Math.max(...ordered.map((r) => r.y1)) - s.dy + s.crop.y0,
      }
      : s.job.ink;
    const clamp = (v: number, lo: number, hi: number) => Math.max(lo, Math.min(hi - 1, v));
    const x0 = clamp(box.x0, s.job.cell.x0, s.job.cell.x1);
    const x1 = Math.max(x0 + 1, clamp(box.x1, s.job.cell.x0, s.job.cell.x1 + 1));
    const y0 = clamp(box.y0, s.job.cell.y0, s.job.cell.y1);
    const y1 = Math.max(y0 + 1, clamp(box.y1, s.job.cell.y0, s.job.cell.y1 + 1));
    // decode sizes a word by its line's height: a vertical cell's characters are about as tall as the column is wide
    const mid = (y0 + y1) / 2;
    const size = vertical ? Math.min(y1 - y0, Math.max(8, x1 - x0)) : y1 - y0;
    out.push({
      cell: s.job.cell,
      word: { text, conf: Math.max(0, Math.min(1, conf)), x0, y0, x1, y1, line: `cell.${pageNo}.${s.job.kind}.${i}`, lineTop: mid - size / 2, lineBottom: mid + size / 2 },
    });
  }
  return out;
}

/** The page's words with every cell read again replaced by its cell word (a cell the new reading found empty keeps the page's). */
export function replaceCells(words: readonly OcrWord[], read: ReadonlyArray<{ cell: PixelCell; word: OcrWord | null }>): OcrWord[] {
  const done = read.filter((r) => r.word !== null);
  const kept = words.filter((w) => !done.some((r) => centreIn(w, r.cell)));
  return [...kept, ...done.map((r) => r.word as OcrWord)];
}
