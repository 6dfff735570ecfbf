/**
 * The reports list at scale (issue 19, item 8), on the real MongoDB-protocol
 * server: cursor paging that neither repeats nor skips a row (ties in the
 * sort field included), sorting, search by file name, alias, id prefix,
 * agency (substring) and title, a hint when nothing matches; the same over
 * GET /api/reports and GET /reports.
 */
import type { Report } from '@gongkai/core';
import { startOpsServer, type OpsServer } from '@gongkai/ops';
import type { ReportPages, ReportSort } from '@gongkai/store';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEnv, type TestEnv } from '../helpers/test-env.ts';
import { ADMIN, VIEWER, bearer } from './ops-fixture.ts';

const N = 130;
const AGENCIES = ['平潭综合实验区管委会', '福州市人民政府办公厅', '厦门市思明区人民政府', '某县财政局'];
const id = (i: number) => createHash('sha256').update(`report-${i}`).digest('hex');

/** A stored report as the pipeline leaves one: done or failed, some sharing an updatedAt (ties), every fourth failed. */
function doc(i: number): Report {
  const failed = i % 4 === 3;
  const at = new Date(Date.UTC(2026, 10, 1) + Math.floor(i / 3) * 60_000).toISOString(); // three reports per minute: ties
  return {
    _id: id(i),
    source: { uri: `file:///srv/inbox/${i}.txt`, name: `report-${String(i).padStart(3, '0')}${failed ? '.bin' : '.txt'}`, size: 100 + i, receivedAt: new Date(Date.UTC(2026, 9, 1) + (N - i) * 1000).toISOString() },
    status: failed ? 'failed' : (['valid', 'warnings', 'invalid'] as const)[i % 3]!,
    pipeline: { version: '1', runId: `r${i}`, stages: {} },
    createdAt: at,
    updatedAt: at,
    ...(failed
      ? { failure: { stage: i % 8 === 3 ? 'decode' : 'segment', code: i % 8 === 3 ? 'BINARY_FILE' : 'NOT_A_REPORT', reason: `file ${i} is not a report`, at } }
      : {
          meta: {
            title: i % 5 === 0 ? null : `${AGENCIES[i % 4]}${2010 + (i % 10)}年政府信息公开工作年度报告`, inferredTitle: `推断标题${i}`,
            agency: AGENCIES[i % 4]!, level: null, region: null, year: 2010 + (i % 10), period: null, publishedAt: null, addressee: null, contact: {} as never, regime: 'A',
          },
          metrics: [], findings: i % 2 ? [{ rule: 'T3_BALANCE', severity: 'error', message: 'm', evidence: [] }] : [],
        }),
  } as Report;
}

let t: TestEnv;
let ops: OpsServer;
let pages: ReportPages;
const docs = Array.from({ length: N }, (_, i) => doc(i));

beforeAll(async () => {
  t = await testEnv('opspaging', { GONGKAI_ADMIN_TOKEN: ADMIN, GONGKAI_VIEWER_TOKEN: VIEWER, GONGKAI_PUBLIC_READ: 'false' });
  await t.store.reports.insertMany(docs);
  // a duplicate's other name, as intake records one
  await t.store.sources.insertOne({ _id: `loc:file:///srv/inbox/copy.txt#${id(10)}`, reportId: id(10), uri: 'file:///srv/inbox/copy.txt', name: '副本-平潭年报.txt', seenAt: docs[10]!.updatedAt });
  ops = await startOpsServer(t, t.log);
  // written around the store: the list's rows are rebuilt, as the ops server does once at its first listing
  expect(await t.store.listRows.sync()).toBe(N);
  pages = t.store.reportPages;
});
afterAll(async () => {
  await ops?.close();
  await t?.cleanup();
});

/** Every page of a listing, following `next`. */
async function walk(q: Parameters<ReportPages['page']>[0]): Promise<string[][]> {
  const out: string[][] = [];
  let cursor: string | undefined;
  do {
    const p = await pages.page({ ...q, ...(cursor ? { cursor } : {}) });
    out.push(p.items.map((r) => r._id));
    cursor = p.next ?? undefined;
  } while (cursor && out.length < 100);
  return out;
}

const field: Record<string, (r: Report) => string> = { updatedAt: (r) => r.updatedAt, receivedAt: (r) => r.source.receivedAt, name: (r) => r.source.name };
function expected(sort: ReportSort, keep: (r: Report) => boolean = () => true): string[] {
  const f = field[sort.replace('-', '')]!;
  const dir = sort.startsWith('-') ? -1 : 1;
  return docs.filter(keep).sort((a, b) => dir * (f(a) < f(b) ? -1 : f(a) > f(b) ? 1 : a._id < b._id ? -1 : a._id > b._id ? 1 : 0)).map((r) => r._id);
}

describe('cursor paging', () => {
  it.each<ReportSort>(['-updatedAt', 'updatedAt', '-receivedAt', 'name'])('walks every report exactly once, in order, sorted by %s (ties by id)', async (sort) => {
    const walked = await walk({ sort, limit: 7 });
    expect(walked.slice(0, -1).every((p) => p.length === 7)).toBe(true);
    expect(walked.flat()).toEqual(expected(sort));
  });

  it('pages a filtered listing too (failed at segment), and counts it', async () => {
    const keep = (r: Report) => r.failure?.stage === 'segment';
    expect((await walk({ failedStage: 'segment', limit: 4 })).flat()).toEqual(expected('-updatedAt', keep));
    expect(await pages.count({ failedStage: 'segment' })).toBe(docs.filter(keep).length);
  });

  it('refuses a cursor made for another order', async () => {
    const p = await pages.page({ sort: 'name', limit: 3 });
    await expect(pages.page({ sort: '-updatedAt', cursor: p.next! })).rejects.toThrow(/sort=name/);
  });
});

