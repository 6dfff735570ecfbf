/**
 * A run's transitions, in one place: `start` (intake, replay, reprocess),
 * `complete` (a stage's output stored, the next stage queued), `fail` (a
 * retry, or a dead letter), `heal` (a lost stage re-queued) and the
 * sweeper's `release`/`postpone`. This module is the only code that writes
 * the progress ledger, enqueues a stage job or changes a report's status
 * (run.transitions.test.ts checks that no other file does).
 */
import {
  PIPELINE_VERSION, PipelineError, STAGES, amendsOf, classifyError, contextOf, needsOf, nextStage, outputNameOf, previousStage, reportFieldsOf, skippedAfter,
  type DeferredRun, type Report, type ReportSource, type ReportStatus, type StageName, type StageOutputs,
} from '@gongkai/core';
import type { Logger } from '@gongkai/runtime';
import type { ReportStore } from '@gongkai/store';
import { UnrecoverableError, type Job } from 'bullmq';
import { deadLetter } from './dead-letter.ts';
// the reconciler's restore of DLQ jobs: dead-letter writes go through this module only
export { restoreDlqJobs } from './dead-letter.ts';
import type { JobPayload } from './job.types.ts';
import { jobIdFor } from './names.ts';
import type { Pipeline } from './pipeline.ts';
import type { Progress } from './progress.ledger.ts';
import { contextDependents, contextVersion, dependentVersion, loadContext, versionHash } from './stage.context.ts';

export interface RunDeps {
  store: ReportStore;
  pipeline: Pipeline;
  log: Logger;
}

/** What the transitions need of a stage job. */
export type RunJob = Pick<Job<JobPayload>, 'id' | 'data' | 'timestamp' | 'attemptsMade' | 'attemptsStarted'>;

/** A run is healed at most this often before it is dead-lettered as lost. */
export const MAX_HEALS = 3;

// ------------------------------------------------------------------ start

/** How a run starts: a new file, a dead letter replayed (same run), or a stored report re-run (new run). */
export type StartRequest =
  | { cause: 'intake'; reportId: string; runId: string; source: ReportSource }
  | { cause: 'replay'; reportId: string; runId: string; stage: StageName; replay: number; name?: string }
  | { cause: 'reprocess'; reportId: string; runId: string; stage: StageName; name?: string };

export interface Started {
  /** The queued job, or null when nothing was queued (known content already processed). */
  jobId: string | null;
  /** False when intake found the content already known. */
  created: boolean;
  status: ReportStatus;
}

/**
 * Intake creates the report (status queued) and queues the first stage; a
 * report still queued (a crash between the document and the job) gets its
 * job again, harmless under its deterministic id. Replay resumes the current
 * run at the dead letter's stage; reprocess starts a new run from a stage.
 * Either way the run enters the progress ledger, so the sweeper watches it.
 */
export async function start(deps: RunDeps, req: StartRequest): Promise<Started> {
  if (req.cause === 'intake') {
    const first = STAGES[0]; // the stage that reads the raw file
    const { created, status } = await deps.store.intake(req.reportId, req.source, req.runId);
    if (created) {
      const jobId = await deps.pipeline.enqueue(first, { reportId: req.reportId, runId: req.runId, name: req.source.name });
      await track(deps, req.reportId, req.runId, first, jobId, false);
      return { jobId, created, status: 'queued' };
    }
    if (status !== 'queued') return { jobId: null, created, status };
    const report = await deps.store.get(req.reportId);
    const jobId = report ? await deps.pipeline.enqueue(first, { reportId: req.reportId, runId: report.pipeline.runId, name: report.source.name }) : null;
    return { jobId, created, status };
  }
  if (req.cause === 'replay') await deps.store.resume(req.reportId, req.runId, req.stage);
  else await deps.store.startRun(req.reportId, req.runId, req.stage, 'reprocess');
  const payload = { reportId: req.reportId, runId: req.runId, ...(req.name ? { name: req.name } : {}) };
  const jobId = await deps.pipeline.enqueue(req.stage, payload, req.cause === 'replay' ? req.replay : undefined);
  // a replayed run had a failure: a late write of its earlier tries may still land
  await track(deps, req.reportId, req.runId, req.stage, jobId, req.cause === 'replay');
  return { jobId, created: false, status: 'processing' };
}

