import {
  BadInputError, PipelineError, amendsOf, enters, needsOf, readsRaw, stagesBefore,
  type DeferredRun, type RawInput, type ReportStatus, type StageInputs, type StageName, type StageOutputs,
} from '@gongkai/core';
import type { Logger } from '@gongkai/runtime';
import type { BlobStore, ReportStore } from '@gongkai/store';
import type { JobPayload } from './job.types.ts';
import type { Pipeline } from './pipeline.ts';
import { loadContext } from './stage.context.ts';

/** An earlier stage's output of the current run is not stored (lost): re-run that stage instead of failing. */
export class LostInput extends Error {
  constructor(readonly stage: StageName) {
    super(`the ${stage} output is missing`);
    this.name = new.target.name;
  }
}

export interface InputDeps {
  store: ReportStore;
  blobs: BlobStore;
  pipeline: Pipeline;
  maxBytes: number;
}

export interface LoadedInput<S extends StageName> {
  runId: string;
  status: ReportStatus;
  input: StageInputs[S];
  /** Earlier stages whose output came through the handoff (not yet in MongoDB: the last stage writes them). */
  handedOn: StageName[];
  /** Run records of earlier stages that came with their handed-on outputs (the last stage stores them). */
  deferred: DeferredRun[];
  /** The handed-on outputs' V8 bytes, as the handoff holds them: they cross to the stage thread as bytes. */
  packed: Partial<Record<StageName, Uint8Array>>;
  /** A context refresh (job `refresh`): the stage's own stored output, to tell whether the refresh changes anything. */
  previous?: StageOutputs[S];
}

/**
 * Loads what a stage needs (its catalogue `needs`): the raw file for the
 * first stage; otherwise the earlier outputs from the handoff, with MongoDB
 * for what is not there (too big, expired, lost with a Redis restart, or a
 * re-run of a stored report).
 *
 * A first try whose every input came through the handoff reads nothing from
 * MongoDB (on FerretDB each read decodes the whole document): the handoff is
 * keyed by run, so its outputs are this run's; a job whose report moved to a
 * newer run meanwhile runs for nothing and is refused at its store write (the
 * run guard). The report's status matters only to a job that failed before
 * (a failed report whose job now succeeds gets its dead letter resolved), so
 * a retried job reads the document.
 */
export async function loadInput<S extends StageName>(stage: S, payload: JobPayload, deps: InputDeps, log: Logger, opts: { firstTry: boolean } = { firstTry: false }): Promise<LoadedInput<S>> {
  const needs = needsOf(stage);
  if (needs.length === 0) {
    const { runId, status, raw } = await loadRaw(payload, deps);
    return { runId, status, input: raw as StageInputs[S], handedOn: [], deferred: [], packed: {} };
  }
  const { outputs: cached, deferred, packed } = await deps.pipeline.handoff.take(payload.reportId, payload.runId, needs).catch((err: Error) => {
    log.warn({ err: err.message }, 'handoff unreadable; reading the stored outputs');
    return { outputs: {}, deferred: [], packed: {} };
  });
  const handedOn = needs.filter((s) => s in cached);
  const stored = needs.filter((s) => !(s in cached));
  const loaded = stored.length === 0 && opts.firstTry
    ? { runId: payload.runId, status: 'processing' as const, outputs: {} }
    // a refresh re-runs a done report's stage: its stored result comes in the same read (FerretDB decodes the whole
    // document whatever the projection), so an unchanged result need not be written again
    : await deps.store.loadOutputs(payload.reportId, payload.refresh ? [...stored, stage] : stored);
  if (!loaded) throw new PipelineError('INPUT_MISSING', `report ${payload.reportId} is not in the store`);
  const { [stage]: previous, ...earlier } = loaded.outputs as Record<string, unknown>;
  const outputs = { ...(earlier as Partial<StageOutputs>), ...cached };
  const missing = needs.filter((s) => !(s in outputs));
  if (missing.length > 0 && loaded.runId === payload.runId) throw new LostInput(missing[0]!);
  if (missing.length === 0 && loaded.runId === payload.runId) {
    const unamended = lostAmendment(stage, outputs);
    if (unamended) throw new LostInput(unamended);
  }
  // the stage's context (other reports' facts, e.g. the same agency's neighbouring years): loaded fresh every run
  const context = await loadContext(stage, deps.store, payload.reportId, outputs);
  // a stage that reads the raw file besides earlier outputs (catalogue `raw`)
  const raw = readsRaw(stage) ? { raw: (await loadRaw(payload, deps)).raw } : {};
  return {
    runId: loaded.runId, status: loaded.status, input: { ...outputs, ...context, ...raw } as StageInputs[S], handedOn, deferred, packed,
    ...(previous !== undefined ? { previous: previous as StageOutputs[S] } : {}),
  };
}

/**
 * An earlier stage that amends one of `stage`'s inputs (catalogue `amends`)
 * and whose `when` still holds on it: the run entered that stage but its
 * amended output is gone (e.g. it was handed on and expired while only the
 * first output is stored), so the amending stage runs again.
 */
function lostAmendment(stage: StageName, outputs: Partial<StageOutputs>): StageName | null {
  const needs = needsOf(stage);
  const lost = stagesBefore(stage).find((s) => {
    const amended = amendsOf(s);
    return amended !== null && needs.includes(amended) && needsOf(s).every((n) => n in outputs) && enters(s, outputs);
  });
  return lost ?? null;
}

/** The raw file of a report, within the size limit. */
async function loadRaw(payload: JobPayload, deps: InputDeps): Promise<{ runId: string; status: ReportStatus; raw: RawInput }> {
  const report = await deps.store.get(payload.reportId);
  if (!report) throw new PipelineError('INPUT_MISSING', `report ${payload.reportId} is not in the store`);
  if (report.source.size > deps.maxBytes) {
    throw new BadInputError('OVERSIZE', `${report.source.name} is ${report.source.size} bytes, over the ${deps.maxBytes}-byte limit (GONGKAI_MAX_BYTES)`);
  }
  const bytes = await deps.blobs.get(payload.reportId);
  if (!bytes) throw new PipelineError('INPUT_MISSING', `the raw file of report ${payload.reportId} (${report.source.name}) is not in the blob store`);
  return { runId: report.pipeline.runId, status: report.status, raw: { bytes, name: report.source.name } };
}
