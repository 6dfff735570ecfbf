import type { Metric } from '@gongkai/core';
import type { GoldFile } from '@gongkai/testkit';
import { describe, expect, it } from 'vitest';
import { containsNumber, normQuote, overlaps, scoreFile, type Extracted } from './score.ts';

describe('quote comparison', () => {
  it('compares after NFKC without whitespace and punctuation', () => {
    expect(normQuote('其中：网上申请 21 件，')).toBe('其中网上申请21件');
    expect(normQuote('（占１００％）')).toBe('占100');
  });
  it.each<[string, string, boolean]>([
    ['其中网上申请21件', '其中网上申请21件，邮寄申请20件', true],
    ['全年我办共受理信息公开申请41件', '受理信息公开申请41件', true],
    ['主动公开信息数 条 425 1516', '主动公开信息数条425 1516', true],
    ['其中网上申请21件', '邮寄申请20件', false],
  ])('%s ~ %s: %s', (a, b, want) => {
    expect(overlaps(a, b)).toBe(want);
  });
  it.each<[string, number, boolean]>([
    ['我区采用以会代训的方式培训三期', 3, true],
    ['全年收取政府信息公开信息处理费 3940 元', 0.394, true],
    ['共计1,234条', 1234, true],
    ['其中网上申请21件', 20, false],
  ])('%s holds %d: %s', (q, v, want) => {
    expect(containsNumber(q, v)).toBe(want);
  });
});

const gold: GoldFile = {
  file: 'seeds/x.txt', regime: 'A', meta: { year: 2017 }, sections: [],
  metrics: [
    { key: 'requests.received.total', value: 41, unit: '件', quote: '全年我办共受理信息公开申请41件' },
    { key: 'requests.received.online', value: 21, unit: '件', quote: '其中网上申请21件' },
    { key: 'proactive.total', value: 7220, unit: '条', quote: '一年来共公开信息7220余条', approx: true, accept: [3651] },
    { key: 'requests.closed.on_time', value: 41, unit: '件', quote: '均在法定期限内办结', optional: true },
  ],
  absent: ['fees.amount_wan_yuan'],
  breakdowns: [{ total: 41, parts: [21, 20], quote: '' }],
  findings: [],
};

function metric(key: string, value: number, quote: string, source: Metric['source'] = 'text'): Metric {
  return { key, value, unit: '件', approx: false, evidence: { quote, start: 0, end: quote.length, section: null }, source };
}

function extracted(metrics: Metric[]): Extracted {
  return { metrics, mentions: [], breakdowns: [], meta: null, sections: [], script: null, findings: null };
}

describe('scoreFile', () => {
  it('counts found, wrong, missing, evidence, false positives and absent keys filled', () => {
    const s = scoreFile(gold, extracted([
      metric('requests.received.total', 41, '全年我办共受理信息公开申请41件'),
      metric('requests.received.online', 21, '邮寄申请20件'),
      metric('proactive.total', 3651, '我县政府网站共公开各类信息3651条'),
      metric('fees.amount_wan_yuan', 0, '不涉及收费', 'zero'),
      metric('requests.closed.on_time', 40, '均在法定期限内办结', 'derived'),
    ]));
    expect(s.required).toBe(3);
    expect(s.found).toBe(2);
    expect(s.badEvidence.map((m) => m.key)).toEqual(['requests.received.online']);
    expect(s.approxMismatch).toEqual(['proactive.total']);
    expect(s.wrong.map((m) => m.key)).toEqual(['requests.closed.on_time']);
    expect(s.falsePositives.map((m) => m.key)).toEqual(['fees.amount_wan_yuan']);
    expect(s.absentFilled.map((m) => m.key)).toEqual(['fees.amount_wan_yuan']);
    expect(s.breakdowns).toMatchObject({ total: 1, found: 0 });
    expect(s.recall).toBeCloseTo(2 / 3);
    expect(s.precision).toBeCloseTo(2 / 5);
  });

  it('an empty extraction misses every required metric and claims nothing', () => {
    const s = scoreFile(gold, extracted([]));
    expect(s.missing.map((m) => m.key)).toEqual(['requests.received.total', 'requests.received.online', 'proactive.total']);
    expect(s.precision).toBe(1);
    expect(s.recall).toBe(0);
  });
});
