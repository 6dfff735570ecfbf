import { PipelineError, STAGES, isDone, isErrorCode, type StageName } from '@gongkai/core';
import type { ReportStore } from '@gongkai/store';
import { failLate, restoreDlqJobs } from './run.transitions.ts';
import type { Pipeline } from './pipeline.ts';

/**
 * Dead-letters jobs that BullMQ holds as failed but that have no dead letter
 * (the worker died, or MongoDB was down, between the final failure and the
 * dead-letter write), lists a dead-lettered report as failed where MongoDB
 * went away before its row was written, and restores the DLQ job of a dead
 * letter written while Redis was away. Nothing fails silently: run at worker
 * start and periodically.
 */
export async function reconcileFailedJobs(deps: { store: ReportStore; pipeline: Pipeline }, stages: readonly StageName[] = STAGES): Promise<number> {
  let fixed = 0;
  for (const stage of stages) {
    const failed = await deps.pipeline.queues[stage].getFailed(0, 999);
    for (const job of failed) {
      if (!job?.data?.reportId) continue;
      const dl = await deps.store.getDeadLetter(`${job.data.reportId}-${stage}`);
      if (dl && dl.jobId === String(job.id)) {
        // recorded; but the dead-lettering may have been cut short after it (MongoDB went away before the report's row)
        if (dl.state === 'dead' && (await deps.store.relistFailed(job.data.reportId))) fixed++;
        continue;
      }
      const report = await deps.store.get(job.data.reportId);
      if (!report || report.pipeline.runId !== job.data.runId) continue; // superseded by a newer run
      // the run finished: this job did its work (its output is stored, the next stage ran) and
      // only its completion was lost, e.g. its worker was killed right after (found by the soak)
      if (isDone(report.status)) continue;
      if (dl && dl.deadLetteredAt > new Date(job.finishedOn ?? 0).toISOString()) continue; // a later death is recorded
      const m = /^([A-Z_]+): (.*)$/s.exec(job.failedReason ?? '');
      const code = m && isErrorCode(m[1]) ? m[1] : 'TRANSIENT';
      const err = new PipelineError(code, m?.[2] ?? job.failedReason ?? 'failed');
      await failLate(deps, job, stage, err);
      fixed++;
    }
    // and the reverse: a dead letter whose DLQ job never got to Redis
    fixed += await restoreDlqJobs(deps, stage);
  }
  return fixed;
}
