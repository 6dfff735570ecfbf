/**
 * Numbers as the reports write them: Arabic (with thousands separators,
 * decimals, full-width digits, stray spaces before the unit), Chinese
 * numerals (三, 十二, 两, 二〇一七), approximation markers (余/多/近/约/左右),
 * and the measure word that follows.
 */

const CN_DIGIT: Record<string, number> = {
  零: 0, '〇': 0, '○': 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9,
};
const CN_UNIT: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };

/**
 * Parses a Chinese numeral: positional (二〇一七 → 2017) or with multipliers
 * (十二 → 12, 三百零五 → 305, 两万 → 20000). Returns null when it is not one.
 */
export function parseChineseNumeral(s: string): number | null {
  if (s.length === 0) return null;
  if ([...s].every((c) => c in CN_DIGIT)) {
    // positional digits: 二〇一七, or a single digit
    return Number([...s].map((c) => CN_DIGIT[c]).join(''));
  }
  let total = 0;
  let section = 0;
  let digit: number | null = null;
  for (const c of s) {
    if (c in CN_DIGIT) {
      digit = CN_DIGIT[c] ?? 0;
    } else if (c in CN_UNIT) {
      section += (digit ?? 1) * (CN_UNIT[c] ?? 1);
      digit = null;
    } else if (c === '万' || c === '亿') {
      const mult = c === '万' ? 10_000 : 100_000_000;
      total += (section + (digit ?? 0)) * mult;
      section = 0;
      digit = null;
    } else {
      return null;
    }
  }
  return total + section + (digit ?? 0);
}

/** Parses an Arabic number written with full-width digits, separators or spaces. */
export function parseArabic(s: string): number | null {
  const half = s.replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/[，,\s]/g, '').replace('．', '.');
  if (!/^\d+(\.\d+)?$/.test(half)) return null;
  return Number(half);
}

/** Measure words, longest first so that 人次 wins over 人 and 万元 over 元. */
export const MEASURE_WORDS = [
  '人次', '万元', '元', '条', '件', '人', '名', '次', '篇', '个', '项', '期', '份', '场', '起', '家', '宗', '套', '批', '位', '户', '处', '封', '例', '类',
] as const;

/** A number in the text with what follows it. */
export interface NumberToken {
  value: number;
  /** Offsets of the whole token (approx prefix + number + approx suffix + unit). */
  start: number;
  end: number;
  /** Offsets of the digits alone. */
  numStart: number;
  numEnd: number;
  raw: string;
  approx: boolean;
  /** The measure word, or null when none follows. */
  unit: string | null;
  /** Written with Chinese numerals. */
  chinese: boolean;
  /** Followed by %, or preceded by 第, or part of a date, year, phone, document number: never a count. */
  distractor: boolean;
  /** True when a 占…% share follows in the same clause. */
  share: boolean;
  /** That share, in percent. */
  sharePct?: number;
}

const ARABIC = String.raw`[0-9０-９]+(?:[,，][0-9]{3}(?![0-9]))*(?:[.．][0-9]+)?`;
const CHINESE = '[零〇○一二两三四五六七八九十百千万]+';
const UNIT_ALT = MEASURE_WORDS.join('|');
/** 30余万条, 3.5万条, 3万余条: 万/亿 multiply an Arabic number (but 3万元 is 3 in the unit 万元). */
const TOKEN_RE = new RegExp(
  String.raw`(约|近|逾|超过)?\s?(?:(${ARABIC})|(${CHINESE}))(?:\s?(余|多))?(?:(?<=[0-9０-９余多])([万亿])(?!元)(余|多)?)?(?:([,，]?)\s?(${UNIT_ALT}))?(\s?左右)?`,
  'gu',
);

/** Characters after a number that make it a date, rate or identifier rather than a count. */
const DISTRACTOR_AFTER = /^\s?(?:[%％‰年月日号时点分秒]|个?工作日|个?月|小时|周岁|岁|-|—|\.\d|[0-9])/u;
const DISTRACTOR_BEFORE = /(?:第|[〔[【]|[-—:：/.]|电话|传真|邮编|编码|号码|QQ)\s?$/u;
/** Before a count with a measure word only 第 (第3期: the third issue) or 每 (每2周) disqualify. */
const DISTRACTOR_BEFORE_COUNT = /(?:第|每)\s?$/u;

/**
 * Every number token in text[from, to). Chinese numerals count only when a
 * measure word follows (三期, 两次), so that 一是/一年来 are never numbers.
 */
export function findNumbers(text: string, from = 0, to = text.length): NumberToken[] {
  const out: NumberToken[] = [];
  const slice = text.slice(from, to);
  TOKEN_RE.lastIndex = 0;
  for (let m = TOKEN_RE.exec(slice); m; m = TOKEN_RE.exec(slice)) {
    const [matched, prefix, arabic, chinese, suffix0, mult, suffix1, comma, unitMatch, around] = m;
    const suffix = suffix0 ?? suffix1;
    if (matched.length === 0) {
      TOKEN_RE.lastIndex++;
      continue;
    }
    let whole = matched;
    let unit = unitMatch;
    const digits = arabic ?? chinese ?? '';
    const numStart = from + m.index + whole.indexOf(digits, prefix ? prefix.length : 0);
    const numEnd = numStart + digits.length;
    if (comma && unit) {
      // 14,项 (a stray comma before the measure word) — but not 5，个别单位
      const next = text.charAt(from + m.index + whole.length);
      if (/[\u4e00-\u9fff]/u.test(next) || around) {
        whole = text.slice(from + m.index, numEnd + (suffix0 ? 1 : 0) + (mult ? 1 : 0) + (suffix1 ? 1 : 0));
        unit = undefined;
        TOKEN_RE.lastIndex = m.index + whole.length;
      }
    }
    if (chinese !== undefined) {
      // 一是/一年来: only Chinese numerals followed by a measure word are counts; 万元 alone is no number
      if (!unit || !/^[零〇○一二两三四五六七八九十]/u.test(chinese)) continue;
    }
    const parsed = arabic !== undefined ? parseArabic(arabic) : parseChineseNumeral(digits);
    if (parsed === null) continue;
    const value = mult === '万' ? Math.round(parsed * 10_000) : mult === '亿' ? Math.round(parsed * 100_000_000) : parsed;
    const before = text.slice(Math.max(0, numStart - 4), numStart);
    const afterNum = text.slice(numEnd, numEnd + 4);
    const distractor = !unit && !suffix
      ? DISTRACTOR_AFTER.test(afterNum) || DISTRACTOR_BEFORE.test(before)
      : DISTRACTOR_BEFORE_COUNT.test(before);
    const start = prefix ? from + m.index : numStart;
    const end = from + m.index + whole.length;
    const approx = Boolean(suffix || around || (prefix && /约|近|逾|超过/.test(prefix)));
    const shareMatch = /^[，,]?\s?(?:占|约占)[^，。；,;]{0,12}?([0-9.]+)\s?[%％]/u.exec(text.slice(end, end + 24));
    const share = shareMatch !== null;
    out.push({
      value, start, end, numStart, numEnd, raw: text.slice(start, end), approx,
      unit: unit ?? null, chinese: chinese !== undefined, distractor, share,
      ...(shareMatch ? { sharePct: Number(shareMatch[1]) } : {}),
    });
  }
  return out;
}

/** The token is a count with a measure word, usable as a metric value. */
export function isCount(t: NumberToken): boolean {
  return t.unit !== null && !t.distractor;
}
