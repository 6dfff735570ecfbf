/**
 * Totals with parts that no 其中 announces, recognised by their arithmetic:
 * - share lists: …303条，占71.3%。各乡镇…122条，占28.7%。 whose sum is a
 *   number stated just before (425);
 * - category lists: 主要类别有：机构职能类信息117条，…其他…1831条 whose sum
 *   is a number stated in the sentences before (2949).
 * Only exact sums count, except for shares of the proactive total, which
 * belong to the total stated before them whatever they add up to.
 */
import type { Breakdown } from '@gongkai/core';
import { makeBreakdown, partOf, sumsTo, type PartRef } from './breakdown.build.ts';
import type { KeyAt } from './breakdown.lists.ts';
import type { Doc } from './doc.model.ts';
import { inSkip } from './doc.model.ts';
import { isCount, type NumberToken } from './numbers.parse.ts';
import { firstWhere } from './sorted.search.ts';

/** How far back (in sentences) a total may stand before its parts. */
const LOOK_BACK = 4;

/** Count tokens of the whole text in text order, grouped (by unit and value, or by the key stated at them) for look-ups. */
class CountIndex {
  private readonly byUnitValue = new Map<string | null, Map<number, NumberToken[]>>();
  private readonly byKey = new Map<string, NumberToken[]>();

  constructor(
    private readonly doc: Doc,
    private readonly keyAt: KeyAt,
  ) {
    for (const tokens of doc.tokens) {
      for (const t of tokens) {
        if (!isCount(t)) continue;
        let byValue = this.byUnitValue.get(t.unit);
        if (!byValue) this.byUnitValue.set(t.unit, (byValue = new Map()));
        const list = byValue.get(t.value);
        if (list) list.push(t);
        else byValue.set(t.value, [t]);
      }
    }
  }

  private keyed(key: string): NumberToken[] {
    let list = this.byKey.get(key);
    if (!list) {
      list = this.doc.tokens.flatMap((tokens) => tokens.filter((t) => this.keyAt(t.numStart) === key));
      this.byKey.set(key, list);
    }
    return list;
  }

  /** The last token of `list` ending at or before `first` starts, within the LOOK_BACK sentences up to `si`. */
  private lastBefore(list: readonly NumberToken[], si: number, first: NumberToken): NumberToken | undefined {
    const hit = list[firstWhere(list, (t) => t.end > first.start) - 1];
    const from = this.doc.sentences[Math.max(0, si - LOOK_BACK)]?.start ?? 0;
    return hit && hit.start >= from ? hit : undefined;
  }

  /** A count of `value` (in the first part's unit) stated in the sentences before the first part. */
  earlierTotal(si: number, first: NumberToken, value: number): NumberToken | undefined {
    return this.lastBefore(this.byUnitValue.get(first.unit)?.get(value) ?? [], si, first);
  }

  /** The last count stated as `key` in the sentences before the first part. */
  statedBefore(si: number, first: NumberToken, key: string): NumberToken | undefined {
    return this.lastBefore(this.keyed(key), si, first);
  }
}

function toParts(doc: Doc, run: ReadonlyArray<{ t: NumberToken; from: number }>): PartRef[] {
  return run.map(({ t, from }) => partOf(doc, t, from));
}

export function findSumBreakdowns(doc: Doc, keyAt: KeyAt, used: ReadonlySet<number>): Breakdown[] {
  const out: Breakdown[] = [];
  const taken = new Set(used);
  const index = new CountIndex(doc, keyAt);
  const emit = (si: number, run: ReadonlyArray<{ t: NumberToken; from: number }>, shares = false) => {
    const first = run[0];
    if (!first || run.length < 2) return false;
    const parts = toParts(doc, run);
    const sum = run.reduce((a, r) => a + r.t.value, 0);
    // shares of 主动公开 (…各单位主动公开政府信息303条，占71.3%…) belong to the stated proactive total, whatever they add up to
    const topic = shares && parts.every((p) => /主动公开/u.test(p.label)) ? index.statedBefore(si, first.t, 'proactive.total') : undefined;
    const total = topic ?? index.earlierTotal(si, first.t, sum);
    if (!total) return false;
    if (!topic && !sumsTo(parts, total.value)) return false;
    out.push(makeBreakdown(doc, { value: total.value, at: total.numStart, start: total.start, end: total.end }, parts, keyAt));
    for (const r of run) taken.add(r.t.numStart);
    return true;
  };

  // share lists, possibly across sentences
  let run: Array<{ t: NumberToken; from: number }> = [];
  let runStart = 0;
  const flush = () => {
    emit(runStart, run, true);
    run = [];
  };
  doc.sentences.forEach((sentence, si) => {
    if (inSkip(doc, sentence.start)) return flush();
    const counts = (doc.tokens[si] ?? []).filter((t) => isCount(t) && !taken.has(t.numStart));
    let from = sentence.start;
    for (const t of counts) {
      if (t.share && (run.length === 0 || run[0]?.t.unit === t.unit)) {
        if (run.length === 0) runStart = si;
        run.push({ t, from });
      } else if (run.length > 0) flush();
      from = t.end;
    }
    if (counts.length === 0) flush();
  });
  flush();

  // category lists within one sentence
  doc.sentences.forEach((sentence, si) => {
    if (inSkip(doc, sentence.start)) return;
    const counts = (doc.tokens[si] ?? []).filter((t) => isCount(t) && !taken.has(t.numStart));
    const byUnit = new Map<string, Array<{ t: NumberToken; from: number }>>();
    let from = sentence.start;
    for (const t of counts) {
      const list = byUnit.get(t.unit ?? '') ?? [];
      list.push({ t, from });
      byUnit.set(t.unit ?? '', list);
      from = t.end;
    }
    for (const list of byUnit.values()) if (list.length >= 3) emit(si, list);
  });
  return out;
}
