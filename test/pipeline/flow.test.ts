/**
 * The pipeline end to end on real Redis, FerretDB, threads and files: the
 * inbox → watcher → decode → segment → extract → validate → MongoDB.
 */
import { TransientError, isDone, type Report } from '@gongkai/core';
import { replayDeadLetters } from '@gongkai/pipeline';
import { runInProcess } from '@gongkai/stages';
import { SHARED_SKIP_REASON, readShared, seedFiles, sharedAvailable } from '@gongkai/testkit';
import type { FolderSource } from '@gongkai/watcher';
import { createHash } from 'node:crypto';
import { renameSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeAs, pngBytes } from '../helpers/fixtures.ts';
import { testEnv, waitFor, type TestEnv } from '../helpers/test-env.ts';
import { drop as dropFile, folderSource } from '../helpers/watch.ts';
import { startTestWorkers, type TestWorkers } from '../helpers/workers.ts';

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
let t: TestEnv;
let workers: TestWorkers;
let watcher: FolderSource;
/** Reports whose extract job must fail transiently `n` more times. */
const failExtract = new Map<string, number>();
/** Reports whose segment job keeps failing transiently while the fault is "on". */
const brokenSegment = new Set<string>();

beforeAll(async () => {
  t = await testEnv('flow', { GONGKAI_SEGMENT_ATTEMPTS: '3', GONGKAI_SEGMENT_BACKOFF_MS: '50', GONGKAI_EXTRACT_BACKOFF_MS: '50' });
  workers = startTestWorkers(t, {
    extract: {
      beforeRun: (job) => {
        const n = failExtract.get(job.data.reportId) ?? 0;
        if (n > 0) {
          failExtract.set(job.data.reportId, n - 1);
          throw new TransientError('TRANSIENT', 'injected: the extractor lost its connection');
        }
      },
    },
    segment: {
      beforeRun: (job) => {
        if (brokenSegment.has(job.data.reportId)) throw new TransientError('STORE_UNAVAILABLE', 'injected: MongoDB unreachable');
      },
    },
  });
  watcher = folderSource(t);
  await watcher.start();
});

afterAll(async () => {
  await watcher?.stop();
  await workers?.close();
  await t?.cleanup();
});

const drop = (name: string, bytes: Uint8Array) => dropFile(t, name, bytes);

const doneOrFailed = (id: string) => waitFor(`report ${id.slice(0, 8)} to finish`, async () => {
  const r = await t.store.get(id);
  return r && (isDone(r.status) || r.status === 'failed') ? r : null;
}, 60_000);

describe.skipIf(!sharedAvailable)(`seeds and their re-encodings through the queued pipeline ${SHARED_SKIP_REASON}`, () => {
  it('ends each file as one report document equal to the in-process run', async () => {
    const files: Array<{ name: string; bytes: Uint8Array }> = [];
    for (const f of seedFiles()) files.push({ name: f.name, bytes: readShared(f.rel) });
    const text = (i: number) => new TextDecoder().decode(files[i]!.bytes);
    files.push(
      { name: 'variants/000.gb18030.txt', bytes: encodeAs.gb18030(text(0)) },
      { name: 'variants/001.big5.txt', bytes: encodeAs.big5(text(1)) },
      { name: 'variants/002.utf16le-bom.txt', bytes: encodeAs.utf16le(text(2), true) },
      { name: 'variants/003.utf16le.txt', bytes: encodeAs.utf16le(text(3), false) },
      { name: 'variants/004.utf8bom.txt', bytes: encodeAs.utf8bom(text(4)) },
      { name: 'variants/004.gbk.html', bytes: encodeAs.html(text(4), 'gbk') },
    );
    const ids = files.map((f) => drop(f.name, f.bytes));
    for (const [i, id] of ids.entries()) {
      const stored = (await doneOrFailed(id)) as Report;
      const full = (await t.store.get(id, { full: true }))!;
      const local = await runInProcess({ bytes: files[i]!.bytes, name: files[i]!.name.split('/').pop()! });
      expect(stored.failure ?? null, `${files[i]!.name}: ${stored.failure?.reason}`).toBeNull();
      expect(isDone(stored.status)).toBe(true);
      expect(full.text).toBe(local.report.text);
      expect(full.meta).toEqual(local.report.meta);
      expect(full.metrics).toEqual(local.report.metrics);
      expect(full.findings).toEqual(local.report.findings);
      expect(full.status).toBe(local.outputs.validate.status);
      // the stages the in-process run entered (a text file goes past ocr: decode's record names it skipped)
      expect(Object.keys(full.pipeline.stages).sort()).toEqual(Object.keys(local.report.pipeline.stages).sort());
      expect(full.pipeline.stages.decode?.skipped).toEqual(local.report.pipeline.stages.decode?.skipped);
    }
    expect(await t.store.reports.countDocuments({})).toBe(files.length);
  });
});

