/**
 * Every total-with-parts the text states (extract's 其中 breakdowns): parts
 * larger than the total is an error (A_CHILD_LE); a list that claims to be
 * complete but falls short is a warning (A_CHILD_SUM, see `claimsComplete`).
 */
import { SUM_RULES, type Breakdown, type Finding } from '@gongkai/core';
import { clip, fmt } from '../format.helpers.ts';
import { finding, type RuleContext } from '../validate.context.ts';

const EPS = 1e-6;
const APPROX = /\d\s*[余多]|[约近超]\s*\d/;

/** 余/约/多/近 around a number: a bound, not a count to add up. */
function approxQuote(quote: string): boolean {
  return APPROX.test(quote);
}

/** Channel rows (公报/网站/微博/微信/其他) never add up to 主动公开: the same item counts on several channels. */
function onlyChannels(b: Breakdown): boolean {
  const keyed = b.parts.filter((p) => p.key);
  return keyed.length > 0 && keyed.length === b.parts.length && keyed.every((p) => p.key?.startsWith('proactive.channel.'));
}

/** Children of each catalogue sum (requests.received.total → its six channels, staff.total → 专职 + 兼职…). */
const CATALOGUE_CHILDREN = new Map(SUM_RULES.filter((r) => r.kind === 'sum' && r.strength === 'soft').map((r) => [r.parent, new Set(r.children)]));

/**
 * Does the list claim to be the whole total? Extract says so (`complete`), or it
 * enumerates two or more of the catalogue's parts of that total (网上申请…，邮寄申请…
 * under 受理申请): a shortfall is then worth a warning, since the soft catalogue
 * sums are exactly what a reader expects to add up. A lone part (其中…95条) never is.
 */
export function claimsComplete(b: Breakdown): boolean {
  if (b.complete) return true;
  const children = b.total.key ? CATALOGUE_CHILDREN.get(b.total.key) : undefined;
  return !!children && b.parts.length >= 2 && b.parts.every((p) => p.key !== undefined && children.has(p.key));
}

const family = (key: string) => key.split('.')[0];

/** Folds every run of two or more parts that adds up exactly to the part before it into that part. */
function foldSubParts(parts: Breakdown['parts']): Breakdown['parts'] {
  const out: Breakdown['parts'] = [];
  for (let i = 0; i < parts.length; i++) {
    const head = parts[i];
    if (!head) continue;
    out.push(head);
    let run = 0;
    for (let j = i + 1; j < parts.length; j++) {
      run += parts[j]?.value ?? 0;
      if (j > i + 1 && Math.abs(run - head.value) < EPS) {
        i = j;
        break;
      }
      if (run > head.value) break;
    }
  }
  return out;
}

const sumOf = (parts: Breakdown['parts']) => parts.reduce((s, p) => s + p.value, 0);

/**
 * The parts to add up: without parts keyed in another family than the total
 * (行政复议案件 listed after the outcomes of 办结依申请公开81件); and when the
 * list does not add up as written but does once sub-parts are folded into the
 * part they sum to (预决算公开197条, 政府预决算32条, 部门预决算公开165条), the folded list.
 */
export function effectiveParts(b: Breakdown): Breakdown['parts'] {
  const own = b.parts.filter((p) => !(b.total.key && p.key && family(p.key) !== family(b.total.key)));
  if (Math.abs(sumOf(own) - b.total.value) < EPS) return own;
  const folded = foldSubParts(own);
  return Math.abs(sumOf(folded) - b.total.value) < EPS ? folded : own;
}

export interface BreakdownOutcome {
  findings: Finding[];
  /** Start offsets of totals already judged here (catalogue sums skip them). */
  judgedTotals: Set<number>;
}

export function checkBreakdowns(ctx: RuleContext): BreakdownOutcome {
  const findings: Finding[] = [];
  const judgedTotals = new Set<number>();
  const seen = new Set<string>();
  for (const b of ctx.input.extract.breakdowns) {
    if (b.parts.length === 0 || ctx.inUniformTable(b.total.evidence.start)) continue;
    const id = `${b.total.evidence.start}:${b.parts.map((p) => p.evidence.start).join(',')}`;
    if (seen.has(id)) continue;
    seen.add(id);
    judgedTotals.add(b.total.evidence.start);
    if (onlyChannels(b) || approxQuote(b.total.evidence.quote) || b.parts.some((p) => approxQuote(p.evidence.quote))) continue;
    const own = effectiveParts(b);
    const sum = sumOf(own);
    const total = b.total.value;
    const evidence = [b.total.evidence, ...own.map((p) => p.evidence)];
    const data = { total, sum, parts: own.map((p) => fmt(p.value)).join('+'), ...(b.total.key ? { key: b.total.key } : {}) };
    const parts = own.map((p) => `${clip(p.label || '?', 16)} ${fmt(p.value)}`).join(', ');
    if (sum > total + EPS) {
      findings.push(finding('A_CHILD_LE', `The parts (${parts}) add up to ${fmt(sum)}, more than their stated total ${fmt(total)}: 「${clip(b.total.evidence.quote)}」.`, evidence, data));
    } else if (claimsComplete(b) && sum < total - EPS) {
      findings.push(finding('A_CHILD_SUM', `The listed parts (${parts}) add up to ${fmt(sum)}, not the stated total ${fmt(total)}: 「${clip(b.total.evidence.quote)}」.`, evidence, data));
    }
  }
  return { findings, judgedTotals };
}
