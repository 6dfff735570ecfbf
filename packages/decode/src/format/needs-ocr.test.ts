import { describe, expect, it } from 'vitest';
import { buildPdf, tinyPng } from '../../test/fixtures.build.ts';
import { decode } from '../decode.stage.ts';

const line = (y: number, s: string) => `BT /F1 12 Tf 72 ${y} Td (${s}) Tj ET`;
const TIFF = new Uint8Array([0x49, 0x49, 0x2a, 0x00, 8, 0, 0, 0, 0, 0]);
const JPEG = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46]);

describe('files without a usable text layer go to the ocr stage', () => {
  it.each([
    ['a PDF without text (scanned)', () => buildPdf(['0 0 m 100 100 l S', '']), 'scan.pdf', 'pdf', 'no-text-layer', /2 page\(s\) without a text layer/],
    ['a PNG', () => tinyPng(), 'scan.png', 'image', 'image', /image: read by OCR/],
    ['a PNG without an extension', () => tinyPng(), 'scan', 'image', 'image', /image/],
    ['a TIFF', () => TIFF, 'scan.tif', 'image', 'image', /image/],
    ['a JPEG', () => JPEG, 'scan.jpeg', 'image', 'image', /image/],
    ['a JPEG named .tif (the content decides which image)', () => JPEG, 'scan.tif', 'image', 'image', /image/],
    [
      'a PDF whose text layer is Latin-1 glyphs (a CJK font without a character map)',
      () => buildPdf([[700, 680, 660, 640].map((y) => line(y, '\\300\\301\\302\\303\\304\\305\\306\\307\\310\\311\\312\\313\\314')).join('\n')]),
      'garbled.pdf', 'pdf', 'garbled-text-layer', /does not read as text/,
    ],
  ])('%s: empty text, needsOcr', async (_label, make, name, format, needsOcr, warning) => {
    const out = await decode({ bytes: make(), name });
    expect(out.text).toBe('');
    expect(out.decode.format).toBe(format);
    expect(out.decode.needsOcr).toBe(needsOcr);
    expect(out.decode.warnings.join('\n')).toMatch(warning);
  });

  it('a PDF with a real text layer is read as before', async () => {
    const out = await decode({ bytes: buildPdf([line(700, 'Annual report on government information disclosure 2020, 41 requests')]), name: 'text.pdf' });
    expect(out.decode.needsOcr).toBeUndefined();
    expect(out.text).toContain('41 requests');
  });
});
