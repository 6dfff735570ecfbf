import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { decode } from '../decode.stage.ts';
import { layoutGrid, MAX_GRID_COLS } from './grid.layout.ts';

const enc = (s: string) => new TextEncoder().encode(s);
const page = (body: string) => `<html><head><meta charset="utf-8"></head><body><div><p>某区2021年政府信息公开工作年度报告</p><p>一、总体情况</p>${body}<p>二、其他</p></div></body></html>`;
const cellsOf = (r: Awaited<ReturnType<typeof decode>>, g = 0) =>
  (r.grids?.[g]?.cells ?? []).map((c) => [c.row, c.col, c.rowSpan, c.colSpan, c.text, r.text.slice(c.start, c.end)]);

describe('grid layout', () => {
  it('places cells after merged cells of the rows above, as browsers do', () => {
    const g = layoutGrid(
      [
        [{ rowSpan: 2, colSpan: 1, from: 0, to: 1 }, { rowSpan: 1, colSpan: 2, from: 1, to: 2 }],
        [{ rowSpan: 1, colSpan: 1, from: 2, to: 3 }, { rowSpan: 1, colSpan: 1, from: 3, to: 4 }],
      ],
      'html',
    );
    expect(g.cells.map((c) => [c.row, c.col, c.rowSpan, c.colSpan])).toEqual([[0, 0, 2, 1], [0, 1, 1, 2], [1, 1, 1, 1], [1, 2, 1, 1]]);
    expect([g.rows, g.cols]).toEqual([2, 3]);
  });

  it('clamps spans that are zero, junk or past the table, and refuses a table wider than its bound', () => {
    const g = layoutGrid([[{ rowSpan: 0, colSpan: Number.NaN, from: 0, to: 1 }, { rowSpan: 1e9, colSpan: 1, from: 1, to: 2 }], []], 'html');
    expect(g.cells.map((c) => [c.rowSpan, c.colSpan])).toEqual([[1, 1], [2, 1]]);
    const wide = [Array.from({ length: MAX_GRID_COLS + 1 }, (_, i) => ({ rowSpan: 1, colSpan: 1, from: i, to: i + 1 }))];
    expect(() => layoutGrid(wide, 'html')).toThrow(/wider than 100 columns/);
  });
});

// 1 MB cells are read by the matcher in packages/segment (grid.bad.test.ts); here the point is the
// decode-side bounds (MAX_DATA_CELL for HTML cells, MAX_LINE for text rows, MAX_GRID_COLS)
describe('grids from HTML', () => {
  it('keeps rowspan/colspan, Word markup (<p><span>, <o:p>), &nbsp; and empty cells, with offsets into the text', async () => {
    const r = await decode({
      bytes: enc(page(`<table border="1"><tr><td colspan="3"><p><span>本年处理决定数量</span><o:p></o:p></p></td></tr>
<tr><td rowspan="2"><p><span lang="EN-US">行政<br>处罚</span></p></td><td>&nbsp;</td><td><b>1,288</b></td></tr>
<tr><td>0</td><td></td></tr></table>`)),
      name: 'a.html',
    });
    expect(cellsOf(r)).toEqual([
      [0, 0, 1, 3, '本年处理决定数量', '本年处理决定数量'],
      [1, 0, 2, 1, '行政处罚', '行政处罚'],
      [1, 1, 1, 1, '', ''],
      [1, 2, 1, 1, '1,288', '1,288'],
      [2, 1, 1, 1, '0', '0'],
      [2, 2, 1, 1, '', ''],
    ]);
    expect(r.grids?.[0]?.source).toBe('html');
  });

  it('bad tables: 10,000 columns get no grid and a warning; a long cell makes no data table; binary junk cells stay text', async () => {
    const wide = `<table><tr>${'<td>1</td>'.repeat(10_000)}</tr></table>`;
    const t0 = Date.now();
    const r = await decode({ bytes: enc(page(wide)), name: 'wide.html' });
    expect(r.grids).toBeUndefined();
    expect(r.decode.warnings.join(' ')).toMatch(/wider than 100 columns was kept as text only/);
    const big = await decode({ bytes: enc(page(`<table><tr><td>规章</td><td>${'7'.repeat(5000)}</td></tr></table>`)), name: 'big.html' });
    expect(big.grids).toBeUndefined();
    const junk = await decode({ bytes: enc(page(`${`<p>${'本机关依法公开政府信息。'.repeat(10)}</p>`.repeat(6)}<table><tr><td>\u0001\u0002\ufffd\u001b</td><td>\ud800x</td></tr><tr><td>规章</td><td>3</td></tr></table>`)), name: 'junk.html' });
    expect(junk.grids?.[0]?.cells.length).toBe(4);
    expect(Date.now() - t0).toBeLessThan(15_000);
  });
});

