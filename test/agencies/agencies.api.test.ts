/**
 * GET /api/agencies, /api/agencies/:key and /api/compare over real reports
 * of four Pingtan agencies run through the real pipeline. The expected
 * figures were read in the reports (quoted beside each), not taken from
 * the code's output.
 */
import type { Report } from '@gongkai/core';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCsv } from '../ops/csv.read.ts';
import { VIEWER, bearer } from '../ops/ops-fixture.ts';
import { AGENCY_SKIP_REASON, agencyFilesPresent, agencyFixture, type AgencyFixture } from './agencies.fixture.ts';

interface Evidence { key: string; quote: string; start: number; end: number; metricIndex: number }
interface Agency { agencyKey: string; name: string; level: string | null; region: string | null; years: number[] }
interface Point { year: number; reportId: string; value: number | null; evidence: Evidence[] }
interface Row { agencyKey: string; name: string; value: number; reportId: string; evidence: Evidence[] }

let f: AgencyFixture;
const auth = bearer(VIEWER);
const json = async <T>(path: string, status = 200): Promise<T> => {
  const res = await f.get(path, auth);
  expect(res.status, path).toBe(status);
  return (await res.json()) as T;
};
const keyOf = (r: Report) => r.meta!.agencyKey!;

describe.skipIf(!agencyFilesPresent)(`agencies and comparisons over real reports ${AGENCY_SKIP_REASON}`, () => {
  beforeAll(async () => {
    f = await agencyFixture('agenciesapi');
  }, 600_000);
  afterAll(async () => {
    await f?.close();
  });

  it('lists each agency once with its years, and finds them by name, region and level', async () => {
    const { agencies } = await json<{ agencies: Agency[] }>('/api/agencies');
    const d = f.docs;
    // four agencies: the management committee (2019–2021), the police (2020, 2021), the approval bureau (2019, 2022), the economy bureau (2020)
    expect(agencies).toHaveLength(4);
    const byKey = new Map(agencies.map((a) => [a.agencyKey, a]));
    expect(new Set([keyOf(d.pingtan2019), keyOf(d.pingtan2020), keyOf(d.pingtan2021)]).size).toBe(1);
    expect(byKey.get(keyOf(d.pingtan2019))?.years).toEqual([2019, 2020, 2021]);
    expect(byKey.get(keyOf(d.police2020))?.years).toEqual([2020, 2021]);
    expect(byKey.get(keyOf(d.approval2019))?.years).toEqual([2019, 2022]);
    expect(byKey.get(keyOf(d.economy2020))?.years).toEqual([2020]);
    expect(byKey.get(keyOf(d.police2021))?.name).toBe(d.police2021.meta!.agency);
    expect(byKey.get(keyOf(d.police2021))?.level).toBe(d.police2021.meta!.level);

    const police = await json<{ agencies: Agency[] }>(`/api/agencies?q=${encodeURIComponent('公安')}`);
    expect(police.agencies.map((a) => a.agencyKey)).toEqual([keyOf(d.police2021)]);
    expect((await json<{ agencies: Agency[] }>(`/api/agencies?region=${encodeURIComponent('平潭')}`)).agencies).toHaveLength(4);
    expect((await json<{ agencies: Agency[] }>(`/api/agencies?region=${encodeURIComponent('厦门')}`)).agencies).toHaveLength(0);
    const level = d.approval2022.meta!.level!;
    const sameLevel = (await json<{ agencies: Agency[] }>(`/api/agencies?level=${level}`)).agencies;
    expect(sameLevel.length).toBeGreaterThan(0);
    expect(sameLevel.every((a) => a.level === level)).toBe(true);
  });

  it("gives an agency's reports by year and the series of a metric and a rate, each point with its report and evidence", async () => {
    const key = keyOf(f.docs.pingtan2021);
    const a = await json<{ reports: Array<{ reportId: string; year: number }>; gaps: number[]; series: Record<string, Point[]> }>(
      `/api/agencies/${encodeURIComponent(key)}?metrics=requests.received.total,rate.granted_share`,
    );
    expect(a.reports.map((r) => [r.year, r.reportId])).toEqual([[2019, f.ids.pingtan2019], [2020, f.ids.pingtan2020], [2021, f.ids.pingtan2021]]);
    expect(a.gaps).toEqual([]);
    // 表三 本年新收…总计: 2019 "230 000023" → 23; 2020 "200 000121" → 21; 2021 "640020470" → 70 (and the text: 本年度全区共收到70件申请)
    expect(a.series['requests.received.total']!.map((p) => [p.year, p.value])).toEqual([[2019, 23], [2020, 21], [2021, 70]]);
    // 2019: 予以公开 7 + 部分公开 1 of 总计 23; 2021: 予以公开 30 + 部分公开 5 of 总计 69
    const rate = a.series['rate.granted_share']!;
    expect(rate[0]!.value).toBeCloseTo((8 / 23) * 100, 6);
    expect(rate[2]!.value).toBeCloseTo((35 / 69) * 100, 6);
    expect(rate[2]!.evidence.map((e) => e.key)).toEqual(['requests.outcome.granted', 'requests.outcome.partial', 'requests.outcome.total']);
    // every point's evidence is the stored metric's, at the index the report page anchors (#m-INDEX)
    for (const p of [...a.series['requests.received.total']!, ...rate]) {
      const doc = (await f.t.store.get(p.reportId, { full: true }))!;
      for (const ev of p.evidence) {
        const m = doc.metrics![ev.metricIndex]!;
        expect(m.key).toBe(ev.key);
        expect(doc.text!.slice(ev.start, ev.end)).toBe(m.evidence.quote);
        expect(m.evidence.quote.startsWith(ev.quote.replace(/…$/, ''))).toBe(true);
      }
    }
    const approval = await json<{ years: number[]; gaps: number[] }>(`/api/agencies/${encodeURIComponent(keyOf(f.docs.approval2019))}`);
    expect(approval.gaps).toEqual([2020, 2021]);
    await json(`/api/agencies/${encodeURIComponent('福建省/无此机关:政府')}`, 404);
  });

  it('ranks a year by a metric, the report that states nothing listed apart, never as 0', async () => {
    const c = await json<{ rows: Row[]; missing: Array<{ agencyKey: string; reportId: string }> }>('/api/compare?year=2020&metric=requests.received.total');
    // 2020: the committee 21, the economy bureau "本年新收…申请数量 0 0 0 0 0 0 0" (a stated 0); the police page has only its title
    expect(c.rows.map((r) => [r.reportId, r.value])).toEqual([[f.ids.pingtan2020, 21], [f.ids.economy2020, 0]]);
    expect(c.missing.map((m) => m.reportId)).toEqual([f.ids.police2020]);
    expect(c.rows[0]!.agencyKey).toBe(keyOf(f.docs.pingtan2020));
    // a table cell's quote is its digits; the cell names its row
    expect(c.rows[0]!.evidence[0]!.quote).toBe('21');
    expect((c.rows[0]!.evidence[0] as Evidence & { cell?: string }).cell).toContain('本年新收');
  });

  it('ranks a year by a rate; a rate whose input no report states has no rows', async () => {
    const c = await json<{ rows: Row[]; missing: unknown[] }>('/api/compare?year=2021&metric=rate.granted_share');
    // the police 2021: 予以公开 0, 部分公开 0, 总计 1 → 0%, a real 0 (it answered one request and granted none)
    expect(c.rows.map((r) => r.reportId)).toEqual([f.ids.pingtan2021, f.ids.police2021]);
    expect(c.rows[0]!.value).toBeCloseTo((35 / 69) * 100, 6);
    expect(c.rows[1]!.value).toBe(0);
    expect(c.missing).toEqual([]);
    // 2019+ forms do not state requests closed on time
    const none = await json<{ rows: Row[]; missing: Array<{ reportId: string }> }>('/api/compare?year=2021&metric=rate.closed_on_time');
    expect(none.rows).toEqual([]);
    expect(none.missing.map((m) => m.reportId).sort()).toEqual([f.ids.pingtan2021, f.ids.police2021].sort());
  });

  it('exports a comparison as CSV with a BOM, the missing report marked and left empty', async () => {
    const res = await f.get('/api/compare?year=2020&metric=requests.received.total&format=csv', auth);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    expect(res.headers.get('content-disposition')).toContain('attachment');
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = readCsv(new TextDecoder().decode(bytes.slice(3)));
    const head = rows[0]!;
    const col = (name: string) => head.indexOf(name);
    expect(head[col('rank')]).toBe('rank');
    const value = head.findIndex((h) => h.includes('requests.received.total'));
    const byId = new Map(rows.slice(1).map((r) => [r[col('reportId')], r]));
    expect(byId.get(f.ids.pingtan2020)?.[value]).toBe('21');
    expect(byId.get(f.ids.economy2020)?.[value]).toBe('0');
    expect(byId.get(f.ids.police2020)?.[value]).toBe('');
    expect(byId.get(f.ids.police2020)?.[col('stated')]).toBe('missing');
    expect(byId.get(f.ids.pingtan2020)?.[col('name')]).toBe(f.docs.pingtan2020.meta!.agency);
  });

  it("exports an agency's series as XLSX that reads back with the same numbers", async () => {
    const key = keyOf(f.docs.pingtan2021);
    const res = await f.get(`/api/agencies/${encodeURIComponent(key)}?metrics=requests.received.total,review.total&format=xlsx`, auth);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await res.arrayBuffer());
    const ws = wb.worksheets[0]!;
    const head = (ws.getRow(1).values as unknown[]).slice(1).map(String);
    const received = head.findIndex((h) => h.includes('(requests.received.total)')) + 1;
    const review = head.findIndex((h) => h.includes('(review.total)')) + 1;
    const rows = Array.from({ length: ws.rowCount - 1 }, (_, i) => ws.getRow(i + 2));
    // 表四 2021: 行政复议 维持 1, 纠正 0, 其他 2, 尚未审结 0, 总计 3
    expect(rows.map((r) => [r.getCell(3).value, r.getCell(received).value])).toEqual([[2019, 23], [2020, 21], [2021, 70]]);
    expect(rows[2]!.getCell(review).value).toBe(3);
    expect(rows[2]!.getCell(4).value).toBe(f.ids.pingtan2021);
  });

  it('refuses bad input and needs the viewer role', async () => {
    const bad = await f.get('/api/compare?year=20&metric=no.such.metric', auth);
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { problems: string[] }).problems.join(' ')).toMatch(/year.*metric|metric.*year/s);
    expect((await f.get('/api/agencies?q[$ne]=x', auth)).status).toBe(400);
    expect((await f.get('/api/agencies')).status).toBe(401);
  });
});
