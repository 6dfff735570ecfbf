import {
  PIPELINE_VERSION, STAGES, classifyError, enters, needsOf, outputNameOf, readsRaw, reportFieldsOf, type RawInput, type Report, type StageInputs, type StageName, type StageOutputs,
} from '@gongkai/core';
import { createHash } from 'node:crypto';
import { STAGE_REGISTRY, type StageContext } from './registry.ts';

export interface InProcessResult {
  outputs: StageOutputs;
  report: Report;
  ms: Record<StageName, number>;
}

/** Runs one stage on the outputs gathered so far. */
export async function runStage<S extends StageName>(
  stage: S,
  input: StageInputs[S],
  context: StageContext,
): Promise<StageOutputs[S]> {
  const def = STAGE_REGISTRY[stage] as unknown as { run(i: StageInputs[S], c: StageContext): Promise<StageOutputs[S]> | StageOutputs[S] };
  try {
    return await def.run(input, context);
  } catch (err) {
    throw classifyError(err, stage);
  }
}

/** sha256 of the raw bytes: the report id. */
export function reportIdOf(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * Runs every stage, in the catalogue's order, in process on one file, with no Redis or MongoDB:
 * the ceiling for the queued pipeline, the evaluation's runner and
 * `gongkai extract FILE --json`.
 */
export async function runInProcess(raw: RawInput, context: StageContext = { decode: {} }, uri = `file:${raw.name}`): Promise<InProcessResult> {
  const ms = {} as Record<StageName, number>;
  const outputs = {} as StageOutputs;
  const ran: StageName[] = [];
  for (const stage of STAGES) {
    // a conditional stage (catalogue `when`) is entered only when its predicate holds, as in the queued pipeline
    if (!enters(stage, outputs)) continue;
    // each stage reads the raw file or the outputs it needs (the catalogue's `needs`), as a queued worker does
    const needs = needsOf(stage);
    const input = needs.length === 0 ? raw : { ...Object.fromEntries(needs.map((s) => [s, outputs[s]])), ...(readsRaw(stage) ? { raw } : {}) };
    const t0 = performance.now();
    const output = await runStage(stage, input as StageInputs[typeof stage], context);
    // an amending stage's output stands in for the one it amends (catalogue `amends`)
    (outputs as Record<StageName, unknown>)[outputNameOf(stage)] = output;
    (outputs as Record<StageName, unknown>)[stage] = output;
    ms[stage] = Math.round((performance.now() - t0) * 1000) / 1000;
    ran.push(stage);
  }
  const now = new Date().toISOString();
  const runId = 'in-process';
  const report: Report = {
    _id: reportIdOf(raw.bytes),
    source: { uri, name: raw.name, size: raw.bytes.length, receivedAt: now },
    status: 'processing',
    pipeline: { version: PIPELINE_VERSION, runId, stages: {} },
    createdAt: now,
    updatedAt: now,
  };
  for (const [i, s] of ran.entries()) {
    Object.assign(report, reportFieldsOf(s, outputs[s]));
    const skipped = STAGES.slice(STAGES.indexOf(s) + 1, i + 1 < ran.length ? STAGES.indexOf(ran[i + 1]!) : STAGES.length);
    report.pipeline.stages[s] = { ms: ms[s], attempts: 1, at: now, runId, version: PIPELINE_VERSION, ...(skipped.length > 0 ? { skipped } : {}) };
  }
  return { outputs, report, ms };
}
