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

/** A job's name (what Bull Board lists): its queue and the file it is about. */
export const jobName = (queue: string, payload: { name?: string }): string => (payload.name ? `${queue}: ${payload.name}` : queue);

/** A new run id: sortable by time, no ":" (e.g. "r1k2j3h4-ab12"). */
export function newRunId(): string {
  return `r${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`;
}
