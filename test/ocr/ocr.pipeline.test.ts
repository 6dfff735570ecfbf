/**
 * Scans through the queued pipeline on real Redis, FerretDB, threads, files
 * and the real OCR engine (Tesseract): a scanned report dropped into the
 * inbox ends as a done report whose figures carry their page and box, and
 * the reports page shows each figure's page crop (headless chromium;
 * screenshot in test-output/ocr/). Bad scans each end with a clear dead
 * letter or finding, and the ocr worker goes on with the next file.
 * The scans are made at test time from a real text PDF of the shared corpus.
 */
import { isDone, type Report } from '@gongkai/core';
import type { OpsServer } from '@gongkai/ops';
import { startOpsServer } from '@gongkai/ops';
import { SHARED_DIR, SHARED_SKIP_REASON, sharedAvailable } from '@gongkai/testkit';
import type { FolderSource } from '@gongkai/watcher';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEnv, waitFor, type TestEnv } from '../helpers/test-env.ts';
import { drop, folderSource } from '../helpers/watch.ts';
import type { TestWorkers } from '../helpers/workers.ts';
import { repoRootDir } from '../ops/paths.ts';
import { startOcrTestWorkers } from './ocr.workers.ts';
import { blankPage, corruptTiff, imageOnlyPdf, multiPageTiff, passwordPdf, pngBomb, rasterize, textImage } from './scan.fixtures.ts';

