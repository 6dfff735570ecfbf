/**
 * Cross-year findings do not depend on the order an agency's years arrive in:
 * the zone's reports 2011–2016 (the 统计表 era: 历年累计 columns) (real files of the shared corpus, read in
 * place) go through the queued pipeline on real Redis and FerretDB twice, in
 * two different shuffles, each time in a fresh database and queue prefix —
 * once one file at a time, once all at once. Both end with the same
 * cross-year findings, the ones validate gives each report with its true year
 * before, and the re-validation rounds stop by themselves.
 */
import { isDone, type Finding, type NeighbourReport, type Report } from '@gongkai/core';
import { ingest } from '@gongkai/pipeline';
import { reportIdOf, runInProcess } from '@gongkai/stages';
import { SHARED_SKIP_REASON, readShared, realReportFiles, sharedAvailable } from '@gongkai/testkit';
import { validate } from '@gongkai/validate';
import { describe, expect, it } from 'vitest';
import { testEnv, waitFor, type TestEnv } from '../helpers/test-env.ts';
import { startTestWorkers } from '../helpers/workers.ts';

const CROSS_YEAR = new Set(['CROSS_YEAR_CARRY', 'T2_STOCK', 'CROSS_YEAR_CUMULATIVE', 'SERIES_BREAK']);
const YEARS = [2011, 2012, 2013, 2014, 2015, 2016];

function zoneFiles(): Array<{ name: string; bytes: Uint8Array; year: number }> {
  return realReportFiles()
    .filter((f) => f.rel.includes('pingtan-gov-zwgk-archive') && /^\d+_平潭综合实验区(?:管委会)?\d{4}年度?/.test(f.name))
    .map((f) => ({ name: f.name, bytes: readShared(f.rel), year: Number(/(\d{4})年/.exec(f.name)![1]) }))
    .filter((f) => YEARS.includes(f.year));
}

/** A seeded shuffle (mulberry32), so a failure can be replayed. */
function shuffled<T>(items: readonly T[], seed: number): T[] {
  let a = seed;
  const rnd = () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** What a reader sees of a cross-year finding (evidence quotes and the other report's id and year). */
const view = (f: Finding) => ({ rule: f.rule, severity: f.severity, message: f.message, data: f.data, evidence: f.evidence.map((e) => [e.quote, e.reportId ?? null, e.year ?? null]) });
const crossYear = (findings: readonly Finding[] | undefined) => (findings ?? []).filter((f) => CROSS_YEAR.has(f.rule)).map(view);

/** Waits until every report is done and no validate job is left (refresh rounds included), twice in a row. */
async function settled(t: TestEnv, ids: readonly string[]): Promise<void> {
  let quiet = 0;
  let last = '';
  await waitFor('every report done and the validate queue empty', async () => {
    const reports = await Promise.all(ids.map((id) => t.store.get(id)));
    const counts = (await t.pipeline.counts())['validate']!;
    last = JSON.stringify({ statuses: reports.map((r) => r?.status), validate: counts });
    const idle = reports.every((r) => r && isDone(r.status)) && counts.waiting + counts.active + counts.delayed + counts.prioritized === 0;
    quiet = idle ? quiet + 1 : 0;
    return quiet >= 3;
  }, 600_000, 500).catch((err: Error) => {
    throw new Error(`${err.message}; last seen ${last}`);
  });
}

async function run(seed: number, oneByOne: boolean): Promise<{ findings: Map<string, ReturnType<typeof crossYear>>; validateJobs: number }> {
  const t = await testEnv(`years${seed}`);
  const workers = startTestWorkers(t);
  try {
    const files = shuffled(zoneFiles(), seed);
    const ids: string[] = [];
    for (const f of files) {
      const { reportId } = await ingest(t, { body: f.bytes, name: f.name, uri: `test:${f.name}` });
      ids.push(reportId);
      if (oneByOne) await settled(t, [reportId]);
    }
    await settled(t, ids);
    const findings = new Map<string, ReturnType<typeof crossYear>>();
    for (const id of ids) findings.set(id, crossYear(((await t.store.get(id)) as Report).findings));
    const validateJobs = (await t.pipeline.counts())['validate']!.completed;
    return { findings, validateJobs };
  } finally {
    await workers.close();
    await t.cleanup();
  }
}

/** The cross-year findings each report should have: validate in process, given its true year before. */
async function expected(): Promise<Map<string, ReturnType<typeof crossYear>>> {
  const local = await Promise.all(zoneFiles().map(async (f) => ({ f, r: await runInProcess({ bytes: f.bytes, name: f.name }) })));
  const out = new Map<string, ReturnType<typeof crossYear>>();
  for (const { f, r } of local) {
    const prev = local.find((x) => x.f.year === f.year - 1);
    const neighbours: NeighbourReport[] = prev
      ? [{
          reportId: reportIdOf(prev.f.bytes), runId: 'in-process', year: prev.f.year, agency: prev.r.outputs.segment.meta.agency, title: prev.r.outputs.segment.meta.title,
          metrics: prev.r.outputs.extract.metrics, stats: prev.r.outputs.segment.tables.filter((x) => x.kind === 'stats').flatMap((x) => x.cells),
        }]
      : [];
    out.set(reportIdOf(f.bytes), crossYear(validate({ ...r.outputs, neighbours }).findings));
  }
  return out;
}

describe.skipIf(!sharedAvailable)(`cross-year findings whatever the arrival order ${SHARED_SKIP_REASON}`, () => {
  it('two shuffles of the zone\'s 2011–2016 reports end with the same cross-year findings, the right ones', async () => {
    expect(zoneFiles().map((f) => f.year).sort()).toEqual(YEARS);
    const want = await expected();
    expect([...want.values()].flat().length, 'the series must raise some cross-year finding, or this test proves nothing').toBeGreaterThan(0);

    const a = await run(17, true);
    const b = await run(4242, false);
    const sorted = (m: Map<string, unknown>) => Object.fromEntries([...m].sort(([x], [y]) => x.localeCompare(y)));
    expect(sorted(a.findings)).toEqual(sorted(want));
    expect(sorted(b.findings)).toEqual(sorted(want));
    // each report validated once by its run, and refreshed at most once per neighbour that landed after it (+1 for a race)
    for (const r of [a, b]) expect(r.validateJobs).toBeLessThanOrEqual(YEARS.length * 3);
  }, 900_000);
});
