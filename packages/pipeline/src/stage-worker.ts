import type { StageSettings } from '@gongkai/config';
import type { StageName, StageOutputs } from '@gongkai/core';
import type { Logger } from '@gongkai/runtime';
import type { BlobStore, ReportStore } from '@gongkai/store';
import { ATTR, annotate, inSpan, spanAt, traced, tracing, bullmqTelemetry, type Attributes, type Phase } from '@gongkai/telemetry';
import { UnrecoverableError, Worker, type Job, type WorkerOptions } from 'bullmq';
import type { JobPayload } from './job.types.ts';
import { queueName } from './names.ts';
import type { Pipeline } from './pipeline.ts';
import { createRedis } from './redis.connection.ts';
import { complete, fail, healLostInput, type Completed } from './run.transitions.ts';
import type { RunTimes, StageRunner } from './stage-runner.ts';
import { LostInput, loadInput } from './stage.input.ts';
import { gatherWakeUps } from './wake.gather.ts';

export interface StageWorkerDeps {
  store: ReportStore;
  blobs: BlobStore;
  pipeline: Pipeline;
  runner: StageRunner;
  log: Logger;
  maxBytes: number;
}

export interface StageWorkerOptions {
  settings: StageSettings;
  /** Job lock duration; stalled jobs are checked every half of it. @defaultValue 30000 */
  lockMs?: number;
  /** Gathered wake-ups (wake.gather.ts): the wait of a worker woken while its jobs arrive often. @defaultValue 0 (none) */
  gatherMs?: number;
  /** For tests: called before the stage runs (e.g. to inject a transient failure). */
  beforeRun?: (job: Job<JobPayload>) => Promise<void> | void;
}

type Outcome = Completed | { healed: StageName };

const phase = (attrs: Attributes, p: Phase): Attributes => ({ ...attrs, [ATTR.phase]: p });

/**
 * With tracing on: the deps of one job, whose calls into the queues, the
 * handoff, the progress ledger and the store's write are spans of the job
 * (their Redis and MongoDB calls are children of those); with it off, `deps`.
 */
function tracedDeps(deps: StageWorkerDeps, attrs: Attributes): StageWorkerDeps {
  if (!tracing()) return deps;
  const a = () => attrs;
  const handoff = (h: unknown) => traced(h as object, { put: { name: 'handoff put', phase: 'handoff' }, clear: { name: 'handoff clear', phase: 'handoff' } }, a);
  const progress = (p: unknown) => traced(p as object, { get: { name: 'progress read', phase: 'progress' }, record: { name: 'progress write', phase: 'progress' }, advance: { name: 'progress write', phase: 'progress' }, clear: { name: 'progress clear', phase: 'progress' } }, a);
  return {
    ...deps,
    store: traced(deps.store, { saveStageOutput: { name: 'store write', phase: 'store_write' } }, a),
    pipeline: traced(deps.pipeline, { enqueue: { name: 'enqueue next', phase: 'enqueue_next' } }, a, { handoff, progress }),
  };
}

/** The thread hop and the stage's own run, as spans: out to the thread, the run, back. */
function threadSpans(attrs: Attributes, t: RunTimes): void {
  spanAt({
    name: 'stage thread', attrs, start: t.posted, end: t.received,
    children: [
      { name: 'thread hop out', attrs: phase(attrs, 'thread_hop'), start: t.posted, end: t.started },
      { name: 'stage run', attrs: phase(attrs, 'stage_run'), start: t.started, end: t.ended },
      { name: 'thread hop back', attrs: phase(attrs, 'thread_hop'), start: t.ended, end: t.received },
    ],
  });
}

/**
 * The generic processor of every stage: load its input, run the pure stage
 * on a thread, then complete or fail the run (run.transitions.ts owns all
 * that follows: the stored output, the next job, the progress ledger, dead
 * letters). A job of an older run is skipped. `new Worker(` appears here and
 * nowhere else.
 */
export function startStageWorker(stage: StageName, deps: StageWorkerDeps, opts: StageWorkerOptions): StageWorker {
  const process = async (job: Job<JobPayload>): Promise<Outcome> => {
    const attempt = job.attemptsMade + 1;
    const log = deps.log.child({ reportId: job.data.reportId, stage, attempt, jobId: job.id, runId: job.data.runId });
    const t0 = performance.now();
    let d = deps;
    let attrs: Attributes = {};
    if (tracing()) {
      // the job's span is BullMQ's (`process <queue>`, a child of the `add` that queued it, so a run is one trace)
      attrs = { [ATTR.reportId]: job.data.reportId, [ATTR.runId]: job.data.runId, [ATTR.stage]: stage };
      annotate(attrs);
      if (job.attemptsMade === 0 && job.processedOn) spanAt({ name: 'queue wait', attrs: phase(attrs, 'queue_wait'), start: job.timestamp + (job.opts.delay ?? 0), end: job.processedOn });
      d = tracedDeps(deps, attrs);
    }
    try {
      await opts.beforeRun?.(job);
      const { runId, status, input, handedOn, deferred, previous, packed } = await inSpan('load input', phase(attrs, 'load_input'), () => loadInput(stage, job.data, d, log, { firstTry: job.attemptsMade === 0 }));
      if (runId !== job.data.runId) {
        log.info({ currentRunId: runId }, 'stale job: the report has a newer run; skipped');
        return { stale: true };
      }
      const { output, bytes, times } = await deps.runner.runTimed(stage, input, packed);
      if (tracing()) threadSpans(attrs, times);
      const ms = Math.round((performance.now() - t0) * 10) / 10;
      return await complete(d, job, stage, { runId, status, input, output: output as StageOutputs[typeof stage], bytes, handedOn, deferred, previous, ms, attempt }, log);
    } catch (err) {
      if (err instanceof LostInput) {
        if ((await healLostInput(d, job, stage, err.stage, err.message)) === 'healed') return { healed: err.stage };
        throw new UnrecoverableError(`INPUT_MISSING: ${err.message}`);
      }
      throw await fail(d, job, stage, err, Math.round(performance.now() - t0), log);
    }
  };

  const connection = createRedis(deps.pipeline.opts.redisUrl, 'worker', `gongkai-${stage}`);
  connection.on('error', () => {}); // the worker's own error event reports it
  const worker = new Worker<JobPayload, Outcome>(queueName(stage), process, {
    connection,
    prefix: deps.pipeline.opts.prefix,
    concurrency: opts.settings.concurrency,
    lockDuration: opts.lockMs ?? 30_000,
    stalledInterval: Math.round((opts.lockMs ?? 30_000) / 2),
    maxStalledCount: 2,
    autorun: true,
    telemetry: bullmqTelemetry<WorkerOptions['telemetry']>(),
  });
  if (opts.gatherMs && !gatherWakeUps(worker, opts.gatherMs)) deps.log.warn({ stage }, 'this BullMQ has no Worker.waitForJob: wake-ups are not gathered');
  worker.on('error', (err) => deps.log.warn({ stage, err: err.message }, 'worker connection error'));
  return {
    worker,
    /** Stops taking jobs, lets active ones finish (bounded by the caller's deadline), closes its connections. */
    async close(force = false) {
      await worker.close(force);
      connection.disconnect();
    },
  };
}

export interface StageWorker {
  worker: Worker<JobPayload, Outcome>;
  close(force?: boolean): Promise<void>;
}
