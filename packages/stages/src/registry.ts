import type { RawInput, StageName, StageOutputs } from '@gongkai/core';
import { decode, warmDecode, type DecodeOptions } from '@gongkai/decode';
import { extract } from '@gongkai/extract';
import { segment } from '@gongkai/segment';
import { validate } from '@gongkai/validate';

/** What each stage receives: the raw file for decode, earlier stages' outputs for the rest. */
export interface StageInputs {
  decode: RawInput;
  segment: Pick<StageOutputs, 'decode'>;
  extract: Pick<StageOutputs, 'decode' | 'segment'>;
  validate: Pick<StageOutputs, 'decode' | 'segment' | 'extract'>;
}

export interface StageContext {
  decode: DecodeOptions;
}

export interface StageDef<S extends StageName> {
  name: S;
  /** Earlier outputs the stage reads (decode reads the raw file instead). */
  needs: ReadonlyArray<Exclude<StageName, S>>;
  run(input: StageInputs[S], context: StageContext): Promise<StageOutputs[S]> | StageOutputs[S];
  /** Loads what the stage would otherwise load on first use (a worker calls it at start). */
  warm?: () => Promise<void>;
}

/** Declares a stage once, as data plus a pure function. */
export function defineStage<S extends StageName>(def: StageDef<S>): StageDef<S> {
  return def;
}

/** Every stage, keyed by name: a missing stage is a compile error. */
export const STAGE_REGISTRY: { readonly [S in StageName]: StageDef<S> } = {
  decode: defineStage({ name: 'decode', needs: [], run: (input, ctx) => decode(input, ctx.decode), warm: warmDecode }),
  segment: defineStage({ name: 'segment', needs: ['decode'], run: (input) => segment(input) }),
  extract: defineStage({ name: 'extract', needs: ['decode', 'segment'], run: (input) => extract(input) }),
  validate: defineStage({ name: 'validate', needs: ['decode', 'segment', 'extract'], run: (input) => validate(input) }),
};
