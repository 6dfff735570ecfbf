/**
 * The ocr stage's limits on the queued pipeline (real Redis, FerretDB,
 * Tesseract), with small settings: a scan that takes longer than
 * GONGKAI_OCR_TIMEOUT_MS is stopped and dead-lettered as TIMEOUT, a scan
 * over GONGKAI_OCR_MAX_PAGES as OVERSIZE, and the same worker then reads the
 * next image (neither crashed it).
 */
import { isDone, type Report } from '@gongkai/core';
import { SHARED_DIR, SHARED_SKIP_REASON, sharedAvailable } from '@gongkai/testkit';
import type { FolderSource } from '@gongkai/watcher';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEnv, waitFor, type TestEnv } from '../helpers/test-env.ts';
import { drop, folderSource } from '../helpers/watch.ts';
import type { TestWorkers } from '../helpers/workers.ts';
import { startOcrTestWorkers } from './ocr.workers.ts';
import { blankPage, imageOnlyPdf, rasterize, textImage } from './scan.fixtures.ts';

const TEXT_PDF = join(SHARED_DIR, 'corpus/real/govnianbao/szfgs2024.pdf');
let t: TestEnv;
let workers: TestWorkers;
let watcher: FolderSource;

const finished = (id: string) => waitFor(`report ${id.slice(0, 8)} to finish`, async () => {
  const r = await t.store.get(id);
  return r && (isDone(r.status) || r.status === 'failed') ? r : null;
}, 300_000, 250);

describe.skipIf(!sharedAvailable || !existsSync(TEXT_PDF))(`ocr limits: timeout and page cap ${SHARED_SKIP_REASON}`, () => {
  beforeAll(async () => {
    t = await testEnv('ocrlimits', { GONGKAI_OCR_TIMEOUT_MS: '15000', GONGKAI_OCR_ATTEMPTS: '1', GONGKAI_OCR_MAX_PAGES: '5' });
    workers = startOcrTestWorkers(t);
    watcher = folderSource(t);
    await watcher.start();
  });
  afterAll(async () => {
    await watcher?.stop();
    await workers?.close();
    await t?.cleanup();
  });

  it('stops a scan that runs past the timeout (TIMEOUT), refuses one over the page cap (OVERSIZE), then reads the next image', async () => {
    const slow = drop(t, 'slow.pdf', await imageOnlyPdf(rasterize(TEXT_PDF, { dpi: 300, first: 1, last: 5 }), 300));
    const tiny = await blankPage(100, 140);
    const long = drop(t, 'six-pages.pdf', await imageOnlyPdf([tiny, tiny, tiny, tiny, tiny, tiny], 72));
    const timedOut = (await finished(slow)) as Report;
    expect(timedOut.status).toBe('failed');
    expect(timedOut.failure).toMatchObject({ stage: 'ocr', code: 'TIMEOUT' });
    expect((await t.store.getDeadLetter(`${slow}-ocr`))?.error.code).toBe('TIMEOUT');
    const capped = (await finished(long)) as Report;
    expect(capped.failure).toMatchObject({ stage: 'ocr', code: 'OVERSIZE' });
    expect(capped.failure!.reason).toMatch(/6 pages/);
    const next = drop(t, 'note.png', await textImage(['本机关2020年政府信息公开工作年度报告', '全年主动公开政府信息120条。']));
    const read = (await finished(next)) as Report;
    expect(isDone(read.status), JSON.stringify(read.failure)).toBe(true);
    expect(read.decode?.ocr?.engine).toBe('tesseract');
  }, 900_000);
});