/** Puts a run's expected next job in the progress ledger. */
function track(deps: RunDeps, reportId: string, runId: string, stage: StageName, jobId: string, risk: boolean): Promise<void> {
  const now = Date.now();
  return deps.pipeline.progress.record(
    { reportId, runId, stage: previousStage(stage), next: { stage, jobId }, heal: 0, risk, at: now },
    now + deps.pipeline.settleMs,
  );
}

// ------------------------------------------------------------------ complete

export interface Completion<S extends StageName> {
  runId: string;
  /** The report's status when the stage's input was loaded. */
  status: ReportStatus;
  input: unknown;
  output: StageOutputs[S];
  /** The output's V8 bytes as the stage thread made them, handed on as they are. */
  bytes?: Uint8Array;
  /** Earlier stages whose output came through the handoff (validate stores them). */
  handedOn: readonly StageName[];
  /** The run records that came with the handed-on outputs (stored with the next write of this report). */
  deferred: readonly DeferredRun[];
  /** A context refresh: the stage's stored output before it ran again. */
  previous?: StageOutputs[S];
  ms: number;
  attempt: number;
}

export type Completed = { ms: number; next: StageName | null } | { stale: true };

/**
 * A stage's output is done: handed on to the next stages (or stored), its
 * run record written for the current run only, the next stage queued, the
 * ledger updated. A run that moved on while the stage ran drops the output.
 */
export async function complete<S extends StageName>(deps: RunDeps, job: RunJob, stage: S, c: Completion<S>, log: Logger): Promise<Completed> {
  const { reportId } = job.data;
  // the outputs in hand decide which stage the run enters next (a conditional stage's `when`)
  const known = { ...(needsOf(stage).length > 0 ? (c.input as Partial<StageOutputs>) : {}), [outputNameOf(stage)]: c.output } as Partial<StageOutputs>;
  const next = nextStage(stage, known);
  const skipped = skippedAfter(stage, known);
  // a context refresh whose result is what the report already holds changes nothing: no write (on FerretDB a read and
  // a rewrite of the whole finished document, ~200 KB, plus its list row and facts). A report whose neighbours keep
  // arriving is refreshed once per change of its context, and most changes leave its findings as they were
  if (job.data.refresh && c.previous !== undefined && sameResult(stage, c.previous, c.output)) {
    await refreshOrOwe(deps, job, stage, c, log);
    log.info({ ms: c.ms }, 'context refreshed: the stage\'s result is unchanged; nothing written');
    return { ms: c.ms, next: null };
  }
  const run = { ms: c.ms, attempts: c.attempt, at: new Date().toISOString(), runId: c.runId, version: PIPELINE_VERSION, ...(skipped.length > 0 ? { skipped } : {}) };
  // handed on before the run record is written: a stage whose record is stored has its output somewhere;
  // an amending stage's output goes under the name of the output it replaces (catalogue `amends`).
  // A healed run stores its outputs instead: the handoff lost them once (expired behind a queue longer than
  // its TTL, or a Redis restart), and a copy put back there is lost the same way again (the soak: reports
  // healed three times "validate found the decode output is missing", then dead-lettered)
  const handOn = next !== null && !job.data.heal;
  // the list row says processing since the run's first stage; a stage that found the report in another state (a failed
  // report whose job was retried outside replay) moves it back
  const rowCurrent = needsOf(stage).length > 0 && c.status === 'processing';
  // a later stage whose output is handed on keeps its run record with it, and the run's last stage stores both: the
  // document need not be written (on FerretDB a read of the run guard and a rewrite) at every stage. The first stage
  // still writes its own, so the report says processing from there on.
  const deferred: DeferredRun | undefined = handOn && rowCurrent ? { stage, run, attempt: c.attempt } : undefined;
  const handedOff = handOn && (await deps.pipeline.handoff.put(reportId, c.runId, outputNameOf(stage), c.output, deferred, c.bytes));
  // stored instead: the replaced output must not stay in the handoff, where later stages would read it first
  if (!handedOff && amendsOf(stage)) await deps.pipeline.handoff.clear(reportId, c.runId, [outputNameOf(stage)]);
  // without a write there is no run guard here: a job of a run that moved on meanwhile hands on into its own run's keys,
  // and the run's last stage is refused by the guard (as a first try's load input, stage.input.ts)
  if (!(handedOff && deferred)) {
    const fields = fieldsToStore(stage, c.output, c.input, c.handedOn, handedOff);
    // the run records that came with the handed-on outputs go with them (fieldsToStore writes those outputs too)
    const earlier = handedOff ? [] : c.deferred;
    if (!(await deps.store.saveStageOutput(reportId, c.runId, stage, fields, run, c.attempt, { rowCurrent, earlier }))) {
      log.info('stale job: the report moved to a newer run while this stage ran; output dropped');
      return { stale: true };
    }
  }
  // a failed report whose stage now succeeded was retried outside replay (e.g. Bull Board's retry):
  // its dead letter is resolved, so MongoDB and the dead-letter queue agree
  if (c.status === 'failed') await resolveDeadLetter(deps, job, stage);
  const nextJobId = next ? await deps.pipeline.enqueue(next, job.data) : null;
  // a context refresh re-runs a done report's stage outside any run's progress: the ledger is not its business
  const risk = job.data.refresh ? false : await recordProgress(deps, job, stage, next && nextJobId ? { stage: next, jobId: nextJobId } : null);
  // a report at risk keeps its handoff until it expires: a heal then need not start over from the first stage
  if (!next && !risk) await deps.pipeline.handoff.clear(reportId, c.runId, c.handedOn).catch(() => {});
  if (!next) await refreshOrOwe(deps, job, stage, c, log);
  const status = (c.output as { status?: unknown }).status;
  log.info({ ms: c.ms, next, ...(next === null && status ? { status } : {}) }, 'stage done');
  return { ms: c.ms, next };
}

