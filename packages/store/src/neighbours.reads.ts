import { isDone, type NeighbourReport } from '@gongkai/core';
import type { Collection, Db } from 'mongodb';
import type { ReportFacts } from './report.facts.ts';
import { upsertRacing } from './upsert.race.ts';

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
    private readonly facts: ReportFacts,
    db: Db,
  ) {
    this.years = db.collection<AgencyYearRecord>('agency_years');
  }

  /** Registers `reportId` as `agencyKey`'s report of `year`, then reads the done reports of the years before and after. */
  async ofAgency(agencyKey: string, year: number, reportId: string): Promise<NeighbourReport[]> {
    // two reports of one agency-year may register at once (two validators)
    await upsertRacing((upsert) => this.years.updateOne({ _id: yearKey(agencyKey, year) }, { $addToSet: { reportIds: reportId } }, { upsert }));
    return this.doneOf(agencyKey, [year - 1, year + 1], reportId);
  }

  /** The done reports of `agencyKey` in `years` (their agency-year records, then their facts), but `except`. */
  async doneOf(agencyKey: string, years: readonly number[], except: string | null = null): Promise<NeighbourReport[]> {
    const ids: string[] = [];
    for (const y of years) {
      const rec = await this.years.findOne({ _id: yearKey(agencyKey, y) });
      for (const id of rec?.reportIds ?? []) if (id !== except) ids.push(id);
    }
    const out: NeighbourReport[] = [];
    for (const f of await this.facts.of([...new Set(ids)].sort())) {
      const y = f.year;
      if (f.agencyKey !== agencyKey || !years.includes(y) || !isDone(f.status)) continue;
      // a file validate found is no report (a SOURCES.md listing reports, a blank template) names an agency and a year too: not a neighbour
      if (f.notAReport) continue;
      out.push({ reportId: f.reportId, runId: f.runId, year: y, agency: f.agency, title: f.title, metrics: f.metrics, stats: f.stats });
    }
    return out;
  }
}
