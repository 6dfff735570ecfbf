import { type AgencyIndex, type AgencyReportRow, type AgencySummary, type CompareMissing, type CompareRow, type SeriesPoint, type TableRow } from './agency.index.ts';
import type { RowMirror } from './row.mirror.ts';

/**
 * Reads across reports: agencies, an agency's reports by year and its
 * series, a year's comparison. Every answer groups or ranks the whole
 * collection, so they are answered from memory: the agency rows of the
 * done reports (AgencyIndex), which the row mirror (row.mirror.ts) keeps
 * from the reports' list rows and their change feed; no full report is read.
 */
export class AgencyReads {
  constructor(private readonly mirror: RowMirror) {}

  private async fresh(): Promise<AgencyIndex> {
    return (await this.mirror.fresh()).agencies;
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
