/**
 * The gongkai command line against real servers: extract (in process),
 * ingest, status --json, replay and reprocess, and how it fails.
 */
import { isDone } from '@gongkai/core';
import { SHARED_SKIP_REASON, seedFiles, sharedAvailable } from '@gongkai/testkit';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gongkai } from '../helpers/cli.ts';
import { testEnv, waitFor, type TestEnv } from '../helpers/test-env.ts';
import { startTestWorkers, type TestWorkers } from '../helpers/workers.ts';

let t: TestEnv;
let workers: TestWorkers;
beforeAll(async () => {
  t = await testEnv('cli');
  workers = startTestWorkers(t);
});
afterAll(async () => {
  await workers?.close();
  await t?.cleanup();
});

describe('gongkai', () => {
  it('--help lists every command and exits 0', async () => {
    const r = await gongkai(['--help'], {});
    expect(r.code).toBe(0);
    for (const c of ['start', 'ingest', 'status', 'replay', 'reprocess', 'extract']) expect(r.stdout).toContain(`  ${c}`);
  });

  it('names every bad configuration key and exits 78', async () => {
    // start: the command that listens, so GONGKAI_PORT is its to refuse (status ignores it)
    const r = await gongkai(['start'], { REDIS_URL: 'localhost', GONGKAI_PORT: 'x' });
    expect(r.code).toBe(78);
    expect(r.stderr).toMatch(/REDIS_URL/);
    expect(r.stderr).toMatch(/GONGKAI_PORT/);
  });

  it('rejects incomplete replay commands with a usage error (2)', async () => {
    expect((await gongkai(['replay', '--stage', 'decode'], t.env)).code).toBe(2);
    expect((await gongkai(['replay', '--stage', 'nope', '--all'], t.env)).stderr).toContain('--stage must be one of');
  });
});

describe.skipIf(!sharedAvailable)(`gongkai against a pipeline ${SHARED_SKIP_REASON}`, () => {
  it('extract FILE --json prints the report document with no servers', async () => {
    const seed = seedFiles()[3]!;
    const r = await gongkai(['extract', seed.path, '--json'], { REDIS_URL: 'redis://127.0.0.1:1', MONGO_URL: 'mongodb://127.0.0.1:1' });
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc._id).toBe(createHash('sha256').update(readFileSync(seed.path)).digest('hex'));
    expect(doc.meta.year).toBe(2017);
    expect(doc.metrics.find((m: { key: string }) => m.key === 'proactive.total')).toMatchObject({ value: 3452, evidence: { section: '二' } });
    expect(['valid', 'warnings', 'invalid']).toContain(doc.status);
  });

  it('ingest → status --json → reprocess, and replay of a dead letter only once', async () => {
    const bad = join(t.dir, 'corrupt.pdf');
    writeFileSync(bad, '%PDF-1.4 this is not really a pdf');
    const good = seedFiles()[0]!.path;
    const ing = await gongkai(['ingest', good, bad, '--json'], t.env);
    expect(ing.code).toBe(0);
    expect(JSON.parse(ing.stdout)).toMatchObject({ created: 2, duplicate: 0, failed: 0 });
    const again = await gongkai(['ingest', good], t.env);
    expect(again.stdout).toContain('0 new, 1 already known');

    const status = await waitFor('both reports to finish', async () => {
      const s = JSON.parse((await gongkai(['status', '--json'], t.env)).stdout);
      return s.reports.done === 1 && s.reports.failed === 1 ? s : null;
    }, 180_000, 300); // each status run takes seconds on a loaded machine
    expect(status.queues['decode-dlq'].waiting).toBe(1);
    expect(status.recentFailures[0]).toMatchObject({ stage: 'decode', code: 'CORRUPT_FILE' });

    const dry = JSON.parse((await gongkai(['replay', '--stage', 'decode', '--all', '--dry-run', '--json'], t.env)).stdout);
    expect(dry).toMatchObject({ dryRun: true, matched: 1, replayed: 0 });
    // two operators replay at once (workers paused, so the replayed job cannot die again meanwhile):
    // the dead letter is replayed exactly once
    await workers.close();
    // a corrupt file is a permanent error: replaying it takes --force
    const both = await Promise.all([0, 1].map(() => gongkai(['replay', '--stage', 'decode', '--all', '--force', '--json'], t.env)));
    const sums = both.map((r) => JSON.parse(r.stdout) as { replayed: number });
    expect(sums.reduce((a, r) => a + r.replayed, 0)).toBe(1);
    expect(await t.pipeline.queues.decode.getJobCountByTypes('waiting')).toBe(1);
    workers = startTestWorkers(t);
    // still a corrupt file: it dies again, counted, and waits in the DLQ for a real fix
    const badId = createHash('sha256').update(readFileSync(bad)).digest('hex');
    // the dead letter is written before the report is marked failed: wait for both
    const dl = await waitFor('the second death', async () => {
      const d = await t.store.getDeadLetter(`${badId}-decode`);
      const failed = (await t.store.get(badId))?.status === 'failed';
      return d && d.count === 2 && d.state === 'dead' && failed ? d : null;
    });
    expect(dl.error.code).toBe('CORRUPT_FILE');

    const goodId = createHash('sha256').update(readFileSync(good)).digest('hex');
    const before = (await t.store.get(goodId, { full: true }))!;
    const rep = JSON.parse((await gongkai(['reprocess', '--from', 'extract', '--report', goodId, '--json'], t.env)).stdout);
    expect(rep).toMatchObject({ from: 'extract', matched: 1, started: 1 });
    const after = await waitFor('the reprocessed run to finish', async () => {
      const r = await t.store.get(goodId, { full: true });
      return r && r.pipeline.runId !== before.pipeline.runId && isDone(r.status) ? r : null;
    });
    expect(after.metrics).toEqual(before.metrics);
    expect(after.pipeline.stages.decode).toEqual(before.pipeline.stages.decode); // not re-run
    expect(after.pipeline.stages.extract!.runId).toBe(after.pipeline.runId);
    expect(after.history!.filter((h) => h.event === 'reprocess')).toHaveLength(1);
    expect(await t.store.reports.countDocuments({})).toBe(2);
  }, 600_000); // a dozen CLI runs: minutes on a loaded machine
});
