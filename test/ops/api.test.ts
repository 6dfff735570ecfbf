/**
 * The JSON API against the real servers, after the five seeds and a bad
 * file went through the real pipeline: listings and filters agree with the
 * documents in MongoDB, bad input is a 400 that names the field, replay and
 * reprocess behave as `gongkai replay` / `gongkai reprocess` do.
 */
import { STAGES, isDone, type Report } from '@gongkai/core';
import { SHARED_SKIP_REASON, sharedAvailable } from '@gongkai/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../helpers/test-env.ts';
import { ADMIN, VIEWER, bearer, opsFixture, type OpsFixture } from './ops-fixture.ts';

let f: OpsFixture;
const v = bearer(VIEWER);
const a = bearer(ADMIN);
type Listing = { total: number; items: Array<{ id: string; status: string; agency: string | null; year: number | null; metrics: Record<string, number>; findings: Array<{ rule: string }> }> };
const list = async (query: string): Promise<Listing> => {
  const r = await f.get(`/api/reports${query}`, v);
  expect(r.status, query).toBe(200);
  return (await r.json()) as Listing;
};
/** Every report document, read straight from MongoDB (what the API must agree with). */
const stored = async () => (await f.t.store.reports.find({}).toArray()) as Report[];

describe.skipIf(!sharedAvailable)(`the API over the seeds ${SHARED_SKIP_REASON}`, () => {
  beforeAll(async () => {
    f = await opsFixture('opsapi');
  });
  afterAll(async () => {
    await f?.close();
  });

  it('lists every report, newest first, with status, agency, year, figures and findings', async () => {
    const all = await list('');
    const docs = await stored();
    expect(all.total).toBe(6);
    expect(all.items.map((i) => i.id).sort()).toEqual([...f.seedIds, f.badId].sort());
    for (const item of all.items) {
      const doc = docs.find((d) => d._id === item.id)!;
      expect(item.status).toBe(doc.status);
      expect(item.agency).toBe(doc.meta?.agency ?? null);
      expect(item.metrics).toEqual(Object.fromEntries((doc.metrics ?? []).map((m) => [m.key, m.value])));
      expect(item.findings.map((x) => x.rule)).toEqual((doc.findings ?? []).map((x) => x.rule));
    }
    expect(all.items.find((i) => i.id === f.badId)!.status).toBe('failed');
  });

  it('filters by status, agency, year and finding rule as MongoDB does', async () => {
    const docs = await stored();
    const done = docs.filter((d) => isDone(d.status));
    expect((await list('?status=done')).total).toBe(5);
    expect((await list('?status=failed')).items.map((i) => i.id)).toEqual([f.badId]);
    const agency = done[0]!.meta!.agency!;
    expect((await list(`?agency=${encodeURIComponent(agency)}`)).items.map((i) => i.id).sort())
      .toEqual(docs.filter((d) => d.meta?.agency?.includes(agency)).map((d) => d._id).sort());
    expect((await list('?year=2017')).total).toBe(docs.filter((d) => d.meta?.year === 2017).length);
    const rule = done.flatMap((d) => d.findings ?? [])[0]?.rule;
    if (rule) expect((await list(`?rule=${rule}`)).total).toBe(docs.filter((d) => d.findings?.some((x) => x.rule === rule)).length);
    // paging is by cursor: the second page starts after the first, and the total is the whole listing's
    const first = (await list('?limit=2')) as Listing & { next: string };
    const page = await list(`?limit=2&cursor=${first.next}`);
    expect(page.items).toHaveLength(2);
    expect(page.items.map((i) => i.id).some((id) => first.items.some((x) => x.id === id))).toBe(false);
    expect(page.total).toBe(6);
  });

  it('returns one report document in full, and its stage history', async () => {
    const id = f.seedIds[0]!;
    const doc = (await (await f.get(`/api/reports/${id}`, v)).json()) as Report;
    const full = (await f.t.store.get(id, { full: true }))!;
    expect(doc.text).toBe(full.text);
    expect(doc.metrics).toEqual(full.metrics);
    expect(doc).not.toHaveProperty('offsetMap');
    const h = (await (await f.get(`/api/reports/${id}/history`, v)).json()) as { history: Array<{ stage: string; event: string }>; pipeline: Report['pipeline'] };
    expect(h.history.filter((e) => e.event === 'done').map((e) => e.stage)).toEqual(['decode', 'segment', 'extract', 'validate']);
    expect(Object.keys(h.pipeline.stages).sort()).toEqual(['decode', 'extract', 'segment', 'validate']);
    expect((await f.get(`/api/reports/${'0'.repeat(64)}`, v)).status).toBe(404);
  });

  it('lists dead letters per stage', async () => {
    const r = (await (await f.get('/api/dead-letters?stage=decode', v)).json()) as { dead: Record<string, number>; items: Array<{ reportId: string; error: { code: string } }> };
    expect(r.dead).toEqual(Object.fromEntries(STAGES.map((s) => [s, s === 'decode' ? 1 : 0]))); // every stage of the catalogue, one dead letter at decode
    expect(r.items.map((d) => d.reportId)).toEqual([f.badId]);
    expect(r.items[0]!.error.code).toBe('BINARY_FILE');
    expect(((await (await f.get('/api/dead-letters?stage=extract', v)).json()) as { items: unknown[] }).items).toEqual([]);
  });

  it('gives the queue counts', async () => {
    const { queues } = (await (await f.get('/api/queues', v)).json()) as { queues: Record<string, { completed: number; failed: number; waiting: number }> };
    expect(queues).toEqual(await f.t.pipeline.counts());
    expect(queues['validate']!.completed).toBe(5);
    expect(queues['decode-dlq']!.waiting).toBe(1);
  });

  it.each([
    ['an operator object as a value', '/api/reports?status={"$ne":null}'],
    ['an operator object as agency', `/api/reports?agency=${encodeURIComponent('{"$ne":null}')}`],
    ['a bracketed operator key', '/api/reports?status[$ne]=x'],
    ['a $where in the agency', `/api/reports?agency=${encodeURIComponent('x$where')}`],
    ['an unknown field', '/api/reports?sort=-year'],
    ['a repeated field', '/api/reports?year=2017&year=2018'],
    ['a year that is not a number', '/api/reports?year=2017abc'],
    ['a negative limit', '/api/reports?limit=-1'],
    ['too large a limit', '/api/reports?limit=100000'],
    ['an unknown status', '/api/reports?status=good'],
    ['a lower-case rule', '/api/reports?rule=t3_balance'],
    ['a query on the report', `/api/reports/${'a'.repeat(64)}?full=1`],
    ['an unknown stage', '/api/dead-letters?stage=tagger'],
    ['a bad date', '/api/dead-letters?since=yesterday'],
  ])('rejects %s with 400', async (_name, path) => {
    const r = await f.get(path, v);
    expect(r.status).toBe(400);
    const body = (await r.json()) as { problems: string[] };
    expect(body.problems.length).toBeGreaterThan(0);
  });

  it.each([
    ['no selector', { stage: 'decode' }],
    ['an unknown field', { stage: 'decode', all: true, hurry: true }],
    ['an operator as stage', { stage: { $ne: null }, all: true }],
    ['an operator as report id', { stage: 'decode', reportId: { $gt: '' } }],
    ['all: false', { stage: 'decode', all: false }],
    ['a rate of zero', { stage: 'decode', all: true, rate: 0 }],
    ['not JSON', '{"stage": "decode",'],
    ['a JSON array', '[1,2]'],
  ])('rejects a replay with %s (400)', async (_name, body) => {
    const r = await f.send('POST', '/api/replay', body, a);
    expect(r.status).toBe(400);
    expect(await f.t.store.countDeadLetters('decode')).toBe(1);
  });

  it('takes the id status prints, a unique prefix or a file name wherever an id goes; unknown 404, ambiguous 409', async () => {
    const short = f.badId.slice(0, 12);
    const name = (await f.t.store.get(f.badId))!.source.name;
    for (const ref of [short, f.badId, name, short.toUpperCase()]) {
      const r = await f.get(`/api/reports/${encodeURIComponent(ref)}`, v);
      expect(r.status, ref).toBe(200);
      expect(((await r.json()) as Report)._id).toBe(f.badId);
    }
    expect(((await (await f.get(`/api/reports/${short}/history`, v)).json()) as { id: string }).id).toBe(f.badId);
    const dead = (await (await f.get(`/api/dead-letters?reportId=${encodeURIComponent(name)}`, v)).json()) as { items: Array<{ reportId: string }> };
    expect(dead.items.map((d) => d.reportId)).toEqual([f.badId]);
    const unknown = await f.get('/api/reports/deadbeef0000', v);
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { message: string }).message).toMatch(/no report matches "deadbeef0000"/);
    // an operator is a name like any other: compared whole, it matches nothing (as a query it would match every report)
    expect((await f.get(`/api/reports/${encodeURIComponent('{"$gt":""}')}`, v)).status).toBe(404);
    // the report page: a prefix or a name is sent on to the report's own address
    const page = await fetch(`${f.ops.url}/reports/${short}`, { headers: v, redirect: 'manual' });
    expect(page.status).toBe(302);
    expect(page.headers.get('location')).toBe(`/reports/${f.badId}`);
    // two ids sharing their first 12 characters (made on purpose): the prefix is ambiguous, the candidates listed
    const twins = ['1', '2'].map((c) => `fedcba987654${c.repeat(52)}`);
    const at = new Date().toISOString();
    for (const id of twins) await f.t.store.intake(id, { uri: `file:///x/${id}.txt`, name: `${id.slice(12, 14)}.txt`, size: 1, receivedAt: at }, 'r1');
    try {
      const amb = await f.get('/api/reports/fedcba987654', v);
      expect(amb.status).toBe(409);
      expect(((await amb.json()) as { candidates: Array<{ id: string }> }).candidates.map((c) => c.id).sort()).toEqual(twins);
      expect((await f.get('/api/reports/fedcba9876541', v)).status).toBe(200);
    } finally {
      await f.t.store.reports.deleteMany({ _id: { $in: twins } });
    }
    // Bull Board lists jobs by file name: the stage job and the dead-letter job
    const failedJobs = await f.t.pipeline.queues.decode.getJobs(['failed']);
    expect(failedJobs.find((j) => j.data.reportId === f.badId)?.name).toBe(`decode: ${name}`);
    const dlqJobs = await f.t.pipeline.dlqs.decode.getJobs(['waiting']);
    expect(dlqJobs.map((j) => j.name)).toEqual([`decode-dlq: ${name}`]);
  });

  it('refuses to replay a permanent error without force (409, saying why), and a report with nothing waiting in that stage (404)', async () => {
    const r = await f.send('POST', '/api/replay', { stage: 'decode', reportId: f.badId.slice(0, 12) }, a);
    expect(r.status).toBe(409);
    expect(((await r.json()) as { message: string }).message).toMatch(/^decode failed permanently for report [0-9a-f]{12}: BINARY_FILE: .+; replaying will fail the same way unless the decode stage changed; use --force \(API: "force": true\)/);
    expect((await f.t.store.getDeadLetter(`${f.badId}-decode`))?.state).toBe('dead');
    const none = await f.send('POST', '/api/replay', { stage: 'extract', reportId: f.badId }, a);
    expect(none.status).toBe(404);
    expect(((await none.json()) as { message: string }).message).toMatch(/no dead letter waiting in extract-dlq; it has one in decode-dlq/);
  });

  it('replays a dead letter once, as the CLI does: dry run, replay, and the second replay finds nothing', async () => {
    const dry = await (await f.send('POST', '/api/replay', { stage: 'decode', all: true, dryRun: true }, a)).json();
    expect(dry).toMatchObject({ stage: 'decode', dryRun: true, matched: 1, replayed: 0, items: [{ reportId: f.badId, outcome: 'would-replay' }] });
    const replay = async () => {
      const r = await f.send('POST', '/api/replay', { stage: 'decode', reportId: f.badId, force: true }, a);
      return { status: r.status, body: (await r.json()) as { replayed?: number; message?: string } };
    };
    const answers = await Promise.all([replay(), replay()]);
    // two operators at once: one replays; the other finds it claimed (replayed 0) or, when the first had already
    // moved it on, nothing waiting for that report in the stage (404, what a replay by id with nothing to do gets)
    const winner = answers.find((x) => x.status === 200 && x.body.replayed === 1);
    expect(winner).toBeDefined();
    const loser = answers.find((x) => x !== winner)!;
    if (loser.status === 200) expect(loser.body.replayed).toBe(0);
    else expect([loser.status, loser.body.message]).toEqual([404, expect.stringMatching(/no dead letter waiting in decode-dlq/)]);
    // the claim names who replayed it (the basic-auth user or the role)
    expect((await f.t.store.claims.findOne({ _id: `${f.badId}-decode#1` }))?.operator).toBe('admin@ops');
    // the bytes are still a PNG: it dies again, and the dead letter counts two deaths
    await waitFor('the replayed bad file to die again', async () => (await f.t.store.getDeadLetter(`${f.badId}-decode`))?.count === 2, 60_000);
    const history = (await f.t.store.get(f.badId, { full: true }))!.history!;
    expect(history.filter((e) => e.event === 'replayed')).toHaveLength(1);
  });

  it('reprocesses a report from a stage under a new run', async () => {
    const id = f.seedIds[1]!;
    const before = (await f.t.store.get(id))!;
    const r = await (await f.send('POST', '/api/reprocess', { from: 'extract', reportId: id }, a)).json();
    expect(r).toMatchObject({ from: 'extract', matched: 1, started: 1, skipped: [] });
    const after = await waitFor('the reprocessed report to finish', async () => {
      const x = await f.t.store.get(id);
      return x && x.pipeline.runId !== before.pipeline.runId && isDone(x.status) ? x : null;
    }, 60_000);
    expect(after.status).toBe(before.status);
    expect(after.metrics).toEqual(before.metrics);
    const bad = (await (await f.send('POST', '/api/reprocess', { from: 'segment', reportId: f.badId }, a)).json()) as { skipped: Array<{ reason: string }> };
    expect(bad.skipped[0]!.reason).toMatch(/no stored decode\b/);
  });
});
