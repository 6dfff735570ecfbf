import { METRICS, type Report } from '@gongkai/core';
import { describe, expect, it } from 'vitest';
import { readCsv } from '../../../../test/ops/csv.read.ts';
import { BOM, EXPORT_COLUMNS, csvField, csvLine, exportRow, jsonLine } from './export.command.ts';

const report = (over: Partial<Report> = {}): Report => ({
  _id: 'a'.repeat(64),
  source: { uri: 'file:///in/x.txt', name: 'x.txt', size: 10, receivedAt: '2026-11-20T00:00:00.000Z' },
  status: 'warnings',
  pipeline: { version: '1', runId: 'r1', stages: {} },
  createdAt: '2026-11-20T00:00:00.000Z',
  updatedAt: '2026-11-20T00:00:00.000Z',
  meta: { title: null, inferredTitle: '某县人民政府2017年政府信息公开工作年度报告', agency: '某县人民政府', level: null, region: null, year: 2017, period: null, publishedAt: null, addressee: null, contact: {} as never, regime: 'A' },
  metrics: [
    { key: 'proactive.total', value: 3452, unit: '条', approx: false, evidence: { quote: '3452条', start: 0, end: 5, section: '二' }, source: 'text' },
    { key: 'fees.amount_wan_yuan', value: 0.35, unit: '万元', approx: true, evidence: { quote: '0.35万元', start: 6, end: 12, section: null }, source: 'text' },
  ],
  findings: [{ rule: 'REQUIRED_CONTENT_MISSING', severity: 'warning', message: 'm', evidence: [] }, { rule: 'T3_BALANCE', severity: 'error', message: 'n', evidence: [] }],
  ...over,
});

describe('export rows', () => {
  it('has one column per catalogue metric key after the report columns', () => {
    expect(EXPORT_COLUMNS.slice(-METRICS.length)).toEqual(METRICS.map((m) => m.key));
    expect(new Set(EXPORT_COLUMNS).size).toBe(EXPORT_COLUMNS.length);
  });

  it('puts values, not evidence, under their keys; missing metrics are empty', () => {
    const row = exportRow(report());
    expect(row['proactive.total']).toBe(3452);
    expect(row['fees.amount_wan_yuan']).toBe(0.35);
    expect(row['requests.received.total']).toBeUndefined();
    expect(row).toMatchObject({ agency: '某县人民政府', year: 2017, title: '某县人民政府2017年政府信息公开工作年度报告', findings: 'REQUIRED_CONTENT_MISSING T3_BALANCE' });
    const cells = readCsv(csvLine(EXPORT_COLUMNS.map((c) => row[c] ?? null)))[0]!;
    expect(cells).toHaveLength(EXPORT_COLUMNS.length);
    expect(cells[EXPORT_COLUMNS.indexOf('proactive.total')]).toBe('3452');
    expect(cells[EXPORT_COLUMNS.indexOf('requests.received.total')]).toBe('');
  });

  it('a report that failed before extraction is a row with its status, where and why it failed, its other names, and no figures', () => {
    const failure = { stage: 'decode' as const, code: 'BINARY_FILE', reason: 'x.txt is a PNG image, not a report', at: '2026-11-20T00:00:01.000Z' };
    const row = exportRow(report({ status: 'failed', meta: undefined, metrics: undefined, findings: undefined, failure }), ['copy of x.txt', 'x (1).txt']);
    expect(row).toMatchObject({ status: 'failed', agency: null, year: null, findings: null });
    expect(JSON.parse(jsonLine(row))).toEqual({
      id: 'a'.repeat(64), status: 'failed', agency: null, year: null, regime: null, title: null, source_name: 'x.txt', received_at: '2026-11-20T00:00:00.000Z', findings: null,
      failedStage: 'decode', errorCode: 'BINARY_FILE', errorMessage: 'x.txt is a PNG image, not a report', aliases: ['copy of x.txt', 'x (1).txt'],
    });
    const cells = readCsv(csvLine(EXPORT_COLUMNS.map((c) => row[c] ?? null)))[0]!;
    expect(cells[EXPORT_COLUMNS.indexOf('failedStage')]).toBe('decode');
    expect(cells[EXPORT_COLUMNS.indexOf('errorMessage')]).toBe('x.txt is a PNG image, not a report');
    expect(cells[EXPORT_COLUMNS.indexOf('aliases')]).toBe('copy of x.txt | x (1).txt');
    // a report that did not fail has the columns, empty
    expect(exportRow(report())).toMatchObject({ failedStage: null, errorCode: null, errorMessage: null, aliases: null });
  });
});

describe('csv fields', () => {
  it.each<[string | number | null, string]>([
    ['plain 中文', 'plain 中文'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['=HYPERLINK("x")', `"'=HYPERLINK(""x"")"`],
    ['+1', "'+1"],
    ['-1', "'-1"],
    ['@sum', "'@sum"],
    [-3, '-3'],
    [0.35, '0.35'],
    [null, ''],
  ])('%j → %s', (v, expected) => {
    expect(csvField(v)).toBe(expected);
  });

  it('reads back what it writes', () => {
    const cells = ['a,b', 'c"d', 'e\r\nf', '', '某县'];
    expect(readCsv(csvLine(cells))).toEqual([cells]);
  });

  it('the BOM is the UTF-8 one', () => {
    expect([...Buffer.from(BOM, 'utf8')]).toEqual([0xef, 0xbb, 0xbf]);
  });
});
