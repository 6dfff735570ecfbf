/**
 * The reports pages and the dashboard in a real headless browser (Debian's
 * chromium driven by playwright-core), after the seeds and a bad file went
 * through the real pipeline. Screenshots land in test-output/ops/.
 */
import { STAGES, type Report } from '@gongkai/core';
import { SHARED_SKIP_REASON, sharedAvailable } from '@gongkai/testkit';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRootDir } from './paths.ts';
import { ADMIN, VIEWER, opsFixture, type OpsFixture } from './ops-fixture.ts';
import { dlqDisplayName } from '../../services/ops/src/board.routes.ts';

const CHROMIUM = process.env['CHROMIUM_BIN'] ?? '/usr/bin/chromium';
const shots = join(repoRootDir, 'test-output', 'ops');
const canRun = sharedAvailable && existsSync(CHROMIUM);
const why = !existsSync(CHROMIUM) ? `(no browser at ${CHROMIUM}: npm run setup installs Debian's chromium)` : SHARED_SKIP_REASON;

let f: OpsFixture;
let browser: Browser;
const contextAs = (username: string, password: string): Promise<BrowserContext> =>
  browser.newContext({ httpCredentials: { username, password }, viewport: { width: 1440, height: 1000 }, locale: 'en-US' });

describe.skipIf(!canRun)(`reports page and dashboard in chromium ${why}`, () => {
  beforeAll(async () => {
    mkdirSync(shots, { recursive: true });
    f = await opsFixture('opspage');
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  });
  afterAll(async () => {
    await browser?.close();
    await f?.close();
  });

  it('lists the five reports with status, agency, year, key figures and findings, and the failed one', async () => {
    const ctx = await contextAs('viewer', VIEWER);
    const page = await ctx.newPage();
    const res = await page.goto(`${f.ops.url}/reports`);
    expect(res?.status()).toBe(200);
    const rows = page.locator('table.reports tr[data-id]');
    await expect.poll(() => rows.count()).toBe(6);
    for (const id of f.seedIds) {
      const doc = (await f.t.store.get(id))!;
      const row = page.locator(`tr[data-id="${id}"]`);
      const cells = await row.locator('td').allInnerTexts();
      expect(cells[0]).toBe(doc.status);
      expect(cells[1]).toBe(doc.meta?.agency ?? '');
      expect(cells[2]).toBe(String(doc.meta?.year ?? ''));
      const proactive = doc.metrics?.find((m) => m.key === 'proactive.total');
      if (proactive) expect(cells[4]!.replace(/[≈,]/g, '')).toBe(String(proactive.value));
      expect((await row.locator('.rule').allInnerTexts()).sort()).toEqual((doc.findings ?? []).map((x) => x.rule).sort());
    }
    expect(await page.locator(`tr[data-id="${f.badId}"]`).innerText()).toContain('decode: BINARY_FILE');
    await page.screenshot({ path: join(shots, 'reports-list.png'), fullPage: true });
    await ctx.close();
  });

  it("shows a report's figures and findings, and its text with each metric's evidence highlighted at the right place", async () => {
    const docs = await Promise.all(f.seedIds.map((id) => f.t.store.get(id, { full: true })));
    const doc = docs.sort((a, b) => (b!.metrics?.length ?? 0) - (a!.metrics?.length ?? 0))[0] as Report;
    const ctx = await contextAs('viewer', VIEWER);
    const page = await ctx.newPage();
    await page.goto(`${f.ops.url}/reports`);
    await page.locator(`tr[data-id="${doc._id}"] a`).click();
    await page.waitForURL(`**/reports/${doc._id}`);
    expect(await page.locator('table.figures tr').count()).toBe(1 + doc.metrics!.length);
    expect(await page.locator('table.findings tr').count()).toBe(1 + doc.findings!.length);
    // the text shown is the stored text, and every metric's anchor stands at its evidence offset
    // (in the page, as a string: the test compiles without the DOM library)
    const placed = (await page.evaluate(`(() => {
      const box = document.querySelector('.text');
      return {
        text: box.textContent,
        anchors: [...box.querySelectorAll('.anchor')].map((a) => {
          const r = document.createRange();
          r.setStart(box, 0);
          r.setEndBefore(a);
          return { id: a.id, at: r.toString().length };
        }),
        marked: [...box.querySelectorAll('mark')].map((m) => m.textContent).join(''),
      };
    })()`)) as { text: string; anchors: Array<{ id: string; at: number }>; marked: string };
    expect(placed.text).toBe(doc.text);
    const expected = doc.metrics!.map((m, i) => ({ id: `m-${i}`, at: m.evidence.start })).sort((a, b) => a.at - b.at || a.id.localeCompare(b.id));
    expect([...placed.anchors].sort((a, b) => a.at - b.at || a.id.localeCompare(b.id))).toEqual(expected);
    for (const m of doc.metrics!) expect(placed.marked).toContain(doc.text!.slice(m.evidence.start, m.evidence.end));
    // a figure links to its evidence in the text
    const target = doc.metrics!.findIndex((m) => m.key === 'requests.received.total');
    const i = target >= 0 ? target : 0;
    await page.locator(`table.figures a[href="#m-${i}"]`).click();
    expect(new URL(page.url()).hash).toBe(`#m-${i}`);
    await page.screenshot({ path: join(shots, 'report.png') });
    await ctx.close();
  });

  it('shows the dashboard with the stages top to bottom, each with its dead-letter queue', async () => {
    const ctx = await contextAs('admin', ADMIN);
    const page = await ctx.newPage();
    await page.goto(`${f.ops.url}/admin/queues`);
    await page.getByText('decode dead letters').first().waitFor({ timeout: 20_000 });
    const body = await page.locator('body').innerText();
    // the overview groups each DLQ under its stage, in pipeline order
    const order = STAGES.flatMap((s, i) => [`${i + 1}-${s}`, `${s} jobs`, dlqDisplayName(s)])
      .reduce<number[]>((at, name) => [...at, body.indexOf(`\n${name}\n`, (at.at(-1) ?? -1) + 1)], []);
    expect(order.every((x) => x >= 0)).toBe(true);
    expect(order).toEqual([...order].sort((a, b) => a - b));
    await page.screenshot({ path: join(shots, 'dashboard.png'), fullPage: true });
    await ctx.close();
  });
});