describe('grids from DOCX', () => {
  it('reads w:gridSpan and w:vMerge as column and row spans', async () => {
    const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
    const p = (t: string) => `<w:p><w:r><w:t>${t}</w:t></w:r></w:p>`;
    const tc = (t: string, pr = '') => `<w:tc><w:tcPr>${pr}</w:tcPr>${t === '' ? '<w:p/>' : p(t)}</w:tc>`;
    const tbl = `<w:tbl><w:tblGrid><w:gridCol/><w:gridCol/><w:gridCol/></w:tblGrid>
<w:tr>${tc('（三）不予公开', '<w:vMerge w:val="restart"/>')}${tc('1.属于国家秘密')}${tc('2')}</w:tr>
<w:tr>${tc('', '<w:vMerge/>')}${tc('2.其他法律行政法规禁止公开')}${tc('0')}</w:tr>
<w:tr>${tc('（七）总计', '<w:gridSpan w:val="2"/>')}${tc('5')}</w:tr></w:tbl>`;
    const zip = new JSZip();
    zip.file('[Content_Types].xml', '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>');
    zip.file('_rels/.rels', '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>');
    zip.file('word/document.xml', `<?xml version="1.0"?><w:document ${W}><w:body>${p('某区2021年政府信息公开工作年度报告')}${p('一、总体情况')}${tbl}${p('二、其他')}</w:body></w:document>`);
    const r = await decode({ bytes: await zip.generateAsync({ type: 'uint8array' }), name: 'a.docx' });
    expect(cellsOf(r).map((c) => c.slice(0, 5))).toEqual([
      [0, 0, 2, 1, '（三）不予公开'],
      [0, 1, 1, 1, '1.属于国家秘密'],
      [0, 2, 1, 1, '2'],
      [1, 1, 1, 1, '2.其他法律行政法规禁止公开'],
      [1, 2, 1, 1, '0'],
      [2, 0, 1, 2, '（七）总计'],
      [2, 2, 1, 1, '5'],
    ]);
    expect(cellsOf(r).every((c) => c[4] === c[5])).toBe(true);
  });
});

describe('grids from plain text', () => {
  it('reads Markdown pipe tables: separator rows skipped, blank lines between rows, a row broken over two lines joined', async () => {
    const md = '某区报告\n一、总体情况\n| 信息内容 | 本年制发件数 | 本年废止件数 |\n|---|---|---|\n| 规章（区分处理的，\n只计这一情形） | 1 | 2 |\n\n| 行政规范性文件 | 3 | 4 |\n二、其他\n';
    const r = await decode({ bytes: enc(md), name: 'a.md' });
    expect(r.grids?.[0]?.source).toBe('markdown');
    expect(cellsOf(r).map((c) => [c[0], c[1], c[4]])).toEqual([
      [0, 0, '信息内容'], [0, 1, '本年制发件数'], [0, 2, '本年废止件数'],
      [1, 0, '规章（区分处理的，只计这一情形）'], [1, 1, '1'], [1, 2, '2'],
      [2, 0, '行政规范性文件'], [2, 1, '3'], [2, 2, '4'],
    ]);
  });

  it('reads column-aligned blocks (tabs, 2+ spaces, full-width spaces) but never prose', async () => {
    const txt = '某区报告\n一、总体情况\n今年  我们  做了很多工作。\n信息内容    本年制发件数\t本年废止件数\n规章　　1　　0\n行政规范性文件  12  3\n二、其他\n';
    const r = await decode({ bytes: enc(txt), name: 'a.txt' });
    expect(r.grids).toHaveLength(1);
    expect(cellsOf(r).map((c) => [c[0], c[1], c[4]])).toEqual([
      [0, 0, '信息内容'], [0, 1, '本年制发件数'], [0, 2, '本年废止件数'],
      [1, 0, '规章'], [1, 1, '1'], [1, 2, '0'],
      [2, 0, '行政规范性文件'], [2, 1, '12'], [2, 2, '3'],
    ]);
  });

  it('bad tables: an over-long pipe row and a 10,000-column row end without a grid, quickly', async () => {
    const t0 = Date.now();
    const huge = `某区报告\n一、总体情况\n| ${'1'.repeat(5000)} | 2 |\n| 3 | 4 |\n| ${Array.from({ length: 10_000 }, () => '5').join(' | ')} |\n二、其他\n`;
    const r = await decode({ bytes: enc(huge), name: 'a.md' });
    expect(r.grids?.flatMap((g) => g.cells.map((c) => c.text))).toEqual(['3', '4']);
    expect(Date.now() - t0).toBeLessThan(15_000);
  });
});
