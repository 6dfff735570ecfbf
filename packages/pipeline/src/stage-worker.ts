import type { StageSettings } from '@gongkai/config';
import {
  BadInputError, PIPELINE_VERSION, PipelineError, classifyError, needsOf, nextStage, reportFieldsOf, type Report, type ReportStatus, type StageName, type StageOutputs,
} from '@gongkai/core';
import type { Logger } from '@gongkai/runtime';
import type { StageInputs } from '@gongkai/stages';
import type { BlobStore, ReportStore } from '@gongkai/store';
import { UnrecoverableError, Worker, type Job } from 'bullmq';
import { deadLetter } from './dead-letter.ts';
import { healReport } from './heal.sweeper.ts';
import type { JobPayload } from './job.types.ts';
import type { Progress } from './progress.ledger.ts';
import { queueName } from './names.ts';
import type { Pipeline } from './pipeline.ts';
import { createRedis } from './redis.connection.ts';
import type { StageRunner } from './stage-runner.ts';

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

type Outcome = { ms: number; next: StageName | null } | { stale: true } | { healed: StageName };

/** An earlier stage's output of the current run is not stored (lost): re-run that stage instead of failing. */
class LostInput extends Error {
  constructor(readonly stage: StageName) {
    super(`the ${stage} output is missing`);
  }
}

interface LoadedInput<S extends StageName> {
  runId: string;
  status: ReportStatus;
  input: StageInputs[S];
  /** Earlier stages whose output came through the handoff (not yet in MongoDB: validate writes them). */
  handedOn: StageName[];
}

/**
 * Loads what a stage needs: the raw file for decode; otherwise the earlier
 * outputs from the handoff, with MongoDB for what is not there (too big,
 * expired, lost with a Redis restart, or a re-run of a stored report).
 */
async function loadInput<S extends StageName>(stage: S, payload: JobPayload, deps: StageWorkerDeps, log: Logger): Promise<LoadedInput<S>> {
  const needs = needsOf(stage);
  if (needs.length === 0) {
    const report = await deps.store.get(payload.reportId);
    if (!report) throw new PipelineError('INPUT_MISSING', `report ${payload.reportId} is not in the store`);
    if (report.source.size > deps.maxBytes) {
      throw new BadInputError('OVERSIZE', `${report.source.name} is ${report.source.size} bytes, over the ${deps.maxBytes}-byte limit (GONGKAI_MAX_BYTES)`);
    }
    const bytes = await deps.blobs.get(payload.reportId);
    if (!bytes) throw new PipelineError('INPUT_MISSING', `the raw file of report ${payload.reportId} (${report.source.name}) is not in the blob store`);
    return { runId: report.pipeline.runId, status: report.status, input: { bytes, name: report.source.name } as StageInputs[S], handedOn: [] };
  }
  const cached = await deps.pipeline.handoff.get(payload.reportId, payload.runId, needs).catch((err: Error) => {
    log.warn({ err: err.message }, 'handoff unreadable; reading the stored outputs');
    return {};
  });
  const handedOn = needs.filter((s) => s in cached);
  const loaded = await deps.store.loadOutputs(payload.reportId, needs.filter((s) => !(s in cached)));
  if (!loaded) throw new PipelineError('INPUT_MISSING', `report ${payload.reportId} is not in the store`);
  const outputs = { ...loaded.outputs, ...cached };
  const missing = needs.filter((s) => !(s in outputs));
  if (missing.length > 0 && loaded.runId === payload.runId) throw new LostInput(missing[0]!);
  return { runId: loaded.runId, status: loaded.status, input: outputs as StageInputs[S], handedOn };
}

/**
 * What a stage writes to the report: nothing but its run record when its
 * output was handed on; at validate, the outputs of every stage that came
 * through the handoff too, so the finished document is whole in one update.
 */
function fieldsToStore(stage: StageName, output: unknown, input: unknown, handedOn: readonly StageName[], handedOff: boolean): Partial<Report> {
  if (handedOff) return {};
  const earlier = handedOn.map((s) => reportFieldsOf(s, (input as Record<string, unknown>)[s] as never));
  return Object.assign({}, ...earlier, reportFieldsOf(stage, output as never)) as Partial<Report>;
}

/**
 * The generic processor of every stage: read input from MongoDB, run the
 * pure stage on a thread, upsert the output keyed by (report, stage) for the
 * current run only, enqueue the next stage with a deterministic job id.
 * Permanent errors dead-letter at once; transient ones retry until the last
 * attempt, then dead-letter. `new Worker(` appears here and nowhere else.
 */
