import type { NeighbourReport, Report, TableCell } from '@gongkai/core';
import type { Collection, Filter } from 'mongodb';
import { unpackFields } from './packed.fields.ts';
import { decodeStorable } from './storable.codec.ts';

const DONE = ['valid', 'warnings', 'invalid'];
const NOT_A_REPORT = 'NOT_A_REPORT';

/**
 * The same agency's done reports of other years, with the facts a cross-year
 * rule reads (figures with their quotes, 统计表 cells), by `meta.agencyKey`.
 * A report without a key has no neighbours: an unknown agency is never guessed.
 */
export class NeighbourReads {
  constructor(private readonly reports: Collection<Report>) {}

  /** Done reports of `agencyKey` for `years`, other than `exceptId`, in id order. */
  async ofAgency(agencyKey: string, years: readonly number[], exceptId: string): Promise<NeighbourReport[]> {
    // a file validate found is no report (a SOURCES.md listing reports, a blank template) names an agency and a year too: not a neighbour
    const filter = {
      'meta.agencyKey': agencyKey, 'meta.year': { $in: [...years] }, status: { $in: DONE }, _id: { $ne: exceptId }, 'findings.rule': { $ne: NOT_A_REPORT },
    } as Filter<Report>;
    const docs = await this.reports
      .find(filter, { projection: { _id: 1, pipeline: 1, meta: 1, metrics: 1, tables: 1 } })
      .sort({ _id: 1 })
      .toArray();
    return docs.map((d) => {
      const r = decodeStorable(unpackFields(d)) as Report;
      const stats: TableCell[] = (r.tables ?? []).filter((t) => t.kind === 'stats').flatMap((t) => t.cells);
      return {
        reportId: r._id,
        runId: r.pipeline.runId,
        year: r.meta?.year as number,
        agency: r.meta?.agency ?? null,
        title: r.meta?.title ?? null,
        metrics: r.metrics ?? [],
        stats,
      };
    });
  }
}
