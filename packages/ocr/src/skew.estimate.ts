/**
 * The page's skew from its ink: the angle at which the rows of dark pixels
 * line up best (the horizontal projection profile with the most contrast,
 * sum of squared row counts). Scanned pages lean by a degree or two; Tesseract
 * reads a leaning page, but its lines and table rows then drift across the
 * page, so the page is turned straight before OCR. Pure: pixels in, degrees out.
 */

export interface GreyImage {
  /** One byte per pixel, 0 = black, rows top to bottom. */
  data: Uint8Array;
  width: number;
  height: number;
}

/** Darker than this is ink. */
export const INK = 128;
const MAX_POINTS = 60_000;

function inkPoints(img: GreyImage): Float64Array {
  const pts: number[] = [];
  for (let y = 0; y < img.height; y++) {
    const row = y * img.width;
    for (let x = 0; x < img.width; x++) if ((img.data[row + x] ?? 255) < INK) pts.push(x, y);
  }
  // a dense page is thinned evenly: the profile's shape survives, the cost is bounded
  const stride = Math.max(1, Math.ceil(pts.length / 2 / MAX_POINTS));
  if (stride === 1) return Float64Array.from(pts);
  const out: number[] = [];
  for (let i = 0; i < pts.length; i += 2 * stride) out.push(pts[i] ?? 0, pts[i + 1] ?? 0);
  return Float64Array.from(out);
}

function score(pts: Float64Array, degrees: number, height: number, width: number): number {
  const t = (degrees * Math.PI) / 180;
  const sin = Math.sin(t);
  const cos = Math.cos(t);
  const pad = Math.ceil(width * Math.abs(sin)) + 2;
  const bins = new Float64Array(height + 2 * pad);
  for (let i = 0; i < pts.length; i += 2) {
    const x = pts[i] ?? 0;
    const y = pts[i + 1] ?? 0;
    const b = Math.round(y * cos - x * sin) + pad;
    if (b >= 0 && b < bins.length) bins[b] = (bins[b] ?? 0) + 1;
  }
  let s = 0;
  for (const v of bins) s += v * v;
  return s;
}

/**
 * Skew in degrees within ±`range`, in image coordinates (y grows downwards,
 * so positive: the lines fall to the right); 0 for a page with too little
 * ink to tell. Rotating the image by minus the returned angle (sharp turns
 * clockwise for positive angles) straightens it.
 */
export function estimateSkew(img: GreyImage, range = 3): number {
  const pts = inkPoints(img);
  if (pts.length < 400) return 0;
  let best = 0;
  let bestScore = score(pts, 0, img.height, img.width);
  const search = (from: number, to: number, step: number) => {
    for (let a = from; a <= to + 1e-9; a += step) {
      const s = score(pts, a, img.height, img.width);
      if (s > bestScore * 1.000001) {
        bestScore = s;
        best = a;
      }
    }
  };
  search(-range, range, 0.25);
  const coarse = best;
  search(coarse - 0.25, coarse + 0.25, 0.05);
  return Math.round(best * 100) / 100;
}
