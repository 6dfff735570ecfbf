import type { Finding, Metric } from '@gongkai/core';
import { describe, expect, it } from 'vitest';
import type { RuleContext } from '../validate.context.ts';
import { checkOcrUncertain } from './ocr-uncertain.rule.ts';

const metric = (key: string, value: number, start: number, ocrUncertain?: true): Metric => ({
  key, value, unit: '件', approx: false, source: 'table',
  evidence: { quote: String(value), start, end: start + String(value).length, section: '三', page: 2, box: [10, 20, 60, 40], ...(ocrUncertain ? { ocrUncertain } : {}) },
});
const ctx = (metrics: Metric[]) => ({ input: { extract: { metrics, mentions: [], breakdowns: [] } } }) as unknown as RuleContext;
const sumFails = (start: number, end: number): Finding => ({ rule: 'T3_TOTAL_SUM', severity: 'error', message: '总计 ≠ Σ', evidence: [{ quote: 'x', start, end, section: '三' }] });

describe('OCR_UNCERTAIN', () => {
  it('reports each doubtful figure, kept, and says when an identity it takes part in fails', () => {
    const kept = metric('requests.received.total', 41, 100, true);
    const broken = metric('requests.outcome.granted', 89, 200, true);
    const sure = metric('requests.closed.total', 38, 300);
    const out = checkOcrUncertain(ctx([kept, broken, sure]), [sumFails(195, 205)]);
    expect(out.map((f) => [f.rule, f.severity, f.data])).toEqual([
      ['OCR_UNCERTAIN', 'warning', { key: 'requests.received.total', read: 41, value: 41 }],
      ['OCR_UNCERTAIN', 'warning', { key: 'requests.outcome.granted', read: 89, value: null, contradictedBy: 'T3_TOTAL_SUM' }],
    ]);
    expect(out[0]!.message).toMatch(/low confidence on page 2: check it/);
    expect(out[1]!.message).toMatch(/T3_TOTAL_SUM fails with it: it is probably misread; treat it as unknown/);
  });

  it('says nothing about a report read from text', () => {
    expect(checkOcrUncertain(ctx([metric('requests.received.total', 41, 100)]), [sumFails(95, 105)])).toEqual([]);
  });

  it('in an OCR\'d report, an identity that fails with none of its figures doubtful puts each of them under OCR_UNCERTAIN, to be treated as unknown', () => {
    const ocrCtx = (metrics: Metric[]) => ({
      input: { decode: { text: '', decode: { ocr: { engine: 'tesseract', version: '5.3.0', pages: 2, meanConfidence: 0.9 } } }, extract: { metrics, mentions: [], breakdowns: [] } },
    }) as unknown as RuleContext;
    const a = metric('t3.granted.total', 5, 200);
    const b = metric('t3.total.total', 3, 210);
    const outside = metric('t3.new_received.total', 3, 400);
    const out = checkOcrUncertain(ocrCtx([a, b, outside]), [sumFails(195, 215)]);
    expect(out.map((f) => f.data)).toEqual([
      { key: 't3.granted.total', read: 5, value: null, contradictedBy: 'T3_TOTAL_SUM' },
      { key: 't3.total.total', read: 3, value: null, contradictedBy: 'T3_TOTAL_SUM' },
    ]);
    // a doubtful figure in the identity takes the blame alone
    const doubtful = metric('t3.granted.total', 5, 200, true);
    expect(checkOcrUncertain(ocrCtx([doubtful, b, outside]), [sumFails(195, 215)]).map((f) => f.data?.['key'])).toEqual(['t3.granted.total']);
    // a report read from its text layer: the identity's own finding says it, no OCR finding
    expect(checkOcrUncertain(ctx([a, b]), [sumFails(195, 215)])).toEqual([]);
  });
});
