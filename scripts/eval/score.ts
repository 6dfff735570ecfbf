/**
 * Scores one report document against its gold file (shared/gold/README.md):
 * required metrics found / missing / wrong, false positives, absent keys
 * filled, breakdowns found, meta fields right, sections, findings.
 * Pure functions: the runner (scripts/eval.ts) feeds them.
 */
import type { Breakdown, Finding, Mention, Metric, ReportMeta, Section } from '@gongkai/core';
import type { GoldFile, GoldMetric } from '@gongkai/testkit';
import { isTableKey } from './render/gold.cells.ts';

export interface Extracted {
  metrics: readonly Metric[];
  mentions: readonly Mention[];
  breakdowns: readonly Breakdown[];
  meta: ReportMeta | null;
  sections: readonly Section[];
  script: string | null;
  findings: readonly Finding[] | null;
}

export interface Miss {
  key: string;
  want: number;
  got?: number;
  why: 'missing' | 'wrong' | 'evidence';
}

export interface FileScore {
  required: number;
  found: number;
  optionalFound: number;
  missing: Miss[];
  wrong: Miss[];
  /** Right value but the evidence does not contain the number or does not overlap the gold quote. */
  badEvidence: Miss[];
  falsePositives: Array<{ key: string; got: number }>;
  absentFilled: Array<{ key: string; got: number }>;
  approxMismatch: string[];
  breakdowns: { total: number; found: number; missing: Array<{ total: number; parts: number[] }> };
  meta: { total: number; right: number; wrong: string[] };
  sections: { total: number; right: number };
  findings: { expected: number; reported: number; noneTotal: number; noneRespected: number; missing: string[]; unwanted: string[] } | null;
  precision: number;
  recall: number;
}

/** NFKC, without whitespace and punctuation: how quotes are compared. */
export function normQuote(s: string): string {
  return s.normalize('NFKC').replace(/[\s\p{P}\p{S}]/gu, '');
}

function longestCommon(a: string, b: string): number {
  let best = 0;
  const prev = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    let diag = 0;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j] ?? 0;
      prev[j] = a[i - 1] === b[j - 1] ? diag + 1 : 0;
      if ((prev[j] ?? 0) > best) best = prev[j] ?? 0;
      diag = tmp;
    }
  }
  return best;
}

/** Two quotes overlap: one holds the other, or they share a run of min(6, shorter length) characters. */
export function overlaps(a: string, b: string): boolean {
  const x = normQuote(a);
  const y = normQuote(b);
  if (x.length === 0 || y.length === 0) return false;
  if (x.includes(y) || y.includes(x)) return true;
  return longestCommon(x, y) >= Math.min(6, x.length, y.length);
}

const CN = '零〇○一二两三四五六七八九十百千万';

