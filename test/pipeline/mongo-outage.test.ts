/**
 * MongoDB unreachable for a few seconds: the stage's store access fails
 * transiently, the job is retried with backoff, and the report completes
 * once the server is back — on its own FerretDB that this suite stops and restarts.
 */
import { loadConfig } from '@gongkai/config';
import { STAGES, isDone } from '@gongkai/core';
import { findFerretdb, freePort, startFerretdb, type EmbeddedServer } from '@gongkai/embedded';
import { ingest } from '@gongkai/pipeline';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { testEnv, waitFor, type TestEnv } from '../helpers/test-env.ts';
import { startTestWorkers } from '../helpers/workers.ts';

let ferret: EmbeddedServer;
let port: number;
let dir: string;
let t: TestEnv;

beforeAll(async () => {
  port = await freePort();
  dir = join(inject('scratchDir'), `outage-${port}`);
  ferret = await startFerretdb({ bin: findFerretdb(loadConfig({}).tools), dir, port });
  t = await testEnv('outage', { MONGO_URL: ferret.url, GONGKAI_DECODE_ATTEMPTS: '8', GONGKAI_DECODE_BACKOFF_MS: '500' });
});
afterAll(async () => {
  await t?.cleanup();
  await ferret?.stop();
});

describe('MongoDB stopped for a few seconds', () => {
  it('retries the stage until the store is back, then completes the report exactly once', async () => {
    const bytes = new TextEncoder().encode('某某市人民政府2017年政府信息公开工作年度报告\n一、概述\n2017年，全市主动公开政府信息1200条。\n');
    const { reportId } = await ingest(t, { body: bytes, name: 'outage.txt', uri: 'test:outage' });
    await ferret.stop(); // the job is queued; its store is gone
    const workers = startTestWorkers(t);
    try {
      await waitFor('a retry to be scheduled', async () => (await t.pipeline.queues.decode.getJobCountByTypes('delayed')) > 0 || null, 20_000);
      await new Promise((r) => setTimeout(r, 3000));
      ferret = await startFerretdb({ bin: findFerretdb(loadConfig({}).tools), dir, port });
      const done = await waitFor('the report to complete', async () => {
        const r = await t.store.get(reportId);
        return r && isDone(r.status) ? r : null;
      }, 60_000);
      expect(done.failure).toBeNull();
      expect(done.pipeline.stages.decode!.attempts).toBeGreaterThan(1);
      expect(await t.store.getDeadLetter(`${reportId}-decode`)).toBeNull();
      const full = (await t.store.get(reportId, { full: true }))!;
      expect(full.history!.filter((h) => h.event === 'done').map((h) => h.stage)).toEqual(STAGES.filter((s) => s !== 'ocr')); // a text file goes past ocr
    } finally {
      await workers.close();
    }
  });
});
