import type { StageSettings } from '@gongkai/config';
import { STAGES, type StageName } from '@gongkai/core';
import { Queue, type JobsOptions, type QueueOptions } from 'bullmq';
import type { Redis } from 'ioredis';
import { bullmqTelemetry } from '@gongkai/telemetry';
import type { DeadLetterJobData, JobPayload } from './job.types.ts';
import { HANDOFF_DEFAULTS, HandoffCache, type HandoffOptions } from './handoff.cache.ts';
import { dlqName, jobIdFor, jobName, queueName } from './names.ts';
import { ProgressLedger } from './progress.ledger.ts';
import { createRedis, redisReady } from './redis.connection.ts';

export type QueueCounts = Record<'waiting' | 'active' | 'completed' | 'failed' | 'delayed' | 'prioritized', number>;

export interface PipelineOptions {
  redisUrl: string;
  /** Redis key prefix; hash-tag it ("{gongkai}") on Redis Cluster. @defaultValue "gongkai" */
  prefix: string;
  stages: Record<StageName, StageSettings>;
  /**
   * How long a report may show no progress before the sweeper compares its
   * stored state with the queues. @defaultValue 60000
   */
  settleMs?: number;
  /** Stage outputs handed on through Redis (see handoff.cache.ts). @defaultValue 900 s, 2 MiB */
  handoff?: HandoffOptions;
}

/** BullMQ priority of context refreshes (jobs without a priority, every report's own run, go first). */
export const REFRESH_PRIORITY = 100;

/** How long the note of a report run's latest refresh job is kept (a refresh waits at most this long to be joined). */
const REFRESH_MARK_SECONDS = 24 * 3600;

/**
 * The queues: one per stage and one dead-letter queue per stage, with the
 * job options (attempts, exponential backoff with jitter, retention) derived
 * from the per-stage settings. `new Queue(` appears here and nowhere else.
 */
export class Pipeline {
  readonly queues: Record<StageName, Queue<JobPayload>>;
  readonly dlqs: Record<StageName, Queue<DeadLetterJobData>>;
  /** Each in-flight report's last confirmed step (see heal.sweeper.ts). */
  readonly progress: ProgressLedger;
  /** Stage outputs on their way to the next stages. */
  readonly handoff: HandoffCache;

  private constructor(
    readonly connection: Redis,
    readonly opts: PipelineOptions,
  ) {
    // with tracing on, each add is a span and carries its trace context in the job (the next stage's span is its child)
    const common = { connection, prefix: opts.prefix, telemetry: bullmqTelemetry<QueueOptions['telemetry']>() };
    this.queues = Object.fromEntries(STAGES.map((s) => [s, new Queue<JobPayload>(queueName(s), common)])) as Pipeline['queues'];
    this.dlqs = Object.fromEntries(STAGES.map((s) => [s, new Queue<DeadLetterJobData>(dlqName(s), common)])) as Pipeline['dlqs'];
    this.progress = new ProgressLedger(connection, opts.prefix);
    this.handoff = new HandoffCache(connection, opts.prefix, opts.handoff ?? HANDOFF_DEFAULTS);
  }

  static async connect(opts: PipelineOptions): Promise<Pipeline> {
    const connection = createRedis(opts.redisUrl, 'producer');
    connection.on('error', () => {}); // surfaced through failing commands
    await redisReady(connection);
    return new Pipeline(connection, opts);
  }

  /** Options of a stage job: retries with exponential backoff and jitter, bounded retention. */
  jobOptions(stage: StageName, jobId: string): JobsOptions {
    const s = this.opts.stages[stage];
    return {
      jobId,
      attempts: s.attempts,
      backoff: { type: 'exponential', delay: s.backoffMs, jitter: 0.5 },
      removeOnComplete: { age: 24 * 3600, count: 5000 },
      removeOnFail: { age: 14 * 24 * 3600, count: 20_000 },
    };
  }

