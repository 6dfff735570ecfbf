/**
 * Explicit zeros: 未发生…行政复议、行政诉讼及投诉举报案件, 未接到…申请,
 * 没有依申请公开, 不涉及收费, 暂不收费, 没有…全职人员, 不存在…答复处理情况,
 * 不存在因政府信息公开而被申请行政复议…的情况.
 * A clause with a negation and the metric's object after it, and no count of
 * its own, states value 0. Anything the report does not state stays absent.
 */
import { metricDef } from '@gongkai/core';
import type { Doc, Found } from './doc.model.ts';
import { evidenceOf, inSkip } from './doc.model.ts';
import { isCount, type NumberToken } from './numbers.parse.ts';

/** Negations that open a zero statement; 无 only before …事项/情况/案件 (无正当理由, 无法提供 are not zeros). */
const NEGATION = /未(?:曾)?(?:发生|收到|接到|受理|产生|出现|有)|没有(?:发生|收到|接到|受理)?|不涉及|暂不收费|暂未收取|未收取|未向[^，。；]{0,20}?收取|无(?=[^，。；]{0,30}?(?:事项|情况|案件|发生))(?!正当|法|偿|力)|不存在(?=[^，。；]{0,12}?答复|[^，。；]{0,40}?(?:情况|案件|事项))/u;

/**
 * Words of an outcome: 没有发生行政复议被纠错的情况 says no review went against the agency, not how many
 * reviews there were; 不存在违规收费 says no fee was charged unlawfully, not that none was charged.
 */
const OUTCOME = /纠错|纠正|败诉|撤销|确认违法|被改变|责令|违规|违法|乱收/u;

const OBJECTS: ReadonlyArray<readonly [string, RegExp]> = [
  ['review.total', /行政复议/u],
  ['litigation.total', /行政诉讼/u],
  ['complaints.total', /投诉|举报|申诉/u],
];
const FEES = /收费|收取(?:任何)?费用|费用|信息处理费/u;
const REQUEST = /申请/u;
const DISCLOSURE = /信息公开|依申请|政府信息|公开(?:政府)?信息/u;

/** Staff: 我局没有从事政府信息公开工作的全职人员 (全职 = 专职). */
const FULLTIME = /(?:专职|全职)(?:工作)?人员/u;
/** Replies: 故不存在政府信息答复处理情况 (申请答复数). */
const REPLIES = /答复/u;

/** The keys a negated clause sets to zero. */
export function zeroKeys(object: string, negation: string, inRequests: boolean): string[] {
  if (OUTCOME.test(object)) return [];
  if (/收费/u.test(negation) || FEES.test(object)) return ['fees.amount_wan_yuan'];
  if (FULLTIME.test(object)) return ['staff.fulltime'];
  if (negation.startsWith('不存在') && REPLIES.test(object)) return ['requests.outcome.total'];
  const keys = OBJECTS.filter(([, re]) => re.test(object)).map(([k]) => k);
  const reviewOrLitigation = keys.includes('review.total') || keys.includes('litigation.total');
  if (/依申请/u.test(object) || (REQUEST.test(object) && !reviewOrLitigation && (DISCLOSURE.test(object) || inRequests))) {
    keys.unshift('requests.received.total');
  }
  return keys;
}

export function extractZeros(doc: Doc): Found[] {
  const out: Found[] = [];
  doc.sentences.forEach((sentence, si) => {
    const counts = (doc.tokens[si] ?? []).filter(isCount);
    let next = 0; // counts and clauses are both in text order
    for (const clause of sentence.clauses) {
      let hasCount = false;
      for (; next < counts.length && (counts[next] as NumberToken).start < clause.end; next++) {
        const t = counts[next] as NumberToken;
        if (t.start >= clause.start && t.value > 0) hasCount = true;
      }
      if (inSkip(doc, clause.start)) continue;
      if (hasCount) continue;
      const text = doc.text.slice(clause.start, clause.end);
      const neg = NEGATION.exec(text);
      if (!neg) continue;
      const object = text.slice(neg.index + neg[0].length);
      const inRequests = doc.sections.at(clause.start).kinds.has('requests');
      for (const key of zeroKeys(object, neg[0], inRequests)) {
        out.push({
          key, value: 0, unit: metricDef(key)?.unit ?? '件', approx: false,
          evidence: evidenceOf(doc, clause), source: 'zero', rank: 1, stated: true,
        });
      }
    }
  });
  return out;
}