describe('duplicates', () => {
  it('keeps one document per distinct content across re-drops, renames and a watcher restart', async () => {
    const bytes = new TextEncoder().encode('某某县人民政府2016年政府信息公开工作年度报告\n一、概述\n全年主动公开政府信息120条。\n');
    const id = drop('dup/original.txt', bytes);
    await doneOrFailed(id);
    drop('dup/copy-1.txt', bytes);
    drop('dup/copy-2.txt', bytes);
    drop('dup/sub/copy-3.txt', bytes);
    // the running watcher takes the three copies in (as duplicates) before it is restarted
    await waitFor('copies taken in', async () => watcher.stats.duplicates >= 3 || null, 10_000);
    renameSync(join(t.config.inbox, 'dup/original.txt'), join(t.config.inbox, 'dup/renamed.txt'));
    await watcher.stop();
    watcher = folderSource(t);
    await watcher.start();
    await watcher.scan();
    await waitFor('aliases recorded', async () => (await t.store.aliasesOf(id)).length >= 4 || null, 10_000);
    expect(await t.store.reports.countDocuments({ _id: id })).toBe(1);
    const r = (await t.store.get(id, { full: true }))!;
    expect(r.aliases!.map((a) => a.name).sort()).toEqual(['dup/copy-1.txt', 'dup/copy-2.txt', 'dup/renamed.txt', 'dup/sub/copy-3.txt']);
    expect(r.history!.filter((h) => h.stage === 'decode' && h.event === 'done')).toHaveLength(1);
    // after the restart the already-seen files were not even read again
    expect(watcher.stats.skippedSeen).toBeGreaterThanOrEqual(3);
  });

  it('ignores hidden and temporary files', async () => {
    const before = await t.store.reports.countDocuments({});
    for (const name of ['.hidden.txt', 'report.txt.part', '~$report.docx', 'draft.tmp', 'x.crdownload']) drop(`ignored/${name}`, new TextEncoder().encode(`ignored ${name}`));
    await new Promise((r) => setTimeout(r, 600));
    await watcher.scan();
    expect(await t.store.reports.countDocuments({})).toBe(before);
  });
});

describe('bad input ends in the decode dead-letter queue with a clear reason and no retries', () => {
  it.each([
    ['a PNG renamed .txt', 'bad/image.txt', pngBytes(), 'BINARY_FILE'],
    ['an empty file', 'bad/empty.txt', new Uint8Array(), 'EMPTY_FILE'],
    ['an unsupported type', 'bad/table.xls', new TextEncoder().encode('<xml>not a report</xml>'), 'UNSUPPORTED_TYPE'],
  ])('%s → %s', async (_what, name, bytes, code) => {
    const id = drop(name, bytes);
    const r = await doneOrFailed(id);
    expect(r.status).toBe('failed');
    expect(r.failure).toMatchObject({ stage: 'decode', code });
    expect(r.failure!.reason).toContain(name.split('/')[1]);
    const dl = await t.store.getDeadLetter(`${id}-decode`);
    expect(dl).toMatchObject({ stage: 'decode', queue: 'decode', attemptsMade: 1, count: 1, state: 'dead', payload: { reportId: id } });
    expect(dl!.error.code).toBe(code);
    expect(dl!.error.retryable).toBe(false);
    const dlqJobs = await t.pipeline.dlqs.decode.getJobs(['waiting']);
    expect(dlqJobs.some((j) => j.data.payload.reportId === id && j.data.error.code === code)).toBe(true);
  });
});

