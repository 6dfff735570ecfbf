/**
 * Metrics stated in prose: each count (a number with its measure word) takes
 * the key of the nearest keyword before it in the same clause, or of the noun
 * right after its measure word (2名专职人员). A count with no keyword is no
 * metric: phones, dates, rates and unrelated counts never become one.
 */
import type { Doc, Found } from './doc.model.ts';
import { evidenceOf, inSkip } from './doc.model.ts';
import { NARRATIVE_RULES, type NarrativeRule } from './narrative.rules.ts';
import { isCount, type NumberToken } from './numbers.parse.ts';
import { TextScope } from './text.scope.ts';

const CJK = /[\u4e00-\u9fff]/u;
const FREQUENCY = /每(?:一)?(?:年|个?季度?|个?月|周|星期|天|日|半年)[^，。；]{0,12}$/u;
/** 历年, 至今, 成立以来 (not 今年以来, 2017年以来: the year itself). */
const SINCE = /历年|至今|(?<!年|年初)以来/u;
const SINCE_SENTENCE = /截[至止]|历年|至今|(?<!年|年初)以来/u;

/**
 * 截止12月31日，…累计主动公开政府信息1016条: a running total up to a date. It may be the year's
 * (a report of the first year) or the years' since the start: a loose statement, dropped when a
 * firm statement of the key says otherwise (其中2015年度…211条). The 40 characters before the
 * clause are looked at directly, back to the last 。 (a line break or a heading split off may have
 * cut 截止\n2015年12月31日 from the sentence that follows it).
 */
function untilNow(text: string, clauseStart: number, at: number): boolean {
  const prefix = text.slice(clauseStart, at);
  if (!/累计/u.test(prefix) || /全年|本年|今年|年内|年度/u.test(prefix)) return false;
  const before = text.slice(Math.max(0, clauseStart - 40), clauseStart);
  return SINCE_SENTENCE.test(before.slice(before.lastIndexOf('。') + 1) + prefix);
}

interface Candidate {
  rule: NarrativeRule;
  distance: number;
  order: number;
}

const GLOBAL = new WeakMap<RegExp, RegExp>();

function lastMatch(re: RegExp, s: string): { index: number; end: number } | null {
  let g = GLOBAL.get(re);
  if (!g) {
    g = new RegExp(re.source, `${re.flags}g`);
    GLOBAL.set(re, g);
  }
  g.lastIndex = 0;
  let best: { index: number; end: number } | null = null;
  for (let m = g.exec(s); m; m = g.exec(s)) {
    if (m[0].length === 0) {
      g.lastIndex++;
      continue;
    }
    if (!best || m.index + m[0].length >= best.end) best = { index: m.index, end: m.index + m[0].length };
    g.lastIndex = m.index + 1;
  }
  return best;
}

function contextOk(doc: Doc, rule: NarrativeRule, sentence: TextScope, at: number): boolean {
  const c = rule.context;
  if (!c) return true;
  if (c.sentence && sentence.test(c.sentence)) return true;
  if (c.sections) {
    const ctx = doc.sections.at(at);
    const kinds = c.innermost ? ctx.innermost : ctx.kinds;
    if (c.sections.some((k) => kinds.has(k))) return true;
  }
  return false;
}

/** The deepest enclosing section is about another topic than the rule's. */
function inForeignSection(doc: Doc, rule: NarrativeRule, at: number): boolean {
  const n = rule.notInSection;
  if (!n) return false;
  const kinds = doc.sections.at(at).innermost;
  return !kinds.has(n.unless) && n.kinds.some((k) => kinds.has(k));
}

/** The offset lies in an item of an enumerated paragraph (…四是强化基层政务公开，…公开信息1654条), looking back no further than the line or the section. */
export function inListItem(doc: Doc, at: number): boolean {
  const from = Math.max(doc.items.lineStart(at), doc.sections.at(at).innermostStart);
  return doc.items.within(from, at);
}

