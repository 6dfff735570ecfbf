import type { PipelineError, StageName } from '@gongkai/core';
import type { DeadLetter, ReportStore } from '@gongkai/store';
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
  await addDlqJob(deps, dl);
  await deps.store.markFailed(payload.reportId, payload.runId, { stage, code: error.code, reason: error.message, at }, attemptsMade);
}

/** The DLQ job of a stored dead letter (its id carries the count: one job per death). */
const dlqJobId = (dl: Pick<DeadLetter, '_id' | 'count'>) => `${dl._id}-${dl.count}`;

/**
 * Puts a dead letter's job in `<stage>-dlq` (idempotent: the id is the
 * dead letter's and its count) and removes the job of its previous death:
 * one dead letter, one DLQ job, so the queue never counts more dead letters
 * than `dead_letters` does (a death after a retry that bypassed replay).
 */
async function addDlqJob(deps: { pipeline: Pipeline }, dl: DeadLetter): Promise<void> {
  const stage = dl.stage;
  await deps.pipeline.dlqs[stage].add(
    jobName(dlqName(stage), dl.payload as Partial<JobPayload>),
    {
      payload: dl.payload as unknown as JobPayload, // the job data exactly as it was enqueued
      stage,
      queue: queueName(stage),
      jobId: dl.jobId,
      error: { class: dl.error.class, code: dl.error.code, message: dl.error.message },
      attemptsMade: dl.attemptsMade,
      deadLetteredAt: dl.deadLetteredAt,
      host: dl.host,
    },
    { jobId: dlqJobId(dl), removeOnComplete: true, removeOnFail: false },
  );
  if (dl.count > 1) await deps.pipeline.dlqs[stage].remove(dlqJobId({ _id: dl._id, count: dl.count - 1 })).catch(() => 0);
}

/**
 * Dead letters whose DLQ job is missing: the record was written to MongoDB
 * and then Redis went away before the job was added (found by the soak: the
 * dashboard and the queue counted one dead letter fewer than `dead_letters`,
 * for good). Adds each missing job; returns how many.
 */
export async function restoreDlqJobs(deps: { store: ReportStore; pipeline: Pipeline }, stage: StageName): Promise<number> {
  const dead = await deps.store.listDeadLetters({ stage, state: 'dead' });
  let restored = 0;
  for (const dl of dead) {
    if (await deps.pipeline.dlqs[stage].getJob(dlqJobId(dl))) continue;
    // a replay may have claimed it meanwhile (it removes the job): only a letter still dead gets one back
    if ((await deps.store.getDeadLetter(dl._id))?.state !== 'dead') continue;
    await addDlqJob(deps, dl);
    restored++;
  }
  return restored;
}
