/**
 * Heading candidates at the four levels these reports use: 一、 → （一） →
 * 1. / 1、 → （1）. Candidates are found on their own line, after a sentence
 * end or a space (web pages flattened onto one line) and, for top-level
 * numbers only, glued to the previous text. Which candidates are real is
 * decided later by their numbering sequence (sections.build.ts).
 */
import { isSpace } from '../text/compact.text.ts';
import { CN_DIGIT_CLASS, parseCnNumber } from '../text/cn-numerals.parse.ts';
import { knownTitleAt } from './section-kind.classify.ts';

export interface HeadingCandidate {
  level: 1 | 2 | 3 | 4;
  /** The number as written: "一", "1". */
  number: string;
  n: number;
  /** Offset of the marker ("一、", "（一）") and of the end of the title. */
  start: number;
  titleStart: number;
  titleEnd: number;
  title: string;
  /** 3 = own line, 2 = after a sentence end or a space, 1 = glued to text. */
  strength: 1 | 2 | 3;
}

const CN = `[${CN_DIGIT_CLASS.slice(3)}]{1,3}`;
const MARKER = new RegExp(
  `(${CN})\\s*[、．.](?![、．.])|[（(]\\s*(${CN})\\s*[）)]|(?<![\\d.．])(\\d{1,2})\\s*(?:[、．]|\\.(?!\\d))|[（(]\\s*(\\d{1,2})\\s*[）)]`,
  'g',
);
const SENTENCE_END = new Set(['。', '；', ';', '！', '!', '？', '?', '：', ':', '”', '"', '）', ')', '」', '】']);
/** Words that open a body sentence right after a glued heading title. */
const OPENERS = /(?:\d{4}\s*年|根据|按照|为了|为进一步|为切实|虽然|目前|今年|全年|我区|我县|我市|我局|我办|我厅|我委|本年度|一是|主要做法|截至|通过|坚持)/;
const NOT_TITLE_START = /^(本年新收|上年结转|本年度办理结果|结转下年度|是[^\u4e00-\u9fa5]?)/;

/** Line start and whether only whitespace precedes `pos` on its line. */
function lineInfo(text: string, pos: number): { lineStart: number; atStart: boolean; prev: string | undefined } {
  let i = pos - 1;
  let sawSpace = false;
  while (i >= 0 && text[i] !== '\n' && isSpace(text[i])) {
    sawSpace = true;
    i--;
  }
  if (i < 0 || text[i] === '\n') return { lineStart: i + 1, atStart: true, prev: undefined };
  return { lineStart: -1, atStart: false, prev: sawSpace ? ' ' : text[i] };
}

function lineEnd(text: string, from: number, limit: number): number {
  const nl = text.indexOf('\n', from);
  return nl < 0 || nl > limit ? limit : nl;
}

