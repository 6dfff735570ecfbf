/**
 * Ruling lines of tables found in a page image: long straight runs of ink,
 * merged across the few pixel rows (columns) a printed line is thick and
 * across the small breaks scanning leaves. They give the table grid its
 * cells (decode's ruled-table layout reads them as it reads a PDF's drawn
 * lines), and they are erased before OCR, so Tesseract does not read a
 * rule as "|" or "一" or glue the digits of two cells together. Pure.
 */
import { INK, type GreyImage } from './skew.estimate.ts';

/** A ruling line in pixels: y of a horizontal one (x of a vertical one), from..to along it, and its thickness. */
export interface PixelRule {
  at: number;
  from: number;
  to: number;
  thickness: number;
}

interface Run {
  across: number;
  from: number;
  to: number;
}

/** Runs of ink at least `min` long along one axis (`horizontal`: along rows). */
function runs(img: GreyImage, horizontal: boolean, min: number): Run[] {
  const out: Run[] = [];
  const outer = horizontal ? img.height : img.width;
  const inner = horizontal ? img.width : img.height;
  // a break of a pixel or two in a scanned rule does not end it
  const bridge = 2;
  for (let a = 0; a < outer; a++) {
    let start = -1;
    let lastInk = -10;
    for (let b = 0; b <= inner; b++) {
      const v = b < inner ? (horizontal ? img.data[a * img.width + b] : img.data[b * img.width + a]) ?? 255 : 255;
      if (v < INK) {
        if (start < 0) start = b;
        lastInk = b;
      } else if (start >= 0 && b - lastInk > bridge) {
        if (lastInk - start + 1 >= min) out.push({ across: a, from: start, to: lastInk });
        start = -1;
      }
    }
  }
  return out;
}

/** Merges runs on neighbouring rows (columns) that overlap into rules. */
function merge(list: Run[], gap: number): PixelRule[] {
  const rules: Array<{ lo: number; hi: number; from: number; to: number }> = [];
  for (const r of list.sort((a, b) => a.across - b.across || a.from - b.from)) {
    const hit = rules.find((q) => r.across - q.hi <= 3 && r.from <= q.to + gap && r.to >= q.from - gap);
    if (hit) {
      hit.hi = Math.max(hit.hi, r.across);
      hit.from = Math.min(hit.from, r.from);
      hit.to = Math.max(hit.to, r.to);
    } else rules.push({ lo: r.across, hi: r.across, from: r.from, to: r.to });
  }
  return rules.map((q) => ({ at: (q.lo + q.hi) / 2, from: q.from, to: q.to, thickness: q.hi - q.lo + 1 }));
}

/**
 * Horizontal and vertical rules of the page. `dpi` scales the thresholds: a
 * horizontal rule is at least 0.3 inch long (a "一" in body type is about
 * half that); a vertical one at least 0.12 inch and touching a horizontal
 * rule at both ends, or 0.5 inch long (a one-row cell border is short, a
 * character's stroke does not end on rules).
 */
export function findRulings(img: GreyImage, dpi: number): { horizontal: PixelRule[]; vertical: PixelRule[] } {
  // up to about 3 points: a bold frame, blurred and turned by a scan; text strokes are never that long anyway
  const thick = Math.max(4, Math.round(dpi / 25));
  const horizontal = merge(runs(img, true, Math.round(dpi * 0.3)), Math.round(dpi / 30)).filter((r) => r.thickness <= thick);
  const near = Math.max(4, Math.round(dpi / 40));
  const touches = (y: number, x: number) => horizontal.some((h) => Math.abs(h.at - y) <= near && h.from - near <= x && x <= h.to + near);
  const vertical = merge(runs(img, false, Math.round(dpi * 0.12)), Math.round(dpi / 30)).filter(
    (r) => r.thickness <= thick && (r.to - r.from >= dpi * 0.5 || (touches(r.from, r.at) && touches(r.to, r.at))),
  );
  // a long stroke with no rule crossing it (an underline, a dash) is no table's
  const crossed = horizontal.filter((h) => vertical.some((v) => v.at >= h.from - near && v.at <= h.to + near && h.at >= v.from - near && h.at <= v.to + near));
  return { horizontal: crossed, vertical };
}

/** Paints the rules white (a pixel beyond their thickness), in place. */
export function eraseRulings(img: GreyImage, rules: { horizontal: PixelRule[]; vertical: PixelRule[] }): void {
  const paint = (x0: number, y0: number, x1: number, y1: number) => {
    for (let y = Math.max(0, y0); y <= Math.min(img.height - 1, y1); y++) img.data.fill(255, y * img.width + Math.max(0, x0), y * img.width + Math.min(img.width - 1, x1) + 1);
  };
  for (const r of rules.horizontal) {
    const half = Math.ceil(r.thickness / 2) + 1;
    paint(r.from, Math.floor(r.at - half), r.to, Math.ceil(r.at + half));
  }
  for (const r of rules.vertical) {
    const half = Math.ceil(r.thickness / 2) + 1;
    paint(Math.floor(r.at - half), r.from, Math.ceil(r.at + half), r.to);
  }
}

/**
 * A table cut by a page break often has no rule along the cut (the printer
 * draws none there): its vertical rules just stop together, and the row they
 * hold would fall outside the grid (its numbers then look like a running
 * header). Where three or more vertical rules of a ruled table (a horizontal
 * rule crosses three or more of them; merged label columns at its side are
 * crossed by fewer) end at the same height with no horizontal rule there, a
 * rule is added along their ends, across all of them: the page cut the label
 * columns too. Returns new rulings; nothing is drawn.
 */
export function closeOpenEnds(rules: { horizontal: PixelRule[]; vertical: PixelRule[] }, dpi: number): { horizontal: PixelRule[]; vertical: PixelRule[] } {
  const tol = Math.max(4, Math.round(dpi / 40));
  const added: PixelRule[] = [];
  for (const end of ['from', 'to'] as const) {
    const groups: PixelRule[][] = [];
    for (const v of [...rules.vertical].sort((a, b) => a[end] - b[end])) {
      const g = groups.find((x) => Math.abs((x[0] as PixelRule)[end] - v[end]) <= tol);
      if (g) g.push(v);
      else groups.push([v]);
    }
    for (const g of groups) {
      if (g.length < 3) continue;
      const y = g.reduce((s, v) => s + v[end], 0) / g.length;
      const x0 = Math.min(...g.map((v) => v.at));
      const x1 = Math.max(...g.map((v) => v.at));
      // how many of these verticals a horizontal rule reaches across (a merged label column on the left is crossed by none)
      const across = (h: PixelRule) => g.filter((v) => v.at >= h.from - tol && v.at <= h.to + tol && h.at >= v.from - tol && h.at <= v.to + tol).length;
      if (rules.horizontal.some((h) => Math.abs(h.at - y) <= tol && across({ ...h, at: y }) >= 3)) continue;
      // part of a ruled table: some horizontal rule crosses three or more of these verticals
      if (!rules.horizontal.some((h) => across(h) >= 3)) continue;
      added.push({ at: y, from: x0, to: x1, thickness: 2 });
    }
  }
  return { horizontal: [...rules.horizontal, ...added], vertical: rules.vertical };
}
