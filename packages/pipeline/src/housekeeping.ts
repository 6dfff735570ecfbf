import type { StageName } from '@gongkai/core';
import type { Logger } from '@gongkai/runtime';
import type { ReportStore } from '@gongkai/store';
import { sweepProgress } from './heal.sweeper.ts';
import type { Pipeline } from './pipeline.ts';
import { reconcileFailedJobs } from './reconcile.ts';

export interface Housekeeping {
  close(): void;
}

/**
 * The timers every stage worker process runs beside its worker: the
 * reconciler (failed jobs without a dead letter, for `stage`: at start, then
 * every minute) and the progress sweeper (lost stages healed; one sweeper at
 * a time across all worker processes, a lock in Redis).
 */
export async function startHousekeeping(deps: { store: ReportStore; pipeline: Pipeline; log: Logger }, stage: StageName): Promise<Housekeeping> {
  const { log } = deps;
  const reconcile = async () => {
    const n = await reconcileFailedJobs(deps, [stage]).catch((err: Error) => {
      log.warn({ err: err.message }, 'reconcile failed');
      return 0;
    });
    if (n > 0) log.warn({ stage, n }, 'dead-lettered failed jobs that had no dead letter');
  };
  const sweepEveryMs = Math.max(5000, Math.round(deps.pipeline.settleMs / 2));
  const sweep = async () => {
    if (!(await deps.pipeline.progress.lock(`${stage}-${process.pid}`, sweepEveryMs).catch(() => false))) return;
    const r = await sweepProgress(deps, { settleMs: deps.pipeline.settleMs }).catch((err: Error) => {
      log.warn({ err: err.message }, 'progress sweep failed');
      return null;
    });
    if (r && (r.healed > 0 || r.gaveUp > 0)) log.warn({ ...r }, 'progress sweep healed reports');
    else if (r && r.refreshed > 0) log.info({ ...r }, 'progress sweep queued owed context refreshes');
  };
  await reconcile();
  const timers = [setInterval(() => void reconcile(), 60_000), setInterval(() => void sweep(), sweepEveryMs)];
  for (const t of timers) t.unref();
  return { close: () => timers.forEach((t) => clearInterval(t)) };
}
