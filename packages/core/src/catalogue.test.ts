import { describe, expect, it } from 'vitest';
import { METRICS, SUM_RULES, T3_BALANCE, TABLE_TO_CORE, T3_ROWS, T3_COLUMNS, isMetricKey, metricDef } from './catalogue.ts';

describe('metric catalogue', () => {
  it('has unique keys without characters MongoDB forbids in field names', () => {
    const keys = METRICS.map((m) => m.key);
    expect(new Set(keys).size).toBe(keys.length);
    for (const k of keys) expect(k).toMatch(/^[a-z0-9_]+(\.[a-z0-9_]+)+$/);
  });

  it('every sum rule, balance and table-to-core mapping names catalogue keys', () => {
    const missing: string[] = [];
    for (const r of SUM_RULES) for (const k of [r.parent, ...r.children]) if (!isMetricKey(k)) missing.push(`${r.id}: ${k}`);
    for (const b of T3_BALANCE) for (const k of [...b.left, ...b.right]) if (!isMetricKey(k)) missing.push(`${b.id}: ${k}`);
    for (const t of TABLE_TO_CORE) for (const k of [t.core, ...t.from]) if (!isMetricKey(k)) missing.push(`table→core: ${k}`);
    expect(missing).toEqual([]);
  });

  it('表三 has 29 template rows × 7 columns (2021: 25 data rows + 4 computed sums)', () => {
    expect(T3_COLUMNS).toHaveLength(7);
    expect(T3_ROWS).toHaveLength(29);
    expect(METRICS.filter((m) => m.key.startsWith('t3.'))).toHaveLength(29 * 7);
    expect(METRICS.filter((m) => m.key.startsWith('t4.'))).toHaveLength(15);
  });

  it('amounts are marked as decimal-capable and 表二 deltas may be negative', () => {
    expect(metricDef('fees.amount_wan_yuan')?.kind).toBe('amount');
    expect(metricDef('t2.licensing.delta')?.kind).toBe('delta');
    expect(metricDef('requests.received.total')?.unit).toBe('件');
  });
});
