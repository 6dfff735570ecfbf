import type { StageName } from '@gongkai/core';

/** The queue of a stage. */
export const queueName = (stage: StageName): string => stage;
/** The dead-letter queue of a stage. */
export const dlqName = (stage: StageName): string => `${stage}-dlq`;

/**
 * Deterministic job ids: adding the same (report, stage, run) twice creates
 * one job. BullMQ ids must not contain ":" nor be all digits.
 */
export function jobIdFor(reportId: string, stage: StageName, runId: string, opts: { replay?: number; heal?: number; refresh?: string } = {}): string {
  return `${reportId}-${stage}-${runId}${opts.heal ? `-h${opts.heal}` : ''}${opts.replay ? `-r${opts.replay}` : ''}${opts.refresh ? `-x${opts.refresh}` : ''}`;
}

/** True for the id of a context refresh's job (jobIdFor with `refresh`: a 12-hex version after `-x`). */
export function isRefreshJob(jobId: string): boolean {
  return /-x[0-9a-f]{12}$/.test(jobId);
}

/**
 * A job's name (what Bull Board lists): its queue and the file it is about,
 * else the report's id prefix (what `status` prints and every id lookup
 * takes), and why a job re-runs a stage (a heal, a context refresh).
 */
export function jobName(queue: string, payload: { reportId?: string; name?: string; heal?: number; refresh?: string }): string {
  const what = payload.name ?? payload.reportId?.slice(0, 12);
  const why = payload.heal ? ` (heal ${payload.heal})` : payload.refresh ? ' (refresh)' : '';
  return what ? `${queue}: ${what}${why}` : queue;
}

/** A new run id: sortable by time, no ":" (e.g. "r1k2j3h4-ab12"). */
export function newRunId(): string {
  return `r${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`;
}
