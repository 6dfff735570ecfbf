/**
 * TRUNCATED: the text keeps only a report's opening (crawlers and copy-paste
 * often keep the title, the preface and the first section). It is still a
 * report, with its metadata and figures; this finding says the rest is
 * missing, so that a missing figure is read as "not in the file", not as
 * "not in the report". Three signs, each of a report that stops early:
 * - the preface announces N parts (本报告由…等六个部分组成; 包括…；…；…; 由A,B,C组成)
 *   and the text has at most N − 2 of them, or fewer than N and it stops mid-sentence;
 * - a 2019+ report (six fixed sections, 表三 in the third) has no 表三 and stops
 *   before its third section, or inside it mid-sentence (the cut falls in 表三's header);
 * - a text with no part on requests, fees, reviews or problems stops mid-sentence.
 * Traditional-script copies (報告, 個部分, 組成) announce the same way.
 */
import type { Finding, Section } from '@gongkai/core';
import { clip } from '../format.helpers.ts';
import { finding, type RuleContext } from '../validate.context.ts';

const CN: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10 };

function numeral(s: string): number | null {
  if (/^\d+$/u.test(s)) return Number(s);
  if (s.length === 1) return CN[s] ?? null;
  if (s.length === 2 && s.startsWith('十')) return 10 + (CN[s.charAt(1)] ?? 0);
  return null;
}

/** A word that names a report part (…情况, 概述, …措施, 附表): what a listed item must hold to count as one. */
const PART_WORD = /情况|情況|概述|措施|事项|事項|问题|問題|附表/u;

/**
 * The preface's count of parts: 由…等六个部分组成 / 共七部分 / 包括：A；B；C；D /
 * 全文包括A,B,C / 由A,B,C组成. A list counts only items that name a part, so a
 * sentence such as 本报告由某局编制，… never reads as a list.
 */
export function announcedParts(text: string): number | null {
  const head = text.slice(0, 3000);
  const counted = /(?:[报報]告|年[报報])[^。]{0,12}?(?:(?:由|包括|分为|包含|主要包括)[^。]{0,240}?(?:等|共)?|共分?为?)\s?([一二三四五六七八九十]{1,2}|\d{1,2})\s?(?:[个個])?(?:部分|方面)/u.exec(head);
  if (counted?.[1]) return numeral(counted[1]);
  const listed = /(?:[报報]告|年[报報]|全文)[^。]{0,12}?(?:包括|包含|分为)(?:以下|如下)?(?:内容|几个部分)?[:：]?([^。]{0,300})/u.exec(head)
    ?? /(?:[报報]告|年[报報])[^。]{0,12}?由([^。]{0,300}?)(?:组成|組成|构成|構成)/u.exec(head);
  if (listed?.[1]) {
    const items = listed[1].split(/[；;，,]/u).filter((x) => x.trim().length > 1 && PART_WORD.test(x));
    if (items.length >= 3) return items.length;
  }
  return null;
}

/** Top-level sections the text has: the highest number among them (一…十), or their count. */
function sectionsFound(sections: readonly Section[]): number {
  let max = 0;
  for (const s of sections) max = Math.max(max, numeral(s.number) ?? 0);
  return Math.max(max, sections.length);
}

/** Kinds of the parts that follow 主动公开 in every template: a text with one of them got past its opening. */
const LATER_KINDS = new Set(['requests', 'review_litigation', 'complaints', 'fees', 'problems', 'improvements', 'attachment']);
/** Words of a 统计表 / 附表: a text ending in its digits ends whole. */
const TABLE_WORDS = /指标名称|计量单位|统计表|附表|表[一二三四]/u;

/** The last non-blank character ends a sentence, a date, a download link, or a table's digits. */
function endsWhole(text: string): boolean {
  const tail = text.replace(/\s+$/u, '');
  if (/[。！？!?”」）)》]$|日$|下载$/u.test(tail)) return true;
  return /\d$/u.test(tail) && TABLE_WORDS.test(tail.slice(Math.floor(tail.length * 0.5)));
}

export function checkTruncated(ctx: RuleContext): Finding[] {
  const text = ctx.text;
  const end = text.replace(/\s+$/u, '').length;
  if (end === 0) return [];
  const sections = ctx.input.segment.sections ?? [];
  const found = sectionsFound(sections);
  const last = sections[sections.length - 1];
  const where = last ? `section ${last.number}、${clip(last.title)}` : 'its opening';
  const evidence = [ctx.ev(Math.max(0, end - 40), end)];
  const announced = announcedParts(text);
  const whole = endsWhole(text);
  if (announced !== null && announced >= 3 && (found <= announced - 2 || (found < announced && !whole))) {
    return [finding('TRUNCATED', `The preface announces ${announced} parts but the text stops after ${where}: the rest of the report is missing.`, evidence, { announced, found })];
  }
  if (ctx.regime !== 'A' && (found <= 2 || (found === 3 && !whole)) && !ctx.input.segment.tables.some((t) => t.kind === 't3')) {
    return [finding('TRUNCATED', `A report of the 2019+ template stops after ${where}, before 表三 (收到和处理政府信息公开申请情况): the rest of the report is missing.`, evidence, { found })];
  }
  const later = sections.some((s) => LATER_KINDS.has(s.kind) || (s.alsoKinds ?? []).some((k) => LATER_KINDS.has(k)));
  if (!later && !whole) {
    return [finding('TRUNCATED', `The text stops mid-sentence after ${where}, before any part on requests, fees, reviews or problems: the rest of the report is missing.`, evidence, { found })];
  }
  return [];
}