/**
 * A stage that reads a context (stage.context.ts: e.g. validate, the same
 * agency's neighbouring years) is done: the done reports whose result depends
 * on this one get their stage re-run (a `refresh` job), and so does this
 * report when its own context changed while it ran. Job ids carry the
 * context's version, so one change queues one job whatever the arrival
 * order; a refresh itself queues no dependents (it changed none of the facts
 * they read), so re-validation never starts another round by itself.
 *
 * Reading the context needs MongoDB, after the stage's own write: where it is
 * away, failing the job would run again a stage whose write is done (and its
 * last try would dead-letter a done report), so the refreshes are owed to the
 * sweeper instead (`Progress.refresh`, `refreshOwed`), which queues them once
 * the store is back. Only Redis being away too loses them (logged).
 */
async function refreshOrOwe<S extends StageName>(deps: RunDeps, job: RunJob, stage: S, c: Completion<S>, log: Logger): Promise<void> {
  if (contextOf(stage).length === 0) return;
  const { reportId } = job.data;
  const input = c.input as Record<string, unknown>;
  const run = { reportId, runId: c.runId, ...(job.data.name ? { name: job.data.name } : {}) };
  try {
    await queueRefreshes(deps, run, stage, input, { was: contextVersion(stage, input), dependents: !job.data.refresh }, log);
  } catch (err) {
    const now = Date.now();
    const owed = await deps.pipeline.progress
      .owe({ reportId, runId: c.runId, stage, next: null, heal: job.data.heal ?? 0, risk: false, at: now }, now + deps.pipeline.settleMs)
      .catch(() => false);
    log.warn({ err: (err as Error).message, owed }, owed ? 'context refresh not queued; owed to the sweeper' : 'context refresh not queued');
  }
}

/**
 * Queues the refreshes a report's context calls for: its own stage again
 * unless its context is still the version `was` it ran with (always, when
 * that is not known), and, with `dependents`, the stage of every done report
 * whose context this report is part of.
 */
async function queueRefreshes(
  deps: RunDeps, run: { reportId: string; runId: string; name?: string }, stage: StageName, input: Record<string, unknown>,
  opts: { was?: string; dependents: boolean }, log: Logger,
): Promise<void> {
  const { reportId, runId } = run;
  const now = { ...input, ...(await loadContext(stage, deps.store, reportId, input, true)) };
  const is = contextVersion(stage, now);
  const queued: string[] = [];
  if (opts.was !== is) queued.push(await deps.pipeline.enqueue(stage, { reportId, runId, refresh: versionHash(is), ...(run.name ? { name: run.name } : {}) }));
  if (opts.dependents) {
    // their context's version from this report's side (no read of their outputs: a done report is ~200 KB that
    // FerretDB decodes whole); a dependent that moved to a newer run meanwhile has its refresh refused by the run guard
    for (const d of contextDependents(stage, now)) {
      queued.push(await deps.pipeline.enqueue(stage, { reportId: d.reportId, runId: d.runId, refresh: versionHash(await dependentVersion(stage, deps.store, d, input)) }));
    }
  }
  if (queued.length > 0) log.info({ refresh: queued }, 'context changed: stage re-queued for dependent reports');
}

