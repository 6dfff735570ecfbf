/**
 * What a report's cross-year rules read of its neighbours comes from
 * `report_facts` (one small document per done report; report.facts.ts), not
 * from the ~200 KB report FerretDB decodes whole: the copy follows the
 * report's state (a new run or a failure takes it out, its next final write
 * puts it back), a refresh's findings change whether it counts, and a report
 * stored before the copies existed is read from `reports` and copied.
 */
import { PIPELINE_VERSION, type Finding, type Metric, type Report } from '@gongkai/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEnv, type TestEnv } from '../helpers/test-env.ts';
import { registeredIds } from '../helpers/agency-years.ts';

let t: TestEnv;
beforeAll(async () => {
  t = await testEnv('report-facts');
});
afterAll(() => t.cleanup());

const KEY = '测试省/某市:政府';
const src = (name: string) => ({ uri: `file:///in/${name}`, name, size: 10, receivedAt: new Date().toISOString() });
const run = (runId: string) => ({ ms: 1, attempts: 1, at: new Date().toISOString(), runId, version: PIPELINE_VERSION });
const metric = (value: number): Metric => ({
  key: 'requests.received.total', value, unit: '件', approx: false, source: 'text',
  evidence: { quote: `收到申请${value}件`, start: 0, end: 6, section: null },
});
const finished = (year: number, value: number, findings: Finding[] = []): Partial<Report> => ({
  meta: { agency: '某市人民政府', agencyKey: KEY, year, title: `某市人民政府${year}年政府信息公开工作年度报告` } as Report['meta'],
  metrics: [metric(value)], tables: [], findings, status: 'valid',
});
const notAReport: Finding = { rule: 'NOT_A_REPORT', severity: 'error', message: 'not a report', evidence: [] } as unknown as Finding;

async function done(id: string, runId: string, year: number, value: number): Promise<void> {
  await t.store.intake(id, src(`${id.slice(0, 4)}.txt`), runId);
  await t.store.neighboursOf(KEY, year, id); // its validate registers its agency-year as it loads its context
  expect(await t.store.saveStageOutput(id, runId, 'validate', finished(year, value), run(runId), 1)).toBe(true);
}
const neighbours = async (id: string, year: number) =>
  (await t.store.neighboursOf(KEY, year, id)).map((n) => ({ id: n.reportId.slice(0, 4), run: n.runId, year: n.year, value: n.metrics[0]?.value }));

describe('report facts: the neighbours cross-year rules read', () => {
  const a = 'a'.repeat(64);
  const b = 'b'.repeat(64);

  it('finds a done report of the year before by its facts; a new run takes it out until its run is done again', async () => {
    await done(a, 'r1', 2019, 5);
    expect(await neighbours(b, 2020)).toEqual([{ id: 'aaaa', run: 'r1', year: 2019, value: 5 }]);
    expect(await t.store.db.collection('report_facts').countDocuments({ _id: a } as never)).toBe(1);

    expect(await t.store.startRun(a, 'r2', 'decode', 'reprocess')).toBe(true);
    expect(await neighbours(b, 2020)).toEqual([]);
    expect(await t.store.saveStageOutput(a, 'r2', 'validate', finished(2019, 7), run('r2'), 1)).toBe(true);
    expect(await neighbours(b, 2020)).toEqual([{ id: 'aaaa', run: 'r2', year: 2019, value: 7 }]);
  });

  it('follows a refresh that stores only findings and status: NOT_A_REPORT takes it out, the figures stay the run\'s', async () => {
    expect(await t.store.saveStageOutput(a, 'r2', 'validate', { findings: [notAReport], status: 'invalid' }, run('r2'), 1)).toBe(true);
    expect(await neighbours(b, 2020)).toEqual([]);
    expect(await t.store.saveStageOutput(a, 'r2', 'validate', { findings: [], status: 'warnings' }, run('r2'), 1)).toBe(true);
    expect(await neighbours(b, 2020)).toEqual([{ id: 'aaaa', run: 'r2', year: 2019, value: 7 }]);
  });

  it('reads a report stored before its facts existed from the report, and keeps a copy', async () => {
    const facts = t.store.db.collection<{ _id: string }>('report_facts');
    await facts.deleteOne({ _id: a });
    expect(await neighbours(b, 2020)).toEqual([{ id: 'aaaa', run: 'r2', year: 2019, value: 7 }]);
    expect(await facts.countDocuments({ _id: a })).toBe(1);
  });

  it('drops the facts of a report that failed', async () => {
    expect(await t.store.markFailed(a, 'r2', { stage: 'validate', code: 'STAGE_BUG', reason: 'x', at: new Date().toISOString() }, 1)).toBe(true);
    expect(await neighbours(b, 2020)).toEqual([]);
    expect(await t.store.db.collection('report_facts').countDocuments({ _id: a } as never)).toBe(0);
  });

  it('tells a dependent\'s version from this side: the done reports of one agency-year, without registering anyone', async () => {
    const c = 'c'.repeat(64);
    await done(c, 'r1', 2021, 3);
    expect((await t.store.doneOfAgency(KEY, [2021], b)).map((n) => `${n.reportId.slice(0, 4)}@${n.runId}`)).toEqual(['cccc@r1']);
    expect(await t.store.doneOfAgency(KEY, [2021], c)).toEqual([]);
    expect(await registeredIds(t.store.db, KEY, 2021)).not.toContain(b);
  });

  it('copies one report from many readers at once, and writes its final facts beside them, without a duplicate-key failure', async () => {
    const facts = t.store.db.collection<{ _id: string }>('report_facts');
    for (let round = 0; round < 5; round++) {
      const d = String(round).repeat(64);
      await done(d, 'r1', 2030, round);
      await facts.deleteOne({ _id: d });
      // six neighbours of 2031 reading it (each copies it) while its own final write stores it again
      const reads = Array.from({ length: 6 }, (_, i) => t.store.neighboursOf(KEY, 2031, `n${round}-${i}`));
      const again = t.store.saveStageOutput(d, 'r1', 'validate', finished(2030, round), run('r1'), 1);
      const results = await Promise.allSettled([...reads, again]);
      expect(results.filter((r) => r.status === 'rejected').map((r) => String((r as PromiseRejectedResult).reason))).toEqual([]);
      for (const r of results.slice(0, 6)) expect((r as PromiseFulfilledResult<Awaited<(typeof reads)[number]>>).value.map((n) => n.reportId)).toContain(d);
      expect(await facts.countDocuments({ _id: d })).toBe(1);
    }
  });
});
