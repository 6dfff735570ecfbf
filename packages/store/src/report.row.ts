import { isDone, type Finding, type Report, type ReportFailure } from '@gongkai/core';
import { agencyPartOf, regionText, type AgencyReportRow, type CrossYearMark, type FigureValue } from './agency.index.ts';

/**
 * What the reports list and the agency views need of one report, written by
 * the store with every change of the report (collection `report_list`):
 * what the list filters, searches and sorts on and shows in a row, and what
 * an agency series or a comparison reads (comparable metrics with their
 * evidence, cross-year marks). A few KB against the report's ~30 KB, so the
 * ops process reads these, never the reports, to list or to compare.
 */
export interface ListRow {
  _id: string;
  /** The row's shape (ROW_VERSION): rows of an older shape are rebuilt from the reports (ReportList.sync). */
  v: number;
  updatedAt: string;
  receivedAt: string;
  name: string;
  status: string;
  agency: string | null;
  year: number | null;
  title: string | null;
  inferredTitle: string | null;
  regime: string | null;
  rules: string[];
  failedStage: string | null;
  failure: ReportFailure | null;
  findings: Array<Pick<Finding, 'rule' | 'severity' | 'message'>>;
  /** Every metric's value, as JSON `[[key, value, approx 0|1], …]` in the report's order (keys have dots: no document keys). */
  figures: string;
  agencyKey: string | null;
  level: string | null;
  region: string | null;
  /**
   * The comparable metrics (agency.index.ts isComparable) with their evidence, first of each key, as JSON
   * `[[key, FigureValue], …]`: FerretDB keeps a type schema beside every nested value (as large as the
   * values here), and decodes a string far faster than as many small documents.
   */
  comparable: string;
  crossYear: CrossYearMark[];
}

export const ROW_VERSION = 3;

/** The report fields a row is made of. */
export type RowSource = Pick<Report, '_id' | 'updatedAt' | 'status' | 'source'> & Partial<Pick<Report, 'meta' | 'metrics' | 'findings' | 'failure'>>;

/** A stored report's row. */
export function listRowOf(r: RowSource): ListRow {
  return { _id: r._id, v: ROW_VERSION, receivedAt: r.source.receivedAt, name: r.source.name, ...rowPartsOf(r) };
}

/** A row but for the report's name and arrival (what the final stage's write knows without reading the report). */
export function rowPartsOf(r: Omit<RowSource, 'source' | '_id'>): Omit<ListRow, '_id' | 'v' | 'receivedAt' | 'name'> {
  const meta = r.meta;
  const agency = agencyPartOf(r.metrics ?? [], r.findings ?? []);
  return {
    updatedAt: r.updatedAt, status: r.status,
    agency: meta?.agency ?? null, year: meta?.year ?? null, title: meta?.title ?? null, inferredTitle: meta?.inferredTitle ?? null, regime: meta?.regime ?? null,
    rules: [...new Set((r.findings ?? []).map((f) => f.rule))], failedStage: r.failure?.stage ?? null, failure: r.failure ?? null,
    findings: (r.findings ?? []).map((f) => ({ rule: f.rule, severity: f.severity, message: f.message })),
    figures: JSON.stringify((r.metrics ?? []).map((m) => [m.key, m.value, m.approx ? 1 : 0])),
    agencyKey: typeof meta?.agencyKey === 'string' && meta.agencyKey !== '' ? meta.agencyKey : null,
    level: meta?.level ?? null, region: regionText(meta?.region),
    comparable: JSON.stringify([...agency.metrics]),
    crossYear: agency.crossYear,
  };
}

export interface RowFigure {
  key: string;
  value: number;
  approx: boolean;
}

/** A row's metrics, in the report's order. */
export const figuresOf = (row: Pick<ListRow, 'figures'>): RowFigure[] =>
  (JSON.parse(row.figures || '[]') as Array<[string, number, number]>).map(([key, value, approx]) => ({ key, value, approx: approx === 1 }));

/** The agency views' row of a report, or null when it is not done or names no agency (never guessed). */
export function agencyRowOf(row: ListRow): AgencyReportRow | null {
  if (!isDone(row.status as Report['status']) || !row.agencyKey) return null;
  return {
    reportId: row._id, agencyKey: row.agencyKey, name: row.agency ?? row.agencyKey, level: row.level, region: row.region, year: row.year,
    status: row.status, title: row.title ?? row.inferredTitle ?? null, sourceName: row.name, updatedAt: row.updatedAt,
    metrics: new Map(JSON.parse(row.comparable || '[]') as Array<[string, FigureValue]>), crossYear: row.crossYear,
  };
}