/**
 * The sweeper's part of `refreshOrOwe`: the context refreshes a done run
 * owes (its ledger record says `refresh`), queued from its stored outputs.
 * The context the stage ran with is not known any more, so the report's own
 * refresh is queued too (one that finds its result unchanged writes nothing),
 * and so are its dependents' even when a refresh job owed them (its own path
 * queues none): one job each, which writes nothing when their result stays.
 * False when nothing was queued: the run is no longer the report's current
 * one (a newer run refreshes for itself), or its stage reads no context.
 */
export async function refreshOwed(deps: RunDeps, rec: Progress): Promise<boolean> {
  const stage = rec.stage as StageName;
  if (rec.stage === 'intake' || contextOf(stage).length === 0) return false;
  const loaded = await deps.store.loadOutputs(rec.reportId, needsOf(stage));
  if (!loaded || loaded.runId !== rec.runId) return false;
  await queueRefreshes(deps, { reportId: rec.reportId, runId: rec.runId }, stage, loaded.outputs as Record<string, unknown>, { dependents: true }, deps.log);
  return true;
}

/** Two outputs of a stage store the same fields (as JSON: a stored output went through the store's encoding). */
function sameResult<S extends StageName>(stage: S, a: StageOutputs[S], b: StageOutputs[S]): boolean {
  return JSON.stringify(reportFieldsOf(stage, a)) === JSON.stringify(reportFieldsOf(stage, b));
}

/**
 * What a stage writes to the report: nothing but its run record when its
 * output was handed on; at the last stage, the outputs of every stage that
 * came through the handoff too, so the finished document is whole in one update.
 */
function fieldsToStore(stage: StageName, output: unknown, input: unknown, handedOn: readonly StageName[], handedOff: boolean): Partial<Report> {
  if (handedOff) return {};
  const earlier = handedOn.map((s) => reportFieldsOf(s, (input as Partial<StageOutputs>)[s]!));
  return Object.assign({}, ...earlier, reportFieldsOf(stage, output as StageOutputs[typeof stage])) as Partial<Report>;
}

async function resolveDeadLetter(deps: RunDeps, job: RunJob, stage: StageName): Promise<void> {
  const id = `${job.data.reportId}-${stage}`;
  const claimed = await deps.store.claimDeadLetter(id, 'retry');
  if (!claimed) return;
  await deps.store.finishReplay(id, 'retry', String(job.id));
  await deps.pipeline.dlqs[stage].remove(`${id}-${claimed.count}`).catch(() => 0);
  deps.log.info({ reportId: job.data.reportId, stage, jobId: job.id }, 'retried job succeeded; its dead letter is resolved');
}

function progressOf(job: RunJob, stage: Progress['stage'], next: Progress['next'], risk: boolean): Progress {
  return { reportId: job.data.reportId, runId: job.data.runId, stage, next, heal: job.data.heal ?? 0, risk, at: Date.now() };
}

/**
 * Notes the step in the progress ledger. A job that ran more than once
 * (retried, or taken over after a stall) makes the report "at risk": a late
 * write of the earlier try may erase later outputs on FerretDB, so the report
 * is checked once more after it is done. A report done without risk leaves
 * the ledger.
 */
async function recordProgress(deps: RunDeps, job: RunJob, stage: StageName, next: Progress['next']): Promise<boolean> {
  const retried = (job.attemptsStarted ?? 1) > 1 || job.attemptsMade > 0;
  // the earlier record's risk is read and the step written in one round trip
  return deps.pipeline.progress.advance(progressOf(job, stage, next, retried), Date.now() + deps.pipeline.settleMs);
}

// ------------------------------------------------------------------ fail

/**
 * A stage run failed. Not the last try of a retryable error: a `retry` event,
 * and the error to throw so BullMQ retries with backoff. Otherwise the job is
 * dead-lettered (the report marked failed, the run leaves the ledger) and the
 * error to throw is an UnrecoverableError. Returns the error the processor throws.
 */
