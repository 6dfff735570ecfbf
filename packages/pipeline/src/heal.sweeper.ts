import { PipelineError, STAGES, isDone, previousStage, type StageName } from '@gongkai/core';
import type { Logger } from '@gongkai/runtime';
import type { ReportStore } from '@gongkai/store';
import { deadLetter } from './dead-letter.ts';
import { jobIdFor } from './names.ts';
import type { Pipeline } from './pipeline.ts';
import type { Progress } from './progress.ledger.ts';

const PENDING = new Set(['waiting', 'active', 'delayed', 'prioritized', 'waiting-children']);

/** A run is healed at most this often before it is dead-lettered as lost. */
export const MAX_HEALS = 3;

export interface SweepResult {
  checked: number;
  pending: number;
  consistent: number;
  healed: number;
  gaveUp: number;
}

export interface SweepDeps {
  store: ReportStore;
  pipeline: Pipeline;
  log: Logger;
}

async function isPending(deps: SweepDeps, stage: StageName, jobId: string): Promise<boolean> {
  const job = await deps.pipeline.queues[stage].getJob(jobId);
  return !!job && PENDING.has(await job.getState());
}

/**
 * Re-runs the first stage whose output a report lost. Stored progress can be
 * lost on FerretDB, which applies an update by reading the whole document
 * and writing it back: an update from a worker that was killed (or timed
 * out) can land after later stages' writes and erase them (found by the
 * soak). Also covers a job that vanished (a crash between the document and
 * the job). The healed chain runs under new job ids (`-h<n>`), so stages
 * already completed in BullMQ run again.
 */
export async function healReport(deps: SweepDeps, rec: Progress, target: StageName, now: number, settleMs: number, why: string): Promise<'healed' | 'gave-up'> {
  if (rec.heal >= MAX_HEALS) {
    const err = new PipelineError('INPUT_MISSING', `report ${rec.reportId} lost the ${target} stage's input ${rec.heal + 1} times (${why}); stopped healing it`);
    const job = { id: `heal-${rec.reportId}`, data: { reportId: rec.reportId, runId: rec.runId }, timestamp: rec.at, attemptsMade: rec.heal };
    await deadLetter(deps, target, job, err, rec.heal);
    await deps.pipeline.progress.clear(rec.reportId);
    deps.log.error({ reportId: rec.reportId, stage: target, heals: rec.heal }, 'report lost its progress too often; dead-lettered');
    return 'gave-up';
  }
  const heal = rec.heal + 1;
  // The event is written before the job exists: FerretDB applies an update as a
  // read and a rewrite of the whole document, so a $push racing the healed
  // stage's own write could put back the status that write had just changed
  // (seen in the 5,000-report soak: one report healed three times in vain).
  await deps.store.recordEvent(rec.reportId, { stage: target, event: 'healed', at: new Date(now).toISOString(), runId: rec.runId, message: why });
  // the ledger too, so the healed job's own progress record (written when it finishes) comes after this one
  const next = { stage: target, jobId: jobIdFor(rec.reportId, target, rec.runId, { heal }) };
  await deps.pipeline.progress.record({ ...rec, stage: previousStage(target), next, heal, risk: true, at: now }, now + settleMs);
  await deps.pipeline.enqueue(target, { reportId: rec.reportId, runId: rec.runId, heal });
  deps.log.warn({ reportId: rec.reportId, stage: target, heal, why }, 'report healed: stage re-queued');
  return 'healed';
}

/**
 * One pass over the reports whose check is due: those whose expected job is
 * still pending are left alone (a Redis lookup, no MongoDB read); the others
 * are compared with what MongoDB holds for the run, and a lost stage is
 * re-queued. Consistent reports leave the ledger.
 */
export async function sweepProgress(deps: SweepDeps, opts: { settleMs: number; limit?: number; now?: number }): Promise<SweepResult> {
  const now = opts.now ?? Date.now();
  const result: SweepResult = { checked: 0, pending: 0, consistent: 0, healed: 0, gaveUp: 0 };
  const ledger = deps.pipeline.progress;
  for (const rec of await ledger.dueBefore(now, opts.limit ?? 200)) {
    result.checked++;
    if (rec.next && (await isPending(deps, rec.next.stage, rec.next.jobId))) {
      result.pending++;
      await ledger.reschedule(rec.reportId, now + opts.settleMs);
      continue;
    }
    const report = await deps.store.get(rec.reportId);
    if (!report || report.pipeline.runId !== rec.runId || report.status === 'failed') {
      await ledger.clear(rec.reportId); // gone, superseded by a newer run, or in a dead-letter queue
      continue;
    }
    const missing = STAGES.find((s) => report.pipeline.stages?.[s]?.runId !== rec.runId);
    if (!missing && isDone(report.status)) {
      result.consistent++;
      await ledger.clear(rec.reportId);
      continue;
    }
    const target = missing ?? 'validate';
    const ids = [jobIdFor(rec.reportId, target, rec.runId), jobIdFor(rec.reportId, target, rec.runId, { heal: rec.heal })];
    let pending = false;
    for (const id of new Set(ids)) pending ||= await isPending(deps, target, id);
    if (pending) {
      result.pending++;
      await ledger.reschedule(rec.reportId, now + opts.settleMs);
      continue;
    }
    const why = missing ? `the stored ${missing} output of run ${rec.runId} is missing` : `status ${report.status} after validate`;
    const outcome = await healReport(deps, rec, target, now, opts.settleMs, why);
    if (outcome === 'healed') result.healed++;
    else result.gaveUp++;
  }
  return result;
}
