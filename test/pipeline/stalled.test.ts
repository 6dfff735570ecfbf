/**
 * kill -9 of a worker process in the middle of a job: BullMQ's stalled-job
 * check hands the job to another worker once the dead one's lock expires,
 * and the report completes exactly once.
 */
import { STAGES, isDone } from '@gongkai/core';
import { ingest } from '@gongkai/pipeline';
import { SHARED_SKIP_REASON, readShared, seedFiles, sharedAvailable } from '@gongkai/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exited, logged, startService } from '../helpers/service-process.ts';
import { testEnv, waitFor, type TestEnv } from '../helpers/test-env.ts';
import { startTestWorkers, type TestWorkers } from '../helpers/workers.ts';

let t: TestEnv;
let rest: TestWorkers;
beforeAll(async () => {
  // a short lock, so the dead worker's job is taken back soon; not shorter: on a loaded machine (a CI run beside two
  // benches, load 14) the live decoder's renewals of a 3 s lock came late, its job was taken back as stalled while it
  // ran, and the report was decoded twice (history: decode, segment, decode, extract, validate)
  t = await testEnv('stalled', { GONGKAI_LOCK_MS: '8000', GONGKAI_DECODE_CONCURRENCY: '1' });
  rest = startTestWorkers(t, {}, STAGES.slice(1));
});
afterAll(async () => {
  await rest?.close();
  await t?.cleanup();
});

describe.skipIf(!sharedAvailable)(`a worker killed with SIGKILL mid-job ${SHARED_SKIP_REASON}`, () => {
  it('leaves the job to be picked up again; the report completes once', async () => {
    // a large report keeps the decoder busy long enough to be killed during the job
    const seed = new TextDecoder().decode(readShared(seedFiles()[1]!.rel));
    const bytes = new TextEncoder().encode(seed.repeat(Math.ceil((3 * 1024 * 1024) / seed.length)));
    const first = startService('decoder', { ...t.env, LOG_LEVEL: 'info' });
    await logged(first, 'worker ready');
    const { reportId } = await ingest(t, { body: bytes, name: 'big-traditional.txt', uri: 'test:big' });
    await waitFor('the decode job to be active', async () => (await t.pipeline.queues.decode.getJobCountByTypes('active')) === 1 || null, 20_000, 10);
    first.kill('SIGKILL');
    await exited(first);
    const before = await t.store.get(reportId);
    expect(before?.pipeline.stages.decode).toBeUndefined(); // it died before storing anything

    const second = startService('decoder', { ...t.env, LOG_LEVEL: 'info' });
    try {
      const done = await waitFor('the report to complete after the stalled job is recovered', async () => {
        const r = await t.store.get(reportId);
        return r && isDone(r.status) ? r : null;
      }, 90_000, 200);
      expect(done.failure).toBeNull();
      const full = (await t.store.get(reportId, { full: true }))!;
      expect(full.history!.filter((h) => h.event === 'done').map((h) => h.stage)).toEqual(STAGES.filter((s) => s !== 'ocr')); // a text file goes past ocr
      const job = await t.pipeline.queues.decode.getJob(`${reportId}-decode-${full.pipeline.runId}`);
      expect(job?.attemptsStarted ?? job?.stalledCounter).toBeGreaterThanOrEqual(1);
      expect(await t.store.reports.countDocuments({})).toBe(1);
    } finally {
      second.kill('SIGTERM');
      await exited(second);
    }
  });
});
