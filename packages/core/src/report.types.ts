/** The report document: the contract every consumer reads (PRODUCT.md "The report document"). */
import { STAGE_CATALOGUE, type StageDocumentFields, type StageName, type StageOutputs } from './stage.catalogue.ts';
import { byStage } from './stages.ts';
import type { ValidationStatus } from './validate.types.ts';


/**
 * Lifecycle of a report document. queued → processing → one of the
 * validation statuses (the report is done), or failed (it sits in a
 * dead-letter queue; see `failure`).
 */
export const PIPELINE_STATUSES = ['queued', 'processing', 'failed'] as const;
export type PipelineStatus = (typeof PIPELINE_STATUSES)[number];
export type ReportStatus = PipelineStatus | ValidationStatus;

export function isDone(status: ReportStatus): status is ValidationStatus {
  return status === 'valid' || status === 'warnings' || status === 'invalid';
}

export interface ReportSource {
  /** Where the file came from: file:///…/inbox/x.txt, s3://bucket/key, or cli:… */
  uri: string;
  name: string;
  size: number;
  /** ISO date-time. */
  receivedAt: string;
}

export interface StageRun {
  ms: number;
  attempts: number;
  /** ISO date-time the stage's output was stored. */
  at: string;
  runId: string;
  version: string;
  /** Conditional stages (catalogue `when`) the run went past after this one: they have no run record of their own. */
  skipped?: StageName[];
}

/**
 * A stage's run record not yet in the report: a later stage of a first try
 * whose output was handed on keeps its record with the output in the handoff,
 * and the run's last stage writes it with the finished document.
 */
export interface DeferredRun {
  stage: StageName;
  run: StageRun;
  attempt: number;
}

export interface ReportFailure {
  stage: StageName;
  code: string;
  reason: string;
  at: string;
}

export interface StageEvent {
  stage: StageName | 'intake';
  event: 'queued' | 'done' | 'retry' | 'failed' | 'replayed' | 'reprocess' | 'healed';
  at: string;
  runId: string;
  attempt?: number;
  ms?: number;
  message?: string;
}

/**
 * One document per distinct content. Besides the fields below it holds each
 * stage's stored output fields (`StageDocumentFields`: decode, text,
 * pageMeta, offsetMap, meta, sections, …, findings), as the catalogue lists them.
 */
export interface Report extends Partial<StageDocumentFields> {
  /** sha256 (hex) of the raw bytes. */
  _id: string;
  source: ReportSource;
  /** Every other name/location the same content arrived under. */
  aliases?: Array<{ uri: string; name: string; receivedAt: string }>;
  status: ReportStatus;
  failure?: ReportFailure | null;
  /** Stage transitions, oldest first. */
  history?: StageEvent[];
  pipeline: {
    version: string;
    runId: string;
    stages: Partial<Record<StageName, StageRun>>;
  };
  createdAt: string;
  updatedAt: string;
}

/** The report-document fields a stage writes (its catalogue `fields`). */
export const STAGE_FIELDS: { readonly [S in StageName]: ReadonlyArray<keyof Report> } = byStage((s) => STAGE_CATALOGUE[s].fields);

/** The report-document fields a stage's output fills: its catalogue fields, and the report's status for the stage that ends a run. */
export function reportFieldsOf<S extends StageName>(stage: S, output: StageOutputs[S]): Partial<Report> {
  const spec = STAGE_CATALOGUE[stage];
  const out = output as unknown as Record<string, unknown>;
  const fields: Record<string, unknown> = Object.fromEntries(spec.fields.map((f) => [f, out[f]]));
  if ('setsStatus' in spec) fields['status'] = out['status'];
  return fields as Partial<Report>;
}

/**
 * Rebuilds a stored stage output from the report document, or null when the
 * stage has not run in the current run (no run record) or ran but handed its
 * output on instead of storing it (a run record without the fields: the
 * output is in the Redis handoff until validate stores it, or was lost there).
 * A stage that sets the report's status counts as stored only once the report is done.
 */
export function stageOutputOf<S extends StageName>(stage: S, report: Partial<Report>): StageOutputs[S] | null {
  const spec = STAGE_CATALOGUE[stage];
  const doc = report as Record<string, unknown>;
  // the first field of each stage's output is always set when the output is stored
  if (!report.pipeline?.stages?.[stage] || doc[spec.fields[0]] === undefined) return null;
  const empty = ('empty' in spec ? spec.empty : {}) as Record<string, unknown>;
  const output: Record<string, unknown> = {};
  for (const f of spec.fields) {
    const v = doc[f] ?? (empty[f] === undefined ? undefined : structuredClone(empty[f]));
    if (v !== undefined) output[f] = v;
  }
  if ('setsStatus' in spec) {
    if (!report.status || !isDone(report.status)) return null;
    output['status'] = report.status;
  }
  return output as StageOutputs[S];
}
