/**
 * `gongkai export` as an analyst runs it, against the real servers after the
 * seeds and a bad file went through the real pipeline: a CSV that opens in
 * a spreadsheet (UTF-8 BOM, one header row of metric keys, one row per
 * report) and JSON Lines with the same values.
 */
import { METRICS, type Report } from '@gongkai/core';
import { SHARED_SKIP_REASON, sharedAvailable } from '@gongkai/testkit';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCsv } from './csv.read.ts';
import { repoRootDir } from './paths.ts';
import { opsFixture, type OpsFixture } from './ops-fixture.ts';

let f: OpsFixture;

function gongkai(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(repoRootDir, 'services/cli/bin/gongkai.js'), ...args], { env: { ...process.env, ...f.t.env }, cwd: repoRootDir });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

describe.skipIf(!sharedAvailable)(`gongkai export over the seeds ${SHARED_SKIP_REASON}`, () => {
  beforeAll(async () => {
    f = await opsFixture('opsexport');
  });
  afterAll(async () => {
    await f?.close();
  });

  it('writes a CSV with a UTF-8 BOM, one header row of metric keys and one row per report, values as stored', async () => {
    const out = join(f.t.dir, 'reports.csv');
    const r = await gongkai(['export', '--format', 'csv', '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    const bytes = readFileSync(out);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const [header, ...rows] = readCsv(bytes.subarray(3).toString('utf8'));
    expect(header!.slice(-METRICS.length)).toEqual(METRICS.map((m) => m.key));
    expect(rows).toHaveLength(6);
    const docs = (await f.t.store.reports.find({}).toArray()) as Report[];
    for (const row of rows) {
      expect(row).toHaveLength(header!.length);
      const cell = (k: string) => row[header!.indexOf(k)]!;
      const doc = docs.find((d) => d._id === cell('id'))!;
      expect(cell('status')).toBe(doc.status);
      expect(cell('agency')).toBe(doc.meta?.agency ?? '');
      for (const m of METRICS) {
        const stored = doc.metrics?.find((x) => x.key === m.key);
        expect(cell(m.key), `${doc.source.name} ${m.key}`).toBe(stored ? String(stored.value) : '');
      }
    }
    // the Chinese is there as UTF-8, readable
    expect(rows.some((row) => /人民政府|局|办公室/.test(row[header!.indexOf('agency')]!))).toBe(true);
  });

  it('filters by status and year, and writes JSON Lines with the same values', async () => {
    const done = await gongkai(['export', '--format', 'jsonl', '--status', 'done', '--year', '2017']);
    expect(done.code, done.stderr).toBe(0);
    const lines = done.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.map((l) => l['id']).sort()).toEqual([...f.seedIds].sort());
    for (const l of lines) {
      const doc = (await f.t.store.get(String(l['id'])))!;
      for (const m of doc.metrics ?? []) expect(l[m.key]).toBe(m.value);
    }
    const none = await gongkai(['export', '--format', 'csv', '--year', '2009']);
    expect(none.stdout.split('\r\n').filter(Boolean)).toHaveLength(1);
    expect((await gongkai(['export', '--format', 'csv', '--status', 'failed'])).stdout).toContain(f.badId);
    // a failed report says where and why, as stored
    const failed = await gongkai(['export', '--format', 'jsonl', '--status', 'failed']);
    const row = JSON.parse(failed.stdout.trim().split('\n')[0]!) as Record<string, unknown>;
    const bad = (await f.t.store.get(f.badId))!;
    expect(row).toMatchObject({ id: f.badId, status: 'failed', failedStage: 'decode', errorCode: bad.failure!.code, errorMessage: bad.failure!.reason, aliases: null });
  });

  it.each([
    [['export'], '--format must be csv or jsonl'],
    [['export', '--format', 'xlsx'], '--format must be csv or jsonl'],
    [['export', '--format', 'csv', '--year', '17'], '--year must be a year'],
    [['export', '--format', 'csv', '--status', 'good'], '--status must be one of'],
  ])('rejects %j with a usage error (exit 2)', async (args, message) => {
    const r = await gongkai(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
  });
});
