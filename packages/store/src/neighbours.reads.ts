import type { NeighbourReport, Report, TableCell } from '@gongkai/core';
import { MongoServerError, type Collection, type Db, type Filter } from 'mongodb';
import { unpackFields } from './packed.fields.ts';
import { decodeStorable } from './storable.codec.ts';

const DONE = ['valid', 'warnings', 'invalid'];
const NOT_A_REPORT = 'NOT_A_REPORT';

/** One agency-year: the reports that ever claimed it (a lookup by exact `_id`, the one filter FerretDB's SQLite backend pushes down). */
interface AgencyYearRecord {
  _id: string;
  reportIds: string[];
}

const yearKey = (agencyKey: string, year: number) => `${agencyKey}|${year}`;

/**
 * The same agency's done reports of other years, with the facts a cross-year
 * rule reads (figures with their quotes, 统计表 cells), by `meta.agencyKey`.
 * A report without a key has no neighbours: an unknown agency is never guessed.
 *
 * A filter on `meta.agencyKey`/`meta.year` makes FerretDB decode every report
 * of the collection (measured by the traces: validate's load input 14.7 s mean
 * on a loaded box, growing with the collection), so each report registers its
 * agency-year in `agency_years` when its context is loaded, and neighbours are
 * read by `_id` from there. An entry is only a hint: the report found is kept
 * only while its stored key, year and status still say so (a reprocess that
 * changed them leaves a stale id behind, which is skipped).
 */
export class NeighbourReads {
  private readonly years: Collection<AgencyYearRecord>;

  constructor(
    private readonly reports: Collection<Report>,
    db: Db,
  ) {
    this.years = db.collection<AgencyYearRecord>('agency_years');
  }

  /** Registers `reportId` as `agencyKey`'s report of `year`, then reads the done reports of the years before and after. */
  async ofAgency(agencyKey: string, year: number, reportId: string): Promise<NeighbourReport[]> {
    const mine = { _id: yearKey(agencyKey, year) };
    const add = { $addToSet: { reportIds: reportId } };
    try {
      await this.years.updateOne(mine, add, { upsert: true });
    } catch (err) {
      // two reports of one agency-year registering at once both insert, and one loses on the unique _id (the soak,
      // two validators: dead-lettered STAGE_BUG "E11000 duplicate key error collection: gongkai.agency_years");
      // the record is there now, so the registration is an update
      if (!(err instanceof MongoServerError && err.code === 11000)) throw err;
      await this.years.updateOne(mine, add);
    }
    const ids: string[] = [];
    for (const y of [year - 1, year + 1]) {
      const rec = await this.years.findOne({ _id: yearKey(agencyKey, y) });
      for (const id of rec?.reportIds ?? []) if (id !== reportId) ids.push(id);
    }
    const out: NeighbourReport[] = [];
    for (const id of [...new Set(ids)].sort()) {
      const d = await this.reports.findOne({ _id: id } as Filter<Report>, { projection: { _id: 1, status: 1, pipeline: 1, meta: 1, metrics: 1, tables: 1, findings: 1 } });
      if (!d) continue;
      const r = decodeStorable(unpackFields(d)) as Report;
      const y = r.meta?.year;
      if (r.meta?.agencyKey !== agencyKey || (y !== year - 1 && y !== year + 1) || !DONE.includes(r.status)) continue;
      // a file validate found is no report (a SOURCES.md listing reports, a blank template) names an agency and a year too: not a neighbour
      if ((r.findings ?? []).some((f) => f.rule === NOT_A_REPORT)) continue;
      const stats: TableCell[] = (r.tables ?? []).filter((t) => t.kind === 'stats').flatMap((t) => t.cells);
      out.push({
        reportId: r._id,
        runId: r.pipeline.runId,
        year: y,
        agency: r.meta?.agency ?? null,
        title: r.meta?.title ?? null,
        metrics: r.metrics ?? [],
        stats,
      });
    }
    return out;
  }
}
