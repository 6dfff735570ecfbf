import type { Response } from 'express';

/** A sheet: what a series or a comparison exports, the same for CSV and XLSX. */
export interface Sheet {
  name: string;
  headers: string[];
  rows: Cell[][];
}
export type Cell = string | number | null;

/**
 * One CSV field (RFC 4180), as `gongkai export` writes them: quoted when it
 * holds a comma, quote or line break; text a spreadsheet would run as a
 * formula (= + - @, tab, CR) gets a leading apostrophe; a missing value is
 * empty, never 0.
 */
export function csvField(v: Cell): string {
  if (v === null) return '';
  if (typeof v === 'number') return String(v);
  const safe = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** The sheet as CSV in UTF-8 with a byte order mark (Excel then shows the Chinese), CRLF rows. */
export function toCsv(sheet: Sheet): string {
  return `\uFEFF${[sheet.headers, ...sheet.rows].map((r) => `${r.map(csvField).join(',')}\r\n`).join('')}`;
}

/** The sheet as an XLSX workbook (exceljs); numbers stay numbers, missing values stay empty cells. */
export async function toXlsx(sheet: Sheet): Promise<Buffer> {
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  wb.creator = 'gongkai';
  const ws = wb.addWorksheet(sheet.name.slice(0, 31).replace(/[\\/?*[\]:]/g, '_') || 'sheet');
  ws.addRow(sheet.headers).font = { bold: true };
  // undefined, not null: exceljs leaves the cell empty
  for (const r of sheet.rows) ws.addRow(r.map((c) => c ?? undefined));
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Sends the sheet as a download in `format`. */
export async function sendSheet(res: Response, sheet: Sheet, format: 'csv' | 'xlsx', filename: string): Promise<void> {
  const ascii = filename.replace(/[^A-Za-z0-9._-]/g, '_');
  const disposition = `attachment; filename="${ascii}.${format}"; filename*=UTF-8''${encodeURIComponent(filename)}.${format}`;
  if (format === 'csv') {
    res.set('Content-Disposition', disposition).type('text/csv; charset=utf-8').send(toCsv(sheet));
    return;
  }
  res.set('Content-Disposition', disposition).type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').send(await toXlsx(sheet));
}
