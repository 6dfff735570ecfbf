/**
 * What /metrics and the status count (reports by status, findings by rule)
 * comes from the list rows, never from the report documents: on FerretDB an
 * aggregation over `reports` decodes every ~200 KB document, and a scrape
 * at 300 reports cost 27 s of FerretDB CPU. Real FerretDB, real Redis.
 */
import { PIPELINE_VERSION, type Finding } from '@gongkai/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEnv, type TestEnv } from '../helpers/test-env.ts';

let t: TestEnv;
beforeAll(async () => {
  t = await testEnv('countsrows');
});
afterAll(async () => {
  await t?.cleanup();
});

const at = () => new Date().toISOString();
const finding = (rule: string): Finding => ({ rule, severity: 'warning', message: `${rule} found`, evidence: [] });

describe('report counts', () => {
  it('counts reports by status and findings by rule from the rows, with no read of a report', async () => {
    const [a, b, c] = ['a', 'b', 'c'].map((x) => x.repeat(64)) as [string, string, string];
    for (const id of [a, b, c]) await t.store.intake(id, { uri: `file:///inbox/${id.slice(0, 4)}.txt`, name: `${id.slice(0, 4)}.txt`, size: 1, receivedAt: at() }, 'r1');
    const run = { ms: 1, attempts: 1, at: at(), runId: 'r1', version: PIPELINE_VERSION };
    expect(await t.store.saveStageOutput(a, 'r1', 'validate', { findings: [finding('T3_BALANCE'), finding('T3_BALANCE'), finding('YEAR_MISMATCH')], status: 'warnings' }, run, 1)).toBe(true);
    expect(await t.store.markFailed(c, 'r1', { stage: 'decode', code: 'UNDECODABLE', reason: 'not text', at: at() }, 1)).toBe(true);
    const expected = { byStatus: { warnings: 1, queued: 1, failed: 1 }, byRule: { T3_BALANCE: 2, YEAR_MISMATCH: 1 } };
    const counts = async () => ({ byStatus: await t.store.countByStatus(), byRule: await t.store.countFindingsByRule() });
    expect(await counts()).toEqual(expected);
    // the report documents gone from under the counts: the same answer (they are not read)
    const reports = t.store.db.collection('reports');
    await reports.rename('reports_away');
    try {
      expect(await counts()).toEqual(expected);
    } finally {
      await t.store.db.collection('reports_away').rename('reports');
    }
  });
});
