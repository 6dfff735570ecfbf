/**
 * The agencies list, an agency's page and the comparison page in headless
 * Chromium (Debian's chromium driven by playwright-core, as the reports-page
 * test does), over real reports run through the real pipeline. Screenshots
 * land in test-output/agencies/ (gitignored). Expected figures were read in
 * the reports.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRootDir } from '../ops/paths.ts';
import { VIEWER, bearer } from '../ops/ops-fixture.ts';
import { AGENCY_SKIP_REASON, agencyFilesPresent, agencyFixture, type AgencyFixture } from './agencies.fixture.ts';

const CHROMIUM = process.env['CHROMIUM_BIN'] ?? '/usr/bin/chromium';
const shots = join(repoRootDir, 'test-output', 'agencies');
const canRun = agencyFilesPresent && existsSync(CHROMIUM);
const why = !existsSync(CHROMIUM) ? `(no browser at ${CHROMIUM}: npm run setup installs Debian's chromium)` : AGENCY_SKIP_REASON;

let f: AgencyFixture;
let browser: Browser;

async function viewerPage(): Promise<Page> {
  const ctx = await browser.newContext({ httpCredentials: { username: 'viewer', password: VIEWER }, viewport: { width: 1440, height: 1000 }, locale: 'en-US' });
  return ctx.newPage();
}

/** What Chart.js drew on a canvas: the dataset's values, point styles, and each point's position on the page. */
const chartOf = (page: Page, selector: string) =>
  page.evaluate(`(() => {
    const canvas = document.querySelector(${JSON.stringify(selector)});
    const chart = Chart.getChart(canvas);
    const box = canvas.getBoundingClientRect();
    const ds = chart.data.datasets[0];
    return {
      values: ds.data.map((d) => (typeof d === 'number' ? d : d.y)),
      styles: Array.isArray(ds.pointStyle) ? ds.pointStyle : [],
      points: chart.getDatasetMeta(0).data.map((el) => ({ x: box.left + el.x, y: box.top + el.y })),
    };
  })()`) as Promise<{ values: Array<number | null>; styles: string[]; points: Array<{ x: number; y: number }> }>;

describe.skipIf(!canRun)(`agency and comparison pages in chromium ${why}`, () => {
  beforeAll(async () => {
    mkdirSync(shots, { recursive: true });
    f = await agencyFixture('agencypages');
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  }, 600_000);
  afterAll(async () => {
    await browser?.close();
    await f?.close();
  });

  it('lists the agencies and opens one from the list', async () => {
    const page = await viewerPage();
    expect((await page.goto(`${f.ops.url}/agencies`))?.status()).toBe(200);
    await expect.poll(() => page.locator('table.agencies tr[data-key]').count()).toBe(4);
    const key = f.docs.pingtan2021.meta!.agencyKey!;
    expect(await page.locator(`tr[data-key="${key}"] td`).nth(3).innerText()).toBe('2019 2020 2021');
    await page.screenshot({ path: join(shots, 'agencies.png'), fullPage: true });
    await page.locator(`tr[data-key="${key}"] a`).click();
    await page.waitForURL(`**/agencies/${encodeURIComponent(key)}`);
    expect(await page.locator('h2').first().innerText()).toBe(f.docs.pingtan2021.meta!.agency);
    await page.context().close();
  });

  it("charts an agency's figures across the years, each point linking to its report's evidence", async () => {
    const key = f.docs.pingtan2021.meta!.agencyKey!;
    const page = await viewerPage();
    const errors: string[] = [];
    page.on('pageerror', (err) => errors.push(err.message));
    page.on('console', (m) => void (m.type() === 'error' && errors.push(m.text())));
    await page.goto(`${f.ops.url}/agencies/${encodeURIComponent(key)}?metrics=requests.received.total,rate.granted_share,review.total`);
    // the table under the charts: 表三 本年新收 23 / 21 / 70; (予以公开+部分公开)/总计 2019 8/23, 2021 35/69
    const cells = (figure: string) => page.locator(`table.series td[data-figure="${figure}"]`).allInnerTexts();
    expect(await cells('requests.received.total')).toEqual(['23', '21', '70']);
    const rates = await cells('rate.granted_share');
    expect(rates[0]).toBe(`${((8 / 23) * 100).toFixed(1)}%`);
    expect(rates[2]).toBe(`${((35 / 69) * 100).toFixed(1)}%`);
    // 表四 2021 行政复议 总计 3
    expect((await cells('review.total'))[2]).toBe('3');

    await page.waitForFunction('Chart.getChart(document.getElementById("chart-0")) !== undefined');
    const received = await chartOf(page, '#chart-0');
    expect(received.values).toEqual([23, 21, 70]);
    const rate = await chartOf(page, '#chart-1');
    expect(rate.values[2]).toBeCloseTo((35 / 69) * 100, 6);
    // a report with cross-year findings is drawn as a triangle, the others as circles
    const api = (await (await f.get(`/api/agencies/${encodeURIComponent(key)}`, bearer(VIEWER))).json()) as { reports: Array<{ crossYear: unknown[] }> };
    expect(received.styles).toEqual(api.reports.map((r) => (r.crossYear.length > 0 ? 'triangle' : 'circle')));
    await page.screenshot({ path: join(shots, 'agency.png'), fullPage: true });
    expect(errors).toEqual([]);

    // clicking the 2021 point opens the 2021 report at its figure's evidence
    const p = received.points[2]!;
    await page.mouse.click(p.x, p.y);
    await page.waitForURL(`**/reports/${f.ids.pingtan2021}#m-*`);
    const index = Number(new URL(page.url()).hash.slice(3));
    expect(f.docs.pingtan2021.metrics![index]!.key).toBe('requests.received.total');
    await page.context().close();
  });

  it('compares agencies in a year: ranked table and bar chart, missing apart, sortable by another column', async () => {
    const page = await viewerPage();
    await page.goto(`${f.ops.url}/compare?year=2020&metric=requests.received.total`);
    const rows = page.locator('table.compare tr[data-report]');
    // 2020: the committee 21, the economy bureau 0; the police report states nothing and is listed apart
    expect(await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-report')))).toEqual([f.ids.pingtan2020, f.ids.economy2020]);
    expect(await page.locator('table.compare td[data-figure="requests.received.total"]').allInnerTexts()).toEqual(['21', '0']);
    expect(await page.locator('table.compare-missing tr[data-report]').evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-report')))).toEqual([f.ids.police2020]);
    expect(await page.locator('table.compare-missing td[data-figure="requests.received.total"]').allInnerTexts()).toEqual(['—']);
    await page.waitForFunction('Chart.getChart(document.getElementById("bars")) !== undefined');
    expect((await chartOf(page, '#bars')).values).toEqual([21, 0]);
    await page.screenshot({ path: join(shots, 'compare.png'), fullPage: true });

    // sort by 主动公开政府信息数 (proactive.total): its header links to the page ranked by it
    await page.locator('table.compare th a', { hasText: '主动公开政府信息数' }).click();
    await page.waitForURL('**/compare?year=2020&metric=proactive.total*');
    const proactive = await page.locator('table.compare td[data-figure="proactive.total"]').allInnerTexts();
    const numbers = proactive.map((t) => Number(t.replace(/[≈,]/g, '')));
    expect(numbers.length).toBeGreaterThan(0);
    expect(numbers).toEqual([...numbers].sort((a, b) => b - a));
    await page.screenshot({ path: join(shots, 'compare-sorted.png'), fullPage: true });
    await page.context().close();
  });
});
