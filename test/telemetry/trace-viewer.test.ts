/**
 * The trace viewer `gongkai start` runs with GONGKAI_TRACES_PORT (issue 18:
 * one report's trace shown to a person): the real supervisor, its services
 * exporting spans over OTLP/HTTP to the viewer, a report dropped into the
 * inbox, its trace found in the list and drawn as a waterfall in Chromium
 * (screenshot: test-output/telemetry/trace.png). A viewer port in use is a
 * start-up error naming it.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { gongkai, gongkaiLong, processesMentioning } from '../helpers/cli.ts';
import { waitFor } from '../helpers/test-env.ts';
import { repoRootDir } from '../ops/paths.ts';

const CHROMIUM = process.env['CHROMIUM_BIN'] ?? '/usr/bin/chromium';
const STACK = /^\s+at .+[(:]\d+/m;
const shots = join(repoRootDir, 'test-output', 'telemetry');

function folders(name: string) {
  const dir = join(inject('scratchDir'), `${name}-${Date.now()}`);
  return { data: join(dir, 'data'), inbox: join(dir, 'inbox') };
}

const report = [
  '某某县人民政府办公室2023年政府信息公开工作年度报告', '一、总体情况', '全年主动公开政府信息1234条。', '二、依申请公开情况',
  '全年共受理政府信息公开申请88件，其中当面申请40件，网络申请48件。', '三、存在的问题和改进措施', '工作中还存在一些不足。',
].join('\n');

describe('the trace viewer of gongkai start (GONGKAI_TRACES_PORT)', () => {
  it.skipIf(!existsSync(CHROMIUM))(`shows a dropped report's run as one trace, drawn as a waterfall ${existsSync(CHROMIUM) ? '' : `(no browser at ${CHROMIUM})`}`, async () => {
    const { data, inbox } = folders('traceview');
    mkdirSync(inbox, { recursive: true });
    const env = { GONGKAI_DATA: data, GONGKAI_INBOX: inbox, GONGKAI_PORT: '0', GONGKAI_TRACES_PORT: '0', LOG_LEVEL: 'warn' };
    const start = gongkaiLong(['start'], env);
    try {
      const traces = await waitFor('the banner with the viewer', async () => {
        if (start.exitCode !== null) throw new Error(start.output());
        return /traces\s+(http:\/\/127\.0\.0\.1:\d+)\//.exec(start.output());
      }, 300_000, 100);
      const viewer = traces[1]!;
      const body = new TextEncoder().encode(report);
      const reportId = createHash('sha256').update(body).digest('hex');
      writeFileSync(join(inbox, 'trace-me.txt'), body);
      // the list finds the report's run by its id prefix (what status prints), once validate's spans are in
      const listed = await waitFor('the trace listed with validate in it', async () => {
        const html = await (await fetch(`${viewer}/?q=${reportId.slice(0, 12)}`)).text();
        const href = /href="trace\/([0-9a-f]{32})"/.exec(html)?.[1];
        if (!href) return null;
        const trace = await (await fetch(`${viewer}/trace/${href}`)).text();
        return trace.includes('process validate') ? href : null;
      }, 180_000, 500);

      mkdirSync(shots, { recursive: true });
      const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'] });
      try {
        const page = await browser.newPage({ viewport: { width: 1440, height: 1100 } });
        const outside: string[] = [];
        page.on('request', (r) => void (new URL(r.url()).hostname !== '127.0.0.1' && outside.push(r.url())));
        await page.goto(`${viewer}/?q=${reportId.slice(0, 12)}`);
        await page.locator(`a[href="trace/${listed}"]`).click();
        await expect.poll(() => page.url()).toBe(`${viewer}/trace/${listed}`);
        const text = await page.locator('body').innerText();
        expect(text).toContain(reportId);
        // a span per stage job, each from its own process, and the parts of a job under it
        for (const stage of ['decode', 'segment', 'extract', 'validate']) expect(text).toContain(`process ${stage}`);
        for (const service of ['gongkai-watcher', 'gongkai-decode', 'gongkai-validate']) expect(text).toContain(service);
        // a span's attributes on hover: the stage job carries the report and run
        expect(await page.locator('td.name', { hasText: 'process validate' }).first().getAttribute('title')).toContain(`gongkai.report_id = ${reportId}`);
        const bars = await page.locator('.bar').evaluateAll((els) => els.map((e) => e.getBoundingClientRect()).map((r) => ({ x: r.x, w: r.width })));
        expect(bars.length).toBeGreaterThan(20);
        // drawn on one time line: bars start at different places, none past the lane
        expect(new Set(bars.map((b) => Math.round(b.x))).size).toBeGreaterThan(5);
        await page.screenshot({ path: join(shots, 'trace.png'), fullPage: true });
        expect(outside).toEqual([]);
      } finally {
        await browser.close();
      }
    } finally {
      start.kill('SIGINT');
      await new Promise((r) => (start.exitCode !== null ? r(null) : start.once('exit', r)));
    }
    expect(start.exitCode).toBe(0);
    await waitFor('every child to be gone', async () => processesMentioning(data).length === 0 || null, 10_000);
  }, 600_000);

  it('a viewer port in use: one line naming GONGKAI_TRACES_PORT, exit 2, nothing left running', async () => {
    const { data, inbox } = folders('traceview-taken');
    const holder = createServer((_req, res) => res.end('taken'));
    await new Promise<void>((r) => holder.listen(0, '127.0.0.1', r));
    const port = (holder.address() as AddressInfo).port;
    try {
      const r = await gongkai(['start'], { GONGKAI_DATA: data, GONGKAI_INBOX: inbox, GONGKAI_PORT: '0', GONGKAI_TRACES_PORT: String(port), LOG_LEVEL: 'warn' }, 300_000);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(new RegExp(`^gongkai start: port ${port} on 127\\.0\\.0\\.1 \\(GONGKAI_TRACES_PORT, the trace viewer\\) is already in use`, 'm'));
      expect(r.stderr).toContain('set GONGKAI_TRACES_PORT to a free port');
      expect(r.stderr).not.toMatch(STACK);
      expect(r.stderr).not.toContain('gongkai is running');
    } finally {
      await new Promise((r) => holder.close(r));
    }
    await waitFor('every child to be gone', async () => processesMentioning(data).length === 0 || null, 10_000);
  }, 420_000);
});
