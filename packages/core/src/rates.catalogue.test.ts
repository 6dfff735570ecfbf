import { describe, expect, it } from 'vitest';
import { isMetricKey } from './catalogue.ts';
import { RATES, RATE_INPUT_KEYS, computeRate, figureDef, rateDef, type RateDef } from './rates.catalogue.ts';

const lookup = (values: Record<string, number>) => (key: string) => values[key];
const byKey = (key: string): RateDef => {
  const d = rateDef(key);
  if (!d) throw new Error(`no rate ${key}`);
  return d;
};

describe('rates catalogue', () => {
  it('reads only metric keys of the catalogue, and its formulas name every key they read first', () => {
    for (const key of RATE_INPUT_KEYS) expect(isMetricKey(key), key).toBe(true);
    for (const r of RATES) {
      expect(r.key.startsWith('rate.'), r.key).toBe(true);
      expect(isMetricKey(r.key)).toBe(false);
      expect(r.label.zh.length > 0 && r.label.en.length > 0).toBe(true);
      for (const o of [...r.numerator, ...(r.denominator ?? [])]) for (const key of o[0]!) expect(r.formula, `${r.key} formula names ${key}`).toContain(key);
    }
    expect(new Set(RATES.map((r) => r.key)).size).toBe(RATES.length);
  });

  it.each([
    // [rate, stated metrics, expected value, keys it read]
    ['rate.granted_share', { 'requests.outcome.granted': 30, 'requests.outcome.partial': 10, 'requests.outcome.total': 50 }, 80, ['requests.outcome.granted', 'requests.outcome.partial', 'requests.outcome.total']],
    // a 2019+ report whose core keys were not derived: the 表三 cells
    ['rate.granted_share', { 't3.granted.total': 1, 't3.partial.total': 2, 't3.total.total': 4 }, 75, ['t3.granted.total', 't3.partial.total', 't3.total.total']],
    ['rate.review_corrected', { 'review.corrected': 1, 'review.total': 4 }, 25, ['review.corrected', 'review.total']],
    ['rate.review_corrected', { 't4.review.corrected': 0, 't4.review.total': 3 }, 0, ['t4.review.corrected', 't4.review.total']],
    ['rate.litigation_lost', { 'litigation.corrected': 1, 'litigation.total': 2 }, 50, ['litigation.corrected', 'litigation.total']],
    ['rate.litigation_lost', {
      't4.litigation_direct.corrected': 1, 't4.litigation_after_review.corrected': 2, 'litigation.total': 12,
    }, 25, ['t4.litigation_direct.corrected', 't4.litigation_after_review.corrected', 'litigation.total']],
    ['rate.carried_forward_share', { 'requests.carried_forward': 103, 'requests.received.total': 3119, 'requests.carried_over': 34 }, (103 / 3153) * 100,
      ['requests.carried_forward', 'requests.received.total', 'requests.carried_over']],
    ['rate.review_per_100_requests', { 'review.total': 5, 'requests.received.total': 250 }, 2, ['review.total', 'requests.received.total']],
    ['rate.new_requests', { 'requests.received.total': 41 }, 41, ['requests.received.total']],
    ['rate.new_requests', { 't3.new_received.total': 0 }, 0, ['t3.new_received.total']],
    ['rate.closed_on_time', { 'requests.closed.on_time': 9, 'requests.closed.total': 10 }, 90, ['requests.closed.on_time', 'requests.closed.total']],
  ] as const)('%s of %j is %d', (key, values, value, inputs) => {
    const r = computeRate(byKey(key), lookup(values));
    expect(r?.value).toBeCloseTo(value, 9);
    expect(r?.inputs).toEqual(inputs);
  });

  it.each([
    ['rate.granted_share', { 'requests.outcome.granted': 3, 'requests.outcome.total': 5 }, 'partial not stated'],
    ['rate.granted_share', { 'requests.outcome.granted': 0, 'requests.outcome.partial': 0, 'requests.outcome.total': 0 }, 'nothing answered'],
    ['rate.review_corrected', { 'review.corrected': 0, 'review.total': 0 }, 'no review: the rate is missing, not 0%'],
    ['rate.review_corrected', { 'review.total': 2 }, 'corrected not stated'],
    ['rate.litigation_lost', { 't4.litigation_direct.corrected': 1, 'litigation.total': 3 }, 'one of the two groups only'],
    ['rate.carried_forward_share', { 'requests.carried_forward': 1, 'requests.received.total': 3 }, 'carried over not stated'],
    ['rate.new_requests', {}, 'nothing stated'],
  ] as const)('%s of %j is missing (%s)', (key, values, _why) => {
    expect(computeRate(byKey(key), lookup(values))).toBeNull();
  });

  it('describes metrics and rates alike as figures', () => {
    expect(figureDef('rate.review_corrected')).toMatchObject({ kind: 'rate', unit: '%', label: { zh: '行政复议纠错率' } });
    expect(figureDef('requests.received.total')).toMatchObject({ kind: 'metric', unit: '件', label: { zh: '收到申请数' } });
    expect(figureDef('no.such.key')).toBeUndefined();
  });
});
