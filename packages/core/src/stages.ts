/** The stage order and the lookups derived from the catalogue (stage.catalogue.ts). */
import { STAGE_CATALOGUE, type StageDefaults, type StageName, type StageOptions, type StageOutputs, type StageServiceName } from './stage.catalogue.ts';
import type { StageContextName } from './context.types.ts';


/** The pipeline stages, in order (the catalogue's order). The queue names, job ids and stored outputs derive from these. */
export const STAGES = Object.keys(STAGE_CATALOGUE) as [StageName, ...StageName[]];

/** An object with one entry per stage, in pipeline order. */
export function byStage<T>(f: (stage: StageName) => T): { [S in StageName]: T } {
  return Object.fromEntries(STAGES.map((s) => [s, f(s)])) as { [S in StageName]: T };
}

export function isStageName(value: unknown): value is StageName {
  return typeof value === 'string' && Object.hasOwn(STAGE_CATALOGUE, value);
}

/**
 * The stage after `stage` that the run enters, or null after the last one.
 * `known` are the outputs in hand (the stage's input and its output): a
 * conditional stage (catalogue `when`) is entered only when its predicate
 * holds on them; without `known` every stage counts as entered.
 */
export function nextStage(stage: StageName, known?: Partial<StageOutputs>): StageName | null {
  return STAGES.slice(STAGES.indexOf(stage) + 1).find((s) => !known || enters(s, known)) ?? null;
}

/** The conditional stages the run goes past between `stage` and its next stage (recorded in `stage`'s run record). */
export function skippedAfter(stage: StageName, known: Partial<StageOutputs>): StageName[] {
  const next = nextStage(stage, known);
  const after = STAGES.slice(STAGES.indexOf(stage) + 1);
  return after.slice(0, next === null ? after.length : after.indexOf(next));
}

/**
 * True when a run enters `stage` given the outputs in hand: always for a
 * stage without `when`. A conditional stage whose `needs` are not all in
 * hand is a catalogue mistake (stage.catalogue.test.ts rules it out).
 */
export function enters(stage: StageName, known: Partial<StageOutputs>): boolean {
  const spec = STAGE_CATALOGUE[stage] as { when?: (input: unknown) => boolean; needs: readonly StageName[] };
  if (!spec.when) return true;
  const missing = spec.needs.filter((n) => known[n] === undefined);
  if (missing.length > 0) throw new Error(`cannot tell whether the run enters ${stage}: the ${missing.join(', ')} output is not in hand`);
  return spec.when(known);
}

/** The earlier stage whose output `stage` replaces for the stages after it (catalogue `amends`), or null. */
export function amendsOf(stage: StageName): StageName | null {
  return ((STAGE_CATALOGUE[stage] as { amends?: StageName }).amends ?? null);
}

/** The name a stage's output is handed on and loaded under: the stage it amends, or its own. */
export function outputNameOf(stage: StageName): StageName {
  return amendsOf(stage) ?? stage;
}

/** True when the stage reads the raw file: the first stage, and a stage marked `raw` (it also reads earlier outputs). */
export function readsRaw(stage: StageName): boolean {
  return needsOf(stage).length === 0 || 'raw' in STAGE_CATALOGUE[stage];
}

/** The stage's own settings (catalogue `options`) with their defaults; {} for most stages. */
export function stageOptionDefaults(stage: StageName): StageOptions {
  return (STAGE_CATALOGUE[stage] as { options?: StageOptions }).options ?? {};
}

/** The stage before `stage`, or 'intake' for the first one (where the progress ledger starts a run). */
export function previousStage(stage: StageName): StageName | 'intake' {
  return STAGES[STAGES.indexOf(stage) - 1] ?? 'intake';
}

/** The stages from `stage` (inclusive) to the end. */
export function stagesFrom(stage: StageName): StageName[] {
  return STAGES.slice(STAGES.indexOf(stage));
}

/** The stages before `stage` (exclusive). */
export function stagesBefore(stage: StageName): StageName[] {
  return STAGES.slice(0, STAGES.indexOf(stage));
}

/** The earlier stages whose outputs `stage` reads ([] for a stage that reads the raw file). */
export function needsOf(stage: StageName): readonly StageName[] {
  return STAGE_CATALOGUE[stage].needs;
}

/** The context kinds `stage` reads besides its report's outputs ([] for most stages). */
export function contextOf(stage: StageName): readonly StageContextName[] {
  return (STAGE_CATALOGUE[stage] as { context?: readonly StageContextName[] }).context ?? [];
}

/** The worker service of each stage (its process, compose service and Kubernetes Deployment name), in pipeline order. */
export const STAGE_SERVICES: readonly StageServiceName[] = STAGES.map((s) => STAGE_CATALOGUE[s].service);

/** The stage a worker service runs, or null for a service that is no stage worker (ops, watcher). */
export function stageOfService(service: string): StageName | null {
  return STAGES.find((s) => STAGE_CATALOGUE[s].service === service) ?? null;
}

/** The entry point of every stage worker service; its argument names the stage. */
export const STAGE_WORKER_MAIN = 'services/worker/src/main.ts';

/** The settings a stage uses when the environment does not set them. */
export function stageDefaults(stage: StageName): StageDefaults {
  return STAGE_CATALOGUE[stage].defaults;
}

/** "decode, segment, extract, validate": for usage messages. */
export const STAGE_LIST = STAGES.join(', ');