/** Where the title of a heading starting its text at `from` ends. */
function titleExtent(text: string, from: number, limit: number, level: number, atStart: boolean): number {
  const eol = lineEnd(text, from, limit);
  const line = text.slice(from, eol);
  const known = level === 1 ? knownTitleAt(text, from) : from;
  const table = line.indexOf('统计表');
  if (table >= 0 && table < 45) return from + table + 3;
  if (atStart && line.length <= 60 && !/[。；]./.test(line.trim())) {
    // 六、其他需要报告的事项无其他需要报告的事项: a known title run into its text
    if (known > from && known < eol && new RegExp(`^(?:无|没有|未|${OPENERS.source})`).test(text.slice(known, eol))) return known;
    // 4.认真办理依申请公开2020年全区…予以答复。: a title run into one sentence
    const glued = /(?:\d{4}\s*年|根据|按照|为了|为进一步|为切实|截至|一是)/.exec(line.slice(3));
    if (glued && line.trimEnd().endsWith('。')) return from + 3 + glued.index;
    return from + line.trimEnd().length;
  }
  if (known > from) return known;
  const MAX = 45;
  const windowEnd = Math.min(eol, from + MAX + 1);
  let stop = -1;
  let keepStop = false;
  for (let i = from; i < windowEnd && stop < 0; i++) {
    const ch = text[i] as string;
    if (ch === '。') {
      keepStop = text.slice(i + 1, eol).trim() === '';
      stop = keepStop ? i + 1 : i;
    } else if (ch === '\t' || ch === '；' || ch === '：' || ch === ':' || (ch !== '\n' && isSpace(ch) && !atStart && i > from)) stop = i;
    else if (i > from + 1 && (ch === '（' || ch === '(') && /^[（(]\s*[一二三四五六七八九十\d]{1,3}\s*[）)]/.test(text.slice(i, i + 6))) stop = i;
    else if (i > from + 1 && /^[一二三四五六七八九十]{1,2}[、]|^\d[.、．](?!\d)/.test(text.slice(i, i + 3)) && text[i - 1] !== '第') stop = i;
  }
  const bound = stop >= 0 ? stop : windowEnd;
  // a title glued to its text ends where a body sentence opens (2020年…, 根据…, 我区…)
  const op = OPENERS.exec(text.slice(from + 2, bound));
  if (op) return from + 2 + op.index;
  if (stop >= 0) return stop;
  if (bound - from > MAX) {
    const comma = text.slice(from, bound).search(/[，,]/);
    return comma > 3 ? from + comma : from + 20;
  }
  return bound;
}

/** Heading candidates in text[start, end), skipping `excluded` ranges (tables). */
export function detectHeadings(text: string, start: number, end: number, excluded: Array<[number, number]> = []): HeadingCandidate[] {
  const out: HeadingCandidate[] = [];
  const re = new RegExp(MARKER.source, 'g');
  re.lastIndex = start;
  for (let m = re.exec(text); m && m.index < end; m = re.exec(text)) {
    const pos = m.index;
    if (excluded.some(([a, b]) => pos >= a && pos < b)) continue;
    const level = (m[1] ? 1 : m[2] ? 2 : m[3] ? 3 : 4) as HeadingCandidate['level'];
    const number = (m[1] ?? m[2] ?? m[3] ?? m[4]) as string;
    const n = parseCnNumber(number);
    if (n === null || n === 0) continue;
    const info = lineInfo(text, pos);
    const prev = info.prev;
    let strength: HeadingCandidate['strength'];
    if (info.atStart) strength = 3;
    else if (prev === ' ' || (prev !== undefined && SENTENCE_END.has(prev))) strength = 2;
    else strength = 1;
    if (prev === '第' || prev === '之' || (prev !== undefined && /[\d一二三四五六七八九十〇]/.test(prev))) continue;
    if (strength === 1 && level !== 1) continue;
    if (level === 3 && strength === 2 && prev !== undefined && prev !== ' ' && !/[。；;：:！？]/.test(prev)) continue;
    let titleStart = pos + m[0].length;
    // "（一）、标题", "一、 标题": skip the separator and spaces
    while (titleStart < end && ((isSpace(text[titleStart]) && text[titleStart] !== '\n') || (level !== 3 && /[、.．]/.test(text[titleStart] as string)))) titleStart++;
    const after = text.slice(titleStart, titleStart + 8);
    if (level === 1 && new RegExp(`^${CN}\\s*[、]`).test(after)) continue; // 一、二、三级
    if (NOT_TITLE_START.test(after)) continue;
    if (text[titleStart] === '\n' || titleStart >= end) continue;
    const nextExcluded = Math.min(end, ...excluded.map(([a]) => a).filter((a) => a > titleStart));
    const titleEnd = titleExtent(text, titleStart, nextExcluded, level, info.atStart);
    const title = text.slice(titleStart, titleEnd).replace(/\s+/g, ' ').trim();
    if (!title || /^[\d\s.,，、]/.test(title)) continue;
    if (strength === 1 && knownTitleAt(text, titleStart) <= titleStart) continue;
    out.push({ level, number, n, start: pos, titleStart, titleEnd, title, strength });
    re.lastIndex = Math.max(re.lastIndex, pos + m[0].length);
  }
  return out;
}