describe('transient failures', () => {
  it('retries a stage that fails transiently twice, then completes', async () => {
    const bytes = new TextEncoder().encode('某某区人民政府2017年政府信息公开工作年度报告\n一、概述\n2017年，我区主动公开政府信息88条。\n');
    failExtract.set(sha(bytes), 2);
    const id = drop('transient/twice.txt', bytes);
    const r = await doneOrFailed(id);
    expect(isDone(r.status)).toBe(true);
    const full = (await t.store.get(id, { full: true }))!;
    expect(full.history!.filter((h) => h.stage === 'extract' && h.event === 'retry').map((h) => h.attempt)).toEqual([1, 2]);
    expect(full.pipeline.stages.extract?.attempts).toBe(3);
    expect(await t.store.getDeadLetter(`${id}-extract`)).toBeNull();
  });

  it('dead-letters a stage that keeps failing after the configured attempts; replay completes it once; a second replay finds nothing', async () => {
    const bytes = new TextEncoder().encode('某某镇人民政府2015年政府信息公开工作年度报告\n一、概述\n全年公开信息15条。\n');
    const reportId = sha(bytes);
    brokenSegment.add(reportId);
    drop('transient/forever.txt', bytes);
    const failed = await doneOrFailed(reportId);
    expect(failed.status).toBe('failed');
    expect(failed.failure).toMatchObject({ stage: 'segment', code: 'STORE_UNAVAILABLE' });
    const dl = (await t.store.getDeadLetter(`${reportId}-segment`))!;
    expect(dl).toMatchObject({ attemptsMade: 3, state: 'dead', error: { retryable: true, class: 'TransientError' } });

    brokenSegment.delete(reportId); // the fault is gone
    const first = await replayDeadLetters(t, { stage: 'segment', reportId, operator: 'test' });
    expect(first).toMatchObject({ matched: 1, replayed: 1 });
    const done = await waitFor('replayed report done', async () => {
      const r = await t.store.get(reportId);
      return r && isDone(r.status) ? r : null;
    });
    expect(done.failure).toBeNull();
    expect((await t.store.getDeadLetter(`${reportId}-segment`))?.state).toBe('replayed');
    const second = await replayDeadLetters(t, { stage: 'segment', reportId, operator: 'test' });
    expect(second).toMatchObject({ matched: 0, replayed: 0 });
    const full = (await t.store.get(reportId, { full: true }))!;
    expect(full.history!.filter((h) => h.stage === 'validate' && h.event === 'done')).toHaveLength(1);
    expect(await t.pipeline.dlqs.segment.getJobCountByTypes('waiting')).toBe(0);
  });

  it("resolves the dead letter when the failed job is retried outside replay (Bull Board's retry) and succeeds", async () => {
    const bytes = new TextEncoder().encode('某某乡人民政府2016年政府信息公开工作年度报告\n一、概述\n全年公开信息16条。\n');
    const reportId = sha(bytes);
    brokenSegment.add(reportId);
    drop('transient/retried-in-board.txt', bytes);
    expect((await doneOrFailed(reportId)).status).toBe('failed');
    brokenSegment.delete(reportId);
    // the report is marked failed as the job dies; BullMQ moves the job to `failed` just after
    const failed = await waitFor('the failed segment job', async () => (await t.pipeline.queues.segment.getFailed()).find((j) => j.data.reportId === reportId) ?? null);
    await failed.retry('failed'); // what Bull Board's "retry" button does
    await waitFor('the retried report done', async () => {
      const r = await t.store.get(reportId);
      return r && isDone(r.status) ? r : null;
    });
    const dl = (await t.store.getDeadLetter(`${reportId}-segment`))!;
    expect(dl).toMatchObject({ state: 'replayed', claimedBy: 'retry' });
    expect((await t.pipeline.dlqs.segment.getJobs(['waiting'])).some((j) => j.data.payload.reportId === reportId)).toBe(false);
    expect((await replayDeadLetters(t, { stage: 'segment', reportId, operator: 'test' })).matched).toBe(0);
    // the reports list agrees: its row left "failed at segment" (the later stages leave a processing row alone)
    const row = await t.store.listRows.rows.findOne({ _id: reportId });
    expect([row?.status, row?.failedStage]).toEqual([(await t.store.get(reportId))!.status, null]);
  });
});
