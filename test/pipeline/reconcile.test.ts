/**
 * The reconciler dead-letters jobs BullMQ failed without our processor
 * (e.g. "stalled more than allowable limit" after kill -9s), but not a job
 * whose run already finished: the soak found a done report marked failed
 * because its segment job's completion was lost after the work was done.
 */
import { createRedis, jobIdFor, reconcileFailedJobs } from '@gongkai/pipeline';
import { UnrecoverableError, Worker } from 'bullmq';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEnv, waitFor, type TestEnv } from '../helpers/test-env.ts';

let t: TestEnv;
beforeAll(async () => {
  t = await testEnv('reconcile');
});
afterAll(() => t.cleanup());

const sha = (s: string) => createHash('sha256').update(s).digest('hex');

async function failSegmentJob(reportId: string, runId: string): Promise<void> {
  await t.pipeline.enqueue('segment', { reportId, runId });
  const connection = createRedis(t.config.redisUrl!, 'worker');
  const w = new Worker('segment', async () => {
    throw new UnrecoverableError('job stalled more than allowable limit');
  }, { connection, prefix: t.config.queuePrefix });
  await waitFor('the job to fail', async () => (await t.pipeline.queues.segment.getJob(jobIdFor(reportId, 'segment', runId)))?.failedReason);
  await w.close();
  connection.disconnect();
}

describe('reconcileFailedJobs', () => {
  it('dead-letters a failed job of a run in progress, and leaves a finished run alone', async () => {
    const open = sha('in progress');
    const finished = sha('finished');
    for (const id of [open, finished]) await t.store.intake(id, { uri: `file:///${id}`, name: 'x.txt', size: 1, receivedAt: new Date().toISOString() }, 'run-1');
    await t.store.reports.updateOne({ _id: finished }, { $set: { status: 'valid' } });
    await failSegmentJob(open, 'run-1');
    await failSegmentJob(finished, 'run-1');
    expect(await reconcileFailedJobs(t, ['segment'])).toBe(1);
    expect((await t.store.get(open))?.status).toBe('failed');
    expect(await t.store.getDeadLetter(`${open}-segment`)).toMatchObject({ state: 'dead', error: { code: 'TRANSIENT' } });
    expect((await t.store.get(finished))?.status).toBe('valid');
    expect(await t.store.getDeadLetter(`${finished}-segment`)).toBeNull();
  });
});
