/**
 * What the narrative says about a few topics — requests received/closed/
 * carried over, administrative review, litigation, complaints, fees — as
 * "none" statements (无/未/没有 …) or counts, read straight from the text and
 * from extract's mentions outside the uniform tables. Rules compare these
 * with each other (TEXT_CONTRADICTION) and with the tables (TEXT_VS_TABLE),
 * and REQUIRED_CONTENT_MISSING asks whether a topic is stated at all.
 */
import { isNoneStatement, REQUEST_CONTEXT, type RuleContext } from './validate.context.ts';

export const TOPICS = ['requests', 'requests_closed', 'requests_carried_over', 'requests_carried', 'review', 'litigation', 'complaints', 'fees'] as const;
export type Topic = (typeof TOPICS)[number];

export interface TopicStatement {
  topic: Topic;
  /** 0 for a "none" statement. */
  value: number;
  /** True for a statement that there were none (no digits involved). */
  none: boolean;
  start: number;
  end: number;
  origin: 'text' | 'mention';
}

export const TOPIC_KEYS: Record<Topic, string> = {
  requests: 'requests.received.total',
  requests_closed: 'requests.closed.total',
  requests_carried_over: 'requests.carried_over',
  requests_carried: 'requests.carried_forward',
  review: 'review.total',
  litigation: 'litigation.total',
  complaints: 'complaints.total',
  fees: 'fees.amount_wan_yuan',
};

const NEG = '(?:未(?:发生|收到|接到|受理|出现|有)|没有|无|不涉及)';
const GAP = '[^。；！!？?\\n，,]';
const NONE_PATTERNS: Array<{ topic: Topic; re: RegExp; skip?: RegExp }> = [
  { topic: 'requests', re: new RegExp(`(?:未(?:收到|接到|受理)|没有|无)${GAP}{0,25}?(?:申请)`, 'g'), skip: /无正当理由|无需|无须|费|复议|诉讼|\d/ },
  { topic: 'review', re: new RegExp(`${NEG}${GAP}{0,40}?行政复议`, 'g'), skip: /\d/ },
  { topic: 'litigation', re: new RegExp(`${NEG}${GAP}{0,40}?行政诉讼`, 'g'), skip: /\d/ },
  { topic: 'complaints', re: new RegExp(`${NEG}${GAP}{0,40}?(?:投诉|举报)`, 'g'), skip: /\d|信访/ },
  { topic: 'fees', re: new RegExp(`${NEG}${GAP}{0,20}?(?:收费|收取${GAP}{0,8}?费|信息处理费|费用)`, 'g'), skip: /\d/ },
];
/** After the topic word, within the clause: a sub-count (被纠错, 败诉…) is not a "none" about the topic. */
const SUBCOUNT_AFTER = /^[^。；，,]{0,12}(纠错|纠正|败诉|撤销|确认违法)/;

