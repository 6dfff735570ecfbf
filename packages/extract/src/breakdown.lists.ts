/**
 * 其中 lists and 在…N项…中 lists: a stated total followed by its parts.
 *   受理…41件，其中网上申请21件，邮寄申请20件
 *   …信息94条，…。其中发布文件43条，…  (其中 opens the next sentence)
 *   受理网民留言613件，办结605件，…(其中，人民网留言58件，全部办结；…) (parallel totals)
 *   …4970条。其中，…3933条，占79%。各乡镇…1037条，占21%。 (shares continue the list)
 *   在清理规范的15项…事项中，清理4项…；化转4项…；规范7项…
 */
import type { Breakdown } from '@gongkai/core';
import { isPartToken, makeBreakdown, partOf, sumsTo, type PartRef } from './breakdown.build.ts';
import type { Doc } from './doc.model.ts';
import { inSkip } from './doc.model.ts';
import { isCount, type NumberToken } from './numbers.parse.ts';
import { firstWhere, lastAtMost } from './sorted.search.ts';
import { endsWithMatch } from './text.scope.ts';

export type KeyAt = (at: number) => string | undefined;

interface Found {
  breakdowns: Breakdown[];
  /** Offsets (numStart) of tokens used as parts, so other finders leave them alone. */
  used: Set<number>;
}

function sameUnit(total: NumberToken, t: NumberToken): boolean {
  return t.unit === total.unit || t.unit === null;
}

/** Closing parenthesis matching an opening one at `open`, or -1. */
function closeParen(text: string, open: number, limit: number): number {
  let depth = 0;
  for (let i = open; i < limit; i++) {
    const c = text.charAt(i);
    if (c === '(' || c === '（') depth++;
    else if (c === ')' || c === '）') {
      depth--;
      if (depth === 0) return i;
    }
  }
  return -1;
}

/** Tokens not inside a parenthesis opened within [from, …): （政府预决算32条、部门预决算公开165条） details the part before it. */
function topLevel(text: string, tokens: readonly NumberToken[], from: number): NumberToken[] {
  const out: NumberToken[] = [];
  let depth = 0;
  let pos = from;
  for (const t of tokens) {
    for (; pos < t.start; pos++) {
      const c = text.charAt(pos);
      if (c === '(' || c === '（') depth++;
      else if ((c === ')' || c === '）') && depth > 0) depth--;
    }
    if (depth === 0) out.push(t);
  }
  return out;
}

/**
 * A list ends where a part is another topic's total: 办结…81件，其中：…其他处理2件；因政府信息公开引起的
 * 行政复议案件2件、行政诉讼案件7件 (review and litigation are no parts of the requests closed).
 */
function withinTopic(parts: readonly PartRef[], totalKey: string | undefined, keyAt: KeyAt): PartRef[] {
  if (!totalKey) return [...parts];
  const family = totalKey.split('.')[0];
  const cut = parts.findIndex((p) => {
    const k = keyAt(p.at);
    return k !== undefined && k.endsWith('.total') && k.split('.')[0] !== family;
  });
  return cut === -1 ? [...parts] : parts.slice(0, cut);
}

/** Parts from tokens: labels run from the previous part's end. */
function partsFrom(doc: Doc, tokens: readonly NumberToken[], from: number): PartRef[] {
  const out: PartRef[] = [];
  let labelFrom = from;
  for (const t of tokens) {
    out.push(partOf(doc, t, labelFrom));
    labelFrom = t.end;
  }
  return out;
}

/** 人民网留言58件，全部办结；…留言94件，办结86件: groups separated by ；, one item per total. */
function parallel(doc: Doc, totals: readonly NumberToken[], region: { start: number; end: number }, tokens: readonly NumberToken[]): PartRef[][] | null {
  const text = doc.text;
  const groups: PartRef[][] = [];
  let gStart = region.start;
  const bounds = [...text.slice(region.start, region.end).matchAll(/[；;]/gu)].map((m) => region.start + (m.index ?? 0));
  bounds.push(region.end);
  let next = 0; // tokens are in text order
  for (const gEnd of bounds) {
    while (next < tokens.length && (tokens[next] as NumberToken).start < gStart) next++;
    const first = next;
    while (next < tokens.length && (tokens[next] as NumberToken).start < gEnd) next++;
    const items = partsFrom(doc, tokens.slice(first, next), gStart);
    const all = /全部(?:办结|完成|答复|处理)/u.exec(text.slice(gStart, gEnd));
    if (all && items.length === totals.length - 1 && items[0]) {
      const at = gStart + all.index;
      items.push({ value: items[0].value, at, start: at, end: at + all[0].length, label: all[0] });
    }
    if (items.length !== totals.length) return null;
    groups.push(items);
    gStart = gEnd + 1;
  }
  const columns = totals.map((_, i) => groups.map((g) => g[i] as PartRef));
  return columns.every((col, i) => sumsTo(col, (totals[i] as NumberToken).value)) ? columns : null;
}

/**
 * A list that already adds up to its total when a ；/; comes ends there, when going on
 * would exceed the total: …共510条，其中主动公开169，依申请公开317条，不予公开24条；全年通过
 * 政府门户网站主动公开…5条… (what follows is a new statement, about one of the parts).
 */
function closedAtSemicolon(text: string, parts: PartRef[], total: number): PartRef[] {
  if (parts.reduce((a, p) => a + p.value, 0) <= total + 1e-6) return parts;
  for (let i = 1; i < parts.length; i++) {
    const prev = parts[i - 1] as PartRef, next = parts[i] as PartRef;
    if (/[；;]/u.test(text.slice(prev.end, next.start)) && sumsTo(parts.slice(0, i), total)) return parts.slice(0, i);
  }
  return parts;
}

