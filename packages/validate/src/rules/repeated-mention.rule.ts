/**
 * The same metric stated twice must agree (seed 003 states 3452 twice). Only
 * exact statements are compared: 7220余 is a bound, and a "none" statement
 * against a count is TEXT_CONTRADICTION's business. 表二/表三/表四 cells are
 * compared with the narrative by TEXT_VS_TABLE; 统计表 values count as statements.
 * A total's mention inside a 其中 list or an 一是/二是 item is a part of something else, and one read
 * under a section about another topic (a 主动公开 count under 政策解读) is likely
 * misattributed, and one under a heading on one kind of information (推进安全生产信息公开)
 * is that kind's count: all are skipped.
 */
import type { Finding, Mention, SectionKind } from '@gongkai/core';
import { clip, fmt } from '../format.helpers.ts';
import { finding, isNoneStatement, type RuleContext } from '../validate.context.ts';

/**
 * A total's mention that sits inside a 其中 list (其中…9条) or one item of an
 * enumeration of lines of work (四是强化基层政务公开…公开信息1654条) is a part of
 * something else, not a restatement of the total.
 */
function insideList(ctx: RuleContext, m: Mention): boolean {
  if (!m.key.endsWith('.total')) return false;
  const q = m.evidence.quote;
  const digit = q.search(/\d/);
  if (/其中/.test(digit === -1 ? q : q.slice(0, digit))) return true;
  return ctx.lastMatchBefore(ITEM_MARKER, m.evidence.start) !== undefined;
}
const ITEM_MARKER = /[一二三四五六七八九十]是/g;

/**
 * A heading that names one line of work on one kind of information (（10）推进重大建设项目信息公开,
 * （14）推进其他应主动公开的信息公开): what is published under it (全年共发布信息291条) is that
 * kind's count, not the whole proactive total. A heading on disclosure as such (推进政府信息公开,
 * 加强主动公开) names no kind and does not count.
 */
const KIND_HEADING = /^(?:推进|加强|做好|深化|强化|抓好|落实|突出|聚焦|加大|规范)(.{2,30}?)(?:的)?(?:信息)?公开(?:工作)?$/u;
const NO_KIND = /^(?:政府信息|政务信息|政务|主动|信息|公开|政府)*$/u;

function underKindHeading(ctx: RuleContext, m: Mention): boolean {
  if (m.key !== 'proactive.total') return false;
  const title = ctx.headingAt(m.evidence.start).replace(/\s+/gu, '').replace(/^[（(]?[0-9一二三四五六七八九十]+[）)、.．]/u, '');
  const head = KIND_HEADING.exec(title);
  return !!head && !NO_KIND.test(head[1] ?? '');
}

/** The section kinds where each metric family is at home; a statement under another topic's section is not compared. */
const HOME: Record<string, readonly SectionKind[]> = {
  proactive: ['proactive'], response: ['response'], requests: ['requests'], review: ['review_litigation'], litigation: ['review_litigation'],
  complaints: ['complaints', 'review_litigation'], fees: ['fees', 'other'], staff: ['organization'], org: ['organization'],
  budget: ['organization'], training: ['training', 'organization'],
};
/** Kinds that name a topic; overview, platform, problems, other, attachment… are neutral ground. */
const TOPICAL: ReadonlySet<SectionKind> = new Set(['proactive', 'response', 'requests', 'fees', 'review_litigation', 'complaints', 'organization', 'training']);

/**
 * A statement read in a sub-section about another topic (a 主动公开 count under （四）政策解读) is
 * likely misattributed. Top-level sections of narrative reports often combine topics (seed 002:
 * 依申请公开、投诉举报和行政复议情况), so only sub-sections count.
 */
function underOtherTopic(ctx: RuleContext, m: Mention): boolean {
  const home = HOME[m.key.split('.')[0] ?? ''];
  const kinds = ctx.subsectionKindsAt(m.evidence.start);
  if (!home || kinds.length === 0 || kinds.some((k) => home.includes(k))) return false;
  return kinds.some((k) => TOPICAL.has(k));
}

export function checkRepeatedMentions(ctx: RuleContext): Finding[] {
  const out: Finding[] = [];
  for (const [key, mentions] of ctx.narrative) {
    if (/^t[234]\./.test(key)) continue;
    const exact = mentions.filter((m) => !m.approx && !isNoneStatement(m) && !insideList(ctx, m) && !underOtherTopic(ctx, m) && !underKindHeading(ctx, m));
    const byValue = new Map<number, Mention>();
    for (const m of exact) if (!byValue.has(m.value)) byValue.set(m.value, m);
    if (byValue.size < 2) continue;
    const firsts = [...byValue.values()];
    const said = firsts.map((m) => `${fmt(m.value)} (「${clip(m.evidence.quote, 40)}」)`).join(' vs ');
    out.push(finding('REPEATED_MENTION_CONFLICT', `${key} is stated ${exact.length} times with different values: ${said}.`,
      firsts.map((m) => ctx.ev(m.evidence.start, m.evidence.end)), { key, values: firsts.map((m) => fmt(m.value)).join(',') }));
  }
  return out;
}
