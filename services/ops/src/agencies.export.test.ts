import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { toCsv, toXlsx, type Sheet } from './agencies.export.ts';
import { concerns, figureInputs } from './agency.page.ts';
import { formatFigure } from './agencies.layout.ts';

const sheet: Sheet = {
  name: '平潭/2021: compare',
  headers: ['name', 'value', 'evidence'],
  rows: [['平潭综合实验区管委会', 70, '本年新收, "总计"'], ['=HYPERLINK("x")', null, null]],
};

describe('agency exports', () => {
  it('writes CSV with a BOM and CRLF rows; a missing value is empty, formulas are defused, quotes doubled', () => {
    const csv = toCsv(sheet);
    expect(csv.startsWith('\uFEFFname,value,evidence\r\n')).toBe(true);
    expect(csv).toContain('平潭综合实验区管委会,70,"本年新收, ""总计"""\r\n');
    expect(csv).toContain(`"'=HYPERLINK(""x"")",,\r\n`);
  });

  it('writes XLSX that reads back: numbers as numbers, missing cells empty', async () => {
    const wb = new ExcelJS.Workbook();
    const bytes = await toXlsx(sheet);
    await wb.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.name).toBe('平潭_2021_ compare');
    expect(ws.getRow(2).getCell(2).value).toBe(70);
    expect(ws.getRow(3).getCell(2).value).toBeNull();
    expect(ws.getRow(3).getCell(1).value).toBe('=HYPERLINK("x")');
  });
});

describe('agency page helpers', () => {
  it('formats counts, amounts and rates; missing is empty, never 0', () => {
    expect(formatFigure(2602, '条')).toBe('2,602');
    expect(formatFigure((35 / 69) * 100, '%')).toBe('50.7%');
    expect(formatFigure(0, '件')).toBe('0');
    expect(formatFigure(null, '件')).toBe('');
    expect(formatFigure(12.345, '万元', true)).toBe('≈12.35');
  });

  it('puts a cross-year finding on the charts of the figures it is about', () => {
    expect(figureInputs('review.total')).toEqual(['review.total']);
    expect(figureInputs('rate.review_corrected')).toEqual(['review.corrected', 't4.review.corrected', 'review.total', 't4.review.total']);
    expect(concerns(['requests.carried_over'], 'requests.received.total')).toBe(false);
    expect(concerns(['requests.carried_forward'], 'rate.carried_forward_share')).toBe(true);
    expect(concerns([], 'review.total')).toBe(true);
  });
});
