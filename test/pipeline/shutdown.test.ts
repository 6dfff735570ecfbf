/**
 * Graceful shutdown: SIGTERM stops a worker taking new jobs, lets the active
 * one finish, closes its connections and exits 0 within the deadline.
 */
import { ingest } from '@gongkai/pipeline';
import { SHARED_SKIP_REASON, readShared, seedFiles, sharedAvailable } from '@gongkai/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exited, logged, startService } from '../helpers/service-process.ts';
import { testEnv, waitFor, type TestEnv } from '../helpers/test-env.ts';

let t: TestEnv;
beforeAll(async () => {
  t = await testEnv('shutdown', { GONGKAI_DECODE_CONCURRENCY: '1' });
});
afterAll(() => t?.cleanup());

describe.skipIf(!sharedAvailable)(`SIGTERM to a worker in the middle of a job ${SHARED_SKIP_REASON}`, () => {
  it('finishes the job, takes no other, and exits 0', async () => {
    const seed = new TextDecoder().decode(readShared(seedFiles()[1]!.rel));
    const big = new TextEncoder().encode(seed.repeat(Math.ceil((3 * 1024 * 1024) / seed.length)));
    const small = new TextEncoder().encode('某某县人民政府2016年政府信息公开工作年度报告\n一、概述\n全年主动公开政府信息120条。\n');
    const worker = startService('decoder', { ...t.env, LOG_LEVEL: 'info' });
    await logged(worker, 'worker ready');
    const a = await ingest(t, { body: big, name: 'big.txt', uri: 'test:big' });
    await waitFor('the big job to be active', async () => (await t.pipeline.queues.decode.getJobCountByTypes('active')) === 1 || null, 20_000, 10);
    const b = await ingest(t, { body: small, name: 'small.txt', uri: 'test:small' });
    const t0 = Date.now();
    worker.kill('SIGTERM');
    expect(await exited(worker)).toBe(0);
    expect(Date.now() - t0).toBeLessThan(t.config.shutdownMs);
    const ra = (await t.store.get(a.reportId))!;
    expect(ra.pipeline.stages.decode).toMatchObject({ attempts: 1 }); // finished by the worker that was stopping
    expect(await t.pipeline.queues.segment.getJobCountByTypes('waiting')).toBe(1);
    expect((await t.store.get(b.reportId))!.pipeline.stages.decode).toBeUndefined(); // not taken while stopping
    expect(await t.pipeline.queues.decode.getJobCountByTypes('waiting')).toBe(1);
    expect(worker.output()).toContain('"msg":"shutting down"');
  });
});
