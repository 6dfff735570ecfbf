import { STAGES, isDone, type StageName } from '@gongkai/core';
import type { Logger } from '@gongkai/runtime';
import type { ReportStore } from '@gongkai/store';
import { jobIdFor } from './names.ts';
import type { Progress } from './progress.ledger.ts';
import type { Pipeline } from './pipeline.ts';
import { heal, postpone, refreshOwed, release } from './run.transitions.ts';

const PENDING = new Set(['waiting', 'active', 'delayed', 'prioritized', 'waiting-children']);

export interface SweepResult {
  checked: number;
  pending: number;
  consistent: number;
  healed: number;
  gaveUp: number;
  /** Done runs whose owed context refreshes were queued (Progress.refresh). */
  refreshed: number;
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

/** The ledger still holds the step the pass read (the run has not moved on, been healed or left). */
function sameStep(read: Progress, now: Progress | null): boolean {
  return now !== null && now.runId === read.runId && now.at === read.at && now.stage === read.stage && now.heal === read.heal && now.next?.jobId === read.next?.jobId;
}

/**
 * One pass over the reports whose check is due: those whose expected job is
 * still pending are left alone (a Redis lookup, no MongoDB read); the others
 * are compared with what MongoDB holds for the run, and a lost stage is
 * re-queued. Consistent reports leave the ledger.
 */
export async function sweepProgress(deps: SweepDeps, opts: { settleMs: number; limit?: number; now?: number }): Promise<SweepResult> {
  const now = opts.now ?? Date.now();
  const result: SweepResult = { checked: 0, pending: 0, consistent: 0, healed: 0, gaveUp: 0, refreshed: 0 };
  const ledger = deps.pipeline.progress;
  for (const rec of await ledger.dueBefore(now, opts.limit ?? 200)) {
    result.checked++;
    if (rec.next && (await isPending(deps, rec.next.stage, rec.next.jobId))) {
      result.pending++;
      await postpone(deps, rec.reportId, now + opts.settleMs);
      continue;
    }
    // the steps were read at the start of the pass, and the run may have moved on since: its expected job
    // ran and wrote a newer step (before BullMQ marked it completed). The stored report says little about a
    // run in flight (segment and extract hand their run records on; validate stores them), so only the
    // ledger's current step is judged; a newer one has its own due time
    if (!sameStep(rec, await ledger.get(rec.reportId))) {
      result.pending++;
      continue;
    }
    const report = await deps.store.get(rec.reportId);
    if (!report || report.pipeline.runId !== rec.runId || report.status === 'failed') {
      await release(deps, rec.reportId); // gone, superseded by a newer run, or in a dead-letter queue
      continue;
    }
    // a conditional stage the run went past is named in the run record of the stage before it
    const ran = Object.values(report.pipeline.stages ?? {}).filter((r) => r?.runId === rec.runId);
    const skipped = new Set(ran.flatMap((r) => r?.skipped ?? []));
    const missing = STAGES.find((s) => report.pipeline.stages?.[s]?.runId !== rec.runId && !skipped.has(s));
    if (!missing && isDone(report.status)) {
      if (rec.refresh) {
        // the run's context refreshes could not be queued when it finished: queued now, or looked at again later
        const queued = await refreshOwed(deps, rec).catch((err: Error) => {
          deps.log.warn({ reportId: rec.reportId, err: err.message }, 'owed context refresh not queued yet');
          return null;
        });
        if (queued === null) {
          await postpone(deps, rec.reportId, now + opts.settleMs);
          continue;
        }
        if (queued) result.refreshed++;
      }
      result.consistent++;
      await release(deps, rec.reportId);
      continue;
    }
    const target = missing ?? STAGES[STAGES.length - 1]!; // every run record there but the report not done: the last stage again
    const ids = [jobIdFor(rec.reportId, target, rec.runId), jobIdFor(rec.reportId, target, rec.runId, { heal: rec.heal })];
    let pending = false;
    for (const id of new Set(ids)) pending ||= await isPending(deps, target, id);
    if (pending) {
      result.pending++;
      await postpone(deps, rec.reportId, now + opts.settleMs);
      continue;
    }
    const why = missing ? `the stored ${missing} output of run ${rec.runId} is missing` : `status ${report.status} after validate`;
    const outcome = await heal(deps, rec, target, now, opts.settleMs, why);
    if (outcome === 'healed') result.healed++;
    else result.gaveUp++;
  }
  return result;
}
