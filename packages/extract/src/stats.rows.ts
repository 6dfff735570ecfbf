/**
 * 2008-era 《政府信息公开情况统计表》 flattened into prose by web extraction:
 *   指标名称 计量 单位 2011 年度 历年累计 主动公开信息数 条 425 1516 其中：1.网站公开 条 418 1509 2.…
 *   指标名称计量单位2012年度历年累计主动公开信息数条20263542其中：1.网站公开条179533042.政府公报公开条07…
 * Rows are located here (label, unit, digits); their values are chosen in
 * stats.resolve.ts, where narrative statements help split run-together digits.
 */
import type { Span } from './text.split.ts';

export interface StatsRow {
  label: string;
  unit: string;
  /** The digits as written: "425 1516", "20263542" (the next row's item number already removed). */
  digits: string;
  /** Item number (1., 2、) when the row is one of a 其中 list. */
  item: number | null;
  /** Index of the parent row for 其中 rows, else null. */
  parent: number | null;
  start: number;
  end: number;
}

export interface StatsTable extends Span {
  /** Number of value columns announced by the header (2011年度 历年累计 → 2). */
  columns: number;
  rows: StatsRow[];
}

/**
 * The header row. Pages space its characters out (指 标 名 称) and some drop
 * 计量 (指标名称 单位 2016年 历年累计); the label is what marks the form.
 */
const HEADER = /指\s*标\s*名\s*称\s*(?:计\s*量\s*)?单\s*位\s*(?:(?:19|20)\d\d\s*年度?\s*)?(?:历年累计|累计)?/gu;
const ROW = /\s*(其中[：:]\s*)?((?:(\d{1,2})\s*[.、．]\s*)?([^\d\s.、．][^\d]*?)\s*(人次|万元|条|件|元|个|人|次)(?=\s*\d)\s*(\d[\d\s]*))/uy;

/** Removes the next row's item number glued to this row's digits (…179533042.政府 → 17953304 + "2."). */
function splitItem(digits: string, following: string, expected: number): { digits: string; cut: number } {
  if (!/^[.、．]\s*[\u4e00-\u9fff]/u.test(following)) return { digits, cut: 0 };
  const want = String(expected);
  const trimmed = digits.trimEnd();
  if (trimmed.endsWith(want) && trimmed.length > want.length) {
    const rest = trimmed.slice(0, -want.length);
    return { digits: rest.trimEnd(), cut: digits.length - rest.trimEnd().length };
  }
  return { digits, cut: 0 };
}

export function locateStatsTables(text: string): StatsTable[] {
  const out: StatsTable[] = [];
  HEADER.lastIndex = 0;
  for (let h = HEADER.exec(text); h; h = HEADER.exec(text)) {
    const columns = /历年累计|累计/u.test(h[0]) ? 2 : 1;
    const rows: StatsRow[] = [];
    let pos = h.index + h[0].length;
    let parent: number | null = null;
    let lastItem: number | null = null;
    for (;;) {
      ROW.lastIndex = pos;
      const m = ROW.exec(text);
      if (!m) break;
      const [whole, qizhong, row = '', itemRaw, label = '', unit = '', rawDigits = ''] = m;
      const item = itemRaw ? Number(itemRaw) : null;
      const rowStart = m.index + whole.length - row.length;
      const digitsEnd = m.index + whole.length;
      const { digits, cut } = splitItem(rawDigits, text.slice(digitsEnd), (item ?? 0) + 1);
      if (qizhong) parent = rows.length - 1 >= 0 ? rows.length - 1 : null;
      else if (item === null) parent = null;
      if (item !== null && lastItem !== null && item !== lastItem + 1 && !qizhong) parent = null;
      rows.push({
        label: label.trim(), unit, digits: digits.trim(), item,
        parent: item !== null ? parent : null, start: rowStart, end: digitsEnd - cut,
      });
      lastItem = item;
      pos = digitsEnd - cut;
    }
    if (rows.length >= 3) {
      const last = rows[rows.length - 1] as StatsRow;
      out.push({ start: h.index, end: last.end, columns, rows });
      HEADER.lastIndex = last.end;
    }
  }
  return out;
}
