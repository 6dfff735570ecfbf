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
import { isFigureKey } from '@gongkai/store';
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
      years: ds.data.map((d) => (typeof d === 'number' ? null : d.x)),
      values: ds.data.map((d) => (typeof d === 'number' ? d : d.y)),
      styles: Array.isArray(ds.pointStyle) ? ds.pointStyle : [],
      points: chart.getDatasetMeta(0).data.map((el) => ({ x: box.left + el.x, y: box.top + el.y })),
    };
  })()`) as Promise<{ years: Array<number | null>; values: Array<number | null>; styles: string[]; points: Array<{ x: number; y: number }> }>;

describe.skipIf(!canRun)(`agency and comparison pages in chromium ${why}`, () => {
  beforeAll(async () => {
    mkdirSync(shots, { recursive: true });
    f = await agencyFixture('agencypages', { early: true });
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
    expect(await page.locator(`tr[data-key="${key}"] td`).nth(3).innerText()).toBe('2014 2015 2016 2019 2020 2021');
    await page.screenshot({ path: join(shots, 'agencies.png'), fullPage: true });
    await page.locator(`tr[data-key="${key}"] a`).click();
    await page.waitForURL(`**/agencies/${encodeURIComponent(key)}`);
    expect(await page.locator('h2').first().innerText()).toBe(f.docs.pingtan2021.meta!.agency);
    await page.context().close();
  });

  it("charts an agency's figures across the years, each point linking to its report's evidence, cross-year findings marked", async () => {
    const key = f.docs.pingtan2021.meta!.agencyKey!;
    const detail = (await (await f.get(`/api/agencies/${encodeURIComponent(key)}`, bearer(VIEWER))).json()) as {
      reports: Array<{ reportId: string; year: number; crossYear: Array<{ rule: string; keys: string[] }> }>;
      gaps: number[];
    };
    expect(detail.reports.map((r) => r.year)).toEqual([2014, 2015, 2016, 2019, 2020, 2021]);
    expect(detail.gaps).toEqual([2017, 2018]);
    // the 2014–2016 reports carry cross-year findings; chart one figure a finding is about
    const marks = detail.reports.flatMap((r) => r.crossYear.map((c) => ({ reportId: r.reportId, ...c })));
    expect(marks.length).toBeGreaterThan(0);
    // one about a figure the comparison can chart, else one about its report as a whole (marked on every chart)
    const marked = marks.find((m) => m.keys.some(isFigureKey)) ?? marks.find((m) => m.keys.length === 0);
    expect(marked, JSON.stringify(marks)).toBeDefined();
    const flagged = marked!.keys.find(isFigureKey) ?? 'proactive.total';
    const figures = [...new Set(['requests.received.total', 'rate.granted_share', 'review.total', flagged])];
    const flaggedChart = `#chart-${figures.indexOf(flagged)}`;

    const page = await viewerPage();
    const errors: string[] = [];
    page.on('pageerror', (err) => errors.push(err.message));
    page.on('console', (m) => void (m.type() === 'error' && errors.push(m.text())));
    await page.goto(`${f.ops.url}/agencies/${encodeURIComponent(key)}?metrics=${figures.join(',')}`);
    // the table under the charts: 表三 本年新收 23 / 21 / 70; (予以公开+部分公开)/总计 2019 8/23, 2021 35/69; 表四 2021 行政复议 总计 3
    const cell = (id: string, figure: string) => page.locator(`table.series tr[data-report="${id}"] td[data-figure="${figure}"]`).innerText();
    expect([await cell(f.ids.pingtan2019, figures[0]!), await cell(f.ids.pingtan2020, figures[0]!), await cell(f.ids.pingtan2021, figures[0]!)]).toEqual(['23', '21', '70']);
    expect(await cell(f.ids.pingtan2019, 'rate.granted_share')).toBe(`${((8 / 23) * 100).toFixed(1)}%`);
    expect(await cell(f.ids.pingtan2021, 'rate.granted_share')).toBe(`${((35 / 69) * 100).toFixed(1)}%`);
    expect(await cell(f.ids.pingtan2021, 'review.total')).toBe('3');
    expect(await page.locator('li.cross-year').count()).toBe(marks.length);

    await page.waitForFunction('Chart.getChart(document.getElementById("chart-0")) !== undefined');
    const received = await chartOf(page, '#chart-0');
    // one point per report, and a null one for each year without a report (the line breaks there)
    expect(received.years).toEqual([2014, 2015, 2016, 2017, 2018, 2019, 2020, 2021]);
    expect(received.values.slice(3)).toEqual([null, null, 23, 21, 70]);
    const value = (r: { reportId: string }, k: string) => Object.values(f.docs).find((d) => d?._id === r.reportId)?.metrics?.find((m) => m.key === k)?.value ?? null;
    expect(received.values.slice(0, 3)).toEqual(detail.reports.slice(0, 3).map((r) => value(r, 'requests.received.total')));
    const rate = await chartOf(page, '#chart-1');
    expect(rate.values[7]).toBeCloseTo((35 / 69) * 100, 6);
    // the report a finding is about is a triangle on that figure's chart
    const chart3 = await chartOf(page, flaggedChart);
    const at = chart3.years.indexOf(detail.reports.find((r) => r.reportId === marked!.reportId)!.year);
    expect(chart3.styles[at]).toBe('triangle');
    // and on every chart exactly the reports with a finding about the chart's figure, or about the whole report, are
    const about = (r: (typeof detail.reports)[number], k: string) => r.crossYear.some((c) => c.keys.length === 0 || c.keys.includes(k));
    const expected = (c: { years: Array<number | null> }, k: string) => c.years.map((y) => {
      const r = detail.reports.find((x) => x.year === y);
      return r && about(r, k) ? 'triangle' : 'circle';
    });
    expect(chart3.styles).toEqual(expected(chart3, flagged));
    expect(received.styles).toEqual(expected(received, 'requests.received.total'));
    await page.screenshot({ path: join(shots, 'agency.png'), fullPage: true });
    expect(errors).toEqual([]);

    // clicking the 2021 point opens the 2021 report at its figure's evidence
    const p = received.points[7]!;
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
