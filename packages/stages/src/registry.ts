import type { StageInputs, StageName, StageOutputs } from '@gongkai/core';
import { decode, warmDecode, type DecodeOptions } from '@gongkai/decode';
import { readByOcr, warmOcr } from './ocr.stage.ts';
import { extract } from '@gongkai/extract';
import { segment, type SegmentOptions } from '@gongkai/segment';
import { validate } from '@gongkai/validate';

export type { StageInputs } from '@gongkai/core';

export interface StageContext {
  decode: DecodeOptions;
  /** The user's agency renames (GONGKAI_AGENCY_RENAMES), besides the bundled ones. */
  segment?: SegmentOptions;
  /**
   * Each stage's own settings (catalogue `options`, e.g. OCR's page cap) and
   * its timeout, as configured; a stage falls back to the catalogue's defaults.
   */
  options?: { readonly [S in StageName]?: Readonly<Record<string, number>> };
}

/**
 * What a stage does: its pure function and, optionally, a warm-up. Everything
 * else about a stage (its order, what it reads, the fields it stores, its
 * settings and its worker service) is data in the stage catalogue
 * (packages/core/src/stage.catalogue.ts).
 */
export interface StageDef<S extends StageName> {
  name: S;
  run(input: StageInputs[S], context: StageContext): Promise<StageOutputs[S]> | StageOutputs[S];
  /** Loads what the stage would otherwise load on first use (a worker calls it at start). */
  warm?: () => Promise<void>;
}

/** Declares what a stage does, as a pure function. */
export function defineStage<S extends StageName>(def: StageDef<S>): StageDef<S> {
  return def;
}

/** Every stage, keyed by name: a stage in the catalogue without a registry line is a compile error. */
export const STAGE_REGISTRY: { readonly [S in StageName]: StageDef<S> } = {
  decode: defineStage({ name: 'decode', run: (input, ctx) => decode(input, ctx.decode), warm: warmDecode }),
  ocr: defineStage({ name: 'ocr', run: (input, ctx) => readByOcr(input, ctx), warm: warmOcr }),
  segment: defineStage({ name: 'segment', run: (input, ctx) => segment(input, ctx.segment) }),
  extract: defineStage({ name: 'extract', run: (input) => extract(input) }),
  validate: defineStage({ name: 'validate', run: (input) => validate(input) }),
};
