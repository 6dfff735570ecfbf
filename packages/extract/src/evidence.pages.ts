/**
 * OCR'd text only: puts each figure's evidence on its page image. The page
 * and box come from decode's `regions` (the OCR'd words/lines with their
 * boxes, by offset into the text); a figure whose own characters the engine
 * read with low confidence is marked `ocrUncertain` (validate reports it as
 * OCR_UNCERTAIN). So is a figure whose digits OCR garbled, however sure the
 * engine was: digits run into symbols or Latin letters ("$$00余条": a stamp or
 * a stain read as characters), or written with a leading zero ("00", "07": no
 * report writes a count so). Done once, over the finished result, so no
 * extraction rule knows about OCR.
 */
import { OCR_UNCERTAIN_BELOW, type Evidence, type ExtractResult, type TextRegion } from '@gongkai/core';

/** The regions overlapping [start, end) (regions are sorted by start). */
function overlapping(regions: readonly TextRegion[], start: number, end: number): TextRegion[] {
  let lo = 0;
  let hi = regions.length;
  // first region that may reach `start`: regions do not overlap each other, so their ends are sorted too
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (regions[mid]!.end <= start) lo = mid + 1;
    else hi = mid;
  }
  const out: TextRegion[] = [];
  for (let i = lo; i < regions.length && regions[i]!.start < Math.max(end, start + 1); i++) out.push(regions[i]!);
  return out;
}

/** Where the figure's own digits stand in the quote, or the whole quote when they are not written as digits. */
function figureSpan(ev: Evidence, value: number | undefined): [number, number] {
  if (value === undefined) return [ev.start, ev.end];
  const digits = String(value);
  const at = ev.quote.indexOf(digits);
  return at === -1 ? [ev.start, ev.end] : [ev.start + at, ev.start + at + digits.length];
}

const DIGIT = /[0-9０-９]/;
/** A run of a written number: digits, separators, a decimal point. */
const NUMBER_PART = /[0-9０-９.,，．]/;
/** Next to a number's digits in OCR'd text, these mean the digits were read from a mark, not from print. */
const GARBLE = /[A-Za-z$§¥#@&*|\\[\]{}<>~^_=+`￥＄＃＠＆＊｜]/;

/**
 * True when the written number at [s, e) of the text looks garbled by OCR:
 * its digit run (widened to the whole written number) touches a symbol or a
 * Latin letter, or starts with a zero followed by another digit.
 */
export function garbledDigits(text: string, s: number, e: number): boolean {
  let a = s;
  let b = e;
  while (a > 0 && NUMBER_PART.test(text[a - 1] as string)) a--;
  while (b < text.length && NUMBER_PART.test(text[b] as string)) b++;
  const run = text.slice(a, b);
  if (!DIGIT.test(run)) return false;
  if (/^[0０][0-9０-９]/.test(run)) return true;
  return GARBLE.test(text[a - 1] ?? '') || GARBLE.test(text[b] ?? '');
}

function place(ev: Evidence, regions: readonly TextRegion[], value?: number, text?: string): void {
  const on = overlapping(regions, ev.start, ev.end);
  const first = on[0];
  if (!first) return;
  const page = on.filter((r) => r.page === first.page);
  ev.page = first.page;
  ev.box = [
    Math.min(...page.map((r) => r.box[0])), Math.min(...page.map((r) => r.box[1])),
    Math.max(...page.map((r) => r.box[2])), Math.max(...page.map((r) => r.box[3])),
  ];
  const [s, e] = figureSpan(ev, value);
  const own = overlapping(regions, s, e);
  const conf = Math.min(...(own.length > 0 ? own : on).map((r) => r.conf));
  if (value === undefined) return;
  const digitsOwn = s !== ev.start || e !== ev.end;
  if (conf < OCR_UNCERTAIN_BELOW || (text !== undefined && digitsOwn && garbledDigits(text, s, e))) ev.ocrUncertain = true;
}

/**
 * The result with page, box and `ocrUncertain` on every evidence, when the
 * text was OCR'd (unchanged otherwise). `text`: the OCR'd text the evidence
 * offsets index (to see garbled digits).
 */
export function placeOnPages(result: ExtractResult, regions: readonly TextRegion[] | undefined, text?: string): ExtractResult {
  if (!regions || regions.length === 0) return result;
  for (const m of [...result.metrics, ...result.mentions]) {
    place(m.evidence, regions, m.value, text);
    for (const c of m.resolution?.corroboration ?? []) place(c, regions);
  }
  for (const b of result.breakdowns) {
    place(b.total.evidence, regions, b.total.value, text);
    for (const p of b.parts) place(p.evidence, regions, p.value, text);
  }
  return result;
}
