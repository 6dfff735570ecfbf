import {
  PIPELINE_VERSION, STAGES, classifyError, reportFieldsOf, type RawInput, type Report, type StageName, type StageOutputs,
} from '@gongkai/core';
import { createHash } from 'node:crypto';
import { STAGE_REGISTRY, type StageContext, type StageInputs } from './registry.ts';

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
 * Runs the four stages in process on one file, with no Redis or MongoDB:
 * the ceiling for the queued pipeline, the evaluation's runner and
 * `gongkai extract FILE --json`.
 */
export async function runInProcess(raw: RawInput, context: StageContext = { decode: {} }, uri = `file:${raw.name}`): Promise<InProcessResult> {
  const ms = {} as Record<StageName, number>;
  const t = (s: StageName, t0: number) => (ms[s] = Math.round((performance.now() - t0) * 1000) / 1000);
  let t0 = performance.now();
  const decode = await runStage('decode', raw, context);
  t('decode', t0);
  t0 = performance.now();
  const segment = await runStage('segment', { decode }, context);
  t('segment', t0);
  t0 = performance.now();
  const extract = await runStage('extract', { decode, segment }, context);
  t('extract', t0);
  t0 = performance.now();
  const validate = await runStage('validate', { decode, segment, extract }, context);
  t('validate', t0);
  const outputs: StageOutputs = { decode, segment, extract, validate };
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
  for (const s of STAGES) {
    Object.assign(report, reportFieldsOf(s, outputs[s] as never));
    report.pipeline.stages[s] = { ms: ms[s], attempts: 1, at: now, runId, version: PIPELINE_VERSION };
  }
  return { outputs, report, ms };
}