  /**
   * Adds the job of `stage` for a report run; a second add of the same
   * (report, stage, run) is a no-op. A context refresh joins one of the same
   * report run that is still waiting, if there is one (see `pendingRefresh`);
   * the id of the job that will do the work is returned either way.
   */
  async enqueue(stage: StageName, payload: JobPayload, replay?: number): Promise<string> {
    const { name, data, opts } = this.jobFor(stage, payload, replay);
    if (!payload.refresh) {
      await this.queues[stage].add(name, data, opts);
      return opts.jobId!;
    }
    const key = `${this.opts.prefix}:refresh:${stage}:${payload.reportId}:${payload.runId}`;
    const pending = await this.pendingRefresh(stage, key);
    if (pending) return pending;
    await this.queues[stage].add(name, data, opts);
    await this.connection.set(key, opts.jobId!, 'EX', REFRESH_MARK_SECONDS);
    return opts.jobId!;
  }

  /**
   * The refresh of a report run that has not started yet, if any. It reads
   * the context when it starts, so it will see whatever change is queueing
   * another refresh now (that change was stored before its refresh is
   * queued): one job does the work of both. Without this a report whose
   * neighbours land one by one is re-run once per neighbour — 7,757 refreshes
   * for 5,000 reports in the soak, each a read of a ~200 KB document. A
   * refresh already running may have read the context before the change, so
   * only a waiting (or delayed, for a retry) one counts.
   */
  private async pendingRefresh(stage: StageName, key: string): Promise<string | null> {
    const jobId = await this.connection.get(key);
    if (!jobId) return null;
    const state = await this.queues[stage].getJobState(jobId);
    return state === 'waiting' || state === 'prioritized' || state === 'delayed' ? jobId : null;
  }

  /** A stage job: its id (jobIdFor, with the replay, heal and refresh parts), name and options. */
  private jobFor(stage: StageName, payload: JobPayload, replay?: number): { name: string; data: JobPayload; opts: JobsOptions } {
    const jobId = jobIdFor(payload.reportId, stage, payload.runId, {
      ...(replay ? { replay } : {}),
      ...(payload.heal ? { heal: payload.heal } : {}),
      ...(payload.refresh ? { refresh: payload.refresh } : {}),
    });
    // a context refresh (a done report's stage again, its neighbours changed) waits for every new report's job: in the
    // 5,000-report soak thousands of refreshes queued ahead of new reports' validate jobs held them past the handoff's
    // TTL, and each such report was healed (its stages run again). Jobs without a priority go before prioritized ones.
    const opts = this.jobOptions(stage, jobId);
    return { name: jobName(stage, payload), data: payload, opts: payload.refresh ? { ...opts, priority: REFRESH_PRIORITY } : opts };
  }

  /** settleMs, with its default. */
  get settleMs(): number {
    return this.opts.settleMs ?? 60_000;
  }

  /** Adds many jobs in one round trip (ids and options as `enqueue`; refreshes are not joined to waiting ones). */
  async enqueueBulk(stage: StageName, payloads: JobPayload[]): Promise<void> {
    await this.queues[stage].addBulk(payloads.map((p) => this.jobFor(stage, p)));
  }

  async counts(): Promise<Record<string, QueueCounts>> {
    const out: Record<string, QueueCounts> = {};
    const types = ['waiting', 'active', 'completed', 'failed', 'delayed', 'prioritized'] as const;
    await Promise.all(
      STAGES.flatMap((s) => [
        this.queues[s].getJobCounts(...types).then((c) => (out[queueName(s)] = c as QueueCounts)),
        this.dlqs[s].getJobCounts(...types).then((c) => (out[dlqName(s)] = c as QueueCounts)),
      ]),
    );
    return Object.fromEntries([...STAGES.map(queueName), ...STAGES.map(dlqName)].map((n) => [n, out[n]!]));
  }

  allQueues(): Array<Queue> {
    return [...STAGES.map((s) => this.queues[s] as Queue), ...STAGES.map((s) => this.dlqs[s] as Queue)];
  }

  async close(): Promise<void> {
    await Promise.all(this.allQueues().map((q) => q.close()));
    this.connection.disconnect();
  }
}
