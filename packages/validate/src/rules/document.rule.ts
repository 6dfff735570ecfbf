/**
 * The document as a whole: is it a disclosure report at all (NOT_A_REPORT),
 * and is an attachment it names actually there (ATTACHMENT_MISSING)?
 */
import { NOT_A_REPORT_PREFIX, type Evidence, type Finding } from '@gongkai/core';
import { clip } from '../format.helpers.ts';
import { finding, type RuleContext } from '../validate.context.ts';

/** Decode's doubts about the text (packages/decode report.check.ts), by what they say. */
const DECODE_DOUBTS: ReadonlyArray<[RegExp, string]> = [
  [/does not look like|not a (?:disclosure )?report/i, 'no disclosure wording'],
  [/never calls itself/i, 'never calls itself a 报告'],
  [/almost no figures/i, 'almost no figures'],
  [/very little Chinese/i, 'very little Chinese text'],
];
const TOPIC_WORDS = /信息公开|政务公开/g;
const PLACEHOLDER = /[（(]文字描述/g;
const REPORT_TITLE = /(?:19|20)\d{2}\s?年[^。\n]{0,10}?(?:政府信息公开|政务公开)[^。\n]{0,10}?(?:报告|年报)/u;

function firstLine(ctx: RuleContext): Evidence[] {
  const first = ctx.text.search(/\S/);
  if (first === -1) return [];
  const eol = ctx.text.indexOf('\n', first);
  return [ctx.ev(first, Math.min(eol === -1 ? ctx.text.length : eol, first + 60))];
}

/** Why the text is not a disclosure report, or null when it is one. */
function notAReport(ctx: RuleContext): string | null {
  // decode's verdict on the kind of document (packages/decode report/report.kind.ts)
  const verdict = ctx.input.decode.decode.warnings.find((w) => w.startsWith(NOT_A_REPORT_PREFIX));
  if (verdict) return verdict.slice(NOT_A_REPORT_PREFIX.length);
  if ((ctx.text.match(PLACEHOLDER) ?? []).length >= 2) return 'it is the blank report template (（文字描述） placeholders, no figures)';
  // a disclosure report's own title (2020年政府信息公开工作年度报告): however little follows, it is a report (TRUNCATED says the rest is missing)
  if (REPORT_TITLE.test(ctx.text)) return null;
  const doubts = DECODE_DOUBTS.filter(([re]) => ctx.input.decode.decode.warnings.some((w) => re.test(w))).map(([, what]) => what);
  const topical = (ctx.text.match(TOPIC_WORDS) ?? []).length;
  if (ctx.text.replace(/\s/g, '').length < 40) return 'the text is (nearly) empty';
  if (topical === 0) return 'it never mentions 信息公开 or 政务公开';
  if (doubts.length >= 2) return `decode found ${doubts.join(', ')}`;
  if (doubts.length === 1 && topical < 3) return `decode found ${doubts[0]} and 信息公开 appears only ${topical} time(s)`;
  return null;
}

export function checkNotAReport(ctx: RuleContext): Finding[] {
  const why = notAReport(ctx);
  if (!why) return [];
  return [finding('NOT_A_REPORT', `This is not a government information-disclosure annual report: ${why}.`, firstLine(ctx), { reason: why })];
}

const ATTACHMENT = /附\s*件\s*[0-9一二三四五]?\s*[:：]?\s*《?([^\n。:：《》]{0,40}?(?:统计表|情况表|一览表|附表))/g;
/** Signs of a table right after the reference: its header words or a run of figures. */
const TABLE_BODY = /指标名称|统计指标|计量单位|统计数|单位\s*[:：]?\s*(?:条|件)/;

function tableFollows(ctx: RuleContext, from: number): boolean {
  if (ctx.input.segment.tables.some((t) => t.kind === 'stats' || t.end > from)) return true;
  const after = ctx.text.slice(from, from + 400);
  if (TABLE_BODY.test(after)) return true;
  return (after.match(/\d+/g) ?? []).length >= 8;
}

export function checkAttachments(ctx: RuleContext): Finding[] {
  const out: Finding[] = [];
  for (const m of ctx.text.matchAll(ATTACHMENT)) {
    const start = m.index ?? 0, end = start + m[0].length;
    if (/下载/.test(m[0]) || tableFollows(ctx, end)) continue;
    out.push(finding('ATTACHMENT_MISSING', `The report refers to an attachment (「${clip(m[0])}」) but no such table follows in the text.`,
      [ctx.ev(start, end)], { attachment: (m[1] ?? '').trim() }));
  }
  return out;
}
