/** Helpers shared by the decode tests (not part of the package API). */
import { deflateSync } from 'node:zlib';
import type { TrackedText } from '../src/text/tracked-text.ts';
import { untracked } from '../src/text/tracked-text.ts';

/** Runs a TrackedText step on a plain string. */
export function runStep(step: (t: TrackedText) => TrackedText, input: string): string {
  return step(untracked(input)).text;
}

/** A minimal valid PDF whose pages carry the given content streams (no text operators → no text layer). */
export function buildPdf(pageContents: string[]): Uint8Array {
  const objects: string[] = [];
  const pageIds = pageContents.map((_, i) => 3 + i * 2);
  objects[1] = '<< /Type /Catalog /Pages 2 0 R >>';
  objects[2] = `<< /Type /Pages /Kids [${pageIds.map((id) => `${id} 0 R`).join(' ')}] /Count ${pageContents.length} >>`;
  pageContents.forEach((content, i) => {
    const id = pageIds[i] ?? 0;
    objects[id] = `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents ${id + 1} 0 R /Resources << /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >> >> >>`;
    objects[id + 1] = `<< /Length ${Buffer.byteLength(content, 'latin1')} >>\nstream\n${content}\nendstream`;
  });
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  for (let id = 1; id < objects.length; id++) {
    offsets[id] = Buffer.byteLength(out, 'latin1');
    out += `${id} 0 obj\n${objects[id]}\nendobj\n`;
  }
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objects.length}\n0000000000 65535 f \n`;
  for (let id = 1; id < objects.length; id++) out += `${String(offsets[id]).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new Uint8Array(Buffer.from(out, 'latin1'));
}

/** A 1×1 PNG (signature, IHDR, IDAT, IEND). */
export function tinyPng(): Uint8Array {
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    return Buffer.concat([len, Buffer.from(type, 'latin1'), data, Buffer.alloc(4)]);
  };
  const ihdr = Buffer.from([0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0]);
  return new Uint8Array(
    Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      chunk('IHDR', ihdr),
      chunk('IDAT', deflateSync(Buffer.from([0, 255, 255, 255]))),
      chunk('IEND', Buffer.alloc(0)),
    ]),
  );
}

/** Escapes text for HTML. */
export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Wraps the lines of a text in an HTML page declaring `charset` (one <p> per line, blank lines as empty <p>). */
export function htmlPage(text: string, charset: string): string {
  const body = text.split(/\r?\n/).map((l) => `<p>${escapeHtml(l)}</p>`).join('\n');
  return `<!DOCTYPE html>\n<html><head><meta charset="${charset}"></head>\n<body>\n${body}\n</body></html>\n`;
}
