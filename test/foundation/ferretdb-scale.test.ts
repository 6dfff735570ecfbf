/**
 * What keeps the embedded FerretDB flat as collections grow: lookups by _id
 * answered from an index (indexFerretdbIds), stage writes guarded by the
 * small run record rather than a filter FerretDB cannot push down, and the
 * unqueried stage fields stored packed, and no secondary index to maintain.
 */
import { loadConfig } from '@gongkai/config';
import { PIPELINE_VERSION } from '@gongkai/core';
import { findFerretdb, indexFerretdbIds, startFerretdb, type EmbeddedServer } from '@gongkai/embedded';
import { ReportStore } from '@gongkai/store';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let dir: string;
let srv: EmbeddedServer;
let store: ReportStore;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'gongkai-fdbscale-'));
  srv = await startFerretdb({ bin: findFerretdb(loadConfig({}).tools), dir });
  store = await ReportStore.open(srv.url, 'scale');
  await store.ensureIndexes();
});
afterAll(async () => {
  await store?.close();
  await srv?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const plan = async (collection: string, filter: object) =>
  JSON.stringify((await store.db.command({ explain: { find: collection, filter } })) as object);
const src = { uri: 'file:///in/a.txt', name: 'a.txt', size: 3, receivedAt: new Date().toISOString() };

describe('embedded FerretDB at scale', () => {
  it('answers a lookup by _id from an index once the tables are tuned, and tuning twice changes nothing', async () => {
    expect(store.ferretdb).toBe(true);
    await store.intake('a'.repeat(64), src, 'r1');
    expect(await plan('reports', { _id: 'a'.repeat(64) })).toMatch(/SCAN reports_/);
    const first = await indexFerretdbIds(join(dir, 'data'));
    expect(first.skipped).toBeNull();
    expect(first.created).toBe(first.tables);
    // a pooled connection notices the new schema at its next statement (SQLite's schema cookie)
    await store.intake('d'.repeat(64), src, 'r1');
    for (const c of ['reports', 'sources', 'dead_letters', 'report_runs']) {
      await plan(c, { _id: 'x' });
      expect(await plan(c, { _id: 'x' }), c).toMatch(/USING INDEX \w+__id_path/);
    }
    expect((await indexFerretdbIds(join(dir, 'data'))).created).toBe(0);
  });

  it('refuses a stage write of a run that a reprocess replaced, without a filter FerretDB reads whole', async () => {
    const id = 'b'.repeat(64);
    await store.intake(id, src, 'run-1');
    const run = (runId: string) => ({ ms: 1, attempts: 1, at: new Date().toISOString(), runId, version: PIPELINE_VERSION });
    expect(await store.saveStageOutput(id, 'run-1', 'decode', { text: '一' }, run('run-1'), 1)).toBe(true);
    expect(await store.startRun(id, 'run-2', 'decode', 'reprocess')).toBe(true);
    expect(await store.saveStageOutput(id, 'run-1', 'decode', { text: 'stale' }, run('run-1'), 1)).toBe(false);
    expect(await store.markFailed(id, 'run-1', { stage: 'decode', code: 'TRANSIENT', reason: 'x', at: new Date().toISOString() }, 1)).toBe(false);
    expect(await store.saveStageOutput(id, 'run-2', 'decode', { text: '二' }, run('run-2'), 1)).toBe(true);
    expect((await store.get(id, { full: true }))?.text).toBe('二');
  });

  it('stores mentions and offsets packed, and gives them back whole', async () => {
    const id = 'c'.repeat(64);
    await store.intake(id, src, 'r1');
    const mentions = [{ key: 'proactive.total', value: 12, approx: false, evidence: { quote: '公开12条', start: 0, end: 5, section: null } }];
    const offsetMap = [[0, 0], [3, 4]];
    const r = { ms: 1, attempts: 1, at: new Date().toISOString(), runId: 'r1', version: PIPELINE_VERSION };
    expect(await store.saveStageOutput(id, 'r1', 'extract', { mentions, offsetMap, metrics: [] } as never, r, 1)).toBe(true);
    const raw = await store.reports.findOne({ _id: id });
    expect(typeof (raw?.['mentions' as keyof typeof raw] as unknown as { __json: unknown }).__json).toBe('string');
    const loaded = await store.loadOutputs(id, ['extract']);
    expect(loaded?.outputs.extract?.mentions).toEqual(mentions);
    expect((await store.get(id, { full: true }))?.offsetMap).toEqual(offsetMap);
  });

  it('keeps no secondary index on FerretDB (none answers a query there; each costs a JSON extraction per update) and drops an older version\'s', async () => {
    await store.reports.createIndex({ status: 1 });
    await store.sources.createIndex({ reportId: 1 });
    expect((await store.reports.indexes()).length).toBeGreaterThan(1);
    await store.ensureIndexes();
    for (const c of ['reports', 'sources', 'dead_letters', 'report_runs', 'report_list', 'agency_years', 'report_facts']) {
      expect((await store.db.collection(c).indexes()).map((i) => i.name), c).toEqual(['_id_']);
    }
  });
});
