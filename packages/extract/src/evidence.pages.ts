/**
 * OCR'd text only: puts each figure's evidence on its page image. The page
 * and box come from decode's `regions` (the OCR'd words/lines with their
 * boxes, by offset into the text); a figure whose own characters the engine
 * read with low confidence is marked `ocrUncertain` (validate reports it as
 * OCR_UNCERTAIN). Done once, over the finished result, so no extraction rule
 * knows about OCR.
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

function place(ev: Evidence, regions: readonly TextRegion[], value?: number): void {
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
  if (value !== undefined && conf < OCR_UNCERTAIN_BELOW) ev.ocrUncertain = true;
}

/** The result with page, box and `ocrUncertain` on every evidence, when the text was OCR'd (unchanged otherwise). */
export function placeOnPages(result: ExtractResult, regions: readonly TextRegion[] | undefined): ExtractResult {
  if (!regions || regions.length === 0) return result;
  for (const m of [...result.metrics, ...result.mentions]) {
    place(m.evidence, regions, m.value);
    for (const c of m.resolution?.corroboration ?? []) place(c, regions);
  }
  for (const b of result.breakdowns) {
    place(b.total.evidence, regions, b.total.value);
    for (const p of b.parts) place(p.evidence, regions, p.value);
  }
  return result;
}
