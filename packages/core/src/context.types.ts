/**
 * Stage context: facts a stage reads besides its own report's earlier
 * outputs, loaded by the worker from the store before the pure stage runs
 * (a catalogue entry lists the ones it reads under `context`). The pure
 * stage never fetches them itself; given none, it checks only the report.
 */
import type { Metric } from './extract.types.ts';
import type { TableCell } from './segment.types.ts';

/**
 * What validate reads of another report of the same agency (same
 * `meta.agencyKey`) for a neighbouring year: its figures and their quotes,
 * so a cross-year finding can name the other report and quote it.
 */
export interface NeighbourReport {
  reportId: string;
  /** The neighbour's run whose outputs these are: its version (a new run may change its figures). */
  runId: string;
  year: number;
  agency: string | null;
  title: string | null;
  metrics: Metric[];
  /** The cells of its 2008-era 统计表 (kind `stats`): this year's and 历年累计 columns. */
  stats: TableCell[];
}

/** Every kind of stage context, by name: what a catalogue entry's `context` may list. */
export interface StageContexts {
  /** The same agency's done reports of the year before and the year after (several when an agency-year has duplicates). */
  neighbours: NeighbourReport[];
}

export type StageContextName = keyof StageContexts;

/** The version of a neighbour set: sorted `id@run` pairs, so two loads of the same neighbours compare equal. */
export function neighboursVersion(neighbours: readonly Pick<NeighbourReport, 'reportId' | 'runId'>[]): string {
  return neighbours.map((n) => `${n.reportId}@${n.runId}`).sort().join(',');
}
