/**
 * 表四 政府信息公开行政复议、行政诉讼情况 (DOMAIN.md 2.3): one row of 15
 * numbers in three groups of five, each group's 总计 = the four before it.
 * The header (结果维持 结果纠正 …) may be broken over lines or interleaved;
 * the numbers are what follows it.
 */
import { T4_COLUMNS, T4_GROUPS, type ReportTable } from '@gongkai/core';
import { findFirstOf, type CompactText } from '../text/compact.text.ts';
import { allOf, sumRule } from './digits.split.ts';
import { scanNumbers } from './numbers.scan.ts';
import { parseRow, placeRow, plainRun } from './table-rows.parse.ts';

/** Characters of 表四's header and the heading above it. */
const HEADER_CHARS = new Set([...'四、政府信息公开行政复议诉讼情况结果维持纠正其他尚未审结总计未经直接起后法（）()表：:单位件']);

/** Where the header ends and the numbers begin: the stretch after `from` made only of header characters. */
function numbersSpan(text: string, from: number, limit: number): [number, number] | null {
  let i = from;
  let firstDigit = -1;
  let last = -1;
  for (; i < limit; i++) {
    const ch = text[i] as string;
    if (/\d/.test(ch)) {
      if (firstDigit < 0) firstDigit = i;
      last = i + 1;
      continue;
    }
    if (/[\s/／—–\-.,]/.test(ch)) continue;
    if (HEADER_CHARS.has(ch)) {
      // header text after numbers has started only when a page break interleaves it
      if (firstDigit >= 0 && !/[结果维持纠正其他尚未审总计]/.test(ch)) break;
      continue;
    }
    break;
  }
  return firstDigit < 0 ? null : [firstDigit, last];
}

/** Header stretch starting at a 行政复议 label that really heads 表四: 维持, 纠正 and 尚未审结 before the numbers. */
function locate(text: string, c: CompactText, from: number, limit: number): { start: number; span: [number, number] } | null {
  let cursor = from;
  for (let k = 0; k < 5; k++) {
    const review = findFirstOf(c, ['行政复议'], cursor, limit);
    if (!review) return null;
    cursor = review.end;
    const span = numbersSpan(text, review.end, Math.min(limit, review.end + 1500));
    if (!span) continue;
    const header = text.slice(review.end, span[0]).replace(/\s+/g, '');
    // PDF layouts break 结果维持 into 结果 / 维持 on separate lines
    if (!header.includes('维持') || !header.includes('纠正') || !/审结|尚未/.test(header)) continue;
    // the section heading (…行政复议、行政诉讼情况) is not part of the table
    const heading = /^[、，,]?行政诉讼(?:的)?情况/.exec(text.slice(review.end).replace(/^\s+/, ''));
    const start = heading ? findFirstOf(c, ['情况'], review.end, span[0])?.end ?? review.start : review.start;
    return { start, span };
  }
  return null;
}

export function parseT4(text: string, c: CompactText, from: number, limit: number): ReportTable | null {
  const found = locate(text, c, from, limit);
  if (!found) return null;
  const { span } = found;
  const tokens = scanNumbers(text, span[0], span[1]);
  const cols = T4_GROUPS.flatMap((g) => T4_COLUMNS.map((col) => ({ row: g.id, col: col.id, rowLabel: g.label, colLabel: col.label })));
  const parse = parseRow(tokens, cols.length, allOf(sumRule(0, 4), sumRule(5, 9), sumRule(10, 14)), { loose: plainRun(text, tokens) });
  const table: ReportTable = { kind: 't4', variant: 'uniform', start: found.start, end: span[1], cells: [], unparsed: [] };
  // placeRow places one row; 表四's cells carry their group as row and the column within it as col
  placeRow(text, table, '表四', cols.map((_, i) => String(i)), parse);
  table.cells = table.cells.map((cell) => {
    const target = cols[Number(cell.col)];
    return target ? { ...cell, row: target.row, col: target.col, rowLabel: target.rowLabel, colLabel: target.colLabel } : cell;
  });
  return table;
}
