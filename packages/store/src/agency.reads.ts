import type { Report } from '@gongkai/core';
import type { Collection, Filter } from 'mongodb';
import { AgencyIndex, rowOf, type AgencyReportRow, type AgencySummary, type CompareMissing, type CompareRow, type SeriesPoint, type TableRow } from './agency.index.ts';
import { isSpillRef, type SpillStore } from './spill.store.ts';
import { decodeStorable } from './storable.codec.ts';

/** What a report contributes to the agency views: no text, no mentions, no tables. */
const PROJECTION = {
  _id: 1, status: 1, updatedAt: 1, 'source.name': 1, metrics: 1, findings: 1,
  'meta.agencyKey': 1, 'meta.agency': 1, 'meta.level': 1, 'meta.region': 1, 'meta.year': 1, 'meta.title': 1, 'meta.inferredTitle': 1,
} as const;

export interface AgencyReadsOptions {
  /**
   * A read later than this after the last refresh starts another in the
   * background (reports whose `updatedAt` moved). @defaultValue 2000 ms
   */
  maxAgeMs?: number;
}

/**
 * Reads across reports: agencies, an agency's reports by year and its
 * series, a year's comparison. Every answer groups or ranks the whole
 * collection, and FerretDB (the embedded server) filters by scanning and
 * decoding every document (hundreds of ms at 10,000 reports), so the figures
 * are kept in memory as one small row per done report (AgencyIndex), loaded
 * once and then brought up to date by the reports whose `updatedAt` moved.
 * Works the same on MongoDB, where that query uses the `updatedAt` index.
 * Reports are never deleted by the pipeline, so a report's row only changes.
 */
export class AgencyReads {
  private readonly index = new AgencyIndex();
  /** The latest `updatedAt` seen (ISO strings sort as dates). */
  private seen = '';
  private checkedAt = 0;
  private loaded = false;
  private loading: Promise<void> | null = null;
  private readonly maxAgeMs: number;

  constructor(
    private readonly reports: Collection<Report>,
    private readonly spills: SpillStore,
    opts: AgencyReadsOptions = {},
  ) {
    this.maxAgeMs = opts.maxAgeMs ?? 2000;
  }

  /**
   * The rows, loaded on the first read (awaited). After that a read older
   * than `maxAgeMs` starts a refresh in the background and answers from the
   * rows in hand: on FerretDB the refresh query scans the collection
   * (seconds at 10,000 reports), and no request should wait for it; a
   * finished report shows up within `maxAgeMs` plus one refresh. Nothing runs
   * while nobody reads.
   */
  private async fresh(): Promise<AgencyIndex> {
    if (!this.loaded) await this.start();
    else if (Date.now() - this.checkedAt > this.maxAgeMs) void this.start().catch(() => {}); // the next read tries again
    return this.index;
  }

  private start(): Promise<void> {
    this.loading ??= this.refresh().finally(() => {
      this.loading = null;
    });
    return this.loading;
  }

  /** Reads the reports changed since the last refresh (all of them the first time). */
  async refresh(): Promise<void> {
    const started = Date.now();
    // $gte: a report stored in the same millisecond as the last one seen, after that read, is not missed (re-reading one is harmless)
    const filter = (this.seen ? { updatedAt: { $gte: this.seen } } : {}) as Filter<Report>;
    const cursor = this.reports.find(filter, { projection: PROJECTION }).batchSize(500);
    let seen = this.seen;
    const changed: Array<[string, ReturnType<typeof rowOf>]> = [];
    for await (const raw of cursor) {
      const doc = raw as unknown as Record<string, unknown>;
      if (isSpillRef(doc['metrics'])) Object.assign(doc, await this.spills.restore({ metrics: doc['metrics'] }));
      const report = decodeStorable(doc) as Report;
      changed.push([report._id, rowOf(report)]);
      if (report.updatedAt > seen) seen = report.updatedAt;
    }
    // all at once, after the read: a reader meanwhile sees the rows before or after, never half of them
    for (const [id, row] of changed) this.index.put(id, row);
    this.seen = seen;
    this.checkedAt = started;
    this.loaded = true;
  }

  /** Agencies (done reports naming one), filtered by substring of name or key, region, and level. */
  async agencies(f: { q?: string; region?: string; level?: string } = {}): Promise<AgencySummary[]> {
    return (await this.fresh()).list(f);
  }

  /** One agency: its reports by year, gaps, duplicated years, and the series of `figures` (metric or rate keys). */
  async agency(key: string, figures: readonly string[] = []): Promise<AgencyDetail | null> {
    const index = await this.fresh();
    const a = index.agency(key);
    if (!a) return null;
    const { rows, ...summary } = a;
    return { ...summary, reports: rows.map(reportOf), series: Object.fromEntries(figures.map((fk) => [fk, index.series(key, fk)])) };
  }

  /** A year's agencies ranked by `figure`, and the reports without it, apart. */
  async compare(year: number, figure: string): Promise<{ rows: CompareRow[]; missing: CompareMissing[] }> {
    return (await this.fresh()).compare(year, figure);
  }

  /** A year's reports with several figures each, ranked by `sortBy`; those without it apart. */
  async table(year: number, figures: readonly string[], sortBy: string, asc = false): Promise<{ rows: TableRow[]; missing: TableRow[] }> {
    return (await this.fresh()).table(year, figures, sortBy, asc);
  }

  /** Years with at least one agency report. */
  async years(): Promise<number[]> {
    return (await this.fresh()).yearList();
  }
}

export interface AgencyReportSummary {
  reportId: string;
  year: number | null;
  status: string;
  name: string;
  title: string | null;
  sourceName: string;
  crossYear: AgencyReportRow['crossYear'];
}

export interface AgencyDetail extends Omit<AgencySummary, 'reports'> {
  gaps: number[];
  duplicates: number[];
  reports: AgencyReportSummary[];
  series: Record<string, SeriesPoint[]>;
}

const reportOf = (r: AgencyReportRow): AgencyReportSummary => ({
  reportId: r.reportId, year: r.year, status: r.status, name: r.name, title: r.title, sourceName: r.sourceName, crossYear: r.crossYear,
});
