/** Chinese numerals as they appear in heading numbers and written-out dates. */
const DIGITS: Record<string, number> = {
  '〇': 0, '○': 0, '零': 0, 'Ｏ': 0, 'O': 0, 'o': 0, '0': 0,
  '一': 1, '二': 2, '两': 2, '三': 3, '四': 4, '五': 5, '六': 6, '七': 7, '八': 8, '九': 9,
};

export const CN_DIGIT_CLASS = '〇○零一二三四五六七八九十';

/** 一 → 1, 十二 → 12, 二十 → 20, 二十三 → 23 (up to 99); null if not a numeral. */
export function parseCnNumber(s: string): number | null {
  if (!s) return null;
  if (/^\d+$/.test(s)) return Number(s);
  const t = s.indexOf('十');
  if (t < 0) return s.length === 1 ? (DIGITS[s] ?? null) : null;
  if (s.indexOf('十', t + 1) >= 0) return null;
  const tens = t === 0 ? 1 : s.length > 0 && t === 1 ? DIGITS[s[0] as string] : undefined;
  if (tens === undefined || t > 1) return null;
  const rest = s.slice(t + 1);
  if (rest.length > 1) return null;
  const ones = rest ? DIGITS[rest] : 0;
  return ones === undefined ? null : tens * 10 + ones;
}

/** A written-out year digit by digit: 二○一二 → 2012. */
export function parseCnYear(s: string): number | null {
  if (/^\d{4}$/.test(s)) return Number(s);
  if (s.length !== 4) return null;
  let n = 0;
  for (const ch of s) {
    const d = DIGITS[ch];
    if (d === undefined) return null;
    n = n * 10 + d;
  }
  return n;
}

/** The numeral for n (1..99), for building expected heading numbers. */
export function toCnNumber(n: number): string {
  const names = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
  if (n < 10) return names[n] ?? '';
  const tens = Math.floor(n / 10);
  return `${tens === 1 ? '' : names[tens]}十${names[n % 10]}`;
}
