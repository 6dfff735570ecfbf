/**
 * Hostile input, made at run time: mutated copies of the real reports
 * (truncated, bit-flipped), random bytes under report-like names, empty
 * files, a 60 MB file, a 10 MB line, deeply nested HTML, a DOCX zip bomb,
 * a PDF whose text is all numbers, names with spaces, Unicode and "..",
 * and a symlink in the inbox pointing outside it (added by the runner).
 */
import { readShared, realCorpusFiles, seedFiles, sharedAvailable } from '@gongkai/testkit';
import { crc32, createDeflateRaw } from 'node:zlib';
import { CONTENT_TYPES, ROOT_RELS } from '../corpus/docx.render.ts';
import { writePdf } from '../corpus/pdf.write.ts';
import { zip } from '../corpus/zip.write.ts';
import type { Rng } from '../corpus/rng.ts';

export interface HostileFile {
  /** Path under the inbox (may contain folders). */
  name: string;
  bytes: Uint8Array;
  kind: string;
}

const MB = 1024 * 1024;

function realFiles(): Array<{ name: string; bytes: Uint8Array }> {
  if (!sharedAvailable) return [];
  return [...seedFiles(), ...realCorpusFiles()].map((f) => ({ name: f.name, bytes: readShared(f.rel) }));
}

function flipBits(rng: Rng, bytes: Uint8Array, flips: number): Uint8Array {
  const out = bytes.slice();
  for (let i = 0; i < flips; i++) {
    const at = rng.int(0, out.length - 1);
    out[at] = (out[at] ?? 0) ^ (1 << rng.int(0, 7));
  }
  return out;
}

/**
 * A DOCX whose document.xml inflates to `inflated` bytes (deflate gives
 * ~1000:1 on repeated bytes) while its header claims 1 KB. Deflated as a
 * stream, so making it never holds the inflated size in memory.
 */
export async function docxZipBombAsync(inflated: number): Promise<Uint8Array> {
  const slice = Buffer.alloc(8 * MB, 0x41);
  const head = Buffer.from('<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>');
  const z = createDeflateRaw({ level: 9 });
  const out: Buffer[] = [];
  z.on('data', (d: Buffer) => out.push(d));
  const done = new Promise<void>((r) => z.once('end', () => r()));
  let crc = crc32(head);
  z.write(head);
  for (let n = 0; n < inflated; n += slice.length) {
    crc = crc32(slice, crc);
    if (!z.write(slice)) await new Promise((r) => z.once('drain', r));
  }
  z.end();
  await done;
  return zip([
    { name: '[Content_Types].xml', data: Buffer.from(CONTENT_TYPES) },
    { name: '_rels/.rels', data: Buffer.from(ROOT_RELS) },
    // the header lies: 1 KB uncompressed
    { name: 'word/document.xml', data: new Uint8Array(0), deflated: { bytes: Buffer.concat(out), crc }, fakeSize: 1024 },
  ]);
}

/** At least `n` hostile files (the big ones once each). */
export async function buildHostile(rng: Rng, n: number): Promise<HostileFile[]> {
  const out: HostileFile[] = [];
  const real = realFiles();
  const exts = ['txt', 'pdf', 'docx', 'html'];
  const perReal = real.length ? Math.ceil((n * 0.6) / real.length / 2) : 0;
  real.forEach((f, ri) => {
    for (let i = 0; i < perReal; i++) {
      out.push({ name: `trunc/${ri}-${i}-${f.name}`, bytes: f.bytes.slice(0, rng.int(0, f.bytes.length - 1)), kind: 'truncated' });
      out.push({ name: `flip/${ri}-${i}-${f.name}`, bytes: flipBits(rng, f.bytes, rng.int(1, 64)), kind: 'bit-flipped' });
    }
  });
  const randomFile = () => {
    const ext = rng.pick(exts);
    out.push({ name: `random/r${out.length}.${ext}`, bytes: rng.bytes(rng.int(1, 200_000)), kind: `random bytes .${ext}` });
  };
  while (out.length < n - 30) randomFile();
  for (const name of ['empty.txt', 'empty.pdf', 'empty.docx']) out.push({ name: `empty/${name}`, bytes: new Uint8Array(0), kind: 'empty' });
  const names = ['年 报 2017 (副本).txt', '报告🙂 final.txt', '..%2F..%2Fetc%2Fpasswd.txt', '..\\..\\evil.txt', '....txt', '...', ' leading space.txt', 'ｆｕｌｌｗｉｄｔｈ．ｔｘｔ', 'a\u202Etxt.exe', 'dir with space/子目录/报告.txt',
    'x..%2F..%2Fsecret.txt', '%2e%2e%2fsecret.txt', 'a..b/..c.txt', '报告..txt'];
  names.forEach((name, i) => out.push({ name: `names/${name}`, bytes: new Uint8Array(Buffer.from(`${'政府信息公开工作年度报告'.repeat(20)}${i}`)), kind: 'odd name' }));
  out.push({ name: 'big/sixty-mb.txt', bytes: rng.bytes(60 * MB), kind: '60 MB' });
  out.push({ name: 'big/one-line-10mb.txt', bytes: new Uint8Array(Buffer.from('主动公开政府信息123条，'.repeat(Math.ceil((10 * MB) / 33)))), kind: '10 MB line' });
  out.push({ name: 'nested/deep.html', bytes: new Uint8Array(Buffer.from(`<html><body>${'<div>'.repeat(200_000)}政府信息公开${'</div>'.repeat(200_000)}</body></html>`)), kind: 'nested HTML' });
  out.push({ name: 'nested/unclosed.html', bytes: new Uint8Array(Buffer.from(`<html><body>${'<span><b><i>'.repeat(100_000)}年度报告`)), kind: 'nested HTML' });
  out.push({ name: 'bomb/bomb.docx', bytes: await docxZipBombAsync(1024 * MB), kind: 'DOCX zip bomb' });
  const digits = Array.from({ length: 3 }, (_, p) => Array.from({ length: 60 }, (_, i) => ({ x: 40, y: 60 + i * 12, size: 10, str: String(rng.int(0, 10 ** 12)).padStart(12, '0') + ` ${p}` })));
  out.push({ name: 'pdf/all-numbers.pdf', bytes: writePdf(digits), kind: 'PDF of numbers' });
  while (out.length < n) randomFile();
  return out;
}
