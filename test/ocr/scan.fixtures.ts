/**
 * Scans made at test time from real text PDFs (nothing downloaded): pages
 * rasterized with pdftoppm, then written as PNG/JPEG files or as an
 * image-only PDF (each page one JPEG image, no text layer).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import sharp from 'sharp';

/** The pages [first, last] of a PDF as PNG images at `dpi`. */
export function rasterize(pdf: string, opts: { dpi: number; first?: number; last?: number }): Uint8Array[] {
  const dir = mkdtempSync(join(tmpdir(), 'gongkai-scan-'));
  try {
    const range = [...(opts.first ? ['-f', String(opts.first)] : []), ...(opts.last ? ['-l', String(opts.last)] : [])];
    execFileSync('pdftoppm', ['-r', String(opts.dpi), ...range, '-png', pdf, join(dir, 'p')], { timeout: 120_000 });
    return readdirSync(dir).sort().map((f) => new Uint8Array(readFileSync(join(dir, f))));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A PDF whose pages are images only (a scan): each page one JPEG (DCTDecode), sized for `dpi`. */
export async function imageOnlyPdf(pages: Uint8Array[], dpi: number): Promise<Uint8Array> {
  const parts: Buffer[] = [];
  const offsets: number[] = [];
  let length = 0;
  const push = (b: Buffer | string) => {
    const buf = typeof b === 'string' ? Buffer.from(b, 'latin1') : b;
    parts.push(buf);
    length += buf.length;
  };
  const obj = (id: number, body: Buffer | string, stream?: Buffer) => {
    offsets[id] = length;
    push(`${id} 0 obj\n`);
    push(body);
    if (stream) {
      push('\nstream\n');
      push(stream);
      push('\nendstream');
    }
    push('\nendobj\n');
  };
  push('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n');
  // the same page image given twice is stored once (a 500-page scan of one blank page stays small)
  const images = new Map<Uint8Array, { id: number; width: number; height: number; jpeg: Buffer }>();
  let next = 3 + pages.length * 2;
  for (const png of pages) {
    if (images.has(png)) continue;
    const img = sharp(png);
    const { width = 0, height = 0 } = await img.metadata();
    images.set(png, { id: next++, width, height, jpeg: await img.flatten({ background: '#ffffff' }).jpeg({ quality: 85 }).toBuffer() });
  }
  obj(1, '<< /Type /Catalog /Pages 2 0 R >>');
  obj(2, `<< /Type /Pages /Kids [${pages.map((_, i) => `${3 + i * 2} 0 R`).join(' ')}] /Count ${pages.length} >>`);
  for (const [i, png] of pages.entries()) {
    const { id, width, height } = images.get(png)!;
    const w = ((width * 72) / dpi).toFixed(2);
    const h = ((height * 72) / dpi).toFixed(2);
    obj(3 + i * 2, `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${w} ${h}] /Contents ${4 + i * 2} 0 R /Resources << /XObject << /Im0 ${id} 0 R >> >> >>`);
    const content = Buffer.from(`q ${w} 0 0 ${h} 0 0 cm /Im0 Do Q`, 'latin1');
    obj(4 + i * 2, `<< /Length ${content.length} >>`, content);
  }
  for (const { id, width, height, jpeg } of images.values()) {
    obj(id, `<< /Type /XObject /Subtype /Image /Width ${width} /Height ${height} /ColorSpace /DeviceRGB /BitsPerComponent 8 /Filter /DCTDecode /Length ${jpeg.length} >>`, jpeg);
  }
  const n = next;
  const xref = length;
  push(`xref\n0 ${n}\n0000000000 65535 f \n`);
  for (let id = 1; id < n; id++) push(`${String(offsets[id]).padStart(10, '0')} 00000 n \n`);
  push(`trailer\n<< /Size ${n} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`);
  return new Uint8Array(Buffer.concat(parts));
}

/** A PDF that asks for a password (qpdf encrypts a copy with a user password). */
export function passwordPdf(pdf: Uint8Array): Uint8Array {
  const dir = mkdtempSync(join(tmpdir(), 'gongkai-enc-'));
  try {
    const src = join(dir, 'in.pdf');
    const out = join(dir, 'out.pdf');
    writeFileSync(src, pdf);
    execFileSync('qpdf', ['--encrypt', 'secret', 'owner', '256', '--', src, out]);
    return new Uint8Array(readFileSync(out));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A PNG of `lines` of text drawn by librsvg with the system CJK font (an image that is not a report, when the text is none). */
export async function textImage(lines: string[], opts: { width?: number; size?: number } = {}): Promise<Uint8Array> {
  const size = opts.size ?? 36;
  const width = opts.width ?? 1600;
  const height = (lines.length + 2) * size * 1.6;
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const body = lines.map((l, i) => `<text x="80" y="${(i + 1.5) * size * 1.6}" font-size="${size}" font-family="WenQuanYi Micro Hei, Noto Sans CJK SC, sans-serif" fill="#000">${esc(l)}</text>`).join('');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><rect width="100%" height="100%" fill="#fff"/>${body}</svg>`;
  return new Uint8Array(await sharp(Buffer.from(svg), { density: 72 }).png().toBuffer());
}

/** A multi-page TIFF (one page per image, as scanners write them), stating `dpi`. */
export async function multiPageTiff(pages: Uint8Array[], dpi: number): Promise<Uint8Array> {
  const perMm = dpi / 25.4;
  return new Uint8Array(await sharp(pages.map((p) => Buffer.from(p)), { join: { animated: true } }).tiff({ compression: 'lzw', xres: perMm, yres: perMm }).toBuffer());
}

/** A white page (nothing written on it) as PNG. */
export async function blankPage(width = 1240, height = 1754): Promise<Uint8Array> {
  return new Uint8Array(await sharp({ create: { width, height, channels: 3, background: '#ffffff' } }).png().toBuffer());
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function pngChunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/**
 * An image bomb: a valid PNG header declaring `side` × `side` pixels (a
 * gigapixel at 40,000) over a few hundred bytes of compressed rows.
 */
export function pngBomb(side = 40_000): Uint8Array {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(side, 0);
  ihdr.writeUInt32BE(side, 4);
  ihdr.set([1, 0, 0, 0, 0], 8); // 1-bit greyscale
  const row = Buffer.alloc(1 + Math.ceil(side / 8)); // filter byte + one row of zeros
  const idat = deflateSync(Buffer.concat([row, row, row, row]));
  return new Uint8Array(Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), pngChunk('IHDR', ihdr), pngChunk('IDAT', idat), pngChunk('IEND', Buffer.alloc(0))]));
}

/** A TIFF that starts right (little-endian header) and then points its first directory past the end of the file. */
export function corruptTiff(): Uint8Array {
  const b = Buffer.alloc(64, 0x5a);
  b.set([0x49, 0x49, 0x2a, 0x00, 0xff, 0xff, 0x00, 0x10]);
  return new Uint8Array(b);
}
