/**
 * Self-healing: a report whose stored progress was lost (on FerretDB a late
 * update of a killed worker can erase later stages' output; a job can
 * vanish in a crash) is found through the progress ledger and the lost
 * stage re-runs, under new job ids, until the report is whole again.
 */
import { STAGES, isDone, type Report } from '@gongkai/core';
import { MAX_HEALS, ingest, sweepProgress } from '@gongkai/pipeline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEnv, waitFor, type TestEnv } from '../helpers/test-env.ts';
import { startTestWorkers, type TestWorkers } from '../helpers/workers.ts';

let t: TestEnv;
let workers: TestWorkers | null = null;
beforeAll(async () => {
  t = await testEnv('heal');
});
afterAll(async () => {
  await workers?.close();
  await t?.cleanup();
});

let n = 0;
const report = () =>
  new TextEncoder().encode(`某某县人民政府20${10 + (n++ % 9)}年政府信息公开工作年度报告\n一、概述\n全年主动公开政府信息${100 + n}条。其中规范性文件${n}件。\n`);
const later = () => Date.now() + 10 * t.pipeline.settleMs;
const done = (id: string) =>
  waitFor(`report ${id.slice(0, 8)} done`, async () => {
    const r = await t.store.get(id, { full: true });
    if (!(r && isDone(r.status) && Object.keys(r.pipeline.stages).length === 4)) return null;
    // validate stores the report a moment before BullMQ marks its job completed, and may queue a
    // cross-year refresh after it: wait for the queues to settle, or a sweep right after sees a job in flight
    const counts = await t.pipeline.counts();
    return STAGES.every((s) => counts[s]!.active === 0 && counts[s]!.waiting === 0 && counts[s]!.delayed === 0) ? r : null;
  }, 60_000);

/** What a late write from an older snapshot leaves: decode's output only, status processing. */
async function clobberAfterDecode(id: string): Promise<void> {
  await t.store.reports.updateOne(
    { _id: id },
    {
      $set: { status: 'processing' },
      $unset: { 'pipeline.stages.segment': '', 'pipeline.stages.extract': '', 'pipeline.stages.validate': '', meta: '', sections: '', metrics: '', findings: '' },
    } as never,
  );
}

