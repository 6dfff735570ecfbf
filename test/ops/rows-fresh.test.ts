/**
 * The list rows in the ops server's memory stay fresh (issues 17 and 19):
 * a report written through the store is listed, counted and compared by
 * the very next request, in this ops server and in a second one (a replica
 * with its own store), without a restart; the row the writes leave equals
 * the row made from the stored report; and when the change feed cannot say
 * what changed (Redis lost the stream, or a reader fell behind its
 * retention) the reader loads every row again, so a change written around
 * the feed still shows. Real FerretDB, real Redis, a real report.
 */
import { PIPELINE_VERSION, STAGES, reportFieldsOf, type Report, type StageName } from '@gongkai/core';
import { startOpsServer, type OpsServer } from '@gongkai/ops';
import { createRedis, redisReady } from '@gongkai/pipeline';
import { runInProcess } from '@gongkai/stages';
import { ReportStore, RowFeed, listRowOf } from '@gongkai/store';
import { SHARED_SKIP_REASON, readShared, sharedAvailable } from '@gongkai/testkit';
import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AGENCY_FILES } from '../agencies/agencies.fixture.ts';
import { testEnv, type TestEnv } from '../helpers/test-env.ts';
import { VIEWER, bearer } from './ops-fixture.ts';

let t: TestEnv;
let ops: OpsServer;
/** A second ops process's store: same database, same feed, its own memory. */
let replica: ReportStore;
let replicaRedis: Redis;
let feedKey: string;

type Listing = { total: number; items: Array<{ id: string; status: string; agency: string | null; year: number | null; metrics: Record<string, number>; findings: Array<{ rule: string }> }> };
const list = async (query: string): Promise<Listing> => {
  const r = await fetch(`${ops.url}/api/reports${query}`, { headers: bearer(VIEWER) });
  expect(r.status).toBe(200);
  return (await r.json()) as Listing;
};
const idOf = (name: string) => createHash('sha256').update(name).digest('hex');
const source = (name: string) => ({ uri: `file:///inbox/${name}`, name, size: 1, receivedAt: new Date().toISOString() });
const runAt = (runId: string) => ({ ms: 1, attempts: 1, at: new Date().toISOString(), runId, version: PIPELINE_VERSION });

