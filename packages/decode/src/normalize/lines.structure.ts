import { CN_NUM, HAN, SENTENCE_END } from '../text/chars.ts';
import { lineSpans, replaceTracked, TrackedBuilder, type TrackedText } from '../text/tracked-text.ts';

/** A heading or list marker at the start of a line: 一、 （一） (一) 1. 1、 （1） 第一章 附件 ①. */
export const HEADING_START = new RegExp(
  `^(?:[${CN_NUM}]{1,3}[、.．]|[（(][${CN_NUM}]{1,3}[）)]|\\d{1,2}[、.．](?!\\d)|[（(]\\d{1,2}[）)]|第[${CN_NUM}\\d]{1,3}[章节部分]|附件|附表|[①-⑳])`,
);

/** Lines longer than this are treated as flattened (a whole page body on one line). */
const FLATTENED_LINE = 300;

/** Positions inside a flattened line where a heading starts and a line break belongs. */
const INLINE_HEADING = new RegExp(
  [
    `(?<=[。；：！？.;:!?\\s\\w”）)])(?=[${CN_NUM}]{1,2}、(?![${CN_NUM}]))`,
    `(?<=[^第])(?=[（(][${CN_NUM}]{1,2}[）)](?!项))`,
    `(?<=[^\\d.．第])(?=\\d{1,2}[.．、][${HAN}])`,
    `(?<=[^\\d第（(])(?=[（(]\\d{1,2}[）)][${HAN}])`,
  ].join('|'),
  'g',
);
/** A report title opening a flattened line, followed by a space: `…工作年度报告 根据《…`. */
const LEADING_TITLE = /^(.{6,60}?(?:年度报告|工作报告|年报))\s+(?=\S)/;

/** In a flattened line, a heading runs into its paragraph: `一、概述2017年，…` breaks before the year. */
const HEADING_THEN_YEAR = /^((?:[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十]{1,3}[）)])[^，。；,;\d]{2,40}?)(?=(?:19|20)\d{2}年)/;

/** Puts the headings of flattened lines (crawled page bodies) back on their own lines. */
export function splitFlattened(input: TrackedText): TrackedText {
  const { text } = input;
  if (!text.split('\n').some((l) => l.length > FLATTENED_LINE)) return input;
  const out = new TrackedBuilder();
  for (const [start, end] of lineSpans(text)) {
    const line = text.slice(start, end);
    if (line.length <= FLATTENED_LINE || line.includes('\t')) {
      out.copy(input, start, Math.min(end + 1, text.length));
    } else {
      let from = 0;
      const title = LEADING_TITLE.exec(line);
      if (title?.[1]) {
        out.copy(input, start, start + title[1].length);
        out.insert('\n', input.origin[start + title[1].length] ?? 0);
        from = title[0].length;
      }
      const breaks = [...line.matchAll(INLINE_HEADING)].map((m) => m.index ?? 0);
      for (const at of [from, ...breaks]) {
        const year = HEADING_THEN_YEAR.exec(line.slice(at));
        if (year?.[1]) breaks.push(at + year[1].length);
      }
      for (const at of [...new Set(breaks)].sort((a, b) => a - b)) {
        if (at <= from) continue;
        out.copy(input, start + from, start + at);
        out.insert('\n', input.origin[start + at] ?? 0);
        from = at;
      }
      out.copy(input, start + from, Math.min(end + 1, text.length));
    }
  }
  return out.build(input.origin[text.length] ?? 0);
}

const ENDS_SENTENCE = new RegExp(`[${SENTENCE_END}]$`);
const ENDS_OPEN = /[，,、（(《“‘—-]$/;
const STARTS_CLOSING = /^[，,。、；;：:）)》”’！？!?]/;
const TITLE_OR_DATE = /(?:报告|年报)$|^\d{4}年\d{1,2}月\d{1,2}日$/;
/** A line at least this long that stops mid-sentence was wrapped, not ended. */
const WRAPPED_LINE = 40;

function isHeadingLine(line: string): boolean {
  return HEADING_START.test(line) && (line.length <= WRAPPED_LINE || !/[。；]/.test(line));
}

/** True when the break between lines `a` and `b` (both trimmed, non-empty) falls mid-sentence. */
export function isBrokenBreak(a: string, b: string): boolean {
  if (a.includes('\t') || b.includes('\t')) return false;
  if (HEADING_START.test(b) || isHeadingLine(a)) return false;
  if (STARTS_CLOSING.test(b)) return true;
  if (ENDS_SENTENCE.test(a) || TITLE_OR_DATE.test(a)) return false;
  return ENDS_OPEN.test(a) || a.length >= WRAPPED_LINE;
}

/**
 * Step 5: joins lines broken mid-sentence or mid-word by page wrapping
 * (`规\n\n范`, `需\n社会公众`), keeps real paragraph breaks and headings,
 * and leaves exactly one "\n" between paragraphs.
 */
export function joinBrokenLines(input: TrackedText): TrackedText {
  const t = replaceTracked(input, /\n[ \n]*\n/g, () => '\n');
  const { text } = t;
  const out = new TrackedBuilder();
  let previous = '';
  for (const [start, end] of lineSpans(text)) {
    const line = text.slice(start, end);
    if (line.trim() !== '') {
      const joined = previous !== '' && isBrokenBreak(previous, line);
      if (previous !== '' && !joined) out.insert('\n', t.origin[start - 1] ?? 0);
      if (joined && /[A-Za-z]$/.test(previous) && /^[A-Za-z]/.test(line)) out.insert(' ', t.origin[start - 1] ?? 0);
      out.copy(t, start, end);
      previous = joined ? previous + line : line;
    }
  }
  return out.build(t.origin[text.length] ?? 0);
}