const TEXT_PDF = join(SHARED_DIR, 'corpus/real/govnianbao/szfgs2024.pdf');
const CHROMIUM = process.env['CHROMIUM_BIN'] ?? '/usr/bin/chromium';
const hasQpdf = (() => {
  try {
    execFileSync('qpdf', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();
const VIEWER = 'viewer-token-0123456789abcdef';
const shots = join(repoRootDir, 'test-output', 'ocr');

let t: TestEnv;
let workers: TestWorkers;
let watcher: FolderSource;
let ops: OpsServer;
const ids: Record<string, string> = {};

const finished = (id: string, ms = 600_000) => waitFor(`report ${id.slice(0, 8)} to finish`, async () => {
  const r = await t.store.get(id, { full: true });
  return r && (isDone(r.status) || r.status === 'failed') ? r : null;
}, ms, 250);

describe.skipIf(!sharedAvailable || !existsSync(TEXT_PDF))(`scans through the queued pipeline ${SHARED_SKIP_REASON}`, () => {
  beforeAll(async () => {
    t = await testEnv('ocr', { GONGKAI_VIEWER_TOKEN: VIEWER, GONGKAI_ADMIN_TOKEN: 'admin-token-0123456789abcdef', GONGKAI_PUBLIC_READ: 'false' });
    workers = startOcrTestWorkers(t);
    watcher = folderSource(t);
    await watcher.start();
    ops = await startOpsServer(t, t.log);
    // pages 1-2 of a real report (its title and 依申请公开 figures) at 200 dpi, as an image-only PDF: a scan
    const pages = rasterize(TEXT_PDF, { dpi: 200, first: 1, last: 2 });
    const scan = await imageOnlyPdf(pages, 200);
    const tiny = await blankPage(100, 140);
    const files: Record<string, Uint8Array> = {
      'scan.pdf': scan,
      'scan.tif': await multiPageTiff(pages, 200),
      'text.pdf': new Uint8Array(readFileSync(TEXT_PDF)),
      'notice.png': await textImage(['今天天气晴朗，适合出门散步。公园里的花都开了，', '孩子们在草地上放风筝，老人们在树荫下下棋聊天。']),
      'blank.png': await blankPage(),
      'bomb.png': pngBomb(),
      'broken.tif': corruptTiff(),
      'scan-500-pages.pdf': await imageOnlyPdf(Array.from({ length: 500 }, () => tiny), 72),
      ...(hasQpdf ? { 'locked.pdf': passwordPdf(scan) } : {}),
    };
    // the bad files first: the scan after them shows the ocr worker survived each
    for (const name of ['bomb.png', 'broken.tif', 'scan-500-pages.pdf', 'locked.pdf', 'blank.png', 'notice.png', 'text.pdf', 'scan.pdf', 'scan.tif']) {
      if (files[name]) ids[name] = drop(t, `scans/${name}`, files[name]);
    }
  }, 120_000);

  afterAll(async () => {
    await watcher?.stop();
    await ops?.close();
    await workers?.close();
    await t?.cleanup();
  });

  it('reads the scanned PDF by OCR into a done report whose figures carry their page and box', async () => {
    const scan = (await finished(ids['scan.pdf']!)) as Report;
    expect(isDone(scan.status), `${scan.status} ${JSON.stringify(scan.failure)}`).toBe(true);
    expect(scan.decode).toMatchObject({ format: 'pdf', needsOcr: 'no-text-layer', pages: 2, ocr: { engine: 'tesseract', pages: 2 } });
    expect(scan.decode!.ocr!.meanConfidence).toBeGreaterThan(0.5);
    expect(scan.pipeline.stages.ocr?.runId).toBe(scan.pipeline.runId);
    expect(scan.pipeline.stages.decode?.skipped).toBeUndefined();
    expect(scan.regions!.length).toBeGreaterThan(50);
    const metrics = scan.metrics ?? [];
    expect(metrics.length).toBeGreaterThan(5);
    for (const m of metrics) {
      expect([1, 2], m.key).toContain(m.evidence.page);
      expect(m.evidence.box, m.key).toHaveLength(4);
      expect(scan.text!.slice(m.evidence.start, m.evidence.end)).toBe(m.evidence.quote);
    }
    // the same figures as the text version of the same page (its gold), where OCR was sure of them
    const text = (await finished(ids['text.pdf']!)) as Report;
    const byKey = new Map((text.metrics ?? []).map((m) => [m.key, m.value]));
    const sure = metrics.filter((m) => !m.evidence.ocrUncertain && byKey.has(m.key));
    expect(sure.length).toBeGreaterThan(3);
    expect(sure.filter((m) => byKey.get(m.key) !== m.value).map((m) => `${m.key}: ${m.value} vs ${byKey.get(m.key)}`)).toEqual([]);
    expect(metrics.find((m) => m.key === 'requests.received.total')?.value).toBe(byKey.get('requests.received.total'));
    // each doubtful figure is reported, never silently kept
    const doubtful = metrics.filter((m) => m.evidence.ocrUncertain).map((m) => m.key).sort();
    const flagged = (scan.findings ?? []).filter((f) => f.rule === 'OCR_UNCERTAIN').map((f) => String(f.data?.['key'])).sort();
    expect(flagged).toEqual(doubtful);
  }, 900_000);

  it('reads a two-page TIFF (made now from the same pages) into a done report with figures from both pages', async () => {
    const tif = (await finished(ids['scan.tif']!)) as Report;
    expect(isDone(tif.status), `${tif.status} ${JSON.stringify(tif.failure)}`).toBe(true);
    expect(tif.decode).toMatchObject({ format: 'image', needsOcr: 'image', pages: 2, ocr: { engine: 'tesseract', pages: 2 }, ocrDpi: 200 });
    const metrics = tif.metrics ?? [];
    for (const m of metrics) expect(m.evidence.box, m.key).toHaveLength(4);
    // page 1 states 主动公开 figures, page 2 the 依申请公开 ones
    expect(new Set(metrics.map((m) => m.evidence.page))).toEqual(new Set([1, 2]));
    const text = (await finished(ids['text.pdf']!)) as Report;
    const want = (text.metrics ?? []).find((m) => m.key === 'requests.received.total')?.value;
    expect(metrics.find((m) => m.key === 'requests.received.total')?.value).toBe(want);
  }, 900_000);

  it('a report with a text layer goes past the ocr stage: skipped in its decode run record, no ocr job', async () => {
    const text = (await finished(ids['text.pdf']!)) as Report;
    expect(isDone(text.status)).toBe(true);
    expect(text.pipeline.stages.decode?.skipped).toEqual(['ocr']);
    expect(text.pipeline.stages.ocr).toBeUndefined();
    expect(text.decode?.ocr).toBeUndefined();
    const jobs = await t.pipeline.queues.ocr.getJobs(['completed', 'failed', 'waiting', 'active', 'delayed']);
    expect(jobs.some((j) => j.data.reportId === ids['text.pdf'])).toBe(false);
  }, 600_000);

  it('an image that is not a report is read and gets NOT_A_REPORT, as a text would', async () => {
    const r = (await finished(ids['notice.png']!)) as Report;
    expect(r.status).toBe('invalid');
    expect(r.decode).toMatchObject({ format: 'image', needsOcr: 'image' });
    expect(r.text).toMatch(/[今天气晴朗公园孩子风筝]/);
    expect(r.findings?.map((f) => f.rule)).toEqual(['NOT_A_REPORT']);
  }, 600_000);

  it.each([
    ['an image bomb (a gigapixel PNG header)', 'bomb.png', 'OVERSIZE', /pixel/i],
    ['a corrupt TIFF', 'broken.tif', 'CORRUPT_FILE', /broken\.tif/],
    ['a 500-page scan (over the page cap, GONGKAI_OCR_MAX_PAGES 200)', 'scan-500-pages.pdf', 'OVERSIZE', /500/],
    ['a blank page', 'blank.png', 'EMPTY_FILE', /no text/],
  ])('%s → ocr dead letter %s, no retry', async (_what, name, code, reason) => {
    const r = (await finished(ids[name]!)) as Report;
    expect(r.status).toBe('failed');
    expect(r.failure).toMatchObject({ stage: 'ocr', code });
    expect(r.failure!.reason).toMatch(reason);
    const dl = await t.store.getDeadLetter(`${ids[name]}-ocr`);
    expect(dl).toMatchObject({ stage: 'ocr', queue: 'ocr', attemptsMade: 1, state: 'dead' });
    expect(dl!.error).toMatchObject({ code, retryable: false });
  }, 600_000);

  it.skipIf(!hasQpdf)(`a password-protected scan is refused at decode with a clear reason ${hasQpdf ? '' : '(skipped: no qpdf to encrypt one)'}`, async () => {
    const r = (await finished(ids['locked.pdf']!)) as Report;
    expect(r.status).toBe('failed');
    expect(r.failure).toMatchObject({ stage: 'decode', code: 'UNSUPPORTED_TYPE' });
    expect(r.failure!.reason).toMatch(/password/);
  }, 600_000);

  it('the page crop route serves a figure\'s region to viewers only', async () => {
    const scan = (await finished(ids['scan.pdf']!)) as Report;
    const m = scan.metrics!.find((x) => x.key === 'requests.received.total') ?? scan.metrics![0]!;
    const url = `${ops.url}/reports/${scan._id}/crop/${m.evidence.page}?box=${m.evidence.box!.join(',')}`;
    expect((await fetch(url)).status).toBe(401);
    const res = await fetch(url, { headers: { authorization: `Bearer ${VIEWER}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    const png = new Uint8Array(await res.arrayBuffer());
    expect([...png.subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
    const bad = await fetch(`${ops.url}/reports/${scan._id}/crop/9?box=0,0,10,10`, { headers: { authorization: `Bearer ${VIEWER}` } });
    expect(bad.status).toBe(404);
    const text = await fetch(`${ops.url}/reports/${ids['text.pdf']}/crop/1?box=0,0,10,10`, { headers: { authorization: `Bearer ${VIEWER}` } });
    expect(text.status).toBe(404);
  }, 600_000);

  it.skipIf(!existsSync(CHROMIUM))(`the reports page shows each figure's page crop beside its quote (chromium screenshot) ${existsSync(CHROMIUM) ? '' : `(skipped: no browser at ${CHROMIUM})`}`, async () => {
    const scan = (await finished(ids['scan.pdf']!)) as Report;
    mkdirSync(shots, { recursive: true });
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'] });
    try {
      const ctx = await browser.newContext({ httpCredentials: { username: 'viewer', password: VIEWER }, viewport: { width: 1440, height: 1100 } });
      const page = await ctx.newPage();
      expect((await page.goto(`${ops.url}/reports/${scan._id}`))?.status()).toBe(200);
      const crops = page.locator('table.figures figure.crop img');
      await expect.poll(() => crops.count()).toBe(scan.metrics!.length);
      // the first crops, scrolled into view (they load lazily), decoded by the browser
      for (let i = 0; i < Math.min(4, scan.metrics!.length); i++) {
        await crops.nth(i).scrollIntoViewIfNeeded();
        await expect.poll(() => crops.nth(i).evaluate((img) => (img as unknown as { complete: boolean; naturalWidth: number }).complete && (img as unknown as { naturalWidth: number }).naturalWidth > 0), { timeout: 240_000 }).toBe(true);
      }
      await page.locator('table.figures').scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(shots, 'scan-report.png') });
      await ctx.close();
    } finally {
      await browser.close();
    }
  }, 600_000);
});
