/**
 * Derived rates: figures a reader computes from a report's own metrics to
 * compare agencies and years (share granted, review correction rate, …).
 * Each rate is data (its operands, its formula as shown to the user) plus a
 * pure compute over metric values. A rate whose input is not stated, or
 * whose denominator is 0, is null: missing, never 0 (a report that states no
 * requests has no "granted share", it does not have 0%).
 */
import { metricDef } from './catalogue.ts';

/**
 * One operand: alternatives tried in order, each a list of metric keys that
 * are summed and must all be stated. The first alternative whose keys are
 * all stated gives the value (e.g. litigation corrected: the narrative's
 * `litigation.corrected`, else 表四's two groups added).
 */
export type Operand = readonly (readonly string[])[];

export interface RateDef {
  /** `rate.*`: never a metric key, so the two can share one figure namespace. */
  key: string;
  label: { zh: string; en: string };
  /** The formula over metric keys, as shown to the user. */
  formula: string;
  /** '%': numerator / denominator × 100; '件' and the like: a plain count (no denominator). */
  unit: '%' | '件' | '件/百件';
  numerator: readonly Operand[];
  /** Summed; null for a rate that is a count. */
  denominator: readonly Operand[] | null;
  /** Multiplies numerator / denominator. @defaultValue 100 for '%' */
  scale: number;
}

/** What a rate came to for one report: its value and the metric keys it was computed from (their evidence is the rate's). */
export interface RateValue {
  value: number;
  inputs: string[];
}

/** Reads a metric's value for one report; undefined when the report does not state it. */
export type MetricLookup = (key: string) => number | undefined;

const k = (...keys: string[]): readonly string[] => keys;

// operands shared by several rates: the core key first (both eras fill it; extract maps 表三/表四 onto it), then the table cells
const GRANTED: Operand = [k('requests.outcome.granted'), k('t3.granted.total')];
const PARTIAL: Operand = [k('requests.outcome.partial'), k('t3.partial.total')];
const REFUSED: Operand = [k('requests.outcome.refused.total'), k('t3.refused.sum.total')];
const ANSWERED: Operand = [k('requests.outcome.total'), k('t3.total.total')];
const RECEIVED: Operand = [k('requests.received.total'), k('t3.new_received.total')];
const CARRIED_OVER: Operand = [k('requests.carried_over'), k('t3.carried_over.total')];
const CARRIED_FORWARD: Operand = [k('requests.carried_forward'), k('t3.carried_forward.total')];
const REVIEW_CORRECTED: Operand = [k('review.corrected'), k('t4.review.corrected')];
const REVIEW_TOTAL: Operand = [k('review.total'), k('t4.review.total')];
const LITIGATION_CORRECTED: Operand = [k('litigation.corrected'), k('t4.litigation_direct.corrected', 't4.litigation_after_review.corrected')];
const LITIGATION_TOTAL: Operand = [k('litigation.total'), k('t4.litigation_direct.total', 't4.litigation_after_review.total'), k('litigation.direct.total', 'litigation.after_review.total')];
const CLOSED_ON_TIME: Operand = [k('requests.closed.on_time')];
const CLOSED_TOTAL: Operand = [k('requests.closed.total')];

function rate(key: string, zh: string, en: string, formula: string, numerator: Operand[], denominator: Operand[] | null, unit: RateDef['unit'] = '%', scale = 100): RateDef {
  return { key, label: { zh, en }, formula, unit, numerator, denominator, scale: denominator ? scale : 1 };
}

