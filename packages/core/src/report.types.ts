/** The report document: the contract every consumer reads (PRODUCT.md "The report document"). */
import type { DecodeFacts, DecodeResult, PageMeta } from './decode.types.ts';
import type { ExtractResult, Breakdown, Metric, Mention } from './extract.types.ts';
import type { LabelledSpan, Paragraph, ReportMeta, ReportTable, SegmentResult, Section } from './segment.types.ts';
import type { StageName } from './stages.ts';
import type { Finding, ValidateResult, ValidationStatus } from './validate.types.ts';

/** What each stage consumes from the ones before it and produces. */
export interface StageOutputs {
  decode: DecodeResult;
  segment: SegmentResult;
  extract: ExtractResult;
  validate: ValidateResult;
}

/** The raw input of the first stage. */
export interface RawInput {
  bytes: Uint8Array;
  name: string;
}

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

export interface Report {
  /** sha256 (hex) of the raw bytes. */
  _id: string;
  source: ReportSource;
  /** Every other name/location the same content arrived under. */
  aliases?: Array<{ uri: string; name: string; receivedAt: string }>;
  decode?: DecodeFacts;
  text?: string;
  pageMeta?: PageMeta;
  /** Internal: normalized → original offsets (DecodeResult.offsetMap). */
  offsetMap?: number[];
  meta?: ReportMeta;
  sections?: Section[];
  paragraphs?: Paragraph[];
  spans?: LabelledSpan[];
  tables?: ReportTable[];
  metrics?: Metric[];
  mentions?: Mention[];
  breakdowns?: Breakdown[];
  findings?: Finding[];
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

/** The report-document fields each stage's output fills. */
export function reportFieldsOf<S extends StageName>(stage: S, output: StageOutputs[S]): Partial<Report> {
  switch (stage) {
    case 'decode': {
      const o = output as DecodeResult;
      return { decode: o.decode, text: o.text, pageMeta: o.pageMeta, offsetMap: o.offsetMap };
    }
    case 'segment': {
      const o = output as SegmentResult;
      return { meta: o.meta, sections: o.sections, paragraphs: o.paragraphs, spans: o.spans, tables: o.tables };
    }
    case 'extract': {
      const o = output as ExtractResult;
      return { metrics: o.metrics, mentions: o.mentions, breakdowns: o.breakdowns };
    }
    case 'validate': {
      const o = output as ValidateResult;
      return { findings: o.findings, status: o.status };
    }
    default: {
      const never: never = stage as never;
      throw new Error(`unknown stage ${String(never)}`);
    }
  }
}

/** The report-document fields a stage writes (the inverse view of reportFieldsOf). */
export const STAGE_FIELDS: { readonly [S in StageName]: ReadonlyArray<keyof Report> } = {
  decode: ['decode', 'text', 'pageMeta', 'offsetMap'],
  segment: ['meta', 'sections', 'paragraphs', 'spans', 'tables'],
  extract: ['metrics', 'mentions', 'breakdowns'],
  validate: ['findings'],
};

/**
 * Rebuilds a stored stage output from the report document, or null when the
 * stage has not run in the current run (no run record) or ran but handed its
 * output on instead of storing it (a run record without the fields: the
 * output is in the Redis handoff until validate stores it, or was lost there).
 */
export function stageOutputOf<S extends StageName>(stage: S, report: Partial<Report>): StageOutputs[S] | null {
  // the first field of each stage's output is always set when the output is stored
  if (!report.pipeline?.stages?.[stage] || report[STAGE_FIELDS[stage][0]!] === undefined) return null;
  switch (stage) {
    case 'decode':
      return { decode: report.decode!, text: report.text ?? '', pageMeta: report.pageMeta ?? {}, offsetMap: report.offsetMap ?? [] } as StageOutputs[S];
    case 'segment':
      return {
        meta: report.meta!, sections: report.sections ?? [], paragraphs: report.paragraphs ?? [], spans: report.spans ?? [], tables: report.tables ?? [],
      } as StageOutputs[S];
    case 'extract':
      return { metrics: report.metrics ?? [], mentions: report.mentions ?? [], breakdowns: report.breakdowns ?? [] } as StageOutputs[S];
    case 'validate': {
      const status = report.status;
      if (status !== 'valid' && status !== 'warnings' && status !== 'invalid') return null;
      return { findings: report.findings ?? [], status } as StageOutputs[S];
    }
    default:
      return null;
  }
}