export function startStageWorker(stage: StageName, deps: StageWorkerDeps, opts: StageWorkerOptions): StageWorker {
  const process = async (job: Job<JobPayload>): Promise<Outcome> => {
    const attempt = job.attemptsMade + 1;
    const attempts = job.opts.attempts ?? 1;
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
      const run = { ms, attempts: attempt, at: new Date().toISOString(), runId, version: PIPELINE_VERSION };
      const next = nextStage(stage);
      // handed on before the run record is written: a stage whose record is stored has its output somewhere
      const handedOff = next !== null && (await deps.pipeline.handoff.put(job.data.reportId, runId, stage, output));
      const fields = fieldsToStore(stage, output, input, handedOn, handedOff);
      const saved = await deps.store.saveStageOutput(job.data.reportId, runId, stage, fields, run, attempt);
      if (!saved) {
        log.info('stale job: the report moved to a newer run while this stage ran; output dropped');
        return { stale: true };
      }
      // a failed report whose stage now succeeded was retried outside replay (e.g. Bull Board's retry):
      // its dead letter is resolved, so MongoDB and the dead-letter queue agree
      if (status === 'failed') await resolveDeadLetter(deps, job, stage);
      const nextJobId = next ? await deps.pipeline.enqueue(next, job.data) : null;
      const risk = await recordProgress(deps, job, stage, next && nextJobId ? { stage: next, jobId: nextJobId } : null);
      // a report at risk keeps its handoff until it expires: a heal then need not start over from decode
      if (!next && !risk) await deps.pipeline.handoff.clear(job.data.reportId, runId, handedOn).catch(() => {});
      log.info({ ms, next, ...(stage === 'validate' ? { status: (output as StageOutputs['validate']).status } : {}) }, 'stage done');
      return { ms, next };
    } catch (err) {
      if (err instanceof LostInput) {
        const rec = (await deps.pipeline.progress.get(job.data.reportId)) ?? progressOf(job, 'intake', null, true);
        const outcome = await healReport(deps, { ...rec, heal: Math.max(rec.heal, job.data.heal ?? 0) }, err.stage, Date.now(), deps.pipeline.settleMs, `${stage} found ${err.message}`);
        if (outcome === 'healed') return { healed: err.stage };
        throw new UnrecoverableError(`INPUT_MISSING: ${err.message}`);
      }
      const e = classifyError(err, stage);
      const final = !e.retryable || attempt >= attempts;
      const ms = Math.round(performance.now() - t0);
      if (!final) {
        log.warn({ ms, code: e.code, err: e.message, attemptsLeft: attempts - attempt }, 'stage failed; will retry');
        await deps.store
          .recordEvent(job.data.reportId, { stage, event: 'retry', at: new Date().toISOString(), runId: job.data.runId, attempt, message: e.message })
          .catch(() => {});
        throw e;
      }
      log.error({ ms, code: e.code, err: e.message, retryable: e.retryable }, 'stage failed for good; dead-lettered');
      // If MongoDB is down even this fails; the job then ends failed in BullMQ
      // and the reconciler dead-letters it once the store is back.
      await deadLetter(deps, stage, job, e, attempt);
      await deps.pipeline.progress.clear(job.data.reportId).catch(() => {});
      throw new UnrecoverableError(`${e.code}: ${e.message}`);
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

async function resolveDeadLetter(deps: StageWorkerDeps, job: Job<JobPayload>, stage: StageName): Promise<void> {
  const id = `${job.data.reportId}-${stage}`;
  const claimed = await deps.store.claimDeadLetter(id, 'retry');
  if (!claimed) return;
  await deps.store.finishReplay(id, 'retry', String(job.id));
  await deps.pipeline.dlqs[stage].remove(`${id}-${claimed.count}`).catch(() => 0);
  deps.log.info({ reportId: job.data.reportId, stage, jobId: job.id }, 'retried job succeeded; its dead letter is resolved');
}

function progressOf(job: Job<JobPayload>, stage: Progress['stage'], next: Progress['next'], risk: boolean): Progress {
  return { reportId: job.data.reportId, runId: job.data.runId, stage, next, heal: job.data.heal ?? 0, risk, at: Date.now() };
}

/**
 * Notes the step in the progress ledger. A job that ran more than once
 * (retried, or taken over after a stall) makes the report "at risk": a late
 * write of the earlier try may erase later outputs on FerretDB, so the report
 * is checked once more after it is done. A report done without risk leaves
 * the ledger.
 */
async function recordProgress(deps: StageWorkerDeps, job: Job<JobPayload>, stage: StageName, next: Progress['next']): Promise<boolean> {
  const ledger = deps.pipeline.progress;
  const prev = await ledger.get(job.data.reportId);
  const risk = (prev?.runId === job.data.runId && prev.risk) || (job.attemptsStarted ?? 1) > 1 || job.attemptsMade > 0;
  if (!next && !risk) await ledger.clear(job.data.reportId);
  else await ledger.record(progressOf(job, stage, next, risk), Date.now() + deps.pipeline.settleMs);
  return risk;
}

export interface StageWorker {
  worker: Worker<JobPayload, Outcome>;
  close(force?: boolean): Promise<void>;
}
