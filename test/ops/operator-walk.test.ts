/**
 * The operator's day in a real headless browser (issue 19): the ops app with
 * its workers; a good and a bad file dropped; the bad one found on /reports
 * by its file name; its reason seen (list, hover title, report page); a
 * replay with the admin token; the books agree afterwards (the DLQ's jobs,
 * /api/dead-letters, the gongkai_dead_letters metric and the board's own
 * count); the board labels its DLQs as such and shows no "No workers"
 * warning on them; and no request of the whole walk leaves 127.0.0.1 (Bull
 * Board's Google Fonts link is stripped). Screenshots: test-output/ops/walk-*.png.
 */
import { STAGES, isDone, type Report } from '@gongkai/core';
import { boardQueueName } from '@gongkai/ops';
import { SHARED_SKIP_REASON, readShared, seedFiles, sharedAvailable } from '@gongkai/testkit';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pngBytes } from '../helpers/fixtures.ts';
import { waitFor } from '../helpers/test-env.ts';
import { repoRootDir } from './paths.ts';
import { ADMIN, basic, bearer, drop, opsFixture, type OpsFixture } from './ops-fixture.ts';

const CHROMIUM = process.env['CHROMIUM_BIN'] ?? '/usr/bin/chromium';
const shots = join(repoRootDir, 'test-output', 'ops');
const canRun = sharedAvailable && existsSync(CHROMIUM);
const why = !existsSync(CHROMIUM) ? `(no browser at ${CHROMIUM}: npm run setup installs Debian's chromium)` : SHARED_SKIP_REASON;

const BAD_NAME = 'scan-of-a-receipt.txt';
let f: OpsFixture;
let browser: Browser;
let ctx: BrowserContext;
let goodId: string;
let badId: string;
/** Every URL the browser asked for during the walk. */
const requested: string[] = [];

async function dlqBooks() {
  const text = await (await f.get('/metrics')).text();
  const metric = Number(/^gongkai_dead_letters\{stage="decode"\} (\d+)/m.exec(text)?.[1] ?? NaN);
  const api = ((await (await f.get('/api/dead-letters', bearer(ADMIN))).json()) as { dead: Record<string, number> }).dead['decode'];
  const queue = await f.t.pipeline.dlqs.decode.count();
  const { queues } = (await (await f.get('/admin/queues/api/queues', basic('admin', ADMIN))).json()) as { queues: Array<{ name: string; counts: Record<string, number> }> };
  const board = queues.find((q) => q.name === boardQueueName('decode', 'decode-dlq'))!.counts['waiting'];
  return { queue, metric, api, board };
}