/** (?<!\d): a count starts where its digits do (a long digit run is walked once, not once per digit, and no tail of a longer number is read as a count). */
const COUNT = '(?<!\\d)(\\d+)\\s*(?:件|起|宗|个|例|份|条)';
const COUNT_PATTERNS: Array<{ topic: Topic; re: RegExp; needs?: RegExp; skip?: RegExp }> = [
  { topic: 'requests', re: new RegExp(`(?:受理|收到|接到|接收|共有)${GAP}{0,24}?申请(?:事项)?${GAP}{0,8}?${COUNT}`, 'g'), needs: REQUEST_CONTEXT, skip: /复议|诉讼|投诉|举报/ },
  { topic: 'requests', re: new RegExp(`(?:受理|收到|接到|接收)${GAP}{0,6}?${COUNT}${GAP}{0,12}?申请`, 'g'), needs: REQUEST_CONTEXT, skip: /复议|诉讼|投诉|举报/ },
  { topic: 'requests_closed', re: new RegExp(`办结(?:依申请公开)?${GAP}{0,6}?${COUNT}`, 'g'), needs: REQUEST_CONTEXT },
  { topic: 'requests_carried_over', re: new RegExp(`(?:上一?年度?|去年)${GAP}{0,4}?结转${GAP}{0,8}?${COUNT}`, 'g'), needs: REQUEST_CONTEXT },
  { topic: 'requests_carried', re: new RegExp(`(?<!上一?年度?|去年)结转(?:至|到)?(?:\\d{4}年度?)?${GAP}{0,8}?${COUNT}`, 'g'), needs: REQUEST_CONTEXT, skip: /上一?年|去年/ },
  { topic: 'requests_carried', re: new RegExp(`${COUNT}${GAP}{0,4}?(?:结转|顺延)(?:到|至)?下一?年`, 'g'), needs: REQUEST_CONTEXT },
  // A count before its topic word (收到1份…行政复议申请) must not belong to a topic listed just before it (诉讼案件1件、行政复议…).
  // The leading (?<!\d) repeats COUNT's so it is tried before the longer lookbehind at each digit of a long run.
  { topic: 'review', re: new RegExp(`(?<!\\d)(?<!(?:诉讼|复议)${GAP}{0,4})${COUNT}[^。；！!？?\\n，,、]{0,12}?行政复议`, 'g'), skip: /纠错|纠正|维持|驳回|败诉|诉讼/ },
  { topic: 'litigation', re: new RegExp(`(?<!\\d)(?<!(?:诉讼|复议)${GAP}{0,4})${COUNT}[^。；！!？?\\n，,、]{0,12}?行政诉讼`, 'g'), skip: /纠错|纠正|维持|驳回|败诉|复议/ },
  { topic: 'review', re: new RegExp(`行政复议(?:案件|申请)?${GAP}{0,6}?${COUNT}`, 'g'), skip: /纠错|纠正|维持|驳回|败诉/ },
  { topic: 'litigation', re: new RegExp(`行政诉讼(?:案件)?${GAP}{0,6}?${COUNT}`, 'g'), skip: /纠错|纠正|维持|驳回|败诉/ },
];

function mentionStatements(ctx: RuleContext): TopicStatement[] {
  const out: TopicStatement[] = [];
  for (const topic of Object.keys(TOPIC_KEYS) as Topic[]) {
    for (const m of ctx.narrative.get(TOPIC_KEYS[topic]) ?? []) {
      const none = isNoneStatement(m);
      out.push({ topic, value: m.value, none, start: m.evidence.start, end: m.evidence.end, origin: 'mention' });
    }
  }
  return out;
}

function textStatements(ctx: RuleContext): TopicStatement[] {
  const out: TopicStatement[] = [];
  const text = ctx.text;
  for (const { topic, re, skip } of NONE_PATTERNS) {
    for (const m of text.matchAll(re)) {
      const start = m.index ?? 0, end = start + m[0].length;
      if (ctx.inTable(start) || skip?.test(m[0]) || SUBCOUNT_AFTER.test(text.slice(end))) continue;
      out.push({ topic, value: 0, none: true, start, end, origin: 'text' });
    }
  }
  for (const { topic, re, needs, skip } of COUNT_PATTERNS) {
    for (const m of text.matchAll(re)) {
      const start = m.index ?? 0, end = start + m[0].length;
      const value = Number(m[1]);
      if (ctx.inTable(start) || !Number.isFinite(value) || skip?.test(m[0])) continue;
      if (needs && !ctx.sentenceMatches(needs, start) && !needs.test(ctx.headingAt(start))) continue;
      out.push({ topic, value, none: false, start, end, origin: 'text' });
    }
  }
  return out;
}

/** Every statement about the topics, in text order; text and mention statements at one spot are both kept. */
export function topicStatements(ctx: RuleContext): TopicStatement[] {
  return [...textStatements(ctx), ...mentionStatements(ctx)].sort((a, b) => a.start - b.start || a.end - b.end);
}
