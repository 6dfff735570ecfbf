/**
 * Dead letters and queues keep one set of books (issue 19, item 4): a retry
 * from the dashboard, through Bull Board's own HTTP API (the endpoints its UI
 * calls), goes through replay's claim, so the DLQ's job count, the
 * gongkai_dead_letters metric and /api/dead-letters agree after it; and a
 * retry that bypasses replay (BullMQ's own) leaves no second DLQ job.
 */
import { STAGES, type StageName } from '@gongkai/core';
import { boardQueueName } from '@gongkai/ops';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pngBytes } from '../helpers/fixtures.ts';
import { waitFor } from '../helpers/test-env.ts';
import { ADMIN, basic, bearer, drop, opsFixture, type OpsFixture } from './ops-fixture.ts';

let f: OpsFixture;
beforeAll(async () => {
  f = await opsFixture('opsbooks', {}, { seeds: false });
});
afterAll(async () => {
  await f?.close();
});

const B = '/admin/queues';
const admin = basic('admin', ADMIN);

interface Books {
  /** Jobs in each stage's DLQ (what the dashboard counts). */
  queue: Record<StageName, number>;
  /** gongkai_dead_letters{stage} on /metrics. */
  metric: Record<StageName, number>;
  /** /api/dead-letters' counts. */
  api: Record<StageName, number>;
  /** The board's own count of each DLQ (its /api/queues). */
  board: Record<StageName, number>;
}

async function books(): Promise<Books> {
  const queue = Object.fromEntries(await Promise.all(STAGES.map(async (s) => [s, await f.t.pipeline.dlqs[s].count()] as const))) as Books['queue'];
  const text = await (await f.get('/metrics')).text();
  const metric = Object.fromEntries(STAGES.map((s) => [s, Number(new RegExp(`^gongkai_dead_letters\\{stage="${s}"\\} (\\d+)`, 'm').exec(text)?.[1] ?? NaN)])) as Books['metric'];
  const api = ((await (await f.get('/api/dead-letters', bearer(ADMIN))).json()) as { dead: Books['api'] }).dead;
  const { queues } = (await (await f.get(`${B}/api/queues`, admin)).json()) as { queues: Array<{ name: string; counts: Record<string, number> }> };
  const board = Object.fromEntries(STAGES.map((s) => {
    const q = queues.find((x) => x.name === boardQueueName(s, `${s}-dlq`))!;
    return [s, Object.entries(q.counts).filter(([k]) => k !== 'completed').reduce((a, [, n]) => a + n, 0)];
  })) as Books['board'];
  return { queue, metric, api, board };
}

/** The four books per stage, polled until they settle: /metrics caches its store counts for up to 5 s. */
async function expectAgree(decode: number) {
  const per = (b: Books) => STAGES.map((s) => ({ stage: s, queue: b.queue[s], metric: b.metric[s], api: b.api[s], board: b.board[s] }));
  const want = STAGES.map((s) => {
    const n = s === 'decode' ? decode : 0;
    return { stage: s, queue: n, metric: n, api: n, board: n };
  });
  await expect.poll(async () => per(await books()), { timeout: 15_000, interval: 1000 }).toEqual(want);
}

const failedDecodeJobs = () => f.t.pipeline.queues.decode.getJobs(['failed']);
const settled = async () => {
  await waitFor('decode to settle', async () => {
    const c = await f.t.pipeline.queues.decode.getJobCounts('waiting', 'active', 'delayed');
    return c['waiting'] === 0 && c['active'] === 0 && c['delayed'] === 0;
  }, 30_000);
};

