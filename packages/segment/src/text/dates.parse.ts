import { parseCnNumber, parseCnYear } from './cn-numerals.parse.ts';

/** A date found in the text, as an ISO string (date or date-time). */
export interface FoundDate {
  iso: string;
  start: number;
  end: number;
}

const pad = (n: number) => String(n).padStart(2, '0');

function iso(y: number, m: number, d: number): string | null {
  if (y < 1990 || y > 2100 || m < 1 || m > 12 || d < 1 || d > 31) return null;
  return `${y}-${pad(m)}-${pad(d)}`;
}

const CN = '〇○零Ｏ一二三四五六七八九十';
/** 2018年1月15日, 2018 年 2 月 27 日, 二○一二年二月二十日, 2018-02-28, 2018.2.28 */
export const DATE_RE = new RegExp(
  `(\\d{4})\\s*年\\s*(\\d{1,2})\\s*月\\s*(\\d{1,2})\\s*日` +
    `|([${CN}]{4})\\s*年\\s*([${CN}]{1,3})\\s*月\\s*([${CN}]{1,3})\\s*日` +
    `|(\\d{4})[-/.](\\d{1,2})[-/.](\\d{1,2})(?:\\s+(\\d{1,2}):(\\d{2}))?`,
  'g',
);

function fromMatch(m: RegExpExecArray): string | null {
  if (m[1]) return iso(Number(m[1]), Number(m[2]), Number(m[3]));
  if (m[4]) {
    const y = parseCnYear(m[4]);
    const mo = parseCnNumber(m[5] ?? '');
    const d = parseCnNumber(m[6] ?? '');
    return y !== null && mo !== null && d !== null ? iso(y, mo, d) : null;
  }
  const day = iso(Number(m[7]), Number(m[8]), Number(m[9]));
  if (day && m[10]) return `${day}T${pad(Number(m[10]))}:${m[11]}`;
  return day;
}

/** Every date in text[start, end). */
export function findDates(text: string, start = 0, end = text.length): FoundDate[] {
  const out: FoundDate[] = [];
  const re = new RegExp(DATE_RE.source, 'g');
  const slice = text.slice(start, end);
  for (let m = re.exec(slice); m; m = re.exec(slice)) {
    const value = fromMatch(m);
    if (value) out.push({ iso: value, start: start + m.index, end: start + m.index + m[0].length });
  }
  return out;
}

/** Parses one date string as a whole ("2018-02-28 13:20", "2018年1月15日"). */
export function parseDate(s: string): string | null {
  const d = findDates(s.trim());
  return d.length === 1 && d[0] && d[0].end - d[0].start >= s.trim().length - 1 ? d[0].iso : (d[0]?.iso ?? null);
}
