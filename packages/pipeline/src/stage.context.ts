/**
 * Stage context (core/src/context.types.ts): what a stage reads besides its
 * report's own outputs, loaded here from the store before the pure stage
 * runs, for the kinds its catalogue entry lists. Each kind also says which
 * part of it the stage's result depends on (its version) and which other
 * reports' results depend on this report (its dependents): run.transitions.ts
 * re-runs the stage of a done report whose context changed.
 */
import { contextOf, neighboursVersion, type SegmentResult, type StageContextName, type StageContexts, type StageName } from '@gongkai/core';
import type { ReportStore } from '@gongkai/store';
import { createHash } from 'node:crypto';

interface ContextKind<K extends StageContextName> {
  /** The context of one report, from its loaded outputs; `again`: read once more in the same job (nothing to register). */
  load(store: ReportStore, reportId: string, outputs: Record<string, unknown>, again: boolean): Promise<StageContexts[K]>;
  /** The part of the context the stage's result depends on, as a string: equal strings, equal results. */
  version(value: StageContexts[K], outputs: Record<string, unknown>): string;
  /** Reports (id and run) whose own result depends on this report's outputs. */
  dependents(value: StageContexts[K], outputs: Record<string, unknown>): Array<{ reportId: string; runId: string }>;
  /** The version a dependent's context of this kind has now (what `version` of its loaded context would say), read without loading its outputs. */
  versionOf(store: ReportStore, dependent: { reportId: string }, outputs: Record<string, unknown>): Promise<string>;
}

/** Year and agency of a report from its segment output; null when either is unknown (no key is ever guessed). */
function agencyYear(outputs: Record<string, unknown>): { key: string; year: number } | null {
  const meta = (outputs['segment'] as SegmentResult | undefined)?.meta;
  return meta?.agencyKey && typeof meta.year === 'number' ? { key: meta.agencyKey, year: meta.year } : null;
}

export const CONTEXT_KINDS: { readonly [K in StageContextName]: ContextKind<K> } = {
  neighbours: {
    async load(store, reportId, outputs, again) {
      const at = agencyYear(outputs);
      if (!at) return [];
      // the first read registers the report's agency-year; a second one in the same job (has the context changed while
      // the stage ran?) need not register it again (on FerretDB a read and a rewrite of the record)
      return again ? store.doneOfAgency(at.key, [at.year - 1, at.year + 1], reportId) : store.neighboursOf(at.key, at.year, reportId);
    },
    // the cross-year rules read the year before; the year after reads this report
    version: (value, outputs) => neighboursVersion(value.filter((n) => n.year === (agencyYear(outputs)?.year ?? NaN) - 1)),
    dependents: (value, outputs) => value.filter((n) => n.year === (agencyYear(outputs)?.year ?? NaN) + 1).map((n) => ({ reportId: n.reportId, runId: n.runId })),
    // a dependent is of the year after: its version is the set of this agency's done reports of this report's year
    async versionOf(store, dependent, outputs) {
      const at = agencyYear(outputs);
      return neighboursVersion(at ? await store.doneOfAgency(at.key, [at.year], dependent.reportId) : []);
    },
  },
};

/** Loads every context kind `stage` reads (none for most stages); `again`: a second read in the same job. */
export async function loadContext(stage: StageName, store: ReportStore, reportId: string, outputs: Record<string, unknown>, again = false): Promise<Partial<StageContexts>> {
  const out: Partial<StageContexts> = {};
  for (const kind of contextOf(stage)) (out as Record<string, unknown>)[kind] = await CONTEXT_KINDS[kind].load(store, reportId, outputs, again);
  return out;
}

/** The version of a loaded context: the versions of its kinds; '' when the stage reads none. */
export function contextVersion(stage: StageName, input: Record<string, unknown>): string {
  return contextOf(stage)
    .map((kind) => `${kind}=${(CONTEXT_KINDS[kind].version as (v: unknown, o: Record<string, unknown>) => string)(input[kind] ?? [], input)}`)
    .join(';');
}

/** A dependent's context version now, as `contextVersion` of its own loaded input would say, from this report's outputs. */
export async function dependentVersion(stage: StageName, store: ReportStore, dependent: { reportId: string }, outputs: Record<string, unknown>): Promise<string> {
  const parts: string[] = [];
  for (const kind of contextOf(stage)) parts.push(`${kind}=${await CONTEXT_KINDS[kind].versionOf(store, dependent, outputs)}`);
  return parts.join(';');
}

/** The dependents of a loaded context, every kind together, each report once. */
export function contextDependents(stage: StageName, input: Record<string, unknown>): Array<{ reportId: string; runId: string }> {
  const all = contextOf(stage).flatMap((kind) =>
    (CONTEXT_KINDS[kind].dependents as (v: unknown, o: Record<string, unknown>) => Array<{ reportId: string; runId: string }>)(input[kind] ?? [], input),
  );
  return [...new Map(all.map((d) => [d.reportId, d])).values()];
}

/** A short hash of a context version, for job ids (BullMQ ids must not contain ":"). */
export function versionHash(version: string): string {
  return createHash('sha256').update(version).digest('hex').slice(0, 12);
}