describe.skipIf(!sharedAvailable)(`list rows stay fresh ${SHARED_SKIP_REASON}`, () => {
  let outputs: Partial<Record<StageName, unknown>>;

  beforeAll(async () => {
    t = await testEnv('rowsfresh', { GONGKAI_VIEWER_TOKEN: VIEWER, GONGKAI_PUBLIC_READ: 'false' });
    ops = await startOpsServer(t, t.log);
    feedKey = `${t.config.queuePrefix}:report-rows`;
    replica = await ReportStore.open(t.config.mongoUrl!, t.config.mongoDb);
    replicaRedis = createRedis(t.config.redisUrl!, 'producer', 'rows-replica');
    await redisReady(replicaRedis);
    replica.useFeed(replicaRedis, feedKey);
    const rel = AGENCY_FILES.pingtan2020;
    outputs = (await runInProcess({ bytes: readShared(rel), name: rel.split('/').pop()! })).outputs as Partial<Record<StageName, unknown>>;
  }, 120_000);
  afterAll(async () => {
    await ops?.close();
    await replica?.close();
    replicaRedis?.disconnect();
    await t?.cleanup();
  });

  it('shows a report at each write, in both processes, with the row the stored report makes', async () => {
    expect((await list('')).total).toBe(0); // loaded (empty) before the report exists
    const name = 'fresh-2020.txt';
    const id = idOf(name);
    await t.store.intake(id, source(name), 'r1');
    expect((await list(`?q=${name}`)).items.map((i) => [i.id, i.status])).toEqual([[id, 'queued']]);
    // stage by stage, each stored on its own (no handoff): the final stage's row is read from the report
    for (const stage of STAGES) {
      if (outputs[stage] === undefined) continue;
      expect(await t.store.saveStageOutput(id, 'r1', stage, reportFieldsOf(stage, outputs[stage] as never), runAt('r1'), 1)).toBe(true);
      const shown = (await list(`?q=${name}`)).items[0]!;
      const stored = (await t.store.get(id))!;
      expect(shown.status).toBe(stored.status);
    }
    const stored = (await t.store.get(id))!;
    expect(stored.meta?.agencyKey).toBeTruthy();
    const item = (await list(`?q=${name}`)).items[0]!;
    expect(item.agency).toBe(stored.meta!.agency);
    expect(item.metrics).toEqual(Object.fromEntries((stored.metrics ?? []).map((m) => [m.key, m.value])));
    expect(item.findings.map((f) => f.rule)).toEqual((stored.findings ?? []).map((f) => f.rule));
    expect(await t.store.listRows.rows.findOne({ _id: id })).toEqual(listRowOf(stored));
    // the agency views of both processes have it
    const key = stored.meta!.agencyKey!;
    expect((await t.store.agencyReads.agencies()).map((a) => a.agencyKey)).toEqual([key]);
    expect((await replica.agencyReads.agency(key))?.reports.map((r) => r.reportId)).toEqual([id]);
    expect((await replica.reportPages.count({ q: name }))).toBe(1);
  });

  it('builds the final row from the stored fields when every stage handed its output on, as the report would', async () => {
    const name = 'handoff-2020.txt';
    const id = idOf(name);
    await t.store.intake(id, source(name), 'r2');
    // validate stores what decode, segment and extract handed on, with its own output
    const fields = Object.assign({}, ...STAGES.filter((s) => outputs[s] !== undefined).map((s) => reportFieldsOf(s, outputs[s] as never))) as Partial<Report>;
    expect(await t.store.saveStageOutput(id, 'r2', 'validate', fields, runAt('r2'), 1)).toBe(true);
    const stored = (await t.store.get(id))!;
    expect(await t.store.listRows.rows.findOne({ _id: id })).toEqual(listRowOf(stored));
    expect((await list(`?q=${name}`)).items.map((i) => i.status)).toEqual([stored.status]);
    expect((await replica.agencyReads.agency(stored.meta!.agencyKey!))?.reports.map((r) => r.reportId).sort()).toEqual([id, idOf('fresh-2020.txt')].sort());
  });

  it('shows a failure, and finds a report by a name it arrived under later', async () => {
    const id = idOf('fresh-2020.txt');
    await t.store.intake(id, source('另一个名字.txt'), 'r9'); // a duplicate: same content, another name
    expect((await list(`?q=${encodeURIComponent('另一个名字')}`)).items.map((i) => i.id)).toEqual([id]);
    const name = 'broken.bin';
    await t.store.intake(idOf(name), source(name), 'r3');
    await t.store.markFailed(idOf(name), 'r3', { stage: 'decode', code: 'BINARY_FILE', reason: 'not a report', at: new Date().toISOString() }, 1);
    expect((await list('?failedStage=decode')).items.map((i) => i.id)).toEqual([idOf(name)]);
    expect(await replica.reportPages.count({ failedStage: 'decode' })).toBe(1);
  });

  it('loads every row again when Redis lost the feed (a change the feed never told is then shown)', async () => {
    const id = idOf('broken.bin');
    // a change written around the feed: the rows in memory do not know it
    await t.store.listRows.rows.updateOne({ _id: id }, { $set: { name: 'renamed-around.bin' } });
    expect((await list('?q=renamed-around')).total).toBe(0);
    // Redis loses the stream and its epoch (a restart without persistence, a flush)
    await replicaRedis.del(feedKey, `${feedKey}:epoch`);
    expect((await list('?q=renamed-around')).items.map((i) => i.id)).toEqual([id]);
    expect(await replica.reportPages.count({ q: 'renamed-around' })).toBe(1);
    // and the feed works again after it
    await t.store.markFailed(id, 'r3', { stage: 'segment', code: 'NOT_A_REPORT', reason: 'no', at: new Date().toISOString() }, 2);
    expect((await list('?failedStage=segment')).items.map((i) => i.id)).toEqual([id]);
  });

  it('loads every row again when a reader fell behind the feed\'s retention', async () => {
    // a feed keeping 50 ms: entries older than that, measured from the newest, may be trimmed
    const short = new RowFeed(replicaRedis, feedKey, 50);
    t.store.listRows.useFeed(short);
    replica.rowMirror.useFeed(short);
    try {
      await replica.reportPages.count(); // loaded; its position is now
      const id = idOf('handoff-2020.txt');
      await t.store.listRows.rows.updateOne({ _id: id }, { $set: { name: 'behind.txt' } }); // as if its entry were trimmed
      await new Promise((r) => setTimeout(r, 120));
      await t.store.listRows.moved(idOf('fresh-2020.txt'), new Date().toISOString()); // a newer entry, past the retention
      expect(await replica.reportPages.count({ q: 'behind.txt' })).toBe(1);
    } finally {
      const feed = new RowFeed(t.pipeline.connection, feedKey);
      t.store.listRows.useFeed(feed);
      replica.rowMirror.useFeed(new RowFeed(replicaRedis, feedKey));
    }
  });
});