function cnValue(s: string): number | null {
  const d: Record<string, number> = { 零: 0, '〇': 0, '○': 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
  let total = 0;
  let digit = 0;
  for (const c of s) {
    if (c in d) digit = d[c] ?? 0;
    else if (c === '十' || c === '百' || c === '千') {
      total += (digit || 1) * (c === '十' ? 10 : c === '百' ? 100 : 1000);
      digit = 0;
    } else if (c === '万') {
      total = (total + digit) * 10_000;
      digit = 0;
    }
  }
  return total + digit;
}

/** The quote writes the value (Arabic, Chinese numerals, or 元 for an amount in 万元). */
export function containsNumber(quote: string, value: number): boolean {
  const q = quote.normalize('NFKC').replace(/[\s,，]/gu, '');
  const forms = [String(value), String(Math.round(value * 10_000) / 1)];
  if (forms.some((f) => q.includes(f))) return true;
  for (const m of q.matchAll(new RegExp(`[${CN}]+`, 'gu'))) if (cnValue(m[0]) === value) return true;
  return false;
}

function same(a: number, b: number): boolean {
  return Math.abs(a - b) < 1e-6;
}

function evidenceOk(quote: string | null, value: number, ev: { quote: string }, source: string | undefined): boolean {
  const exempt = source === 'zero' || source === 'derived';
  if (!exempt && !containsNumber(ev.quote, value)) return false;
  if (quote === null || exempt) return true;
  return overlaps(ev.quote, quote);
}

function scoreMetrics(gold: GoldFile, x: Extracted, s: FileScore): void {
  const byKey = new Map(x.metrics.map((m) => [m.key, m]));
  const wanted: Array<GoldMetric & { fromCells?: boolean }> = [...gold.metrics];
  const listed = new Set(gold.metrics.map((m) => m.key));
  const nullCells = new Set<string>();
  for (const [key, value] of Object.entries(gold.cells ?? {})) {
    if (listed.has(key)) continue;
    if (value === null) nullCells.add(key);
    else wanted.push({ key, value, unit: '', quote: '', fromCells: true });
  }
  for (const g of wanted) {
    const accepted = [g.value, ...(g.accept ?? [])];
    const m = byKey.get(g.key);
    if (!g.optional) s.required++;
    if (!m) {
      if (!g.optional) s.missing.push({ key: g.key, want: g.value, why: 'missing' });
      continue;
    }
    if (!accepted.some((v) => same(v, m.value))) {
      s.wrong.push({ key: g.key, want: g.value, got: m.value, why: 'wrong' });
      continue;
    }
    // the gold quote is where the gold value is stated: an `accept` reading only has to show its own number
    const quote = g.fromCells || !g.quote ? null : g.quote;
    const statements = [m, ...x.mentions.filter((n) => n.key === g.key && accepted.some((v) => same(v, n.value)))];
    if (!statements.some((st) => evidenceOk(same(st.value, g.value) ? quote : null, st.value, st.evidence, st.source))) {
      s.badEvidence.push({ key: g.key, want: g.value, got: m.value, why: 'evidence' });
      continue;
    }
    if (g.approx && !m.approx) s.approxMismatch.push(g.key);
    if (g.optional) s.optionalFound++;
    else s.found++;
  }
  const known = new Set(wanted.map((g) => g.key));
  const absent = new Set([...gold.absent, ...nullCells]);
  for (const m of x.metrics) {
    if (known.has(m.key)) continue;
    s.falsePositives.push({ key: m.key, got: m.value });
    if (absent.has(m.key)) s.absentFilled.push({ key: m.key, got: m.value });
  }
}

function scoreBreakdowns(gold: GoldFile, x: Extracted, s: FileScore): void {
  const sig = (total: number, parts: readonly number[]) => `${total}=${[...parts].sort((a, b) => a - b).join('+')}`;
  const have = new Set(x.breakdowns.map((b) => sig(b.total.value, b.parts.map((p) => p.value))));
  for (const b of gold.breakdowns) {
    s.breakdowns.total++;
    if (have.has(sig(b.total, b.parts))) s.breakdowns.found++;
    else s.breakdowns.missing.push({ total: b.total, parts: b.parts });
  }
}

function normText(s: string | null | undefined): string {
  return normQuote(s ?? '');
}

function normUrl(s: string): string {
  return s.toLowerCase().replace(/^https?:\/\//u, '').replace(/\/$/u, '');
}

function scoreMeta(gold: GoldFile, x: Extracted, s: FileScore): void {
  const meta = x.meta;
  const check = (field: string, ok: boolean) => {
    s.meta.total++;
    if (ok) s.meta.right++;
    else s.meta.wrong.push(field);
  };
  const g = gold.meta;
  check('regime', meta?.regime === gold.regime);
  if (g.year !== undefined) check('year', meta?.year === g.year);
  if (g.agency !== undefined) {
    const names = new Set([meta?.agency, ...(meta?.agencyAliases ?? [])].filter(Boolean).map((n) => normText(n)));
    check('agency', g.agency.some((a) => names.has(normText(a))));
  }
  if (g.title !== undefined) {
    check('title', g.title === null ? !meta?.title || meta.titleInferred === true : normText(meta?.title) === normText(g.title));
  }
  if (g.publishedAt !== undefined) {
    const got = meta?.publishedAt ?? null;
    check('publishedAt', g.publishedAt === null ? got === null : got !== null && (got.startsWith(g.publishedAt) || g.publishedAt.startsWith(got)));
  }
  if (g.period !== undefined) check('period', JSON.stringify(meta?.period ?? null) === JSON.stringify(g.period));
  if (g.addressee !== undefined) check('addressee', g.addressee === null ? !meta?.addressee : normText(meta?.addressee) === normText(g.addressee));
  if (g.script !== undefined) check('script', x.script === g.script);
  for (const [field, want] of Object.entries(g.contact ?? {})) {
    const got = (meta?.contact as Record<string, string | undefined> | undefined)?.[field];
    check(`contact.${field}`, got !== undefined && (field === 'website' ? normUrl(got) === normUrl(want) : normText(got) === normText(want)));
  }
}

function scoreSections(gold: GoldFile, x: Extracted, s: FileScore): void {
  for (const g of gold.sections) {
    s.sections.total++;
    const hit = x.sections.find((sec) => sec.number === g.number && (normText(sec.title).includes(normText(g.title)) || normText(g.title).includes(normText(sec.title))));
    if (hit && normText(hit.title).length > 0) s.sections.right++;
  }
}

const ruleOf = (id: string) => id.split('.')[0] ?? id;

function scoreFindings(gold: GoldFile, x: Extracted, s: FileScore): void {
  if (x.findings === null) return;
  const reported = new Set(x.findings.map((f) => ruleOf(f.rule)));
  const f = { expected: 0, reported: 0, noneTotal: 0, noneRespected: 0, missing: [] as string[], unwanted: [] as string[] };
  for (const g of gold.findings) {
    if (g.severity === 'none') {
      f.noneTotal++;
      if (reported.has(g.rule)) f.unwanted.push(g.rule);
      else f.noneRespected++;
    } else {
      f.expected++;
      if (reported.has(g.rule)) f.reported++;
      else f.missing.push(g.rule);
    }
  }
  s.findings = f;
}

/** A gold file with `"scope": "tables"` states table cells only: other metric keys are neither required nor false positives. */
function inScope(gold: GoldFile, x: Extracted): [GoldFile, Extracted] {
  if ((gold as GoldFile & { scope?: string }).scope !== 'tables') return [gold, x];
  return [
    { ...gold, metrics: gold.metrics.filter((m) => isTableKey(m.key)), absent: gold.absent.filter(isTableKey) },
    { ...x, metrics: x.metrics.filter((m) => isTableKey(m.key)), mentions: x.mentions.filter((m) => isTableKey(m.key)) },
  ];
}

export function scoreFile(fullGold: GoldFile, fullX: Extracted): FileScore {
  const [gold, x] = inScope(fullGold, fullX);
  const s: FileScore = {
    required: 0, found: 0, optionalFound: 0, missing: [], wrong: [], badEvidence: [], falsePositives: [], absentFilled: [],
    approxMismatch: [], breakdowns: { total: 0, found: 0, missing: [] }, meta: { total: 0, right: 0, wrong: [] },
    sections: { total: 0, right: 0 }, findings: null, precision: 1, recall: 1,
  };
  scoreMetrics(gold, x, s);
  scoreBreakdowns(gold, x, s);
  scoreMeta(gold, x, s);
  scoreSections(gold, x, s);
  scoreFindings(gold, x, s);
  const tp = s.found + s.optionalFound;
  const claimed = tp + s.wrong.length + s.badEvidence.length + s.falsePositives.length;
  s.precision = claimed === 0 ? 1 : tp / claimed;
  s.recall = s.required === 0 ? 1 : s.found / s.required;
  return s;
}

/** An input that failed to run: every required metric missing. */
export function failedFile(gold: GoldFile): FileScore {
  return scoreFile(gold, { metrics: [], mentions: [], breakdowns: [], meta: null, sections: [], script: null, findings: null });
}
