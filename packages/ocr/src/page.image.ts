/**
 * A page image (PNG/JPEG/TIFF page or a rendered PDF page) → what OCR reads:
 * one grey channel taken from red (a red seal or stamp turns light and stops
 * covering the black text under it), contrast stretched (a grey or yellowed
 * background turns white), turned upright and straight, table rules found
 * and erased. The same steps run for the reports page's crop, so a box
 * found by OCR points at the same pixels there.
 */
import sharp from 'sharp';
import type { Sharp } from 'sharp';
import { estimateSkew, type GreyImage } from './skew.estimate.ts';
import { closeOpenEnds, eraseRulings, findRulings, type PixelRule } from './rulings.find.ts';

export interface PreparedPage {
  /** The cleaned page OCR reads (rules erased). */
  clean: GreyImage;
  /** The page straightened and upright, rules kept (what a person sees in a crop). */
  straight: GreyImage;
  rulings: { horizontal: PixelRule[]; vertical: PixelRule[] };
  skew: number;
  rotation: number;
}

const WHITE = { r: 255, g: 255, b: 255, alpha: 1 };

async function grey(input: Sharp): Promise<GreyImage> {
  const { data, info } = await input.raw().toBuffer({ resolveWithObject: true });
  if (info.channels === 1) return { data: new Uint8Array(data.buffer, data.byteOffset, data.length), width: info.width, height: info.height };
  const out = new Uint8Array(info.width * info.height);
  for (let i = 0; i < out.length; i++) out[i] = data[i * info.channels] ?? 255;
  return { data: out, width: info.width, height: info.height };
}

const fromGrey = (g: GreyImage, limitInputPixels: number | false = false) =>
  sharp(g.data, { raw: { width: g.width, height: g.height, channels: 1 }, limitInputPixels });

/**
 * Paper to white: the most common light level (the paper: white, grey,
 * yellowed) is stretched to 255 and everything scales with it, so ink
 * keeps its darkness and a grey background stops being half-ink. In place.
 */
export function whitenPaper(g: GreyImage): GreyImage {
  const hist = new Uint32Array(256);
  for (const v of g.data) hist[v] = (hist[v] ?? 0) + 1;
  let paper = 255;
  let most = 0;
  for (let v = 100; v < 256; v++) {
    if ((hist[v] ?? 0) > most) {
      most = hist[v] ?? 0;
      paper = v;
    }
  }
  if (paper >= 250) return g;
  const lut = new Uint8Array(256);
  for (let v = 0; v < 256; v++) lut[v] = Math.min(255, Math.round((v * 255) / paper));
  for (let i = 0; i < g.data.length; i++) g.data[i] = lut[g.data[i] ?? 255] ?? 255;
  return g;
}

/** The red channel of the image, paper whitened, white where transparent. */
export async function redChannel(image: Sharp): Promise<GreyImage> {
  const flat = await grey(image.flatten({ background: WHITE }).removeAlpha());
  return whitenPaper({ ...flat, data: Uint8Array.from(flat.data) });
}

/** Skew measured on a copy about 1000 pixels wide (cheap; fine enough for a tenth of a degree at that width). */
export async function skewOf(g: GreyImage): Promise<number> {
  const scale = Math.min(1, 1000 / g.width);
  const small = scale < 1 ? await grey(fromGrey(g).resize({ width: Math.round(g.width * scale), kernel: 'linear' })) : g;
  return estimateSkew(small);
}

/** Turns the page by `rotation` (multiple of 90) and then by `skew` degrees; white fills the corners. */
export async function turn(g: GreyImage, rotation: number, skew: number): Promise<GreyImage> {
  let out = g;
  if (rotation % 360 !== 0) out = await grey(fromGrey(out).rotate(rotation));
  if (Math.abs(skew) >= 0.1) out = await grey(fromGrey(out).rotate(-skew, { background: WHITE }));
  return out;
}

/**
 * Prepares one page. `rotation` (clockwise degrees, a multiple of 90) is
 * known from an earlier look at the page (the engine's orientation check)
 * or 0; the skew is measured here.
 */
export async function preparePage(page: GreyImage, dpi: number, rotation = 0, knownSkew?: number): Promise<PreparedPage> {
  const upright = rotation % 360 === 0 ? page : await turn(page, rotation, 0);
  const skew = knownSkew ?? (await skewOf(upright));
  const straight = await turn(upright, 0, skew);
  const found = findRulings(straight, dpi);
  const clean = { ...straight, data: Uint8Array.from(straight.data) };
  eraseRulings(clean, found);
  // a table cut by a page break gets its missing edge rule (after erasing: there is no ink to erase)
  const rulings = closeOpenEnds(found, dpi);
  return { clean, straight, rulings, skew, rotation };
}

export function toPng(g: GreyImage): Promise<Buffer> {
  return fromGrey(g).png({ compressionLevel: 1 }).toBuffer();
}