describe.skipIf(!canRun)(`the operator's walk in chromium ${why}`, () => {
  beforeAll(async () => {
    mkdirSync(shots, { recursive: true });
    // the ops app with the four stage workers and the folder watcher, nothing dropped yet but the fixture's own bad file
    f = await opsFixture('opswalk', {}, { seeds: false });
    const good = seedFiles()[0]!;
    goodId = drop(f.t, `walk/${good.name}`, readShared(good.rel));
    badId = drop(f.t, `walk/${BAD_NAME}`, Buffer.concat([pngBytes(), Buffer.from('walk')]));
    for (const id of [goodId, badId]) {
      await waitFor(`report ${id.slice(0, 8)}`, async () => {
        const r: Report | null = await f.t.store.get(id);
        return !!r && (isDone(r.status) || r.status === 'failed');
      }, 90_000);
    }
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    ctx = await browser.newContext({ httpCredentials: { username: 'admin', password: ADMIN }, viewport: { width: 1440, height: 1000 }, locale: 'en-US' });
    ctx.on('request', (r) => void requested.push(r.url()));
  });
  afterAll(async () => {
    await ctx?.close();
    await browser?.close();
    await f?.close();
  });

  it('finds the bad file by its name on /reports and shows why it failed', async () => {
    const page = await ctx.newPage();
    await page.goto(`${f.ops.url}/reports`);
    await page.locator('input[name=q]').fill('receipt');
    await Promise.all([page.waitForURL('**/reports?**'), page.locator('form.filter button').click()]);
    const rows = page.locator('table.reports tr[data-id]');
    expect(await rows.count()).toBe(1);
    expect(await rows.first().getAttribute('data-id')).toBe(badId);
    const doc = (await f.t.store.get(badId))!;
    const failure = page.locator(`tr[data-id="${badId}"] .failure`);
    expect(await failure.innerText()).toBe(`decode: ${doc.failure!.code}`);
    expect(await failure.getAttribute('title')).toBe(doc.failure!.reason);
    expect(await page.locator(`tr[data-id="${badId}"] .reason`).innerText()).toContain(doc.failure!.reason.slice(0, 40));
    await failure.hover();
    await page.screenshot({ path: join(shots, 'walk-1-found.png') });
    // the good one is there too, not failed
    await page.goto(`${f.ops.url}/reports`);
    expect(await page.locator(`tr[data-id="${goodId}"] .failure`).count()).toBe(0);
    // and the filter "failed at decode" shows the failed ones only
    await page.locator('select[name=failedStage]').selectOption('decode');
    await Promise.all([page.waitForURL('**failedStage=decode**'), page.locator('form.filter button').click()]);
    const failedIds = await page.locator('table.reports tr[data-id]').evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-id')));
    expect(failedIds.sort()).toEqual([badId, f.badId].sort());
    await page.locator(`tr[data-id="${badId}"] a`).first().click();
    await page.waitForURL(`**/reports/${badId}`);
    expect(await page.locator('p.err').innerText()).toContain(doc.failure!.reason);
    await page.screenshot({ path: join(shots, 'walk-2-report.png') });
    await page.close();
  });

  it('replays it with the admin token, and the books agree after it dead-letters again', async () => {
    const before = await dlqBooks();
    expect(before).toEqual({ queue: 2, metric: 2, api: 2, board: 2 });
    const dl = (await f.t.store.getDeadLetter(`${badId}-decode`))!;
    // a permanent error needs force, and says so
    const refused = await f.send('POST', '/api/replay', { stage: 'decode', reportId: badId }, bearer(ADMIN));
    expect(refused.status).toBe(409);
    expect(JSON.stringify(await refused.json())).toMatch(/force/);
    const r = await f.send('POST', '/api/replay', { stage: 'decode', reportId: badId.slice(0, 12), force: true }, bearer(ADMIN));
    expect(r.status, await r.clone().text()).toBe(200);
    expect(((await r.json()) as { replayed: number }).replayed).toBe(1);
    await waitFor('the replayed file to dead-letter again', async () => (await f.t.store.getDeadLetter(`${badId}-decode`))!.count === dl.count + 1, 60_000);
    await expect.poll(dlqBooks, { timeout: 15_000, interval: 1000 }).toEqual({ queue: 2, metric: 2, api: 2, board: 2 });
  });

  it('shows the board with its DLQs labelled as such, without a "No workers" warning, and no request left 127.0.0.1', async () => {
    const page = await ctx.newPage();
    await page.goto(`${f.ops.url}/admin/queues`);
    // the overview's first answer counts every queue and asks Redis for its clients: slow on a loaded machine
    await page.getByText('decode dead letters (DLQ)').first().waitFor({ timeout: 90_000 });
    await page.waitForTimeout(3000); // the workers badge is drawn after the queues' worker lists arrive
    const lines = (await page.locator('body').innerText()).split('\n').map((l) => l.trim());
    for (const s of STAGES) {
      const at = lines.indexOf(`${s} dead letters (DLQ)`);
      expect(at, `${s}'s DLQ on the board`).toBeGreaterThanOrEqual(0);
      // a stage queue without a worker carries the badge right under its name; a DLQ never does
      expect(lines[at + 1], `${s}'s DLQ`).not.toBe('No workers');
    }
    await page.screenshot({ path: join(shots, 'walk-3-board.png'), fullPage: true });
    await page.goto(`${f.ops.url}/admin/queues/queue/${encodeURIComponent(boardQueueName('decode', 'decode-dlq'))}`);
    await page.getByText(BAD_NAME).first().waitFor({ timeout: 20_000 }).catch(() => {});
    await page.screenshot({ path: join(shots, 'walk-4-dlq.png'), fullPage: true });
    await page.close();
    const origin = new URL(f.ops.url).origin;
    expect(requested.length).toBeGreaterThan(5);
    expect(requested.filter((u) => !u.startsWith(origin) && !u.startsWith('data:'))).toEqual([]);
  });
});
