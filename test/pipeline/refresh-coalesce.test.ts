/**
 * Context refreshes of one report run are joined while one waits, on real
 * Redis: a waiting refresh reads the context when it starts, so it sees every
 * change made before then, and a second job would do the same work again (in
 * the 5,000-report soak: 7,757 refreshes for 5,000 reports, each a read of a
 * ~200 KB document). A refresh that has started may have read the context
 * already: a change then queues a job of its own.
 */
import { createRedis, queueName } from '@gongkai/pipeline';
import { Worker } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEnv, waitFor, type TestEnv } from '../helpers/test-env.ts';

let t: TestEnv;
beforeAll(async () => {
  t = await testEnv('refresh-coalesce');
});
afterAll(async () => {
  await t?.cleanup();
});

const queued = async () => {
  const c = (await t.pipeline.counts())[queueName('validate')]!;
  return { waiting: c.waiting, prioritized: c.prioritized, active: c.active };
};

describe('context refreshes of a report run', () => {
  it('joins a refresh to the waiting one of the same report run, not to a running one or another run\'s', async () => {
    const first = await t.pipeline.enqueue('validate', { reportId: 'done-1', runId: 'run-a', refresh: 'aaaaaaaaaaaa' });
    // a second change of done-1's context before its refresh started: the waiting job does both
    const second = await t.pipeline.enqueue('validate', { reportId: 'done-1', runId: 'run-a', refresh: 'bbbbbbbbbbbb' });
    expect(second).toBe(first);
    // another run of the same report, and another report: jobs of their own
    const otherRun = await t.pipeline.enqueue('validate', { reportId: 'done-1', runId: 'run-b', refresh: 'bbbbbbbbbbbb' });
    const otherReport = await t.pipeline.enqueue('validate', { reportId: 'done-2', runId: 'run-a', refresh: 'bbbbbbbbbbbb' });
    expect(new Set([first, otherRun, otherReport]).size).toBe(3);
    // a report's own run is never joined to anything
    await t.pipeline.enqueue('validate', { reportId: 'done-1', runId: 'run-a' });
    expect(await queued()).toEqual({ waiting: 1, prioritized: 3, active: 0 });

    // a worker takes done-1's refresh and holds it: a change now must queue a new job
    const ran: string[] = [];
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let taken!: () => void;
    const takenFirst = new Promise<void>((r) => (taken = r));
    const connection = createRedis(t.config.redisUrl!, 'worker');
    const worker = new Worker(t.pipeline.queues.validate.name, async (job) => {
      ran.push(job.id!);
      if (job.id === first) {
        taken();
        await held;
      }
    }, { connection, prefix: t.config.queuePrefix, concurrency: 1 });
    try {
      await takenFirst;
      const third = await t.pipeline.enqueue('validate', { reportId: 'done-1', runId: 'run-a', refresh: 'cccccccccccc' });
      expect(third).not.toBe(first);
      // and a fourth change while that one waits joins it
      expect(await t.pipeline.enqueue('validate', { reportId: 'done-1', runId: 'run-a', refresh: 'dddddddddddd' })).toBe(third);
      release();
      await waitFor('every job run', async () => ran.length === 5 && (await queued()).active === 0);
      expect(ran.filter((id) => id.startsWith('done-1-validate-run-a-x'))).toEqual([first, third]);
      expect(await queued()).toEqual({ waiting: 0, prioritized: 0, active: 0 });
    } finally {
      release();
      await worker.close();
      connection.disconnect();
    }
  });
});