describe('a retry from the dashboard', () => {
  it('of a permanent failure is refused with the reason and a pointer to replay --force, and the books still agree', async () => {
    await expectAgree(1);
    const [job] = await failedDecodeJobs();
    expect(job).toBeTruthy();
    const r = await f.send('PUT', `${B}/api/queues/${boardQueueName('decode', 'decode')}/${job!.id}/retry`, {}, admin);
    expect(r.status).toBe(409);
    const body = (await r.json()) as { message: string };
    expect(body.message).toMatch(/BINARY_FILE/);
    expect(body.message).toMatch(/--force/);
    expect(await job!.getState()).toBe('failed');
    await expectAgree(1);
  });

  it('of a failure classed retryable replays its dead letter: claimed, a new job, one DLQ job, the books agree', async () => {
    // the stage classes a PNG as permanent; a dead letter whose error was transient (a timeout, a lost connection) is
    // the one a retry is for: recorded so here, the bytes still fail, so it dead-letters again
    const id = `${f.badId}-decode`;
    await f.t.store.deadLetters.updateOne({ _id: id }, { $set: { 'error.retryable': true } });
    const before = (await f.t.store.getDeadLetter(id))!;
    const [job] = await failedDecodeJobs();
    const r = await f.send('PUT', `${B}/api/queues/${boardQueueName('decode', 'decode')}/${job!.id}/retry`, {}, admin);
    expect(r.status, await r.clone().text()).toBe(204);
    // replay's claim: recorded as replayed by the admin through the dashboard, the old failed job replaced
    const claimed = (await f.t.store.listDeadLetters({ reportId: f.badId }))[0]!;
    expect(claimed.count === before.count + 1 || claimed.state === 'replayed').toBe(true);
    expect(await f.t.pipeline.queues.decode.getJob(String(job!.id))).toBeUndefined();
    await settled();
    await waitFor('the replayed job to dead-letter again', async () => (await f.t.store.getDeadLetter(id))!.count === before.count + 1, 30_000);
    const after = (await f.t.store.getDeadLetter(id))!;
    expect(after.state).toBe('dead');
    await expectAgree(1);
  });

  it('"retry all failed" on a stage queue replays each, and a second retry of an already replayed one is refused', async () => {
    const other = drop(f.t, 'bad/second.txt', Buffer.concat([pngBytes(), Buffer.from('second')]));
    await waitFor('the second bad file to dead-letter', async () => (await f.t.store.getDeadLetter(`${other}-decode`))?.state === 'dead', 60_000);
    await settled();
    await expectAgree(2);
    await f.t.store.deadLetters.updateMany({}, { $set: { 'error.retryable': true } });
    const r = await f.send('PUT', `${B}/api/queues/${boardQueueName('decode', 'decode')}/retry/failed`, {}, admin);
    expect(r.status).toBe(200);
    const body = (await r.json()) as { retried: number; skipped: number };
    expect(body).toMatchObject({ retried: 2, skipped: 0 });
    await settled();
    await waitFor('both to dead-letter again', async () => (await f.t.store.listDeadLetters({ stage: 'decode', state: 'dead' })).length === 2, 30_000);
    await expectAgree(2);
  });

  it('on a DLQ is refused by the board itself (replay is the way out of a DLQ)', async () => {
    const [dlqJob] = await f.t.pipeline.dlqs.decode.getJobs(['waiting']);
    expect(dlqJob).toBeTruthy();
    const r = await f.send('PUT', `${B}/api/queues/${boardQueueName('decode', 'decode-dlq')}/${dlqJob!.id}/retry`, {}, admin);
    expect(r.status).toBeGreaterThanOrEqual(400);
    await expectAgree(2);
  });
});

describe('a retry that bypasses replay (BullMQ itself)', () => {
  it('leaves one DLQ job per dead letter when the job dies again', async () => {
    await settled();
    const [job] = await failedDecodeJobs();
    const id = `${String(job!.data.reportId)}-decode`;
    const before = (await f.t.store.getDeadLetter(id))!.count;
    await job!.retry('failed');
    await waitFor('the retried job to dead-letter again', async () => (await f.t.store.getDeadLetter(id))!.count === before + 1, 30_000);
    await settled();
    await expectAgree(2);
  });
});

describe('a replay through the API', () => {
  it('replaces the failed stage job too: the stage queue counts as many failed jobs as its DLQ holds', async () => {
    await settled();
    const dead = await f.t.store.listDeadLetters({ stage: 'decode', state: 'dead' });
    expect(dead).toHaveLength(2);
    expect(await failedDecodeJobs()).toHaveLength(2);
    const r = await f.send('POST', '/api/replay', { stage: 'decode', all: true, force: true }, bearer(ADMIN));
    expect(r.status, await r.clone().text()).toBe(200);
    expect(((await r.json()) as { replayed: number }).replayed).toBe(2);
    await settled();
    await waitFor('both to dead-letter again', async () => (await f.t.store.listDeadLetters({ stage: 'decode', state: 'dead' })).length === 2, 30_000);
    await settled();
    // the old failed jobs went with the replay; only the replayed jobs' own failures remain
    expect(await failedDecodeJobs()).toHaveLength(2);
    await expectAgree(2);
  });
});