/** A place such as 在清理规范的 right before a count (the count is the total of the list after 中，). */
const CONTAINER = /在[^，。；]{0,40}?(?:的)?\s?$/u;
/** Longest match of CONTAINER in UTF-16 units (40 characters may each be a surrogate pair). */
const CONTAINER_SPAN = 1 + 40 * 2 + 1 + 1;

export function findListBreakdowns(doc: Doc, keyAt: KeyAt): Found {
  const text = doc.text;
  const breakdowns: Breakdown[] = [];
  const used = new Set<number>();
  const emit = (total: NumberToken, all: PartRef[]) => {
    const parts = withinTopic(all, keyAt(total.numStart), keyAt);
    if (parts.length === 0) return;
    breakdowns.push(makeBreakdown(doc, { value: total.value, at: total.numStart, start: total.start, end: total.end }, parts, keyAt));
    for (const p of parts) used.add(p.at);
  };

  doc.sentences.forEach((sentence, si) => {
    if (inSkip(doc, sentence.start)) return;
    const tokens = (doc.tokens[si] ?? []).filter(isPartToken);
    const body = text.slice(sentence.start, sentence.end);
    // tokens are in text order, their starts and ends both ascending: ranges are binary searches
    const startingFrom = (at: number) => firstWhere(tokens, (t) => t.start >= at);
    const semicolons = [...body.matchAll(/[；;]/gu)].map((m) => sentence.start + (m.index ?? 0));
    /** The last ；/; at or before `at` within the sentence (one before the sentence would not matter), or -1. */
    const semicolonBefore = (at: number) => semicolons[lastAtMost(semicolons, at)] ?? -1;
    // 其中 anywhere; 涉及 only where it opens a clause of counts (…75件，涉及自然人72件、商业企业3件)
    const marks = [...body.matchAll(/其中|(?<=^|[，,：:；;])涉及(?=[^，。；]{0,12}?\d)/gu)].map((m) => sentence.start + (m.index ?? 0));
    marks.forEach((q, k) => {
      const prev = marks[k - 1];
      const semi = semicolonBefore(q);
      const back = Math.max(sentence.start, prev === undefined ? sentence.start : prev + 2, semi + 1);
      const lo = startingFrom(back);
      const hi = firstWhere(tokens, (t) => t.end > q);
      let totals = tokens.slice(lo, Math.max(lo, hi)).filter((t) => isCount(t) && !t.share);
      if (totals.length === 0 && /^[\s（(]*$/u.test(text.slice(sentence.start, q))) {
        const before = (doc.tokens[si - 1] ?? []).filter((t) => isCount(t) && !t.share);
        totals = before.slice(-1);
      }
      const total = totals[totals.length - 1];
      if (!total) return;
      // 其中 details the nearest figure before it: when that figure's measure cannot be read
      // (131项大项、260小项审批项目，…其中模块化260项: 小项 is no measure word), the total is unknown
      if (tokens.slice(lo, Math.max(lo, hi)).some((t) => t.start > total.end && t.end <= q && !t.unit && !t.share)) return;
      const open = /[（(]\s*$/u.exec(text.slice(Math.max(0, q - 2), q));
      let end = sentence.end;
      const next = marks[k + 1];
      if (next !== undefined) {
        const nextSemi = semicolonBefore(next);
        end = nextSemi > q ? nextSemi : next;
      }
      if (open) {
        const close = closeParen(text, q - open[0].length + open[0].search(/[（(]/u), sentence.end);
        if (close > q) end = close;
      }
      const region = { start: q + 2, end };
      const inRegion = topLevel(text, tokens.slice(startingFrom(region.start), startingFrom(region.end)).filter((t) => sameUnit(total, t)), region.start);
      if (totals.length >= 2 && totals.every((t) => t.unit === total.unit)) {
        const cols = parallel(doc, totals, region, inRegion);
        if (cols) {
          cols.forEach((col, i) => emit(totals[i] as NumberToken, col));
          return;
        }
      }
      let parts = partsFrom(doc, inRegion, region.start);
      const last = inRegion[inRegion.length - 1];
      // shares (…3933条，占79%。各乡镇…1037条，占21%。) continue the list into the next sentences
      if (last?.share && !sumsTo(parts, total.value)) {
        const extended = [...parts];
        for (let j = si + 1; j <= si + 3 && j < doc.sentences.length; j++) {
          const more = (doc.tokens[j] ?? []).filter((t) => isCount(t) && t.share && t.unit === total.unit);
          if (more.length === 0) break;
          extended.push(...partsFrom(doc, more, (doc.sentences[j] as { start: number }).start));
          if (extended.reduce((a, p) => a + p.value, 0) >= total.value) break;
        }
        if (sumsTo(extended, total.value)) parts = extended;
      }
      emit(total, closedAtSemicolon(text, parts, total.value));
    });

    // 在…的15项…中，清理4项…；化转4项…；规范7项…
    for (const t of tokens) {
      if (!isCount(t) || used.has(t.numStart)) continue;
      if (!endsWithMatch(CONTAINER, text, sentence.start, t.start, CONTAINER_SPAN)) continue;
      const after = /^[^，。；]{0,24}?中[，,]/u.exec(text.slice(t.end, sentence.end));
      if (!after) continue;
      const from = t.end + after[0].length;
      // a number already a part of a 其中 list belongs to that list's total, not to this one
      const parts = partsFrom(doc, tokens.slice(startingFrom(from)).filter((p) => isCount(p) && p.unit === t.unit && !used.has(p.numStart)), from);
      if (parts.length >= 2) emit(t, parts);
    }
  });
  return { breakdowns, used };
}
