import { describe, expect, it } from 'vitest';
import { decode } from '../decode.stage.ts';
import { buildPdf } from '../../test/fixtures.build.ts';

const text = (size: number, x: number, y: number, s: string) => `BT /F1 ${size} Tf ${x} ${y} Td (${s}) Tj ET`;
const line = (x1: number, y1: number, x2: number, y2: number) => `${x1} ${y1} m ${x2} ${y2} l S`;

const page1 = [
  text(18, 200, 780, 'ANNUAL REPORT 2024'),
  text(11, 90, 740, 'The first paragraph starts with an indent and it runs on to the'),
  text(11, 72, 725, 'next line without any break until it ends here.'),
  // a ruled table: columns 72 | 200 | 300 | 400, rows 600 | 580 | 560
  ...[600, 580, 560].map((y) => line(72, y, 400, y)),
  ...[72, 200, 300, 400].map((x) => line(x, 560, x, 600)),
  text(10, 76, 586, 'Item'), text(10, 204, 586, 'Made'), text(10, 304, 586, 'Repealed'),
  text(10, 76, 566, 'Rules'), text(10, 204, 566, '12'), text(10, 304, 566, '30'),
  text(10, 290, 40, '-1-'),
].join('\n');
const page2 = [text(11, 90, 780, 'Second page paragraph.'), text(10, 290, 40, '- 2 -')].join('\n');

describe('PDF with a text layer', () => {
  it('reads paragraphs in order, ruled tables as rows, and drops page numbers', async () => {
    const r = await decode({ bytes: buildPdf([page1, page2]), name: 'made.pdf' });
    expect(r.decode).toMatchObject({ format: 'pdf', encoding: 'binary', pages: 2 });
    expect(r.text.split('\n')).toEqual([
      'ANNUAL REPORT 2024',
      'The first paragraph starts with an indent and it runs on to the next line without any break until it ends here.',
      'Item\tMade\tRepealed',
      'Rules\t12\t30',
      'Second page paragraph.',
    ]);
  });
});
