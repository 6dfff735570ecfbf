import type { StageSettings } from '@gongkai/config';
import type { StageName, StageOutputs } from '@gongkai/core';
import type { Logger } from '@gongkai/runtime';
import type { BlobStore, ReportStore } from '@gongkai/store';
import { UnrecoverableError, Worker, type Job } from 'bullmq';
import type { JobPayload } from './job.types.ts';
import { queueName } from './names.ts';
import type { Pipeline } from './pipeline.ts';
import { createRedis } from './redis.connection.ts';
import { complete, fail, healLostInput, type Completed } from './run.transitions.ts';
import type { StageRunner } from './stage-runner.ts';
import { LostInput, loadInput } from './stage.input.ts';

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
  /** For tests: called before the stage runs (e.g. to inject a transient failure). */
  beforeRun?: (job: Job<JobPayload>) => Promise<void> | void;
}

type Outcome = Completed | { healed: StageName };

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
    try {
      await opts.beforeRun?.(job);
      const { runId, status, input, handedOn } = await loadInput(stage, job.data, deps, log);
      if (runId !== job.data.runId) {
        log.info({ currentRunId: runId }, 'stale job: the report has a newer run; skipped');
        return { stale: true };
      }
      const output = (await deps.runner.run(stage, input)) as StageOutputs[typeof stage];
      const ms = Math.round((performance.now() - t0) * 10) / 10;
      return await complete(deps, job, stage, { runId, status, input, output, handedOn, ms, attempt }, log);
    } catch (err) {
      if (err instanceof LostInput) {
        if ((await healLostInput(deps, job, stage, err.stage, err.message)) === 'healed') return { healed: err.stage };
        throw new UnrecoverableError(`INPUT_MISSING: ${err.message}`);
      }
      throw await fail(deps, job, stage, err, Math.round(performance.now() - t0), log);
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
  });
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