describe('search', () => {
  it.each([
    ['a file name part', 'report-04', (r: Report) => r.source.name.includes('report-04')],
    ['an id prefix', id(42).slice(0, 10), (r: Report) => r._id.startsWith(id(42).slice(0, 10))],
    // report 10 is 思明区's, but a copy of it arrived as 副本-平潭年报.txt (its alias)
    ['an agency part (and an alias)', '平潭', (r: Report) => !!r.meta?.agency?.includes('平潭') || r._id === id(10)],
    ['a title part', '2013年政府', (r: Report) => !!r.meta?.title?.includes('2013年政府')],
    ['an inferred title', '推断标题14', (r: Report) => !!r.meta?.inferredTitle?.includes('推断标题14')],
    ['a name in any case', 'REPORT-003.BIN', (r: Report) => r.source.name === 'report-003.bin'],
  ])('finds by %s', async (_what, q, keep) => {
    const want = expected('-updatedAt', keep);
    expect(want.length).toBeGreaterThan(0);
    expect((await walk({ q, limit: 50 })).flat()).toEqual(want);
  });

  it("finds a duplicate by its other name (an alias in sources)", async () => {
    expect((await walk({ q: '副本-平潭' })).flat()).toEqual([id(10)]);
  });

  it('an agency filter is a substring, not an exact match', async () => {
    expect(await pages.count({ agency: '平潭' })).toBe(docs.filter((r) => r.meta?.agency === AGENCIES[0]).length);
    expect(await pages.count({ agency: '思明' })).toBeGreaterThan(0);
  });

  it('treats regex characters as text', async () => {
    expect(await pages.count({ q: '.*' })).toBe(0);
  });
});

describe('over HTTP', () => {
  const get = (path: string) => fetch(`${ops.url}${path}`, { headers: bearer(VIEWER) });

  it('GET /api/reports pages by cursor and keeps the filters', async () => {
    const seen: string[] = [];
    let next: string | null = null;
    let total = 0;
    do {
      const r = await get(`/api/reports?limit=20&status=failed${next ? `&cursor=${next}` : ''}`);
      expect(r.status).toBe(200);
      const body = (await r.json()) as { total: number; next: string | null; items: Array<{ id: string; status: string }> };
      total = body.total;
      seen.push(...body.items.map((i) => i.id));
      expect(body.items.every((i) => i.status === 'failed')).toBe(true);
      next = body.next;
    } while (next);
    expect(seen).toEqual(expected('-updatedAt', (r) => r.status === 'failed'));
    expect(total).toBe(seen.length);
  });

  it('says how to page when given skip, and rejects a bad cursor', async () => {
    const skip = await get('/api/reports?limit=5&skip=5');
    expect(skip.status).toBe(400);
    expect(JSON.stringify(await skip.json())).toMatch(/cursor/);
    const bad = await get('/api/reports?cursor=bm90LWEtY3Vyc29y');
    expect(bad.status).toBe(400);
  });

  it('answers an agency nobody has with a hint naming similar ones', async () => {
    const r = (await (await get(`/api/reports?agency=${encodeURIComponent('平潭县')}`)).json()) as { total: number; hint: string };
    expect(r.total).toBe(0);
    expect(r.hint).toContain('平潭综合实验区管委会');
  });

  it('GET /reports shows a page, its total, and a link to the next page that continues where it stopped', async () => {
    const first = await (await get('/reports?limit=5&sort=name')).text();
    expect(first).toContain(`${N} report(s) match; 5 on this page`);
    const ids = (html: string) => [...html.matchAll(/<tr data-id="([0-9a-f]{64})"/g)].map((m) => m[1]);
    expect(ids(first)).toEqual(expected('name').slice(0, 5));
    const link = /<a class="next" href="([^"]+)"/.exec(first)![1]!.replace(/&amp;/g, '&');
    const second = await (await get(link)).text();
    expect(ids(second)).toEqual(expected('name').slice(5, 10));
  });

  it('GET /reports shows a failure with its reason on hover, and filters by the stage it failed at', async () => {
    const html = await (await get('/reports?failedStage=decode&limit=100')).text();
    const want = expected('-updatedAt', (r) => r.failure?.stage === 'decode');
    expect([...html.matchAll(/<tr data-id="([0-9a-f]{64})"/g)].map((m) => m[1])).toEqual(want);
    const d = docs.find((r) => r._id === want[0])!;
    expect(html).toContain(`<span class="err failure" title="${d.failure!.reason}">decode: BINARY_FILE</span>`);
  });

  it('GET /reports finds by a file name and says so when nothing matches', async () => {
    const html = await (await get('/reports?q=report-007')).text();
    expect([...html.matchAll(/<tr data-id="([0-9a-f]{64})"/g)].map((m) => m[1])).toEqual([id(7)]);
    const none = await (await get(`/reports?agency=${encodeURIComponent('不存在的机关')}`)).text();
    expect(none).toContain('class="hint"');
  });

  it("a report's page lists the other names it arrived under (aliases), names only", async () => {
    const html = await (await get(`/reports/${id(10)}`)).text();
    expect(html).toContain('Also arrived as (1)');
    expect(html).toContain('<li>副本-平潭年报.txt');
    expect(html).not.toContain('/srv/inbox/copy.txt');
  });

  it('the admin sees the same', async () => {
    const r = await fetch(`${ops.url}/api/reports?limit=1`, { headers: bearer(ADMIN) });
    expect(((await r.json()) as { items: unknown[] }).items).toHaveLength(1);
  });
});
