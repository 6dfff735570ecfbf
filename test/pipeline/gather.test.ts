/**
 * Gathered wake-ups (packages/pipeline/src/wake.gather.ts), on real Redis
 * with real BullMQ workers: a worker woken from an empty queue while its
 * jobs arrive often waits, then takes what arrived back to back; when they
 * arrive rarely it takes each at once; closed while it waits, it leaves the
 * job for the next worker.
 */
import { createRedis, gatherWakeUps } from '@gongkai/pipeline';
import { Queue, Worker, type Job } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEnv, type TestEnv } from '../helpers/test-env.ts';

const GATHER_MS = 300;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let t: TestEnv;
beforeAll(async () => {
  t = await testEnv('gather');
});
afterAll(async () => {
  await t?.cleanup();
});

/** A queue and a worker on it (gathering when `gather`), recording each job's wait from its add to its start. */
function rig(name: string, gather: boolean) {
  const producer = createRedis(t.config.redisUrl!, 'producer');
  const queue = new Queue(name, { connection: producer, prefix: t.config.queuePrefix });
  const connection = createRedis(t.config.redisUrl!, 'worker');
  const waits: number[] = [];
  const worker = new Worker(name, async (job: Job) => {
    waits.push(Date.now() - job.timestamp);
  }, { connection, prefix: t.config.queuePrefix, concurrency: 4 });
  const gathering = gather ? gatherWakeUps(worker, GATHER_MS) : false;
  return {
    queue, worker, waits, gathering,
    /** Adds `n` jobs one every `everyMs`, then waits until all have run. */
    async feed(n: number, everyMs: number) {
      const from = waits.length;
      for (let i = 0; i < n; i++) {
        await queue.add('j', { i });
        await sleep(everyMs);
      }
      while (waits.length < from + n) await sleep(20);
      return waits.slice(from);
    },
    async close() {
      await worker.close();
      connection.disconnect();
      await queue.close();
      producer.disconnect();
    },
  };
}

describe('gathered wake-ups', () => {
  it('waits before taking a job when jobs arrive often, then takes those that came meanwhile', async () => {
    const r = rig('gather-often', true);
    try {
      expect(r.gathering).toBe(true); // BullMQ's Worker still has the wait it replaces
      await r.worker.waitUntilReady();
      // 40 jobs a second: after the first half second the worker has seen enough to gather
      const waits = await r.feed(60, 25);
      const late = waits.slice(30);
      // the job that woke the worker waited about the gather; the ones after it less
      expect(Math.max(...late)).toBeGreaterThanOrEqual(0.8 * GATHER_MS);
      expect(late.filter((w) => w >= 0.8 * GATHER_MS).length).toBeLessThan(late.length / 2);
    } finally {
      await r.close();
    }
  });

  it('takes each job at once when jobs arrive rarely', async () => {
    const r = rig('gather-rare', true);
    try {
      await r.worker.waitUntilReady();
      const waits = await r.feed(6, 400);
      expect(Math.max(...waits)).toBeLessThan(0.8 * GATHER_MS);
    } finally {
      await r.close();
    }
  });

  it('leaves the job waiting for the next worker when closed while it gathers', async () => {
    const r = rig('gather-close', true);
    try {
      await r.worker.waitUntilReady();
      await r.feed(40, 20); // jobs arrive often: the next wake-up gathers
      await sleep(100);
      await r.queue.add('j', { last: true });
      await sleep(GATHER_MS / 3); // woken, now in its wait
      await r.worker.close();
      expect(await r.queue.getJobCounts('waiting', 'active', 'completed')).toMatchObject({ waiting: 1, active: 0, completed: 40 });
    } finally {
      await r.close();
    }
  });
});
