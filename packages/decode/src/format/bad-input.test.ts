import { BadInputError } from '@gongkai/core';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { tinyPng } from '../../test/fixtures.build.ts';
import { decode } from '../decode.stage.ts';

const text = (s: string) => new TextEncoder().encode(s);

async function zipOf(files: Record<string, string>): Promise<Uint8Array> {
  const zip = new JSZip();
  for (const [name, content] of Object.entries(files)) zip.file(name, content);
  return zip.generateAsync({ type: 'uint8array' });
}

async function failure(bytes: Uint8Array, name: string, maxBytes?: number): Promise<BadInputError> {
  try {
    await decode({ bytes, name }, maxBytes === undefined ? {} : { maxBytes });
  } catch (e) {
    if (e instanceof BadInputError) return e;
    throw e;
  }
  throw new Error(`${name} decoded without an error`);
}

describe('bad input gets a permanent error that names the file', () => {
  it.each([
    ['empty file', async () => new Uint8Array(0), 'empty.txt', 'EMPTY_FILE', /empty/],
    ['whitespace only', async () => text(' \n\t\r\n '), 'blank.txt', 'EMPTY_FILE', /no text/],
    ['a PNG renamed .txt', async () => tinyPng(), 'report.txt', 'BINARY_FILE', /PNG image/],
    ['a zip renamed .txt', async () => zipOf({ 'a.txt': 'hello' }), 'report.txt', 'BINARY_FILE', /ZIP archive/],
    ['an .xls spreadsheet', async () => text('政府信息公开'), 'stats.xls', 'UNSUPPORTED_TYPE', /Excel/],
    ['a GIF image', async () => new Uint8Array([0x47, 0x49, 0x46, 0x38, 0x39, 0x61, 1, 0]), 'scan.gif', 'UNSUPPORTED_TYPE', /image/],
    ['a .png that is no PNG', async () => text('政府信息公开工作年度报告'), 'scan.png', 'CORRUPT_FILE', /no PNG signature/],
    ['a legacy .doc', async () => new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]), 'report.doc', 'UNSUPPORTED_TYPE', /\.docx/],
    ['binary with NUL bytes', async () => new Uint8Array(300).map((_, i) => (i % 5 === 0 ? 0 : 200 + (i % 50))), 'blob.txt', 'BINARY_FILE', /NUL/],
    [
      'undecodable bytes (no supported encoding reads them as Chinese)',
      async () => new Uint8Array(3000).map((_, i) => (i % 2 === 0 ? 0x81 + ((i * 7) % 0x20) : 0x40 + ((i * 13) % 0x3f))),
      'mojibake.txt',
      'UNDECODABLE',
      /implausible|unusable|not valid/,
    ],
    ['a damaged PDF', async () => text('%PDF-1.4\n1 0 obj garbage'), 'broken.pdf', 'CORRUPT_FILE', /PDF/],
    ['a .pdf that is not a PDF', async () => text('政府信息公开工作年度报告'), 'fake.pdf', 'CORRUPT_FILE', /no PDF header/],
    ['a .docx that is not a zip', async () => text('政府信息公开工作年度报告'), 'fake.docx', 'CORRUPT_FILE', /not a ZIP/],
    ['a zip with word/document.xml that is broken', async () => zipOf({ 'word/document.xml': '<w:document>' }), 'x.docx', 'CORRUPT_FILE', /Word document/],
  ])('%s', async (_label, make, name, code, message) => {
    const err = await failure(await make(), name);
    expect(err.code).toBe(code);
    expect(err.retryable).toBe(false);
    expect(err.message).toContain(name);
    expect(err.message).toMatch(message);
  });

  it('oversize beyond the configured limit (default 50 MiB)', async () => {
    const err = await failure(text('政府信息公开工作年度报告'.repeat(10)), 'big.txt', 64);
    expect(err.code).toBe('OVERSIZE');
    expect(err.message).toMatch(/big\.txt is 360 bytes, over the 64-byte limit/);
  });

  it('a text that is not a disclosure report is a warning, not an error', async () => {
    const r = await decode({ bytes: text('今天天气很好，我们去公园散步，看到很多人在锻炼身体。'.repeat(20)), name: 'diary.txt' });
    expect(r.decode.warnings.join('\n')).toMatch(/does not look like a government information-disclosure report/);
  });
});