/** The rule that names this count, if any (a blocker counts as "no metric"). */
export function ruleFor(doc: Doc, sentence: TextScope, clauseScope: TextScope, token: NumberToken, prefixStart: number): NarrativeRule | null {
  const text = doc.text;
  const clause = clauseScope.span;
  const prefix = text.slice(prefixStart, token.start);
  const tail = text.slice(token.end, clause.end);
  const nounAfter = CJK.test(text.charAt(token.end)) && !/^[余多]/u.test(tail);
  // 在…网站主动公开的425条政府信息中，…: a total restated to introduce its categories (a breakdown, not a statement to key)
  if (nounAfter && /^[^，。；]{0,16}?中(?:[，,]|$)/u.test(tail)) return null;
  // 每季度召开一次会议: a frequency, not a count of the year
  if (FREQUENCY.test(prefix)) return null;
  // 历年累计…, 成立以来…: a running total over the years, not the year's
  if (SINCE.test(prefix)) return null;
  const cands: Candidate[] = [];
  NARRATIVE_RULES.forEach((rule, order) => {
    if (!token.unit || !rule.units.includes(token.unit)) return;
    if (rule.not && clauseScope.testHead(rule.not, token.start)) return;
    if (rule.notSentence && sentence.testHead(rule.notSentence, clause.end)) return;
    if (rule.notShare && token.share) return;
    if (!contextOk(doc, rule, sentence, token.start)) return;
    if (inForeignSection(doc, rule, token.start)) return;
    if (rule.notInItem && inListItem(doc, token.start)) return;
    if (rule.noNounAfter && nounAfter) return;
    if (rule.notThrough && rule.notThrough.channel.test(prefix) && !rule.notThrough.unless.test(prefix)) return;
    if (nounAfter && rule.after?.test(tail)) cands.push({ rule, distance: 0, order: order - 1000 });
    if (rule.before) {
      const m = lastMatch(rule.before, prefix);
      if (!m) return;
      const between = prefix.slice(m.end);
      if (/等/u.test(between)) return; // 涉及个人隐私…等情况8件: an aggregate of several categories
      // 予以公开及部分公开42件: two categories joined into one count belong to neither
      if (m.index > 0 && /[及和与或、]/u.test(prefix.charAt(m.index - 1)) && CJK.test(prefix.charAt(m.index - 2))) return;
      if (/^[及和与或、]\s*\p{Script=Han}/u.test(between)) return;
      const distance = between.trim().length;
      if (nounAfter && distance > 1) return;
      cands.push({ rule, distance, order });
    }
  });
  cands.sort((a, b) => a.distance - b.distance || a.order - b.order);
  return cands[0]?.rule ?? null;
}

/** Converts a stated amount to the metric's unit (元 → 万元 only when the report says 元). */
export function valueIn(key: string, value: number, unit: string): number {
  if (key.endsWith('_wan_yuan') && unit === '元') return value / 10_000;
  return value;
}

/** The unit of a value after valueIn: a converted amount is in 万元, whatever the report wrote. */
export function unitIn(key: string, unit: string): string {
  return key.endsWith('_wan_yuan') && unit === '元' ? '万元' : unit;
}

export function extractNarrative(doc: Doc): Found[] {
  const out: Found[] = [];
  doc.sentences.forEach((sentence, si) => {
    const tokens = (doc.tokens[si] ?? []).filter((t) => isCount(t) && !inSkip(doc, t.start));
    const sentenceScope = new TextScope(doc.text, sentence);
    let next = 0; // tokens and clauses are both in text order
    for (const clause of sentence.clauses) {
      while (next < tokens.length && (tokens[next] as NumberToken).start < clause.start) next++;
      const clauseScope = new TextScope(doc.text, clause);
      let prefixStart = clause.start;
      for (; next < tokens.length && (tokens[next] as NumberToken).start < clause.end; next++) {
        const token = tokens[next] as NumberToken;
        const rule = ruleFor(doc, sentenceScope, clauseScope, token, prefixStart);
        prefixStart = token.end;
        if (!rule?.key) continue;
        out.push({
          key: rule.key,
          value: valueIn(rule.key, token.value, token.unit ?? ''),
          unit: unitIn(rule.key, token.unit ?? ''),
          approx: token.approx,
          evidence: evidenceOf(doc, clause),
          source: 'text',
          rank: 2,
          // 网站公开1150条，占95.8% / 其中网站公布194条: a part, never the whole
          orTotal: rule.orTotal && !token.share && !/其中/u.test(doc.text.slice(clause.start, token.start)),
          weak: rule.weak || untilNow(doc.text, clause.start, token.start),
          stated: true,
          at: token.numStart,
        });
      }
    }
  });
  return out;
}
