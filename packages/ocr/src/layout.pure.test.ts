/** The pure image steps: skew measured from the ink, table rules found (and not text strokes). */
import { describe, expect, it } from 'vitest';
import { estimateSkew, type GreyImage } from './skew.estimate.ts';
import { eraseRulings, findRulings } from './rulings.find.ts';

function blank(width: number, height: number): GreyImage {
  return { data: new Uint8Array(width * height).fill(255), width, height };
}

/** Dark text-like lines (dashes of ink) leaning by `degrees` (image coordinates, y down). */
function leaningLines(degrees: number): GreyImage {
  const img = blank(1000, 800);
  const t = Math.tan((degrees * Math.PI) / 180);
  for (let line = 0; line < 12; line++) {
    for (let x = 100; x < 900; x++) {
      if (x % 20 > 14) continue; // gaps between "characters"
      for (let h = 0; h < 14; h++) {
        const y = Math.round(100 + line * 50 + h + x * t);
        if (y >= 0 && y < img.height) img.data[y * img.width + x] = 0;
      }
    }
  }
  return img;
}

describe('estimateSkew', () => {
  it.each([-2, -0.7, 0, 1.3, 2])('finds a lean of %s° within 0.15°', (deg) => {
    // the lean as drawn in image coordinates (y down: positive = the lines fall to the right)
    expect(Math.abs(estimateSkew(leaningLines(deg)) - deg)).toBeLessThanOrEqual(0.15);
  });

  it('says 0 for a page without ink', () => expect(estimateSkew(blank(200, 200))).toBe(0));
});

describe('findRulings', () => {
  const dpi = 200;
  function table(): GreyImage {
    const img = blank(1200, 900);
    const xs = [100, 400, 700, 1000];
    const ys = [200, 270, 340];
    for (const y of ys) for (let x = xs[0] ?? 0; x <= (xs[3] ?? 0); x++) for (let d = 0; d < 3; d++) img.data[(y + d) * img.width + x] = 0;
    for (const x of xs) for (let y = ys[0] ?? 0; y <= (ys[2] ?? 0) + 2; y++) for (let d = 0; d < 3; d++) img.data[y * img.width + x + d] = 0;
    // a long dash in text (no rule crosses it) and a tall character stroke
    for (let x = 100; x < 300; x++) for (let d = 0; d < 3; d++) img.data[(600 + d) * img.width + x] = 0;
    for (let y = 700; y < 745; y++) for (let d = 0; d < 4; d++) img.data[y * img.width + 500 + d] = 0;
    return img;
  }

  it('finds the rules of a ruled table and nothing of the text strokes', () => {
    const r = findRulings(table(), dpi);
    expect(r.horizontal.map((h) => Math.round(h.at))).toEqual([201, 271, 341]);
    expect(r.vertical.map((v) => Math.round(v.at)).sort((a, b) => a - b)).toEqual([101, 401, 701, 1001]);
  });

  it('erases the rules it found, leaving the strokes', () => {
    const img = table();
    eraseRulings(img, findRulings(img, dpi));
    expect(img.data[201 * img.width + 250]).toBe(255);
    expect(img.data[250 * img.width + 401]).toBe(255);
    expect(img.data[601 * img.width + 200]).toBe(0);
    expect(img.data[720 * img.width + 501]).toBe(0);
  });
});
