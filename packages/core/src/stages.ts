/** The stage order and the lookups derived from the catalogue (stage.catalogue.ts). */
import { STAGE_CATALOGUE, type StageDefaults, type StageName, type StageServiceName } from './stage.catalogue.ts';
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

/** The stage after `stage`, or null for the last one. */
export function nextStage(stage: StageName): StageName | null {
  return STAGES[STAGES.indexOf(stage) + 1] ?? null;
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