export const RATES: readonly RateDef[] = Object.freeze([
  rate('rate.granted_share', '公开（含部分公开）占办理结果比例', 'Granted in full or part, share of requests answered',
    '(requests.outcome.granted + requests.outcome.partial) / requests.outcome.total × 100 (2019+: t3.granted.total, t3.partial.total, t3.total.total)',
    [GRANTED, PARTIAL], [ANSWERED]),
  rate('rate.refused_share', '不予公开占办理结果比例', 'Refused, share of requests answered',
    'requests.outcome.refused.total / requests.outcome.total × 100 (2019+: t3.refused.sum.total / t3.total.total)',
    [REFUSED], [ANSWERED]),
  rate('rate.review_corrected', '行政复议纠错率', 'Administrative review correction rate',
    'review.corrected / review.total × 100 (2019+: t4.review.corrected / t4.review.total)',
    [REVIEW_CORRECTED], [REVIEW_TOTAL]),
  rate('rate.litigation_lost', '行政诉讼败诉（被纠错）率', 'Litigation loss rate (decisions corrected by the court)',
    'litigation.corrected / litigation.total × 100 (2019+: (t4.litigation_direct.corrected + t4.litigation_after_review.corrected) / (t4.litigation_direct.total + t4.litigation_after_review.total))',
    [LITIGATION_CORRECTED], [LITIGATION_TOTAL]),
  rate('rate.closed_on_time', '按时办结率', 'Requests closed on time, share of requests closed',
    'requests.closed.on_time / requests.closed.total × 100',
    [CLOSED_ON_TIME], [CLOSED_TOTAL]),
  rate('rate.carried_forward_share', '结转下年度占待办申请比例', 'Carried into next year, share of requests to handle',
    'requests.carried_forward / (requests.received.total + requests.carried_over) × 100 (2019+: t3.carried_forward.total / (t3.new_received.total + t3.carried_over.total))',
    [CARRIED_FORWARD], [RECEIVED, CARRIED_OVER]),
  rate('rate.review_per_100_requests', '每百件申请的行政复议数', 'Administrative reviews per 100 requests received',
    'review.total / requests.received.total × 100 (2019+: t4.review.total / t3.new_received.total)',
    [REVIEW_TOTAL], [RECEIVED], '件/百件'),
  rate('rate.new_requests', '本年新收申请数', 'New requests received in the year',
    'requests.received.total (2019+: t3.new_received.total)',
    [RECEIVED], null, '件'),
]);

const BY_KEY = new Map(RATES.map((r) => [r.key, r]));

export function rateDef(key: string): RateDef | undefined {
  return BY_KEY.get(key);
}

export const isRateKey = (key: string): boolean => BY_KEY.has(key);

/** Every metric key any rate may read, in no particular order. */
export const RATE_INPUT_KEYS: readonly string[] = Object.freeze([
  ...new Set(RATES.flatMap((r) => [...r.numerator, ...(r.denominator ?? [])].flatMap((o) => o.flat()))),
]);

/** The value of one operand and the keys it read, or null when no alternative is fully stated. */
function operand(o: Operand, get: MetricLookup): RateValue | null {
  for (const alt of o) {
    const values = alt.map(get);
    if (values.every((v): v is number => v !== undefined && Number.isFinite(v))) return { value: values.reduce((a, b) => a + b, 0), inputs: [...alt] };
  }
  return null;
}

function sum(os: readonly Operand[], get: MetricLookup): RateValue | null {
  let value = 0;
  const inputs: string[] = [];
  for (const o of os) {
    const v = operand(o, get);
    if (!v) return null;
    value += v.value;
    inputs.push(...v.inputs);
  }
  return { value, inputs };
}

/** A rate for one report: null when an input is not stated or the denominator is 0. */
export function computeRate(def: RateDef, get: MetricLookup): RateValue | null {
  const num = sum(def.numerator, get);
  if (!num) return null;
  if (!def.denominator) return num;
  const den = sum(def.denominator, get);
  if (!den || den.value === 0) return null;
  return { value: (num.value / den.value) * def.scale, inputs: [...num.inputs, ...den.inputs] };
}

/** A figure is a metric of the catalogue or a rate: what the comparison and the series pages chart. */
export interface FigureDef {
  key: string;
  kind: 'metric' | 'rate';
  label: { zh: string; en: string };
  unit: string;
  /** Rates only. */
  formula?: string;
}

export function figureDef(key: string): FigureDef | undefined {
  const r = rateDef(key);
  if (r) return { key, kind: 'rate', label: r.label, unit: r.unit, formula: r.formula };
  const m = metricDef(key);
  if (m) return { key, kind: 'metric', label: { zh: m.labels[0] ?? key, en: key }, unit: m.unit };
  return undefined;
}
