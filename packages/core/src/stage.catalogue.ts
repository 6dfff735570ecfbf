/**
 * Every pipeline stage, declared once, as data (trigger.dev's `workerCatalog`
 * is the model). The order of the entries is the pipeline's order. From this
 * object derive: the stage names and their order (`stages.ts`), the output
 * and input types, the report-document fields each stage fills
 * (`report.types.ts`), the per-stage settings and their defaults
 * (packages/config), the worker services `gongkai start` runs
 * (packages/app), the in-process runner's loop (packages/stages), the queues
 * (packages/pipeline) and the CLI/ops listings. The deploy files
 * (docker-compose.yml, infra/k8s) are checked against it by a test.
 *
 * What a stage *does* is not here: its pure function is in its own package,
 * registered with `defineStage` in packages/stages (run and warm only).
 */
import type { DecodeResult } from './decode.types.ts';
import type { ExtractResult } from './extract.types.ts';
import type { SegmentResult } from './segment.types.ts';
import type { ValidateResult } from './validate.types.ts';
import type { StageContextName, StageContexts } from './context.types.ts';

/** Type-only: carries a stage's output type on its catalogue entry (never set at run time). */
declare const OUTPUT: unique symbol;

/** Per-stage settings; each is an environment key GONGKAI_<STAGE>_<SETTING> (packages/config). */
export interface StageDefaults {
  /** Tries in all, the first included. */
  attempts: number;
  /** Jobs one worker process runs at once. */
  concurrency: number;
  /** Threads that run the stage's code in one worker process. */
  threads: number;
  /** First retry delay (ms); doubles each attempt, with jitter. */
  backoffMs: number;
  /** A single run of the stage longer than this fails (transient). */
  timeoutMs: number;
}

/** A stage's own numeric settings (e.g. OCR's page cap), each an environment key GONGKAI_<STAGE>_<SETTING> (camelCase → UPPER_SNAKE). */
export type StageOptions = Readonly<Record<string, number>>;

export interface StageSpec<O = unknown, F extends readonly (keyof O & string)[] = readonly (keyof O & string)[]> {
  /**
   * Earlier stages whose outputs this one reads. Empty: the stage reads the
   * raw file (only the first stage). Every name must come earlier in the catalogue.
   */
  readonly needs: readonly string[];
  /**
   * The output's fields the report document stores under the same names.
   * The first one is always set when the output is stored: it tells a stored
   * output from one handed on through Redis.
   */
  readonly fields: F;
  /** Values for stored fields that are absent when an output is rebuilt from the document (older documents). */
  readonly empty?: { readonly [K in F[number]]?: O[K] };
  /**
   * The output's `status` is the report's final status: the stage ends a run.
   * Its output is stored only once the report is done.
   */
  readonly setsStatus?: true;
  /**
   * Facts besides the report's own outputs that the stage reads (context.types.ts),
   * loaded by the worker before it runs (packages/pipeline/src/stage.context.ts).
   */
  readonly context?: readonly StageContextName[];
  /**
   * The stage also reads the raw file (`input.raw`), besides the outputs it
   * `needs` (e.g. OCR renders the page images of the file decode could not read).
   */
  readonly raw?: true;
  /**
   * The stage is entered only when this holds on the outputs it `needs`;
   * otherwise the run goes past it (`nextStage`) and the stage before records
   * it as skipped in its run record. Its `needs` must be outputs the stage
   * before it has in hand (checked by stage.catalogue.test.ts).
   */
  when?(input: never): boolean;
  /**
   * An earlier stage whose output this one replaces for every stage after it:
   * the output is handed on and stored under that stage's name and fields (which
   * this stage's `fields` repeat), so later stages keep needing the earlier
   * stage and read the amended output. Its `when` must no longer hold on the
   * amended output: that is how a later stage tells an amendment that was lost.
   */
  readonly amends?: string;
  /** Settings used when the environment does not set them. */
  readonly defaults: StageDefaults;
  /** The stage's own settings and their defaults (GONGKAI_<STAGE>_<SETTING>), handed to its run as `context.options`. */
  readonly options?: StageOptions;
  /** The name of the worker service that runs the stage: its processes under `gongkai start`, the compose service, `gongkai-<service>` on Kubernetes (all run services/worker). */
  readonly service: string;
  readonly [OUTPUT]?: O;
}

/** Declares a catalogue entry whose output is `O` (the second call keeps `needs` and `fields` literal). */
const stage =
  <O>() =>
  <
    const N extends readonly string[], const F extends readonly (keyof O & string)[], const V extends string,
    const X extends readonly StageContextName[] = readonly [], const R extends true = never,
  >(
    spec: StageSpec<O, F> & { readonly needs: N; readonly service: V; readonly context?: X; readonly raw?: R },
  ) =>
    spec;

