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
import { outageAt } from '../helpers/outage.ts';
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

  it('restores the DLQ job of a dead letter written while Redis was away, once, and not for one being replayed', async () => {
    const lost = sha('dlq job lost');
    const replaying = sha('dlq job replaying');
    const letter = (reportId: string) => ({
      reportId, stage: 'extract' as const, queue: 'extract', jobId: jobIdFor(reportId, 'extract', 'run-1'), payload: { reportId, runId: 'run-1', name: 'lost.pdf' },
      error: { class: 'PipelineError', code: 'STORE_UNAVAILABLE', message: 'MongoDB went away', stack: null, retryable: true },
      attemptsMade: 3, firstSeenAt: new Date().toISOString(), deadLetteredAt: new Date().toISOString(), host: 'h', pid: 1,
    });
    // what deadLetter() writes first; the DLQ add after it never reached Redis
    await t.store.putDeadLetter(letter(lost));
    await t.store.putDeadLetter(letter(replaying));
    expect(await t.store.claimDeadLetter(`${replaying}-extract`, 'someone')).toBeTruthy();
    expect(await t.pipeline.dlqs.extract.count()).toBe(0);
    expect(await reconcileFailedJobs(t, ['extract'])).toBe(1);
    const jobs = await t.pipeline.dlqs.extract.getJobs(['waiting']);
    expect(jobs.map((j) => [j.id, j.name, j.data.error.code])).toEqual([[`${lost}-extract-1`, 'extract-dlq: lost.pdf', 'STORE_UNAVAILABLE']]);
    // the books agree and stay so: a second pass adds nothing
    expect(await reconcileFailedJobs(t, ['extract'])).toBe(0);
    expect(await t.pipeline.dlqs.extract.count()).toBe(1);
  });
});

describe('a dead-lettering cut short by MongoDB going away', () => {
  it('fails where the report\'s list row could not be written, and the next pass lists the report as failed', async () => {
    const id = sha('row write lost');
    await t.store.intake(id, { uri: `file:///${id}`, name: 'row.txt', size: 1, receivedAt: new Date().toISOString() }, 'run-1');
    await failSegmentJob(id, 'run-1');
    const rows = t.store.listRows;
    const outage = outageAt(rows, 'failed');
    try {
      // the dead letter and the report's failure are written, the row's write is not: the pass fails, not swallows it
      await expect(reconcileFailedJobs(t, ['segment'])).rejects.toThrow(/closed/);
      expect((await t.store.get(id))?.status).toBe('failed');
      expect(await t.store.getDeadLetter(`${id}-segment`)).toMatchObject({ state: 'dead' });
      expect((await rows.rows.findOne({ _id: id }))?.status).toBe('queued');
      // the next pass finds the dead letter recorded and the row behind: it lists the report as stored
      expect(await reconcileFailedJobs(t, ['segment'])).toBe(1);
      expect(await rows.rows.findOne({ _id: id })).toMatchObject({ status: 'failed', failedStage: 'segment' });
      expect(await reconcileFailedJobs(t, ['segment'])).toBe(0);
    } finally {
      outage.restore();
    }
  });
});
