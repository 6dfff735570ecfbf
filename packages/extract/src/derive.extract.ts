/**
 * Inferences from statements, each with the words that justify it:
 * - outcome parts of a review/litigation/complaints 其中 list (维持…2件 → review.upheld);
 * - 均在法定期限内办结 → requests.closed.on_time = the requests received;
 * - 占本年度制发规范性文件总数的100% → normative_docs_issued = normative_docs;
 * - 2名专职人员及158名兼职人员 → staff.total = 160 when no total is stated;
 * - a website statement is the report's total when no other total is stated.
 */
import { isMetricKey, type Breakdown } from '@gongkai/core';
import { claimsWhole } from './breakdown.build.ts';
import type { Doc, Found } from './doc.model.ts';
import { evidenceOf, sentenceIndexAt } from './doc.model.ts';
import { OUTCOME_FAMILIES, OUTCOME_PART_RULES } from './narrative.rules.ts';

/** Keys the parts of review/litigation/complaints lists take; the breakdowns get the keys too. */
export function outcomeParts(breakdowns: Breakdown[]): Found[] {
  const out: Found[] = [];
  for (const b of breakdowns) {
    const family = OUTCOME_FAMILIES.find((f) => b.total.key === `${f}.total`);
    if (!family) continue;
    for (const part of b.parts) {
      if (part.key) continue;
      const rel = OUTCOME_PART_RULES.find(([, re]) => re.test(part.label))?.[0];
      const key = rel ? `${family}.${rel}` : undefined;
      if (!key || !isMetricKey(key)) continue;
      part.key = key;
      out.push({ key, value: part.value, unit: '件', approx: false, evidence: part.evidence, source: 'text', rank: 2, stated: true });
    }
    b.complete ||= claimsWhole(b.total.key, b.parts);
  }
  return out;
}

const ALL_CLOSED = /均(?:已)?(?:按程序|依法)?(?:在法定(?:期限|工作日|时限)内|按期|按时)(?:予以)?办结/u;
const ISSUED_ALL = /占[^，。；]{0,12}?制发(?:的)?(?:行政)?规范性文件总数的?100\s?[%％]/u;

/** The last statement of `key` at most `back` sentences before `at`. */
function statedBefore(doc: Doc, found: readonly Found[], key: string, at: number, back: number): Found | undefined {
  const si = sentenceIndexAt(doc, at);
  const from = doc.sentences[Math.max(0, si - back)]?.start ?? 0;
  return found.filter((f) => f.key === key && f.source === 'text' && (f.at ?? f.evidence.start) >= from && (f.at ?? f.evidence.start) < at).pop();
}

export function deriveFromText(doc: Doc, found: readonly Found[]): Found[] {
  const out: Found[] = [];
  doc.sentences.forEach((s) => {
    for (const c of s.clauses) {
      const clause = doc.text.slice(c.start, c.end);
      if (ALL_CLOSED.test(clause)) {
        const received = statedBefore(doc, found, 'requests.received.total', c.start, 2);
        if (received) {
          out.push({ ...received, key: 'requests.closed.on_time', evidence: evidenceOf(doc, c), source: 'derived', rank: 0, stated: false, at: c.start });
        }
      }
      const issued = ISSUED_ALL.exec(clause);
      if (issued) {
        const docs = statedBefore(doc, found, 'proactive.normative_docs', c.start + issued.index + 1, 0);
        if (docs) out.push({ ...docs, key: 'proactive.normative_docs_issued', evidence: evidenceOf(doc, c), source: 'derived', rank: 0, stated: false });
      }
    }
  });
  const has = (k: string) => found.some((f) => f.key === k);
  const ft = found.find((f) => f.key === 'staff.fulltime');
  const pt = found.find((f) => f.key === 'staff.parttime');
  if (ft && pt && !has('staff.total')) {
    const start = Math.min(ft.evidence.start, pt.evidence.start);
    const end = Math.max(ft.evidence.end, pt.evidence.end);
    out.push({ ...ft, key: 'staff.total', value: ft.value + pt.value, approx: ft.approx || pt.approx, evidence: evidenceOf(doc, { start, end }), source: 'derived', rank: 0, stated: false });
  }
  return out;
}

/** Channels besides the website: when one of them carries items too, the website's count is only a part. */
const OTHER_CHANNELS = ['proactive.channel.weibo', 'proactive.channel.wechat', 'proactive.channel.other', 'proactive.channel.gazette'];

/**
 * Website statements stand for proactive.total when nothing else states the total and no other
 * channel carried items (在网站公开120条，通过政务微博发布300条: the portal's count is not the agency's total).
 */
export function resolveOrTotal(found: Found[], text: string): void {
  const hasTotal = found.some((f) => f.key === 'proactive.total' && !f.orTotal);
  if (hasTotal) return;
  const sites = found.filter((f) => f.orTotal && f.key === 'proactive.channel.website');
  // 在门户网站公开发布各类信息2612条，其中：…政务微博650条: channels listed as its parts leave it the whole
  const partOf = (c: Found, w: Found) => {
    const from = w.at ?? w.evidence.start, to = c.at ?? c.evidence.start;
    return to > from && /其中/u.test(text.slice(from, to)) && !/[。！？\n]/u.test(text.slice(from, to));
  };
  const others = found.filter((f) => OTHER_CHANNELS.includes(f.key) && f.value > 0 && f.source === 'text');
  if (others.some((c) => !sites.some((w) => partOf(c, w)))) return;
  for (const f of sites) f.key = 'proactive.total';
}
