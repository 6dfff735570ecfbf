/**
 * Scans made at eval/test time from PDFs with a text layer (nothing is
 * downloaded or committed): pages rasterized by pdftoppm, damaged the way
 * real scans are (a lean of ±2°, JPEG at quality 40, a grey noisy
 * background, a red seal stamped over a table's corner), and put back into
 * an image-only PDF (one image per page, no text layer), the form scanned
 * reports are published in. Their answers are the gold of the text version.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import sharp from 'sharp';

export const DAMAGES = ['clean', 'rot+2', 'rot-2', 'jpeg40', 'grey', 'seal'] as const;
export type Damage = (typeof DAMAGES)[number];

/** One page image for the image-only PDF. */
interface ScanPage {
  width: number;
  height: number;
  dpi: number;
  /** Raw samples (DeviceGray or DeviceRGB, Flate) or a JPEG (DCT). */
  filter: 'flate' | 'jpeg';
  channels: 1 | 3;
  data: Uint8Array;
}

/** Pages of a PDF as PNG (colour), rendered by pdftoppm at `dpi`. */
export function rasterize(pdf: Uint8Array, dpi: number): Buffer[] {
  const dir = mkdtempSync(join(tmpdir(), 'gongkai-scan-'));
  try {
    writeFileSync(join(dir, 'in.pdf'), pdf);
    execFileSync('pdftoppm', ['-r', String(dpi), '-png', join(dir, 'in.pdf'), join(dir, 'p')], { stdio: ['ignore', 'ignore', 'pipe'] });
    return readdirSync(dir).filter((f) => f.endsWith('.png')).sort().map((f) => readFileSync(join(dir, f)));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * HTML → PDF by headless Chromium's print (fonts embedded, tables ruled as
 * the page's CSS draws them): how the gold-table renderings become a printed
 * report to scan. (The repo's own PDF writer does not embed its font, so
 * pdftoppm cannot draw its Chinese.)
 */
export function printHtml(html: Uint8Array): Uint8Array {
  const dir = mkdtempSync(join(tmpdir(), 'gongkai-print-'));
  try {
    writeFileSync(join(dir, 'in.html'), html);
    execFileSync('chromium', ['--headless', '--no-sandbox', '--disable-gpu', '--no-pdf-header-footer', `--print-to-pdf=${join(dir, 'out.pdf')}`, `file://${join(dir, 'in.html')}`], {
      stdio: ['ignore', 'ignore', 'ignore'], timeout: 180_000,
    });
    return new Uint8Array(readFileSync(join(dir, 'out.pdf')));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** An image-only PDF: each page one image filling it (page size = image size at its dpi). */
export function imagePdf(pages: readonly ScanPage[]): Uint8Array {
  const parts: Buffer[] = [];
  const offsets: number[] = [];
  let size = 0;
  const push = (b: Buffer | string) => {
    const buf = typeof b === 'string' ? Buffer.from(b, 'latin1') : b;
    parts.push(buf);
    size += buf.length;
  };
  const obj = (n: number, body: Buffer | string, stream?: Uint8Array) => {
    offsets[n] = size;
    push(`${n} 0 obj\n`);
    push(body);
    if (stream) {
      push('\nstream\n');
      push(Buffer.from(stream));
      push('\nendstream');
    }
    push('\nendobj\n');
  };
  push('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n');
  const kids = pages.map((_, i) => `${3 + i * 3} 0 R`).join(' ');
  obj(1, '<< /Type /Catalog /Pages 2 0 R >>');
  obj(2, `<< /Type /Pages /Kids [${kids}] /Count ${pages.length} >>`);
  pages.forEach((p, i) => {
    const n = 3 + i * 3;
    const w = (p.width * 72) / p.dpi;
    const h = (p.height * 72) / p.dpi;
    obj(n, `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${w.toFixed(2)} ${h.toFixed(2)}] /Resources << /XObject << /Im0 ${n + 2} 0 R >> >> /Contents ${n + 1} 0 R >>`);
    const content = Buffer.from(`q ${w.toFixed(2)} 0 0 ${h.toFixed(2)} 0 0 cm /Im0 Do Q`, 'latin1');
    obj(n + 1, `<< /Length ${content.length} >>`, content);
    const data = p.filter === 'flate' ? deflateSync(p.data) : p.data;
    const space = p.channels === 1 ? '/DeviceGray' : '/DeviceRGB';
    obj(n + 2, `<< /Type /XObject /Subtype /Image /Width ${p.width} /Height ${p.height} /ColorSpace ${space} /BitsPerComponent 8 /Filter ${p.filter === 'flate' ? '/FlateDecode' : '/DCTDecode'} /Length ${data.length} >>`, data);
  });
  const xref = size;
  const count = 3 + pages.length * 3;
  push(`xref\n0 ${count}\n0000000000 65535 f \n`);
  for (let n = 1; n < count; n++) push(`${String(offsets[n] ?? 0).padStart(10, '0')} 00000 n \n`);
  push(`trailer\n<< /Size ${count} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`);
  return new Uint8Array(Buffer.concat(parts));
}

/** Top-left corner of the first long ruled line on the page (a table's corner), or null. */
function tableCorner(grey: Uint8Array, width: number, height: number, dpi: number): { x: number; y: number } | null {
  const min = dpi; // an inch of unbroken ink
  for (let y = 0; y < height; y++) {
    let run = 0;
    for (let x = 0; x < width; x++) {
      if ((grey[y * width + x] ?? 255) < 128) {
        run++;
        if (run >= min) return { x: x - run + 1, y };
      } else run = 0;
    }
  }
  return null;
}

/** A round red seal (ring, star, and agency-like characters), about 1.6 inch across. */
function sealSvg(dpi: number): Buffer {
  const d = Math.round(dpi * 1.6);
  const r = d / 2;
  const star = Array.from({ length: 10 }, (_, i) => {
    const a = -Math.PI / 2 + (i * Math.PI) / 5;
    const rr = i % 2 === 0 ? r * 0.28 : r * 0.11;
    return `${(r + rr * Math.cos(a)).toFixed(1)},${(r + rr * Math.sin(a)).toFixed(1)}`;
  }).join(' ');
  return Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="${d}" height="${d}">
  <circle cx="${r}" cy="${r}" r="${r * 0.92}" fill="none" stroke="#e02020" stroke-width="${(r * 0.07).toFixed(1)}"/>
  <polygon points="${star}" fill="#e02020"/>
  <text x="${r}" y="${r * 0.55}" font-family="WenQuanYi Micro Hei" font-size="${(r * 0.2).toFixed(0)}" fill="#e02020" text-anchor="middle">平潭综合实验区</text>
  <text x="${r}" y="${r * 1.6}" font-family="WenQuanYi Micro Hei" font-size="${(r * 0.18).toFixed(0)}" fill="#e02020" text-anchor="middle">政务公开专用章</text>
</svg>`);
}

/** Deterministic noise (a scan's grain), so a run is reproducible. */
function grain(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/**
 * One page damaged: `sealed` says whether this page gets the seal (the first
 * page with a table). Returns the page image for imagePdf.
 */
export async function damagePage(png: Buffer, damage: Damage, dpi: number, page: number): Promise<{ page: ScanPage; sealed: boolean }> {
  const white = { r: 255, g: 255, b: 255, alpha: 1 };
  const base = sharp(png).flatten({ background: white }).removeAlpha();
  if (damage === 'jpeg40') {
    const { data, info } = await base.clone().greyscale().jpeg({ quality: 40 }).toBuffer({ resolveWithObject: true });
    return { page: { width: info.width, height: info.height, dpi, filter: 'jpeg', channels: 1, data }, sealed: false };
  }
  if (damage === 'rot+2' || damage === 'rot-2') {
    const { data, info } = await base.clone().greyscale().rotate(damage === 'rot+2' ? 2 : -2, { background: white }).raw().toBuffer({ resolveWithObject: true });
    return { page: { width: info.width, height: info.height, dpi, filter: 'flate', channels: 1, data }, sealed: false };
  }
  if (damage === 'grey') {
    const { data, info } = await base.clone().greyscale().raw().toBuffer({ resolveWithObject: true });
    const rnd = grain(page + 1);
    const out = new Uint8Array(data.length);
    for (let i = 0; i < data.length; i++) out[i] = Math.max(0, Math.min(255, Math.round((data[i] ?? 255) * 0.72 + (rnd() - 0.5) * 36)));
    return { page: { width: info.width, height: info.height, dpi, filter: 'flate', channels: 1, data: out }, sealed: false };
  }
  if (damage === 'seal') {
    const g = await base.clone().greyscale().raw().toBuffer({ resolveWithObject: true });
    const corner = tableCorner(g.data, g.info.width, g.info.height, dpi);
    if (corner) {
      const seal = sealSvg(dpi);
      const d = Math.round(dpi * 1.6);
      const left = Math.max(0, Math.min(g.info.width - d, corner.x - Math.round(d * 0.3)));
      const top = Math.max(0, Math.min(g.info.height - d, corner.y - Math.round(d * 0.3)));
      const { data, info } = await base.clone().composite([{ input: seal, left, top, blend: 'multiply' }]).raw().toBuffer({ resolveWithObject: true });
      return { page: { width: info.width, height: info.height, dpi, filter: 'flate', channels: 3, data }, sealed: true };
    }
  }
  const { data, info } = await base.clone().greyscale().raw().toBuffer({ resolveWithObject: true });
  return { page: { width: info.width, height: info.height, dpi, filter: 'flate', channels: 1, data }, sealed: false };
}

/** A text PDF → its scan at `dpi` with `damage` (the seal goes on the first page that has a table). */
export async function scanOf(pdf: Uint8Array, dpi: number, damage: Damage): Promise<{ bytes: Uint8Array; pages: number; sealed: boolean }> {
  const pngs = rasterize(pdf, dpi);
  const pages: ScanPage[] = [];
  let sealed = false;
  for (const [i, png] of pngs.entries()) {
    const d = await damagePage(png, damage === 'seal' && sealed ? 'clean' : damage, dpi, i);
    sealed ||= d.sealed;
    pages.push(d.page);
  }
  return { bytes: imagePdf(pages), pages: pages.length, sealed };
}
