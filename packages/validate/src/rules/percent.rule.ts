/**
 * Percentages stated in the text, recomputed from the report's own numbers
 * (reads the text directly, no extraction needed):
 * - shares: "…42件，占51.85%" — the part is the count just before 占, the base
 *   the total its list hangs from ("…81件，其中：…", "在…的425条政府信息中，…");
 * - rates: "受理…613件，办结605件，办结率98.69%" — numerator after the rate's
 *   verb, denominator after 受理/收到/共.
 * Rounding or truncation to the stated decimals is accepted, and so is any
 * larger count of the same unit nearby that gives the stated figure (the base
 * is then ambiguous, and a finding would not be trustworthy).
 */
import type { Finding } from '@gongkai/core';
import { countedNumbers, decimalsOf, percentAgrees, type CountedNumber } from '../numbers.scan.ts';
import { finding, type RuleContext } from '../validate.context.ts';
import { clip, fmt } from '../format.helpers.ts';

/** (?<!\d): a match starts where its digits do, so a long digit run is walked once, not once per digit. */
const PERCENT = /(?<!\d)(\d+(?:\.\d+)?)\s*[%％]/g;
const SHARE_LEAD = /占(比|比为|约|了)?\s*$/;
const RATE_LEAD = /(按时办结|按期办结|办结|答复|回复|办理|完成|整改)率(?:达到|达|为|是)?\s*$/;
const DENOMINATOR_CUE = /受理|收到|接到|接收|收件|共|来信|留言|申请/;
const WINDOW = 400;

interface Reading { part: CountedNumber; base: CountedNumber | null; candidates: CountedNumber[] }

/** Where the numbers of a percentage at `at` may start: its paragraph (line), at most WINDOW characters back. */
function windowStart(text: string, at: number): number {
  const floor = Math.max(0, at - WINDOW);
  for (let i = at - 1; i >= floor; i--) if (text.charCodeAt(i) === 10) return i + 1;
  return floor;
}

/** The last counted number of the clause ending at `to` (clauses end at 。；: a share's part is in its own clause). */
function lastInClause(ctx: RuleContext, to: number): CountedNumber | undefined {
  const head = ctx.text.slice(Math.max(0, to - 80), to);
  const cut = Math.max(head.lastIndexOf('。'), head.lastIndexOf('；'), head.lastIndexOf(';'), head.lastIndexOf('\n'));
  const from = to - head.length + cut + 1;
  return countedNumbers(ctx.text, from, to).at(-1);
}

/** The total a share list hangs from: "N条…中，" or the number just before 其中. */
function shareBase(ctx: RuleContext, part: CountedNumber, from: number): CountedNumber | null {
  const window = ctx.text.slice(from, part.start);
  let best: CountedNumber | null = null;
  const consider = (n: CountedNumber | undefined) => {
    if (n && n.unit === part.unit && !n.approx && (!best || n.start > best.start)) best = n;
  };
  for (const m of window.matchAll(/(\d+(?:\.\d+)?)\s*([^\d，。；,]{0,3})[^，。；\d]{0,20}中[，,：:]/g)) {
    const at = from + (m.index ?? 0);
    consider(countedNumbers(ctx.text, at, at + m[0].length)[0]);
  }
  const q = window.lastIndexOf('其中');
  if (q !== -1) consider(countedNumbers(ctx.text, Math.max(from, from + q - 30), from + q).at(-1));
  return best;
}

function read(ctx: RuleContext, pctStart: number): Reading | null {
  const text = ctx.text;
  const lead = text.slice(Math.max(0, pctStart - 12), pctStart);
  const from = windowStart(text, pctStart);
  const share = SHARE_LEAD.exec(lead);
  if (share) {
    const part = lastInClause(ctx, pctStart - share[0].length);
    if (!part || part.approx) return null;
    const candidates = countedNumbers(text, from, part.start).filter((n) => n.unit === part.unit && !n.approx && n.value >= part.value);
    return { part, base: shareBase(ctx, part, from), candidates };
  }
  const rate = RATE_LEAD.exec(lead);
  if (!rate) return null;
  // the rate's numbers: in its sentence, at most WINDOW characters back (as a share's)
  const sStart = Math.max(ctx.sentenceAt(pctStart)[0], pctStart - WINDOW);
  const stem = rate[1] === '按时办结' || rate[1] === '按期办结' ? '办结' : (rate[1] ?? '');
  const inSentence = countedNumbers(text, sStart, pctStart);
  const part = inSentence.filter((n) => text.slice(Math.max(sStart, n.start - 8), n.start).includes(stem)).at(-1);
  if (!part || part.approx) return null;
  const before = inSentence.filter((n) => n.end <= part.start && n.unit === part.unit && !n.approx);
  const base = before.filter((n) => DENOMINATOR_CUE.test(text.slice(Math.max(sStart, n.start - 10), n.start))).at(-1) ?? null;
  return { part, base, candidates: before.filter((n) => n.value >= part.value) };
}

export function checkPercentages(ctx: RuleContext): Finding[] {
  const out: Finding[] = [];
  for (const m of ctx.text.matchAll(PERCENT)) {
    const at = m.index ?? 0;
    if (ctx.inTable(at)) continue;
    const literal = m[1] ?? '';
    const stated = Number(literal);
    const decimals = decimalsOf(literal);
    const r = read(ctx, at);
    if (!r || !r.base) continue;
    if (r.candidates.some((c) => percentAgrees(stated, decimals, r.part.value, c.value))) continue;
    if (percentAgrees(stated, decimals, r.part.value, r.base.value)) continue;
    const computed = Math.round((r.part.value / r.base.value) * 10000) / 100;
    const pctEnd = at + m[0].length;
    const evidence = [ctx.ev(r.base.start, r.base.end), ctx.ev(r.part.start, r.part.end), ctx.ev(at, pctEnd)];
    out.push(finding('PERCENT_MISMATCH',
      `The text states ${literal}% but its own numbers give ${fmt(r.part.value)}/${fmt(r.base.value)} = ${computed}%: 「${clip(ctx.text.slice(r.base.start, pctEnd), 80)}」.`,
      evidence, { stated, part: r.part.value, base: r.base.value, computed }));
  }
  return out;
}
