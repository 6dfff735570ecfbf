/**
 * A report model → a DOCX as Word saves the national template: tables with
 * a w:tblGrid, merged cells as w:gridSpan (across) and w:vMerge restart /
 * continue (down), empty continuation cells, header rows marked to repeat,
 * runs split inside a cell, a cell of two paragraphs, labels typed as
 * another agency types them (typedLabel).
 * The package is built with the corpus generator's zip writer.
 */
import { docxPackage, documentXml } from '../../corpus/docx.render.ts';
import { expandGrid, type GridTable, type ReportModel } from './grid.types.ts';

const esc = (s: string) => s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');

/**
 * A paragraph; longer text is split into two runs with a proofing mark
 * between them, as Word leaves at a formatting, revision or spell-check
 * boundary.
 */
function para(text: string, bold = false): string {
  const rPr = `<w:rPr><w:rFonts w:ascii="仿宋_GB2312" w:eastAsia="仿宋_GB2312"/>${bold ? '<w:b/>' : ''}<w:sz w:val="21"/></w:rPr>`;
  if (text === '') return '<w:p><w:pPr><w:jc w:val="center"/></w:pPr></w:p>';
  const cut = text.length > 6 ? Math.floor(text.length / 2) : text.length;
  const runs = [text.slice(0, cut), text.slice(cut)].filter((s) => s !== '');
  return `<w:p><w:pPr><w:jc w:val="center"/></w:pPr>${runs.map((s) => `<w:r>${rPr}<w:t xml:space="preserve">${esc(s)}</w:t></w:r>`).join('<w:proofErr w:type="gramStart"/>')}</w:p>`;
}

/**
 * Labels as another agency types them (the meaning is the form's, the
 * characters are not): full-width numbering dots, half-width brackets,
 * a space inside a column header, 其它 for 其他, 规范性文件 for 行政规范性文件.
 */
export function typedLabel(text: string): string {
  return text
    .replace(/^(\d)\./u, '$1．')
    .replace(/^（([一二三四五六七])）/u, '($1)')
    .replace(/^(社会公益|法律服务)(组织|机构)$/u, '$1 $2')
    .replace(/^其他$/u, '其它')
    .replace(/^行政规范性文件$/u, '规范性文件');
}

/** A cell's paragraphs: the long header note of 表三 is typed as two paragraphs, as the template has it. */
function cellParas(text: string, bold: boolean): string {
  const note = /^（本列数据的勾稽关系为：(.+)）$/u.exec(text);
  return note ? `${para('（本列数据的勾稽关系为：', bold)}${para(`${note[1]}）`, bold)}` : para(typedLabel(text), bold);
}

function tc(inner: string, colspan: number, vMerge: 'restart' | 'continue' | null): string {
  const props = [
    '<w:tcW w:w="900" w:type="dxa"/>',
    colspan > 1 ? `<w:gridSpan w:val="${colspan}"/>` : '',
    vMerge === 'restart' ? '<w:vMerge w:val="restart"/>' : vMerge === 'continue' ? '<w:vMerge/>' : '',
    '<w:vAlign w:val="center"/>',
  ].join('');
  return `<w:tc><w:tcPr>${props}</w:tcPr>${inner}</w:tc>`;
}

function tableXml(t: GridTable): string {
  const slots = expandGrid(t);
  const rows = slots.map((row, r) => {
    const cells: string[] = [];
    for (let c = 0; c < t.width;) {
      const s = row[c];
      if (!s) {
        cells.push(tc(para(''), 1, null));
        c++;
        continue;
      }
      const cs = s.cell.colspan ?? 1;
      const rs = s.cell.rowspan ?? 1;
      if (s.originRow === r) cells.push(tc(cellParas(s.cell.text, s.cell.label === true && r < t.headerRows), cs, rs > 1 ? 'restart' : null));
      else cells.push(tc(para(''), cs, 'continue'));
      c += cs;
    }
    return `<w:tr><w:trPr>${r < t.headerRows ? '<w:tblHeader/>' : ''}<w:jc w:val="center"/></w:trPr>${cells.join('')}</w:tr>`;
  });
  const grid = `<w:tblGrid>${'<w:gridCol w:w="900"/>'.repeat(t.width)}</w:tblGrid>`;
  const borders = '<w:tblBorders><w:top w:val="single" w:sz="4"/><w:left w:val="single" w:sz="4"/><w:bottom w:val="single" w:sz="4"/><w:right w:val="single" w:sz="4"/><w:insideH w:val="single" w:sz="4"/><w:insideV w:val="single" w:sz="4"/></w:tblBorders>';
  return `<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/><w:jc w:val="center"/>${borders}</w:tblPr>${grid}${rows.join('')}</w:tbl>`;
}

export function renderDocxReport(model: ReportModel): Uint8Array {
  const body = model.blocks
    .map((b) => (b.kind === 'table' ? tableXml(b.table) : para(b.text, b.kind !== 'p')))
    .join('');
  return docxPackage(documentXml(`${body}<w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr>`));
}