export async function fail(deps: RunDeps, job: RunJob & { opts: { attempts?: number } }, stage: StageName, err: unknown, ms: number, log: Logger): Promise<Error> {
  const attempt = job.attemptsMade + 1;
  const attempts = job.opts.attempts ?? 1;
  const e = classifyError(err, stage);
  if (e.retryable && attempt < attempts) {
    log.warn({ ms, code: e.code, err: e.message, attemptsLeft: attempts - attempt }, 'stage failed; will retry');
    await deps.store
      .recordEvent(job.data.reportId, { stage, event: 'retry', at: new Date().toISOString(), runId: job.data.runId, attempt, message: e.message })
      .catch(() => {});
    return e;
  }
  log.error({ ms, code: e.code, err: e.message, retryable: e.retryable }, 'stage failed for good; dead-lettered');
  // If MongoDB is down even this fails; the job then ends failed in BullMQ
  // and the reconciler dead-letters it once the store is back.
  await deadLetter(deps, stage, job, e, attempt);
  await deps.pipeline.progress.clear(job.data.reportId).catch(() => {});
  return new UnrecoverableError(`${e.code}: ${e.message}`);
}

/** A job BullMQ holds as failed without a dead letter (see reconcile.ts): dead-letters it now. */
export async function failLate(deps: Pick<RunDeps, 'store' | 'pipeline'>, job: RunJob, stage: StageName, error: PipelineError): Promise<void> {
  await deadLetter(deps, stage, job, error, job.attemptsMade);
}

// ------------------------------------------------------------------ heal

/**
 * Re-runs the first stage whose output a report lost. Stored progress can be
 * lost on FerretDB, which applies an update by reading the whole document
 * and writing it back: an update from a worker that was killed (or timed
 * out) can land after later stages' writes and erase them (found by the
 * soak). Also covers a job that vanished (a crash between the document and
 * the job). The healed chain runs under new job ids (`-h<n>`), so stages
 * already completed in BullMQ run again. After MAX_HEALS the report is
 * dead-lettered instead.
 */
export async function heal(deps: RunDeps, rec: Progress, target: StageName, now: number, settleMs: number, why: string): Promise<'healed' | 'gave-up'> {
  if (rec.heal >= MAX_HEALS) {
    const err = new PipelineError('INPUT_MISSING', `report ${rec.reportId} lost the ${target} stage's input ${rec.heal + 1} times (${why}); stopped healing it`);
    const job = { id: `heal-${rec.reportId}`, data: { reportId: rec.reportId, runId: rec.runId }, timestamp: rec.at, attemptsMade: rec.heal };
    await deadLetter(deps, target, job, err, rec.heal);
    await deps.pipeline.progress.clear(rec.reportId);
    deps.log.error({ reportId: rec.reportId, stage: target, heals: rec.heal }, 'report lost its progress too often; dead-lettered');
    return 'gave-up';
  }
  const heal = rec.heal + 1;
  // The event is written before the job exists: FerretDB applies an update as a
  // read and a rewrite of the whole document, so a $push racing the healed
  // stage's own write could put back the status that write had just changed
  // (seen in the 5,000-report soak: one report healed three times in vain).
  await deps.store.recordEvent(rec.reportId, { stage: target, event: 'healed', at: new Date(now).toISOString(), runId: rec.runId, message: why });
  // the ledger too, so the healed job's own progress record (written when it finishes) comes after this one
  const next = { stage: target, jobId: jobIdFor(rec.reportId, target, rec.runId, { heal }) };
  await deps.pipeline.progress.record({ ...rec, stage: previousStage(target), next, heal, risk: true, at: now }, now + settleMs);
  await deps.pipeline.enqueue(target, { reportId: rec.reportId, runId: rec.runId, heal });
  deps.log.warn({ reportId: rec.reportId, stage: target, heal, why }, 'report healed: stage re-queued');
  return 'healed';
}

/** A stage found an earlier output of its run missing: heals the run from the stage that lost it. */
export async function healLostInput(deps: RunDeps, job: RunJob, stage: StageName, lost: StageName, why: string): Promise<'healed' | 'gave-up'> {
  const rec = (await deps.pipeline.progress.get(job.data.reportId)) ?? progressOf(job, 'intake', null, true);
  return heal(deps, { ...rec, heal: Math.max(rec.heal, job.data.heal ?? 0) }, lost, Date.now(), deps.pipeline.settleMs, `${stage} found ${why}`);
}

// ------------------------------------------------------------------ the sweeper's bookkeeping

/** The report needs no more watching (done and consistent, gone, superseded, or dead-lettered). */
export async function release(deps: Pick<RunDeps, 'pipeline'>, reportId: string): Promise<void> {
  await deps.pipeline.progress.clear(reportId);
}

/** The report's expected job is still pending: look again at `dueAt`. */
export async function postpone(deps: Pick<RunDeps, 'pipeline'>, reportId: string, dueAt: number): Promise<void> {
  await deps.pipeline.progress.reschedule(reportId, dueAt);
}
