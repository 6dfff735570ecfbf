import type { Finding, Metric, Report } from '@gongkai/core';
import { describe, expect, it } from 'vitest';
import { AgencyIndex, rowOf } from './agency.index.ts';

const metric = (key: string, value: number): Metric => ({
  key, value, unit: '件', approx: false, source: 'text', evidence: { quote: `${key} ${value}`, start: 0, end: 5, section: '三' },
});

function report(id: string, key: string | undefined, year: number | null, metrics: Record<string, number>, extra: Partial<Report> = {}): Report {
  return {
    _id: id, status: 'valid', source: { uri: `file:///${id}`, name: `${id}.txt`, size: 1, receivedAt: '2026-01-01T00:00:00Z' },
    pipeline: { version: 't', runId: 'r', stages: {} }, createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z',
    meta: {
      title: null, agency: key ? `机关${key}` : null, agencyKey: key, level: 'county', region: { province: '福建省', city: '福州市', county: '平潭县' },
      year, period: null, publishedAt: null, addressee: null, contact: {} as never, regime: 'C',
    },
    metrics: Object.entries(metrics).map(([k, v]) => metric(k, v)),
    findings: [],
    ...extra,
  } as Report;
}

function indexOf(reports: Report[]): AgencyIndex {
  const ix = new AgencyIndex();
  for (const r of reports) ix.put(r._id, rowOf(r));
  return ix;
}

describe('AgencyIndex', () => {
  const reports = [
    report('a2019', 'A', 2019, { 'requests.received.total': 10, 'requests.outcome.granted': 4, 'requests.outcome.partial': 1, 'requests.outcome.total': 10 }),
    report('a2021', 'A', 2021, { 'requests.received.total': 0 }),
    report('a2021bis', 'A', 2021, { 'requests.received.total': 3 }),
    report('b2019', 'B', 2019, { 'requests.received.total': 25, 't3.granted.total': 5, 't3.partial.total': 5, 't3.total.total': 20 }),
    report('c2019', 'C', 2019, { 'proactive.total': 7 }),
    report('nokey', undefined, 2019, { 'requests.received.total': 99 }),
    report('queued', 'D', 2019, { 'requests.received.total': 1 }, { status: 'queued' }),
  ];
  const ix = indexOf(reports);

  it('groups done reports that name an agency; the rest belong to none', () => {
    expect(ix.list().map((a) => [a.agencyKey, a.years, a.reports])).toEqual([['A', [2019, 2021], 3], ['B', [2019], 1], ['C', [2019], 1]]);
    expect(ix.list({ q: '机关B' }).map((a) => a.agencyKey)).toEqual(['B']);
    expect(ix.list({ region: '平潭' })).toHaveLength(3);
    expect(ix.list({ region: '厦门' })).toHaveLength(0);
    expect(ix.list({ level: 'city' })).toHaveLength(0);
  });

  it("lists an agency's reports with the year it skipped and the year it reported twice, both reports kept", () => {
    const a = ix.agency('A')!;
    expect(a.rows.map((r) => r.reportId)).toEqual(['a2019', 'a2021', 'a2021bis']);
    expect(a.gaps).toEqual([2020]);
    expect(a.duplicates).toEqual([2021]);
    expect(ix.series('A', 'requests.received.total').map((p) => [p.year, p.value])).toEqual([[2019, 10], [2021, 0], [2021, 3]]);
    expect(ix.series('A', 'rate.granted_share').map((p) => [p.year, p.value])).toEqual([[2019, 50], [2021, null], [2021, null]]);
    expect(ix.agency('nope')).toBeNull();
  });

  it('ranks a year by a metric or a rate, and lists the reports without it apart (never as 0)', () => {
    const c = ix.compare(2019, 'requests.received.total');
    expect(c.rows.map((r) => [r.agencyKey, r.value])).toEqual([['B', 25], ['A', 10]]);
    expect(c.missing.map((m) => m.agencyKey)).toEqual(['C']);
    const g = ix.compare(2019, 'rate.granted_share');
    expect(g.rows.map((r) => [r.agencyKey, r.value])).toEqual([['A', 50], ['B', 50]]);
    expect(g.rows[1]!.evidence.map((e) => e.key)).toEqual(['t3.granted.total', 't3.partial.total', 't3.total.total']);
    expect(g.missing.map((m) => m.agencyKey)).toEqual(['C']);
    const t = ix.table(2019, ['requests.received.total', 'proactive.total'], 'proactive.total', false);
    expect(t.rows.map((r) => r.agencyKey)).toEqual(['C']);
    expect(t.missing.map((r) => [r.agencyKey, r.values['requests.received.total']?.value ?? null])).toEqual([['A', 10], ['B', 25]]);
  });

  it('drops a report that is no longer done and takes a changed one', () => {
    const again = indexOf(reports);
    again.put('b2019', rowOf({ ...reports[3]!, status: 'processing' }));
    expect(again.compare(2019, 'requests.received.total').rows.map((r) => r.agencyKey)).toEqual(['A']);
    // the same stored stamp is the same row; a rewrite moves updatedAt
    again.put('a2019', rowOf(report('a2019', 'A', 2019, { 'requests.received.total': 12 })));
    expect(again.compare(2019, 'requests.received.total').rows.map((r) => r.value)).toEqual([10]);
    again.put('a2019', rowOf(report('a2019', 'A', 2019, { 'requests.received.total': 12 }, { updatedAt: '2026-01-02T00:00:00Z' })));
    expect(again.compare(2019, 'requests.received.total').rows.map((r) => r.value)).toEqual([12]);
  });
});

describe('OCR misreads in the analyst views', () => {
  const ocrFinding = (key: string, value: number | null): Finding =>
    ({ rule: 'OCR_UNCERTAIN', severity: 'warning', message: `${key}: read by OCR`, evidence: [], data: { key, read: 7, value } }) as unknown as Finding;
  const ix = indexOf([
    report('contradicted', 'E', 2019, { 'requests.received.total': 7 }, { findings: [ocrFinding('requests.received.total', null)] }),
    report('unsure', 'F', 2019, { 'requests.received.total': 7 }, { findings: [ocrFinding('requests.received.total', 7)] }),
  ]);

  it('takes a figure the arithmetic contradicts as not stated (listed apart), and keeps one read with low confidence', () => {
    const c = ix.compare(2019, 'requests.received.total');
    expect(c.rows.map((r) => [r.reportId, r.value])).toEqual([['unsure', 7]]);
    expect(c.missing.map((m) => m.reportId)).toEqual(['contradicted']);
    expect(ix.series('E', 'requests.received.total').map((p) => p.value)).toEqual([null]);
  });
});
