import { isDone, type NeighbourReport } from '@gongkai/core';
import { MongoServerError, type Collection, type Db } from 'mongodb';
import type { ReportFacts } from './report.facts.ts';

/**
 * One registration of an agency-year: `_id` `<agencyKey>|<year>#<n>` holds one report id, n = 1, 2, … the
 * first free slot. `<agencyKey>|<year>` alone is the record the version before kept every id of the
 * agency-year in (`$addToSet`), still read. Lookups are by exact `_id`, the one filter FerretDB's SQLite
 * backend pushes down.
 */
interface AgencyYearRecord {
  _id: string;
  reportIds: string[];
}

const yearKey = (agencyKey: string, year: number) => `${agencyKey}|${year}`;

/** Slots read at once (most agency-years have one or two reports: one round of reads). */
const SLOT_BATCH = 3;

/** The id of an agency-year's slot `n`. */
const slotId = (key: string, n: number) => `${key}#${n}`;

/** The ids of SLOT_BATCH slots of an agency-year from slot `from` on. */
const slotIds = (key: string, from: number) => Array.from({ length: SLOT_BATCH }, (_, i) => slotId(key, from + i));

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
 *
 * A registration is an insert of its own document, never an update of a
 * shared one: FerretDB applies an update as a read and a rewrite, so two
 * validators adding ids to one record at once lost one of them (that report
 * then missed as a neighbour until it ran again), while an insert either
 * takes its slot or fails on the unique `_id`, and the loser takes the next.
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
    await this.register(agencyKey, year, reportId);
    return this.doneOf(agencyKey, [year - 1, year + 1], reportId);
  }

  private async register(agencyKey: string, year: number, reportId: string): Promise<void> {
    const { ids, free } = await this.registered(agencyKey, year);
    if (ids.includes(reportId)) return;
    for (let n = free; ; n++) {
      try {
        await this.years.insertOne({ _id: slotId(yearKey(agencyKey, year), n), reportIds: [reportId] });
        return;
      } catch (err) {
        // another report took the slot first: the next one (a report registering twice at once, two jobs of one
        // report, may take two slots: its id is read once)
        if (!(err instanceof MongoServerError && err.code === 11000)) throw err;
      }
    }
  }

  /** The ids registered for an agency-year (the older record's and every slot's), and the first free slot. */
  private async registered(agencyKey: string, year: number): Promise<{ ids: string[]; free: number }> {
    const key = yearKey(agencyKey, year);
    const read = (ids: string[]) => Promise.all(ids.map((_id) => this.years.findOne({ _id })));
    // the older record is read with the first slots: one round of reads for most agency-years
    const [older, ...first] = await read([key, ...slotIds(key, 1)]);
    const ids = [...(older?.reportIds ?? [])];
    let from = 1;
    let slots = first;
    for (;;) {
      // slots are taken in order and never freed: the first missing one ends the list
      const missing = slots.findIndex((s) => s === null);
      for (const s of missing < 0 ? slots : slots.slice(0, missing)) ids.push(...s!.reportIds);
      if (missing >= 0) return { ids, free: from + missing };
      from += SLOT_BATCH;
      slots = await read(slotIds(key, from));
    }
  }

  /** The done reports of `agencyKey` in `years` (their agency-year records, then their facts), but `except`. */
  async doneOf(agencyKey: string, years: readonly number[], except: string | null = null): Promise<NeighbourReport[]> {
    const ids = (await Promise.all(years.map((y) => this.registered(agencyKey, y)))).flatMap((r) => r.ids).filter((id) => id !== except);
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