describe('the progress sweeper', () => {
  it('leaves a report alone while its next job is waiting', async () => {
    const { reportId } = await ingest(t, { body: report(), name: 'waiting.txt', uri: 'test:waiting' });
    const r = await sweepProgress(t, { settleMs: t.pipeline.settleMs, now: later() });
    expect(r).toMatchObject({ checked: 1, pending: 1, healed: 0 });
    expect((await t.pipeline.progress.get(reportId))?.stage).toBe('intake');
  });

  it('re-queues a job that vanished, and the report completes', async () => {
    const { reportId } = await ingest(t, { body: report(), name: 'vanished.txt', uri: 'test:vanished' });
    const rec = (await t.pipeline.progress.get(reportId))!;
    await t.pipeline.queues.decode.remove(rec.next!.jobId);
    const r = await sweepProgress(t, { settleMs: t.pipeline.settleMs, now: later() });
    expect(r.healed).toBeGreaterThanOrEqual(1);
    workers = startTestWorkers(t);
    const doc = await done(reportId);
    expect(doc.history!.some((h) => h.event === 'healed' && h.stage === 'decode')).toBe(true);
  });

  it('finds a done report whose later outputs were erased, re-runs from the lost stage and restores them', async () => {
    workers ??= startTestWorkers(t);
    const { reportId } = await ingest(t, { body: report(), name: 'clobbered.txt', uri: 'test:clobbered' });
    const before = await done(reportId);
    // the run had a retried job (risk), and a late write then erased segment..validate
    const rec = { reportId, runId: before.pipeline.runId, stage: 'validate' as const, next: null, heal: 0, risk: true, at: Date.now() };
    await t.pipeline.progress.record(rec, Date.now());
    await clobberAfterDecode(reportId);
    expect(await sweepProgress(t, { settleMs: t.pipeline.settleMs, now: later() })).toMatchObject({ healed: 1 });
    const after = await done(reportId);
    expect(after.metrics).toEqual(before.metrics);
    expect(after.findings).toEqual(before.findings);
    expect(after.history!.filter((h) => h.event === 'healed').map((h) => h.stage)).toEqual(['segment']);
    // the event is written before the healed job exists: on FerretDB a $push racing the job's own write could undo it
    const events = after.history!.map((h) => `${h.stage}:${h.event}`);
    expect(events.indexOf('segment:healed')).toBeLessThan(events.lastIndexOf('segment:done'));
    // healed jobs ran under their own ids, beside the completed originals
    expect(await t.pipeline.queues.segment.getJob(`${reportId}-segment-${before.pipeline.runId}-h1`)).toBeTruthy();
    // and once whole, the report leaves the ledger on the next check
    await sweepProgress(t, { settleMs: t.pipeline.settleMs, now: later() * 2 });
    expect(await t.pipeline.progress.get(reportId)).toBeNull();
  });

  it('a stage that finds its input erased re-runs the earlier stage instead of failing', async () => {
    await workers?.close();
    const only = startTestWorkers(t, {}, ['decode']);
    const { reportId } = await ingest(t, { body: report(), name: 'lost-input.txt', uri: 'test:lost-input' });
    await waitFor('decode done', async () => (await t.store.get(reportId))?.pipeline.stages.decode);
    await only.close();
    // lost everywhere: handed on through Redis (gone, as after a Redis restart) and not in MongoDB either
    const { runId } = (await t.store.get(reportId))!.pipeline;
    expect(Object.keys(await t.pipeline.handoff.get(reportId, runId, ['decode']))).toEqual(['decode']);
    await t.pipeline.handoff.clear(reportId, runId, ['decode']);
    await t.store.reports.updateOne({ _id: reportId }, { $unset: { 'pipeline.stages.decode': '', text: '', decode: '' } } as never);
    workers = startTestWorkers(t);
    const doc = await done(reportId);
    expect(doc.failure).toBeNull();
    expect(doc.history!.filter((h) => h.event === 'healed').map((h) => h.stage)).toEqual(['decode']);
    expect(await t.store.getDeadLetter(`${reportId}-segment`)).toBeNull();
  });

  it('leaves a run alone that moved on while the sweep looked at an older step of it', async () => {
    // A sweep reads the due steps first and checks them one by one; under load a step it holds can be
    // seconds old. Here: the sweep read "segment done, extract job E expected"; meanwhile E ran, handed
    // its output on with its run record (nothing stored: validate stores both) and queued validate.
    // The stored report then lacks segment's record, but the run is well: no heal.
    await workers?.close();
    workers = null;
    const early = startTestWorkers(t, {}, ['decode', 'segment']);
    const { reportId } = await ingest(t, { body: report(), name: 'moved-on.txt', uri: 'test:moved-on' });
    const seen = await waitFor('the ledger at segment', async () => {
      const rec = await t.pipeline.progress.get(reportId);
      return rec?.stage === 'segment' ? rec : null;
    }, 120_000);
    const extract = startTestWorkers(t, {}, ['extract']);
    await waitFor('the ledger at extract', async () => ((await t.pipeline.progress.get(reportId))?.stage === 'extract' ? true : null), 120_000);
    await Promise.all([early.close(), extract.close()]);
    expect(await (await t.pipeline.queues.extract.getJob(seen.next!.jobId))?.getState()).toBe('completed');
    expect((await t.store.get(reportId))!.pipeline.stages.segment).toBeUndefined();
    // the sweep's view: the step it read before extract ran, on the same Redis and MongoDB
    const ledger = t.pipeline.progress;
    const olderView = Object.assign(Object.create(ledger) as typeof ledger, { dueBefore: async () => [seen] });
    const pipeline = Object.assign(Object.create(t.pipeline) as typeof t.pipeline, { progress: olderView });
    const r = await sweepProgress({ store: t.store, pipeline, log: t.log }, { settleMs: t.pipeline.settleMs, now: later() });
    expect(r).toMatchObject({ checked: 1, healed: 0, gaveUp: 0 });
    expect((await t.store.get(reportId, { full: true }))!.history!.some((h) => h.event === 'healed')).toBe(false);
    // and the run goes on to done from where it was
    workers = startTestWorkers(t);
    const doc = await done(reportId);
    expect(doc.history!.filter((h) => h.event === 'done').map((h) => h.stage)).toEqual(['decode', 'segment', 'extract', 'validate']);
  });

  it('keeps a run\'s later step when an earlier stage records its own late, and does not heal it', async () => {
    // A stage queues the next job, then records its step; under load the next stage can run and record
    // first. Here extract has run and recorded "extract done, validate expected" (validate waits: no
    // worker), then segment's step arrives: "segment done, extract job E expected". Kept, it would tell
    // the sweeper E (long completed) was lost, and the sweeper would heal a healthy run.
    await workers?.close();
    workers = null;
    const early = startTestWorkers(t, {}, ['decode', 'segment', 'extract']);
    const { reportId } = await ingest(t, { body: report(), name: 'late-step.txt', uri: 'test:late-step' });
    const atExtract = await waitFor('the ledger at extract', async () => {
      const rec = await t.pipeline.progress.get(reportId);
      return rec?.stage === 'extract' ? rec : null;
    }, 120_000);
    await early.close();
    const extractJob = `${reportId}-extract-${atExtract.runId}`;
    expect(await (await t.pipeline.queues.extract.getJob(extractJob))?.getState()).toBe('completed');
    // segment's step, as complete() records it, arriving now
    const late = { reportId, runId: atExtract.runId, stage: 'segment' as const, next: { stage: 'extract' as const, jobId: extractJob }, heal: 0, risk: false, at: Date.now() };
    expect(await t.pipeline.progress.advance(late, Date.now())).toBe(false);
    expect(await t.pipeline.progress.get(reportId)).toEqual(atExtract);
    expect(await sweepProgress(t, { settleMs: t.pipeline.settleMs, now: later() })).toMatchObject({ healed: 0, gaveUp: 0 });
    expect(await t.pipeline.progress.get(reportId)).toEqual(atExtract);
    // a step of a later heal of the run is newer whatever its stage
    const healed = { ...late, heal: 1, at: Date.now() };
    await t.pipeline.progress.advance(healed, later());
    expect(await t.pipeline.progress.get(reportId)).toMatchObject({ stage: 'segment', heal: 1 });
    await t.pipeline.progress.advance({ ...atExtract, at: Date.now() }, later());
    expect(await t.pipeline.progress.get(reportId)).toMatchObject({ stage: 'segment', heal: 1 });
    await t.pipeline.progress.record({ ...atExtract, at: Date.now() }, later());
    workers = startTestWorkers(t);
    const doc = await done(reportId);
    expect(doc.history!.filter((h) => h.event === 'done').map((h) => h.stage)).toEqual(['decode', 'segment', 'extract', 'validate']);
    expect(doc.history!.some((h) => h.event === 'healed')).toBe(false);
  });

  it(`gives up after ${MAX_HEALS} heals of one run: a dead letter that says so`, async () => {
    workers ??= startTestWorkers(t);
    const { reportId } = await ingest(t, { body: report(), name: 'hopeless.txt', uri: 'test:hopeless' });
    const doc = await done(reportId);
    await t.pipeline.progress.record({ reportId, runId: doc.pipeline.runId, stage: 'validate', next: null, heal: MAX_HEALS, risk: true, at: Date.now() }, Date.now());
    await clobberAfterDecode(reportId);
    expect(await sweepProgress(t, { settleMs: t.pipeline.settleMs, now: later() })).toMatchObject({ gaveUp: 1 });
    const failed = (await t.store.get(reportId)) as Report;
    expect(failed.status).toBe('failed');
    expect(failed.failure).toMatchObject({ stage: 'segment', code: 'INPUT_MISSING' });
    expect((await t.store.getDeadLetter(`${reportId}-segment`))?.error.message).toMatch(/stopped healing/);
  });
});
