/**
 * What is not part of the report body but sits in it: the addressee line
 * at the top (省政府办公厅:), and at the end the signature, the date, 附件
 * lines and 责任编辑. Found spans are labelled; the report's content ends
 * before the trailer.
 */
import type { LabelledSpan } from '@gongkai/core';
import { findDates, type FoundDate } from '../text/dates.parse.ts';

export interface TrailerResult {
  spans: LabelledSpan[];
  /** Where the last section ends. */
  contentEnd: number;
  /** The date at the end of the report, if any. */
  date: FoundDate | null;
  addressee: { name: string; start: number; end: number } | null;
}

const AGENCY_END = /(人民政府|政府|办公厅|办公室|委员会|管委会|厅|局|委|办|中心|院)$/;
const ADDRESSEE = /^[ \t]*([^\s:：，。,；]{2,24}?(?:办公厅|办公室|人民政府|政府|委员会|管委会|厅|局))[ \t]*[:：][ \t]*$/m;

function span(text: string, label: LabelledSpan['label'], start: number, end: number): LabelledSpan {
  return { label, start, end, text: text.slice(start, end) };
}

/** The addressee line within the first lines of the body. */
export function detectAddressee(text: string, start: number, end: number): TrailerResult['addressee'] {
  const head = text.slice(start, Math.min(end, start + 200));
  const m = ADDRESSEE.exec(head);
  if (!m?.[1]) return null;
  const before = head.slice(0, m.index);
  if (before.split('\n').filter((l) => l.trim()).length > 2) return null;
  // the span is the whole line, colon included; the name is the addressee
  const s = start + m.index + m[0].indexOf(m[1]);
  return { name: m[1], start: s, end: start + m.index + m[0].trimEnd().length };
}

/**
 * @param tailFrom where the trailer may begin at the earliest (the last top-level heading)
 * @param attachedTable start of a statistics table printed after the text without a 附件 line
 */
export function detectTrailer(text: string, bodyStart: number, bodyEnd: number, tailFrom: number, attachedTable?: number): TrailerResult {
  const spans: LabelledSpan[] = [];
  let end = bodyEnd;
  const trimmed = () => {
    while (end > bodyStart && /\s/.test(text[end - 1] as string)) end--;
  };
  trimmed();
  const editor = /责任编辑\s*[:：]\s*\S{1,12}\s*$/.exec(text.slice(Math.max(tailFrom, end - 60), end));
  if (editor) {
    const s = end - editor[0].length;
    spans.push(span(text, 'editor', s, end));
    end = s;
    trimmed();
  }
  // 附件 lines / an attached statistics table after the text
  const tail = text.slice(tailFrom, end);
  const att = /(?<![（(《])(附件\s*\d*\s*[:：]|附表\s*\d*\s*[:：]|(?<=^|\n)附\s*[:：])/.exec(tail);
  let attStart = att ? tailFrom + att.index + att[0].indexOf(att[1] as string) : -1;
  if (attStart < 0 && attachedTable !== undefined && attachedTable > tailFrom) {
    // its title (…政府信息公开情况统计表) starts after the last sentence end, date or line break
    const window = text.slice(Math.max(tailFrom, attachedTable - 60), attachedTable);
    const cut = Math.max(window.lastIndexOf('\n'), window.lastIndexOf('。'), window.search(/日[^日]*$/), window.lastIndexOf('  '));
    attStart = Math.max(tailFrom, attachedTable - 60) + cut + 1;
  }
  if (attStart >= 0) {
    const s = attStart;
    spans.push(span(text, 'attachment', s, end));
    end = s;
    trimmed();
  }
  // the date, then the signature before it (either may be missing)
  const dates = findDates(text, Math.max(tailFrom, end - 80), end);
  const last = dates[dates.length - 1];
  let date: FoundDate | null = null;
  if (last && /^\s*$/.test(text.slice(last.end, end))) {
    date = last;
    spans.push(span(text, 'date', last.start, last.end));
    end = last.start;
    trimmed();
  }
  const lineStart = Math.max(text.lastIndexOf('\n', end - 1), text.lastIndexOf('。', end - 1), text.lastIndexOf('  ', end - 1), tailFrom - 1) + 1;
  const sig = text.slice(lineStart, end).trim();
  const sigStart = lineStart + text.slice(lineStart, end).indexOf(sig);
  const words = sig.split(/\s+/);
  const lastWord = words[words.length - 1] ?? '';
  if (sig && sig.length <= 30 && !/[。，,；;：:]/.test(sig) && AGENCY_END.test(sig)) {
    spans.push(span(text, 'signature', sigStart, end));
    end = sigStart;
  } else if (lastWord && lastWord.length <= 24 && AGENCY_END.test(lastWord) && /\s/.test(text[end - lastWord.length - 1] ?? '')) {
    spans.push(span(text, 'signature', end - lastWord.length, end));
    end -= lastWord.length;
  }
  trimmed();
  spans.sort((a, b) => a.start - b.start);
  return { spans, contentEnd: end, date, addressee: null };
}
