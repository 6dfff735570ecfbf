/**
 * What the law requires a report to contain.
 * - A (条例 2008, Art. 32): 主动公开, 依申请公开 (and 不予公开), 收费及减免,
 *   行政复议/行政诉讼, 存在的主要问题及改进 (item 六 is a catch-all).
 * - B/C (条例 2019, Art. 50 and the 国办 format): the six sections and 表二/表三/表四.
 * An item counts as stated when a section of its kind exists, extract found a
 * metric for it (an explicit zero included), or the text states it.
 */
import type { Evidence, Finding, SectionKind } from '@gongkai/core';
import type { Topic, TopicStatement } from '../topic-statements.scan.ts';
import { finding, type RuleContext } from '../validate.context.ts';
import { TABLE_MARKERS } from './table-state.rule.ts';

interface Item {
  id: string;
  /** What the report should have stated, for the message. */
  what: string;
  kinds: readonly SectionKind[];
  keyPrefixes?: readonly string[];
  topics?: readonly Topic[];
  text?: RegExp;
  table?: 't2' | 't3' | 't4';
}

const A_ITEMS: readonly Item[] = [
  { id: 'proactive', what: '主动公开政府信息的情况 (Art. 32(1))', kinds: ['proactive'], keyPrefixes: ['proactive.'], text: /公开[^。；]{0,30}?\d+\s*(?:余|多)?\s*[条件项]/ },
  { id: 'requests', what: '依申请公开政府信息和不予公开政府信息的情况 (Art. 32(2))', kinds: ['requests'], keyPrefixes: ['requests.'], topics: ['requests', 'requests_closed'], text: /[一二三四五六七八九十]、[^。\n]{0,12}依申请公开/ },
  { id: 'fees', what: '政府信息公开的收费及减免情况 (Art. 32(3))', kinds: ['fees'], keyPrefixes: ['fees.'], topics: ['fees'], text: /收费|减免|收取[^。；，]{0,8}费|信息处理费/ },
  { id: 'review_litigation', what: '因政府信息公开申请行政复议、提起行政诉讼的情况 (Art. 32(4))', kinds: ['review_litigation'], keyPrefixes: ['review.', 'litigation.'], topics: ['review', 'litigation'] },
  { id: 'problems', what: '政府信息公开工作存在的主要问题及改进情况 (Art. 32(5))', kinds: ['problems', 'improvements'], text: /存在[^。；]{0,8}(?:问题|不足)|改进(?:措施|情况)|下一步/ },
];

const HEAD = '[一二三四五六七八九十]\\s*[、.．]\\s*';
/**
 * A numbered heading whose 、 the page dropped (…（传真：23156377）。一总体情况2020年…): the
 * numeral must open a sentence (after a stop, a closing bracket, a break or the start), so
 * 统一总体情况 or the 引言's list 本报告由总体情况、… never counts as the part.
 */
const BARE_HEAD = '(?:^|[\\s。：:；;）)])[一二三四五六七八九十]\\s*';
const BC_ITEMS: readonly Item[] = [
  { id: 'overview', what: '一、总体情况', kinds: ['overview'], text: new RegExp(`(?:${HEAD}|${BARE_HEAD})(?:总体情况|概述|基本情况)`) },
  { id: 'proactive', what: '二、主动公开政府信息情况', kinds: ['proactive'], text: /主动公开政府信息的?情况/ },
  { id: 'requests', what: '三、收到和处理政府信息公开申请情况', kinds: ['requests'], text: /收到和处理政府信息公开申请的?情况/ },
  { id: 'review_litigation', what: '四、政府信息公开行政复议、行政诉讼情况', kinds: ['review_litigation'], text: /复议[、，和及与]?\s*(?:提起)?行政诉讼的?情况/ },
  { id: 'problems', what: '五、存在的主要问题及改进情况', kinds: ['problems', 'improvements'], text: /存在的?主要问题|改进情况/ },
  { id: 'other', what: '六、其他需要报告的事项', kinds: ['other'], text: /其他需要报告的事项/ },
  { id: 't2', what: '表二 主动公开政府信息情况', kinds: [], table: 't2' },
  { id: 't3', what: '表三 收到和处理政府信息公开申请情况', kinds: [], table: 't3' },
  { id: 't4', what: '表四 政府信息公开行政复议、行政诉讼情况', kinds: [], table: 't4' },
];

/**
 * Kinds the report's sections cover: every section's own kind, plus the further topics
 * (`alsoKinds`, optional in the contract) of top-level sections only: a sub-section that merely
 * mentions 问题 in passing (咨询情况 → problems) does not make the report state its problems.
 */
function kindsPresent(ctx: RuleContext): Set<SectionKind> {
  const out = new Set<SectionKind>();
  const walk = (list: RuleContext['input']['segment']['sections'], top: boolean) => {
    for (const s of list) {
      out.add(s.kind);
      if (top) for (const k of s.alsoKinds ?? []) out.add(k);
      walk(s.children, false);
    }
  };
  walk(ctx.input.segment.sections, true);
  return out;
}

function stated(ctx: RuleContext, item: Item, kinds: Set<SectionKind>, statements: readonly TopicStatement[]): boolean {
  if (item.kinds.some((k) => kinds.has(k))) return true;
  if (item.table) {
    return ctx.input.segment.tables.some((t) => t.kind === item.table) || [...ctx.cells.keys()].some((k) => k.startsWith(`${item.table}.`))
      || TABLE_MARKERS[item.table].test(ctx.text);
  }
  const prefixes = item.keyPrefixes ?? [];
  if (ctx.input.extract.mentions.some((m) => prefixes.some((p) => m.key.startsWith(p)))) return true;
  if (ctx.input.extract.metrics.some((m) => prefixes.some((p) => m.key.startsWith(p)))) return true;
  if (item.topics && statements.some((s) => item.topics?.includes(s.topic))) return true;
  return item.text?.test(ctx.text) ?? false;
}

/** Where a reader can see what the report does contain: its top-level headings, or its first line. */
function outline(ctx: RuleContext): Evidence[] {
  const heads = ctx.input.segment.sections.slice(0, 10).map((s) => {
    const eol = ctx.text.indexOf('\n', s.start);
    const end = Math.min(eol === -1 ? s.end : eol, s.start + 40, s.end);
    return ctx.ev(s.start, end);
  });
  if (heads.length > 0) return heads;
  const first = ctx.text.search(/\S/);
  if (first === -1) return [];
  const eol = ctx.text.indexOf('\n', first);
  return [ctx.ev(first, Math.min(eol === -1 ? ctx.text.length : eol, first + 60))];
}

export function checkRequiredContent(ctx: RuleContext, statements: readonly TopicStatement[]): Finding[] {
  const items = ctx.regime === 'A' ? A_ITEMS : BC_ITEMS;
  const kinds = kindsPresent(ctx);
  const out: Finding[] = [];
  for (const item of items) {
    if (stated(ctx, item, kinds, statements)) continue;
    const law = ctx.regime === 'A' ? 'The 2008 Regulation' : `The ${ctx.variant ?? '2019'} report format`;
    out.push(finding('REQUIRED_CONTENT_MISSING', `${law} requires ${item.what}; the report never states it.`, outline(ctx), { item: item.id, regime: ctx.regime }));
  }
  return out;
}
