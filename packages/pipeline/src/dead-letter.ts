import type { PipelineError, StageName } from '@gongkai/core';
import type { ReportStore } from '@gongkai/store';
import type { Job } from 'bullmq';
import { hostname } from 'node:os';
import type { JobPayload } from './job.types.ts';
import { dlqName, jobName, queueName } from './names.ts';
import type { Pipeline } from './pipeline.ts';

/**
 * The final failure of a stage job: a record in MongoDB `dead_letters` (the
 * source of truth for replay), a job in `<stage>-dlq` (what operators see on
 * the dashboard), and the report marked failed with the stage and reason.
 * Idempotent: doing it twice for the same job changes nothing but the count.
 */
export async function deadLetter(
  deps: { store: ReportStore; pipeline: Pipeline },
  stage: StageName,
  job: Pick<Job<JobPayload>, 'id' | 'data' | 'timestamp' | 'attemptsMade'>,
  error: PipelineError,
  attemptsMade: number,
): Promise<void> {
  const at = new Date().toISOString();
  const payload = job.data;
  const dl = await deps.store.putDeadLetter({
    reportId: payload.reportId,
    stage,
    queue: queueName(stage),
    jobId: String(job.id),
    payload: { ...payload },
    error: { class: error.name, code: error.code, message: error.message, stack: error.stack ?? null, retryable: error.retryable },
    attemptsMade,
    firstSeenAt: new Date(job.timestamp || Date.now()).toISOString(),
    deadLetteredAt: at,
    host: hostname(),
    pid: process.pid,
  });
  await deps.pipeline.dlqs[stage].add(
    jobName(dlqName(stage), payload),
    {
      payload,
      stage,
      queue: queueName(stage),
      jobId: String(job.id),
      error: { class: error.name, code: error.code, message: error.message },
      attemptsMade,
      deadLetteredAt: at,
      host: hostname(),
    },
    { jobId: `${dl._id}-${dl.count}`, removeOnComplete: true, removeOnFail: false },
  );
  // one dead letter, one DLQ job: a death after a retry that bypassed replay (BullMQ's own retry) replaces the earlier job,
  // so the queue never counts more dead letters than `dead_letters` does
  if (dl.count > 1) await deps.pipeline.dlqs[stage].remove(`${dl._id}-${dl.count - 1}`).catch(() => 0);
  await deps.store.markFailed(payload.reportId, payload.runId, { stage, code: error.code, reason: error.message, at }, attemptsMade);
}
