import type { ExtractResult, Metric, TextRegion } from '@gongkai/core';
import { describe, expect, it } from 'vitest';
import { garbledDigits, placeOnPages } from './evidence.pages.ts';

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

  it('flags a figure whose digits OCR garbled, however sure the engine was: run into symbols or letters, or with a leading zero', () => {
    const garbled = '全年主动公开政府信息$$00余条，受理申请l2件，办结07件，答复41件。';
    const pos = (q: string) => garbled.indexOf(q);
    const m = (key: string, value: number, quote: string): Metric => ({
      key, value, unit: '条', approx: false, source: 'text', evidence: { quote, start: pos(quote), end: pos(quote) + quote.length, section: null },
    });
    const sure: TextRegion[] = [{ start: 0, end: garbled.length, page: 1, box: [0, 0, 900, 40], conf: 0.93 }];
    const result: ExtractResult = {
      metrics: [m('proactive.total', 0, '$$00余条'), m('requests.received.total', 2, 'l2件'), m('requests.closed.total', 7, '办结07件'), m('requests.outcome.total', 41, '答复41件')],
      mentions: [], breakdowns: [],
    };
    const flags = placeOnPages(result, sure, garbled).metrics.map((x) => x.evidence.ocrUncertain ?? false);
    expect(flags).toEqual([true, true, true, false]);
  });

  it('reads numbers as reports write them as not garbled (decimals, separators, units, brackets, 第…项)', () => {
    for (const [t, digits] of [['收费0.5万元', '0'], ['共1,234件', '1,234'], ['（2）项', '2'], ['第20条', '20'], ['“三安全一稳定”0件', '0'], ['受理0件', '0']] as const) {
      const at = t.indexOf(digits);
      expect(garbledDigits(t, at, at + digits.length), t).toBe(false);
    }
    expect(garbledDigits('共$12件', 2, 4)).toBe(true);
    expect(garbledDigits('共12|件', 1, 3)).toBe(true);
  });
});
