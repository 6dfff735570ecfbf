import type { ExtractResult, Metric, TextRegion } from '@gongkai/core';
import { describe, expect, it } from 'vitest';
import { placeOnPages } from './evidence.pages.ts';

const text = '本年度共收到政府信息公开申请41件，办结38件。';
const at = (s: string) => text.indexOf(s);
const metric = (key: string, value: number, quote: string): Metric => ({
  key, value, unit: '件', approx: false, source: 'text', evidence: { quote, start: at(quote), end: at(quote) + quote.length, section: null },
});
/** Three word regions: "…申请", "41件，" (doubtful), "办结38件。" on page 2. */
const regions: TextRegion[] = [
  { start: 0, end: at('41'), page: 1, box: [100, 200, 500, 240], conf: 0.95 },
  { start: at('41'), end: at('办结'), page: 1, box: [500, 200, 600, 240], conf: 0.41 },
  { start: at('办结'), end: text.length, page: 2, box: [90, 50, 300, 90], conf: 0.93 },
];

describe('placeOnPages', () => {
  it('gives each figure the page and the box of the regions its quote covers, and flags the doubtful one', () => {
    const result: ExtractResult = {
      metrics: [metric('requests.received.total', 41, '收到政府信息公开申请41件'), metric('requests.closed.total', 38, '办结38件')],
      mentions: [], breakdowns: [],
    };
    const [received, closed] = placeOnPages(result, regions).metrics;
    expect(received!.evidence).toMatchObject({ page: 1, box: [100, 200, 600, 240], ocrUncertain: true });
    expect(closed!.evidence).toMatchObject({ page: 2, box: [90, 50, 300, 90] });
    expect(closed!.evidence.ocrUncertain).toBeUndefined();
  });

  it('leaves a text that was not OCR\'d as it was', () => {
    const result: ExtractResult = { metrics: [metric('requests.received.total', 41, '申请41件')], mentions: [], breakdowns: [] };
    expect(placeOnPages(structuredClone(result), undefined)).toEqual(result);
  });
});