/** The report fields of a decode output (OCR's amended one has the same). */
const DECODE_FIELDS = ['decode', 'text', 'pageMeta', 'offsetMap', 'offsetBase', 'grids', 'regions'] as const;

/** Decode found no usable text layer and the output was not read by OCR yet. */
export function needsOcr(d: DecodeResult): boolean {
  return d.decode.needsOcr !== undefined && d.decode.ocr === undefined;
}

const RETRY = { attempts: 5, backoffMs: 1000, timeoutMs: 120_000 } as const;

export const STAGE_CATALOGUE = {
  decode: stage<DecodeResult>()({
    needs: [],
    fields: DECODE_FIELDS,
    empty: { text: '', pageMeta: {}, offsetMap: [] },
    defaults: { ...RETRY, concurrency: 2, threads: 2 },
    service: 'decoder',
  }),
  ocr: stage<DecodeResult>()({
    needs: ['decode'],
    raw: true,
    // only files decode found without a usable text layer (scanned PDFs, garbled text layers, images)
    when: (input: { decode: DecodeResult }) => needsOcr(input.decode),
    amends: 'decode',
    fields: DECODE_FIELDS,
    empty: { text: '', pageMeta: {}, offsetMap: [] },
    // seconds per page: one page at a time per process, a long timeout, few retries (a failure is mostly the file)
    defaults: { attempts: 2, backoffMs: 5000, timeoutMs: 600_000, concurrency: 1, threads: 1 },
    options: { maxPages: 200, maxPixels: 60_000_000, dpi: 300 },
    service: 'ocr',
  }),
  segment: stage<SegmentResult>()({
    needs: ['decode'],
    fields: ['meta', 'sections', 'paragraphs', 'spans', 'tables'],
    empty: { sections: [], paragraphs: [], spans: [], tables: [] },
    defaults: { ...RETRY, concurrency: 4, threads: 1 },
    service: 'segmenter',
  }),
  extract: stage<ExtractResult>()({
    needs: ['decode', 'segment'],
    fields: ['metrics', 'mentions', 'breakdowns'],
    empty: { mentions: [], breakdowns: [] },
    defaults: { ...RETRY, concurrency: 4, threads: 1 },
    service: 'extractor',
  }),
  validate: stage<ValidateResult>()({
    needs: ['decode', 'segment', 'extract'],
    fields: ['findings'],
    setsStatus: true,
    context: ['neighbours'],
    defaults: { ...RETRY, concurrency: 4, threads: 1 },
    service: 'validator',
  }),
} as const;

type Catalogue = typeof STAGE_CATALOGUE;

/** A stage's name: a key of the catalogue. */
export type StageName = keyof Catalogue;

/** What each stage produces. */
export type StageOutputs = { [S in StageName]: Catalogue[S] extends { readonly [OUTPUT]?: infer O } ? Exclude<O, undefined> : never };

/** The worker service names of the stages ('decoder', …). */
export type StageServiceName = Catalogue[StageName]['service'];

/** The stages whose outputs `S` reads. */
export type NeedsOf<S extends StageName> = Catalogue[S]['needs'][number];

/** The raw input of the first stage. */
export interface RawInput {
  bytes: Uint8Array;
  name: string;
}

/** True for a stage marked `raw` (it reads the raw file besides earlier outputs). */
type ReadsRaw<S extends StageName> = Catalogue[S] extends { readonly raw?: infer R } ? (true extends R ? true : false) : false;

/** The context kinds stage `S` reads (its catalogue `context`). */
export type ContextOf<S extends StageName> = Catalogue[S] extends { readonly context?: readonly (infer C)[] } ? C & StageContextName : never;

/**
 * What each stage receives: the raw file for a stage that needs nothing, earlier stages' outputs otherwise,
 * and its context when the caller loaded it (absent in the in-process runner: the stage checks the report alone).
 */
export type StageInputs = {
  [S in StageName]: [NeedsOf<S>] extends [never]
    ? RawInput
    : Pick<StageOutputs, NeedsOf<S> & StageName> & Partial<Pick<StageContexts, ContextOf<S>>> & (ReadsRaw<S> extends true ? { raw: RawInput } : unknown);
};

/** The report-document fields stage `S` stores. */
export type StoredFieldsOf<S extends StageName> = Pick<StageOutputs[S], Catalogue[S]['fields'][number] & keyof StageOutputs[S]>;

type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;

/** Every stage's stored fields together: the stage part of the report document. */
export type StageDocumentFields = UnionToIntersection<{ [S in StageName]: StoredFieldsOf<S> }[StageName]>;

type Assert<T extends true> = T;
/** Compile-time check that every `needs` names a stage: a typo fails here. (Their order is checked by stage.catalogue.test.ts.) */
export type NeedsNameStages = Assert<{ [S in StageName]: NeedsOf<S> extends StageName ? true : false }[StageName] extends true ? true : false>;
