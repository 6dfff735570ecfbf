/** The four pipeline stages, in order. The queue names, job ids and stored outputs derive from these. */
export const STAGES = ['decode', 'segment', 'extract', 'validate'] as const;
export type StageName = (typeof STAGES)[number];

export function isStageName(value: unknown): value is StageName {
  return typeof value === 'string' && (STAGES as readonly string[]).includes(value);
}

/** The stage after `stage`, or null for the last one. */
export function nextStage(stage: StageName): StageName | null {
  const i = STAGES.indexOf(stage);
  return STAGES[i + 1] ?? null;
}

/** The stages from `stage` (inclusive) to the end. */
export function stagesFrom(stage: StageName): StageName[] {
  return STAGES.slice(STAGES.indexOf(stage));
}
