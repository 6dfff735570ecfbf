/**
 * Context refreshes (a done report's validate again, its neighbouring years
 * changed) wait behind every new report's job, on real Redis: in the
 * 5,000-report soak thousands of refreshes queued ahead of new reports'
 * validate jobs held them past the handoff's TTL, so each was healed.
 */
import { createRedis, queueName } from '@gongkai/pipeline';
import { Worker } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEnv, type TestEnv } from '../helpers/test-env.ts';

let t: TestEnv;
beforeAll(async () => {
  t = await testEnv('refresh-priority');
});
afterAll(async () => {
  await t?.cleanup();
});

describe('context refreshes go after new reports', () => {
  it('takes a new report\'s validate job before refreshes queued earlier', async () => {
    // three refreshes first, then two reports' own runs, nothing consuming yet
    for (const r of ['done-1', 'done-2', 'done-3']) await t.pipeline.enqueue('validate', { reportId: r, runId: 'run-old', refresh: 'a1b2c3d4e5f6' });
    for (const r of ['new-1', 'new-2']) await t.pipeline.enqueue('validate', { reportId: r, runId: 'run-new' });
    const counts = (await t.pipeline.counts())[queueName('validate')]!;
    expect([counts.waiting, counts.prioritized]).toEqual([2, 3]);

    const order: string[] = [];
    const connection = createRedis(t.config.redisUrl!, 'worker');
    const worker = new Worker(t.pipeline.queues.validate.name, async (job) => {
      order.push(job.data.reportId as string);
    }, { connection, prefix: t.config.queuePrefix, concurrency: 1 });
    try {
      await new Promise<void>((resolve) => worker.on('completed', () => order.length === 5 && resolve()));
    } finally {
      await worker.close();
      connection.disconnect();
    }
    // the reports' own runs first (in arrival order), then the refreshes (in theirs)
    expect(order).toEqual(['new-1', 'new-2', 'done-1', 'done-2', 'done-3']);
  });
});
