/**
 * Shared pieces of the breakdown finders: which numbers can be parts, and
 * how a total with its parts becomes a Breakdown with evidence.
 */
import { SUM_RULES, type Breakdown } from '@gongkai/core';
import type { Doc } from './doc.model.ts';
import { evidenceOf, sentenceIndexAt } from './doc.model.ts';
import type { NumberToken } from './numbers.parse.ts';
import { spanAt, type Span } from './text.split.ts';

/** A part's number as found: a token, or a word standing for one (全部办结 = the item's own count). */
export interface PartRef {
  value: number;
  /** Offset of the number itself (where a metric statement is recorded). */
  at: number;
  start: number;
  end: number;
  /** Text between the previous part (or the list start) and the number. */
  label: string;
  /** The 占…% share stated with the part, if any. */
  sharePct?: number;
}

/** A count, or a bare number closing a list item (不予公开信息数1402。): anything but dates, rates, ids. */
export function isPartToken(t: NumberToken): boolean {
  if (t.distractor) return false;
  if (t.unit) return true;
  return !t.chinese;
}

export function partOf(doc: Doc, t: NumberToken, labelFrom: number): PartRef {
  const label = doc.text.slice(labelFrom, t.start).replace(/^[\s，,；;：:、。（(）)]+|[\s，,；;：:、。（(）)]+$/gu, '').replace(/^其中[：:，,]?/u, '');
  return { value: t.value, at: t.numStart, start: t.start, end: t.end, label: label.slice(-24), ...(t.sharePct === undefined ? {} : { sharePct: t.sharePct }) };
}

/** Parts that sum to the total, to floating-point tolerance. */
export function sumsTo(parts: readonly { value: number }[], total: number): boolean {
  const sum = parts.reduce((a, p) => a + p.value, 0);
  return Math.abs(sum - total) < 1e-6;
}

/** Lists that divide a whole by a known attribute: 主动公开 / 依申请公开 / 不予公开 information. */
const PARTITIONS: ReadonlyArray<readonly RegExp[]> = [[/主动公开/u, /依申请公开/u, /不予公开/u]];

/**
 * Whether parts claim to be all of their total even when they do not add up:
 * they cover a catalogue sum (review = upheld + corrected + other), a known
 * partition, or shares that make 100%.
 */
export function claimsWhole(totalKey: string | undefined, parts: readonly { key?: string; label: string }[], sharePcts: readonly number[] = []): boolean {
  if (totalKey) {
    const rule = SUM_RULES.find((r) => r.kind === 'sum' && r.parent === totalKey);
    if (rule && parts.length >= 2 && parts.every((p) => p.key && rule.children.includes(p.key))) return true;
  }
  if (PARTITIONS.some((res) => res.every((re) => parts.some((p) => re.test(p.label))) && parts.length === res.length)) return true;
  if (sharePcts.length === parts.length && sharePcts.length >= 2) {
    const sum = sharePcts.reduce((a, b) => a + b, 0);
    if (Math.abs(sum - 100) <= 0.5) return true;
  }
  return false;
}

function clauseAround(doc: Doc, at: number): Span {
  const s = doc.sentences[sentenceIndexAt(doc, at)];
  if (!s) return { start: at, end: at + 1 };
  return spanAt(s.clauses, at) ?? s;
}

/** Builds the Breakdown; `keyAt` names the metric stated at a number's offset, if any. */
export function makeBreakdown(
  doc: Doc,
  total: { value: number; at: number; start: number; end: number },
  parts: readonly PartRef[],
  keyAt: (at: number) => string | undefined,
  complete?: boolean,
): Breakdown {
  const start = Math.min(total.start, ...parts.map((p) => p.start));
  const end = Math.max(total.end, ...parts.map((p) => p.end));
  const tk = keyAt(total.at);
  const keyed = parts.map((p) => {
    const k = keyAt(p.at);
    return { value: p.value, label: p.label, evidence: evidenceOf(doc, clauseAround(doc, p.start)), ...(k ? { key: k } : {}) };
  });
  return {
    total: { value: total.value, evidence: evidenceOf(doc, clauseAround(doc, total.start)), ...(tk ? { key: tk } : {}) },
    parts: keyed,
    complete: complete ?? (sumsTo(parts, total.value) || claimsWhole(tk, keyed, parts.flatMap((p) => (p.sharePct === undefined ? [] : [p.sharePct])))),
    quote: doc.text.slice(start, end),
    start,
    end,
  };
}
