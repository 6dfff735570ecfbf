import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { decode } from '../decode.stage.ts';

const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
const p = (text: string) => `<w:p><w:r><w:t xml:space="preserve">${text}</w:t></w:r></w:p>`;
const cell = (text: string) => `<w:tc>${p(text)}</w:tc>`;
const row = (cells: string[]) => `<w:tr>${cells.map(cell).join('')}</w:tr>`;

/** A .docx made at test time: a title, two paragraphs and a table (a DOCX is a zip of XML parts). */
async function buildDocx(): Promise<Uint8Array> {
  const zip = new JSZip();
  zip.file(
    '[Content_Types].xml',
    '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
  );
  zip.file(
    '_rels/.rels',
    '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
  );
  const body = [
    p('某县2021年政府信息公開工作年度報告'),
    p('一、总体情况'),
    p('2021年，全县主动公开政府信息１２３条。'),
    `<w:tbl>${[
      row(['信息内容', '本年制发件数', '本年废止件数', '现行有效件数']),
      row(['规章', '0', '0', '3']),
      row(['行政规范性文件', '12', '', '40']),
    ].join('')}</w:tbl>`,
  ].join('');
  zip.file('word/document.xml', `<?xml version="1.0"?><w:document ${W}><w:body>${body}</w:body></w:document>`);
  return zip.generateAsync({ type: 'uint8array' });
}

describe('DOCX', () => {
  it('reads paragraphs and tables (rows with tab-separated cells, empty cells kept) under any name', async () => {
    const bytes = await buildDocx();
    for (const name of ['report.docx', 'renamed.txt']) {
      const r = await decode({ bytes, name });
      expect(r.decode).toMatchObject({ format: 'docx', encoding: 'binary', script: 'simplified' });
      expect(r.text.split('\n')).toEqual([
        '某县2021年政府信息公开工作年度报告',
        '一、总体情况',
        '2021年，全县主动公开政府信息123条。',
        '信息内容\t本年制发件数\t本年废止件数\t现行有效件数',
        '规章\t0\t0\t3',
        '行政规范性文件\t12\t\t40',
      ]);
    }
  });
});

/** Rewrites the uncompressed size an entry declares, in its local header and in the central directory. */
function declareSize(zip: Uint8Array, entry: string, size: number): Uint8Array {
  const buf = Buffer.from(zip);
  const name = Buffer.from(entry);
  for (let i = buf.indexOf(name); i >= 0; i = buf.indexOf(name, i + 1)) {
    if (buf.readUInt32LE(i - 30) === 0x04034b50) buf.writeUInt32LE(size, i - 30 + 22);
    else if (buf.readUInt32LE(i - 46) === 0x02014b50) buf.writeUInt32LE(size, i - 46 + 24);
  }
  return buf;
}

describe('DOCX that would exhaust memory', () => {
  const bomb = async () => {
    const zip = new JSZip();
    zip.file('word/document.xml', `<w:document ${W}><w:body>${p('A'.repeat(8 * 1024 * 1024))}</w:body></w:document>`);
    return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
  };

  it('a part that inflates past the size it declares (a zip bomb) is CORRUPT_FILE, stopped at the declared size', async () => {
    const bytes = declareSize(await bomb(), 'word/document.xml', 1024);
    expect(bytes.length).toBeLessThan(64 * 1024);
    await expect(decode({ bytes, name: 'bomb.docx' })).rejects.toMatchObject({
      code: 'CORRUPT_FILE',
      message: expect.stringContaining('word/document.xml of the Word package inflates to more than the 1024 bytes it declares'),
    });
  });

  it('a part declaring more than 64 MB is OVERSIZE before anything is inflated', async () => {
    const bytes = declareSize(await bomb(), 'word/document.xml', 1024 * 1024 * 1024);
    await expect(decode({ bytes, name: 'big.docx' })).rejects.toMatchObject({ code: 'OVERSIZE', message: expect.stringContaining('1024 MB uncompressed') });
  });

  it('an honest 8 MB part passes the check', async () => {
    const r = await decode({ bytes: await bomb(), name: 'long.docx' });
    expect(r.text.length).toBeGreaterThanOrEqual(8 * 1024 * 1024);
  });
});
