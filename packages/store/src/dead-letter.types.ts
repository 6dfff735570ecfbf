import type { StageName } from '@gongkai/core';

/**
 * A job that failed for good, as the trusted systems keep them (Kafka
 * Connect, SQS, RabbitMQ): the original payload unchanged, context beside it.
 * One record per (report, stage); `count` says how often it died there.
 */
export interface DeadLetter {
  /** `${reportId}-${stage}` */
  _id: string;
  reportId: string;
  stage: StageName;
  /** The origin queue's name (e.g. "extract"); its dead-letter queue is `${queue}-dlq`. */
  queue: string;
  jobId: string;
  /** The job data exactly as it was enqueued. */
  payload: Record<string, unknown>;
  error: { class: string; code: string; message: string; stack: string | null; retryable: boolean };
  attemptsMade: number;
  /** When the job was first enqueued (ISO). */
  firstSeenAt: string;
  deadLetteredAt: string;
  host: string;
  pid: number;
  count: number;
  state: 'dead' | 'replaying' | 'replayed';
  claimedBy?: string | null;
  claimedAt?: string | null;
  replayedAt?: string | null;
  replayJobId?: string | null;
}

export type NewDeadLetter = Omit<DeadLetter, '_id' | 'count' | 'state' | 'claimedBy' | 'claimedAt' | 'replayedAt' | 'replayJobId'>;
