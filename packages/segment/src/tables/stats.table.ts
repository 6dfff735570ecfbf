/**
 * The 2008-era 政府信息公开情况统计表: rows of "label unit value(s)". The
 * national form has one value column (统计数); Fujian's pages print this
 * year and the running total (历年累计), often run together ("条4251516"),
 * which is split only when this-year ≤ total leaves one cut.
 */
import type { ReportTable } from '@gongkai/core';
import { findFirstOf, type CompactText } from '../text/compact.text.ts';
import type { SplitCheck } from './digits.split.ts';
import type { NumToken } from './numbers.scan.ts';
import { parseRow, placeRow } from './table-rows.parse.ts';

const UNIT = '(?:万元|人次|条|件|元|个|人|次|篇|项)';
const ROW = new RegExp(`([^\\d\\s][^\\d]*?)(${UNIT})\\s*((?:\\d[\\d,]*(?:\\.\\d+)?[ \\t]*)+)`, 'g');
const COLUMN = /\d{4}\s*年度?|历年累计|统计数|本年度?数?/g;

const withinTotal: SplitCheck = (v) => v.length < 2 || v[0] === null || v[1] === null || (v[0] as number) <= (v[1] as number);

function tokensOf(text: string, from: number, run: string): NumToken[] {
  const out: NumToken[] = [];
  const re = /[\d.,]+/g;
  for (let m = re.exec(run); m; m = re.exec(run)) out.push({ text: m[0].replace(/,/g, ''), start: from + m.index, end: from + m.index + m[0].length });
  return out;
}

function cleanLabel(label: string): string {
  return label.replace(/\s+/g, '').replace(/^[、.．:：]+/, '').replace(/^其中[:：]?/, '').replace(/^[（(]?[一二三四五六七八九十\d]+[）)、.．]/, '').trim();
}

export function parseStats(text: string, c: CompactText, from: number, limit: number): ReportTable | null {
  const header = findFirstOf(c, ['指标名称', '统计指标'], from, limit);
  if (!header) return null;
  const unitHead = findFirstOf(c, ['计量单位', '单位'], header.end, Math.min(limit, header.end + 20));
  const headEnd = unitHead ? unitHead.end : header.end;
  const headText = text.slice(headEnd, Math.min(limit, headEnd + 60));
  const cols: string[] = [];
  let dataStart = headEnd;
  COLUMN.lastIndex = 0;
  for (let m = COLUMN.exec(headText); m && m.index < 40; m = COLUMN.exec(headText)) {
    cols.push(m[0].replace(/\s+/g, ''));
    dataStart = headEnd + m.index + m[0].length;
  }
  if (cols.length === 0) cols.push('统计数');
  const table: ReportTable = {
    kind: 'stats', variant: cols.includes('历年累计') ? 'cumulative' : 'national',
    start: header.start, end: dataStart, cells: [], unparsed: [],
  };
  if (text.slice(dataStart, Math.min(limit, dataStart + 400)).includes('\t')) parseTabRows(text, table, cols, dataStart, limit);
  else parseFlatRows(text, table, cols, dataStart, limit);
  return table.cells.length + table.unparsed.length >= 3 ? table : null;
}

/** Rows the decoder kept as cells: label \t unit \t value(s). */
function parseTabRows(text: string, table: ReportTable, cols: string[], from: number, limit: number): void {
  let pos = from;
  let plain = 0;
  while (pos < limit && plain < 3) {
    const nl = text.indexOf('\n', pos);
    const end = nl < 0 || nl > limit ? limit : nl;
    const line = text.slice(pos, end);
    if (!line.includes('\t')) plain += line.trim() ? 1 : 0;
    else {
      plain = 0;
      const parts: Array<{ s: string; at: number }> = [];
      let at = pos;
      for (const part of line.split('\t')) {
        parts.push({ s: part.trim(), at: at + (part.length - part.trimStart().length) });
        at += part.length + 1;
      }
      const label = cleanLabel(parts[0]?.s ?? '');
      const values = parts.slice(1).filter((p) => !new RegExp(`^${UNIT}$`).test(p.s) && p.s !== '');
      const tokens: NumToken[] = values.filter((p) => /^-?[\d,]+(?:\.\d+)?$|^[/／—–-]$/.test(p.s)).map((p) => ({
        text: p.s.replace(/,/g, ''), start: p.at, end: p.at + p.s.length, ...(/^[/／—–-]$/.test(p.s) ? { empty: true } : {}),
      }));
      if (label && tokens.length > 0) {
        placeRow(text, table, label, cols, parseRow(tokens, cols.length, cols.length === 2 ? withinTotal : undefined), { rowLabel: label, colLabels: cols });
        table.end = Math.max(table.end, tokens[tokens.length - 1]?.end ?? 0);
      }
    }
    pos = end + 1;
  }
}

/** Rows flattened into running text: "主动公开信息数条4251516其中：1.网站公开条…". */
function parseFlatRows(text: string, table: ReportTable, cols: string[], dataStart: number, limit: number): void {
  const body = text.slice(dataStart, limit);
  const re = new RegExp(ROW.source, 'g');
  for (let m = re.exec(body); m; m = re.exec(body)) {
    let run = m[3] as string;
    const runStart = dataStart + m.index + (m[1] as string).length + (m[2] as string).length + ((m[0].length - (m[1] as string).length - (m[2] as string).length - run.length));
    // the next row's number prefix ("2." of "2.政府公报公开") ends the run
    const after = body[m.index + m[0].length];
    if (after && /[、.．]/.test(after)) {
      run = run.replace(/\d[ \t]*$/, '');
      re.lastIndex = m.index + (m[0].length - (m[3] as string).length) + run.length;
    }
    const label = cleanLabel(m[1] as string);
    const tokens = tokensOf(text, runStart, run);
    if (!label || tokens.length === 0) continue;
    placeRow(text, table, label, cols, parseRow(tokens, cols.length, cols.length === 2 ? withinTotal : undefined), { rowLabel: label, colLabels: cols });
    table.end = Math.max(table.end, tokens[tokens.length - 1]?.end ?? 0);
  }
}
