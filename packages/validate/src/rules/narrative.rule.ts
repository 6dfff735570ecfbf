/**
 * Narrative against numbers:
 * - TEXT_CONTRADICTION: the text says there were none (本年度，我区无公民、法人
 *   依申请公开事项) while it, a 统计表 or 表三/表四 states a non-zero count;
 * - TEXT_VS_TABLE (B/C): a narrative count differs from 表三/表四.
 */
import type { Evidence, Finding } from '@gongkai/core';
import { clip } from '../format.helpers.ts';
import { TOPIC_KEYS, type Topic, type TopicStatement } from '../topic-statements.scan.ts';
import { finding, type RuleContext } from '../validate.context.ts';
import { cellValue, type Known } from './table-cells.helpers.ts';

const TOPIC_NAME: Record<Topic, string> = {
  requests: 'disclosure requests received', requests_closed: 'requests closed', requests_carried_over: 'requests carried over from last year',
  requests_carried: 'requests carried to next year',
  review: 'administrative reviews (行政复议)', litigation: 'lawsuits (行政诉讼)', complaints: 'complaints (投诉举报)', fees: 'fees charged',
};

/** What the uniform tables say about a topic: the accepted values and the cells behind them. */
function tableTruth(ctx: RuleContext, topic: Topic): { accepted: number[]; known: Known[] } | null {
  const v = (k: string) => cellValue(ctx, k) ?? null;
  switch (topic) {
    case 'requests': {
      const nr = v('t3.new_received.total'), co = v('t3.carried_over.total');
      if (!nr) return null;
      return { accepted: co ? [nr.value, nr.value + co.value] : [nr.value], known: co ? [nr, co] : [nr] };
    }
    case 'requests_closed': { const t = v('t3.total.total'); return t && { accepted: [t.value], known: [t] }; }
    case 'requests_carried_over': { const t = v('t3.carried_over.total'); return t && { accepted: [t.value], known: [t] }; }
    case 'requests_carried': { const t = v('t3.carried_forward.total'); return t && { accepted: [t.value], known: [t] }; }
    case 'review': { const t = v('t4.review.total'); return t && { accepted: [t.value], known: [t] }; }
    case 'litigation': {
      const d = v('t4.litigation_direct.total'), a = v('t4.litigation_after_review.total');
      return d && a ? { accepted: [d.value + a.value], known: [d, a] } : null;
    }
    default: return null;
  }
}

function statementEvidence(ctx: RuleContext, s: TopicStatement): Evidence {
  return ctx.ev(s.start, s.end);
}

function positives(ctx: RuleContext, topic: Topic, statements: readonly TopicStatement[]): Evidence[] {
  const out: Evidence[] = statements.filter((s) => s.topic === topic && s.value > 0).map((s) => statementEvidence(ctx, s));
  const truth = tableTruth(ctx, topic);
  const tableCells = truth?.known.flatMap((k) => k.cells) ?? [];
  if (truth && truth.known.reduce((s, k) => s + k.value, 0) > 0) out.push(...tableCells.filter((c) => (c.value ?? 0) > 0).map((c) => ctx.ev(c.start, c.end)));
  const m = ctx.metric(TOPIC_KEYS[topic]);
  if (m && m.value > 0 && m.source !== 'derived') out.push(ctx.ev(m.evidence.start, m.evidence.end));
  return out.sort((a, b) => a.start - b.start);
}

/**
 * Whether a "none" statement about requests really negates a disclosure request: its
 * 申请 must be the noun, the request itself. Not so when 申请 is
 * - the start of 申请人, the applicant (a person): in 未收到该申请人提交的补正 the
 *   negation reaches what the applicant sent (the correction);
 * - the verb of 申请行政复议 (没有…针对市公安局申请行政复议或行政诉讼的事项): what is
 *   applied for, a review, is the topic.
 * Either way the clause still says no request when it names 申请 again as a noun
 * (没有申请人提出政府信息公开申请).
 */
function negatesTopic(ctx: RuleContext, s: TopicStatement): boolean {
  if (s.topic !== 'requests' || s.origin !== 'text') return true;
  const after = ctx.text.slice(s.end);
  const verbOrPerson = /^(?:人|(?:行政)?复议|提起|(?:提起)?行政诉讼)/.exec(after);
  if (!verbOrPerson) return true;
  const rest = /^[^。；！!？?\n，,]*/.exec(after.slice(verbOrPerson[0].length))?.[0] ?? '';
  return /申请(?!人|(?:行政)?复议|行政诉讼)/.test(rest);
}

export function checkContradictions(ctx: RuleContext, statements: readonly TopicStatement[]): Finding[] {
  const out: Finding[] = [];
  for (const topic of ['requests', 'review', 'litigation', 'complaints', 'fees'] as const) {
    const none = statements.find((s) => s.topic === topic && s.none && negatesTopic(ctx, s));
    if (!none) continue;
    const pos = positives(ctx, topic, statements);
    const first = pos[0];
    if (!first) continue;
    const noneEv = statementEvidence(ctx, none);
    out.push(finding('TEXT_CONTRADICTION',
      `The report says there were no ${TOPIC_NAME[topic]} (「${clip(noneEv.quote)}」) but also states a non-zero count (「${clip(first.quote)}」).`,
      [noneEv, first], { topic }));
  }
  return out;
}

export function checkTextVsTable(ctx: RuleContext, statements: readonly TopicStatement[]): Finding[] {
  if (ctx.regime === 'A') return [];
  const out: Finding[] = [];
  for (const topic of ['requests', 'requests_closed', 'requests_carried_over', 'requests_carried', 'review', 'litigation'] as const) {
    const truth = tableTruth(ctx, topic);
    if (!truth) continue;
    const stated = statements.filter((s) => s.topic === topic && !s.none && !ctx.inUniformTable(s.start));
    const wrong = stated.filter((s) => !truth.accepted.includes(s.value));
    const distinct = [...new Map(wrong.map((s) => [s.value, s])).values()];
    const first = distinct[0];
    if (!first) continue;
    const cells = truth.known.flatMap((k) => k.cells).map((c) => ctx.ev(c.start, c.end));
    out.push(finding('TEXT_VS_TABLE',
      `The text gives ${distinct.map((s) => s.value).join(' / ')} ${TOPIC_NAME[topic]} (「${clip(ctx.text.slice(first.start, first.end))}」) but the table gives ${truth.accepted.join(' (or ')}${truth.accepted.length > 1 ? ' with carry-over)' : ''}.`,
      [...distinct.map((s) => statementEvidence(ctx, s)), ...cells], { topic, text: distinct.map((s) => s.value).join(','), table: truth.accepted.join(',') }));
  }
  return out;
}
