import { RATE_INPUT_KEYS, computeRate, figureDef, rateDef, type Finding, type Metric, type Report, type ReportMeta } from '@gongkai/core';

/** Where a figure was read: enough to quote it and to link to it on the report's page (`/reports/ID#m-INDEX`). */
export interface FigureEvidence {
  /** The metric key the evidence is for (a rate has one per input). */
  key: string;
  quote: string;
  start: number;
  end: number;
  section: string | null;
  /** Index of the metric in the report's `metrics` (the report page's anchor `m-INDEX`). */
  metricIndex: number;
  /** For a table cell (whose quote is just its digits): the table, row and column it stands in. */
  cell?: string;
}

export interface FigureValue {
  value: number;
  approx: boolean;
  evidence: FigureEvidence[];
}

/** What an agency page and a comparison need of one done report: small, so 10,000 of them stay in memory. */
export interface AgencyReportRow {
  reportId: string;
  agencyKey: string;
  name: string;
  level: string | null;
  region: string | null;
  year: number | null;
  status: string;
  title: string | null;
  sourceName: string;
  updatedAt: string;
  /** Comparable metrics only (see COMPARABLE), by key. */
  metrics: Map<string, FigureValue>;
  /** Findings about more than this report (cross-year checks), for the charts. */
  crossYear: CrossYearMark[];
}

/** A cross-year finding of a report, with the metric keys it is about (empty: about the report as a whole). */
export interface CrossYearMark extends Pick<Finding, 'rule' | 'severity' | 'message'> {
  keys: string[];
}

/**
 * The metrics a finding is about: the key its data names (SERIES_BREAK),
 * else those read from the 统计表 row it names, or from the span of its first
 * evidence (that one is in this report; the later ones may quote the neighbour).
 */
function keysOf(f: Finding, metrics: readonly Metric[]): string[] {
  const named = f.data?.['key'];
  if (typeof named === 'string') return [named];
  // CROSS_YEAR_CUMULATIVE names its 统计表 row: the metrics read from that row's this-year cell
  const row = f.data?.['row'];
  const ev = f.evidence?.[0];
  const keys = metrics.filter((m) => {
    const c = m.evidence?.cell;
    if (typeof row === 'string' && c && (c.rowLabel === row || c.row === row)) return true;
    return !!ev && m.evidence?.start === ev.start && m.evidence?.end === ev.end;
  }).map((m) => m.key);
  return [...new Set(keys)];
}

export interface AgencySummary {
  agencyKey: string;
  name: string;
  level: string | null;
  region: string | null;
  years: number[];
  reports: number;
}

export interface SeriesPoint {
  year: number;
  reportId: string;
  value: number | null;
  approx: boolean;
  evidence: FigureEvidence[];
}

export interface CompareRow {
  agencyKey: string;
  name: string;
  level: string | null;
  region: string | null;
  value: number;
  approx: boolean;
  reportId: string;
  evidence: FigureEvidence[];
}

export interface TableRow {
  agencyKey: string;
  name: string;
  level: string | null;
  region: string | null;
  reportId: string;
  values: Record<string, FigureValue | null>;
}

export interface CompareMissing {
  agencyKey: string;
  name: string;
  reportId: string;
}

/** Quotes longer than this are cut: a table row's quote can run to hundreds of characters. */
const QUOTE_MAX = 160;

/**
 * Findings that are about a report and its neighbours (YEARS-A's cross-year
 * rules: CROSS_YEAR_CARRY, T2_STOCK, the cumulative columns, series breaks):
 * the agency page marks them on the chart.
 */
export const CROSS_YEAR_RULE = /^(CROSS_YEAR|T2_STOCK|CUMULATIVE|SERIES)/;

/**
 * The metrics a comparison or a series can chart: the core keys (both eras
 * fill them; 表三/表四 cells are mapped onto them) and every rate input.
 * The 400-odd raw table cells stay on the report's own page.
 */
export const isComparable = (key: string): boolean => !/^t[2-5]\./.test(key) || RATE_INPUT_KEYS.includes(key);

export function regionText(region: ReportMeta['region'] | undefined): string | null {
  if (!region) return null;
  const parts = [region.province, region.city, region.county].filter((p): p is string => !!p);
  return parts.length ? parts.join('/') : null;
}

const DONE = new Set(['valid', 'warnings', 'invalid']);
const zh = new Intl.Collator('zh');

/** The comparable metrics of a report (first of each key, evidence quoted short) and its cross-year marks. */
export function agencyPartOf(metricsIn: readonly Metric[], findings: readonly Finding[]): Pick<AgencyReportRow, 'metrics' | 'crossYear'> {
  const metrics = new Map<string, FigureValue>();
  const unknown = misreadKeys(findings);
  metricsIn.forEach((m: Metric, i) => {
    if (!isComparable(m.key) || typeof m.value !== 'number' || metrics.has(m.key) || unknown.has(m.key)) return;
    const ev = m.evidence ?? { quote: '', start: 0, end: 0, section: null };
    const c = ev.cell;
    metrics.set(m.key, {
      value: m.value, approx: !!m.approx,
      evidence: [{
        key: m.key, quote: ev.quote.length > QUOTE_MAX ? `${ev.quote.slice(0, QUOTE_MAX)}…` : ev.quote, start: ev.start, end: ev.end, section: ev.section ?? null, metricIndex: i,
        ...(c ? { cell: `${c.table} ${c.rowLabel ?? c.row} · ${c.colLabel ?? c.col}` } : {}),
      }],
    });
  });
  return {
    metrics,
    crossYear: findings.filter((f) => CROSS_YEAR_RULE.test(f.rule)).map((f) => ({ rule: f.rule, severity: f.severity, message: f.message, keys: keysOf(f, metricsIn) })),
  };
}

/**
 * Keys of figures an OCR'd report's arithmetic contradicts (an OCR_UNCERTAIN
 * finding that says to treat the figure as unknown: `data.value` null). An
 * agency series or a comparison takes them as not stated (listed with the
 * reports missing the figure), never as the digits OCR misread; the report
 * itself keeps the figure as read, beside the finding.
 */
export function misreadKeys(findings: readonly Finding[]): Set<string> {
  const out = new Set<string>();
  for (const f of findings) {
    const key = f.data?.['key'];
    if (f.rule === 'OCR_UNCERTAIN' && typeof key === 'string' && f.data?.['value'] === null) out.add(key);
  }
  return out;
}

/** The row of a stored report, or null when it is not done or names no agency (never guessed). */
export function rowOf(doc: Partial<Report> & { _id: string }): AgencyReportRow | null {
  const meta = doc.meta;
  const key = meta?.agencyKey;
  if (!doc.status || !DONE.has(doc.status) || !meta || typeof key !== 'string' || key === '') return null;
  return {
    reportId: doc._id,
    agencyKey: key,
    name: meta.agency ?? key,
    level: meta.level ?? null,
    region: regionText(meta.region),
    year: typeof meta.year === 'number' ? meta.year : null,
    status: doc.status,
    title: meta.title ?? meta.inferredTitle ?? null,
    sourceName: doc.source?.name ?? '',
    updatedAt: doc.updatedAt ?? '',
    ...agencyPartOf(doc.metrics ?? [], doc.findings ?? []),
  };
}

/** A figure (metric or rate) of one report, or null when the report does not state it (or a rate's input). */
export function figureOf(row: AgencyReportRow, key: string): FigureValue | null {
  const def = rateDef(key);
  if (!def) return row.metrics.get(key) ?? null;
  const r = computeRate(def, (k) => row.metrics.get(k)?.value);
  if (!r) return null;
  const inputs = r.inputs.map((k) => row.metrics.get(k)!);
  return { value: r.value, approx: inputs.some((m) => m.approx), evidence: inputs.flatMap((m) => m.evidence) };
}

export const isFigureKey = (key: string): boolean => rateDef(key) !== undefined || (figureDef(key) !== undefined && isComparable(key));

const byYearThenId = (a: AgencyReportRow, b: AgencyReportRow) => (a.year ?? 0) - (b.year ?? 0) || a.reportId.localeCompare(b.reportId);

/**
 * The done reports that name an agency, grouped by agency and by year.
 * Pure: answers the agency list, an agency's reports and series, and a
 * comparison of one year, from rows the store loaded.
 */
export class AgencyIndex {
  private readonly rows = new Map<string, AgencyReportRow>();
  private byAgency: Map<string, AgencyReportRow[]> | null = null;
  private byYear: Map<number, AgencyReportRow[]> | null = null;

  get size(): number {
    return this.rows.size;
  }

  /** Puts (or replaces) a report's row; a null row removes the report (no longer done, or no agency). */
  put(reportId: string, row: AgencyReportRow | null): void {
    const prev = this.rows.get(reportId);
    // every write moves updatedAt: the same stamp is the same row (a refresh re-reads the last one it saw)
    if (row && prev && prev.updatedAt === row.updatedAt && prev.status === row.status) return;
    if (row) this.rows.set(reportId, row);
    else if (!this.rows.delete(reportId)) return;
    this.byAgency = this.byYear = null;
  }

  private agencies(): Map<string, AgencyReportRow[]> {
    if (this.byAgency) return this.byAgency;
    const m = new Map<string, AgencyReportRow[]>();
    for (const r of this.rows.values()) (m.get(r.agencyKey) ?? m.set(r.agencyKey, []).get(r.agencyKey)!).push(r);
    for (const list of m.values()) list.sort(byYearThenId);
    return (this.byAgency = m);
  }

  private years(): Map<number, AgencyReportRow[]> {
    if (this.byYear) return this.byYear;
    const m = new Map<number, AgencyReportRow[]>();
    for (const r of this.rows.values()) if (r.year !== null) (m.get(r.year) ?? m.set(r.year, []).get(r.year)!).push(r);
    return (this.byYear = m);
  }

  /** Name, level and region as the latest report states them. */
  private summary(key: string, list: AgencyReportRow[]): AgencySummary {
    const latest = list[list.length - 1]!;
    return {
      agencyKey: key, name: latest.name, level: latest.level, region: latest.region,
      years: [...new Set(list.map((r) => r.year).filter((y): y is number => y !== null))],
      reports: list.length,
    };
  }

  /** Agencies whose name or key contains `q`, whose region contains `region`, of `level`; by name. */
  list(f: { q?: string; region?: string; level?: string } = {}): AgencySummary[] {
    const out: AgencySummary[] = [];
    for (const [key, list] of this.agencies()) {
      if (f.q && !key.includes(f.q) && !list.some((r) => r.name.includes(f.q!))) continue;
      const s = this.summary(key, list);
      if (f.region && !(s.region ?? '').includes(f.region) && !key.includes(f.region)) continue;
      if (f.level && s.level !== f.level) continue;
      out.push(s);
    }
    return out.sort((a, b) => zh.compare(a.name, b.name) || a.agencyKey.localeCompare(b.agencyKey));
  }

  /** One agency: its reports by year (two reports of one year are both listed), the years missing between its first and last, and the years reported twice. */
  agency(key: string): (AgencySummary & { rows: AgencyReportRow[]; gaps: number[]; duplicates: number[] }) | null {
    const list = this.agencies().get(key);
    if (!list) return null;
    const s = this.summary(key, list);
    const gaps: number[] = [];
    for (let y = s.years[0] ?? 0; s.years.length && y <= s.years[s.years.length - 1]!; y++) if (!s.years.includes(y)) gaps.push(y);
    const counts = new Map<number, number>();
    for (const r of list) if (r.year !== null) counts.set(r.year, (counts.get(r.year) ?? 0) + 1);
    return { ...s, rows: list, gaps, duplicates: [...counts].filter(([, n]) => n > 1).map(([y]) => y) };
  }

  /** An agency's values of `figure`, one point per report with a year (a missing figure is a null point, never 0). */
  series(key: string, figure: string): SeriesPoint[] {
    return (this.agencies().get(key) ?? []).filter((r) => r.year !== null).map((r) => {
      const v = figureOf(r, figure);
      return { year: r.year!, reportId: r.reportId, value: v?.value ?? null, approx: v?.approx ?? false, evidence: v?.evidence ?? [] };
    });
  }

  /** The reports of `year` ranked by `figure` (highest first), and the reports that do not state it, apart. */
  compare(year: number, figure: string): { rows: CompareRow[]; missing: CompareMissing[] } {
    const rows: CompareRow[] = [];
    const missing: CompareMissing[] = [];
    for (const r of this.years().get(year) ?? []) {
      const v = figureOf(r, figure);
      if (v) rows.push({ agencyKey: r.agencyKey, name: r.name, level: r.level, region: r.region, value: v.value, approx: v.approx, reportId: r.reportId, evidence: v.evidence });
      else missing.push({ agencyKey: r.agencyKey, name: r.name, reportId: r.reportId });
    }
    rows.sort((a, b) => b.value - a.value || zh.compare(a.name, b.name) || a.reportId.localeCompare(b.reportId));
    missing.sort((a, b) => zh.compare(a.name, b.name) || a.reportId.localeCompare(b.reportId));
    return { rows, missing };
  }

  /**
   * The reports of `year` with their values of several figures, ranked by
   * `sortBy` (highest first; `asc` lowest first); the reports that do not state
   * `sortBy` come apart, in `missing`, with whatever other figures they state.
   */
  table(year: number, figures: readonly string[], sortBy: string, asc = false): { rows: TableRow[]; missing: TableRow[] } {
    const rows: TableRow[] = [];
    const missing: TableRow[] = [];
    for (const r of this.years().get(year) ?? []) {
      const values = Object.fromEntries(figures.map((f) => [f, figureOf(r, f)]));
      const row: TableRow = { agencyKey: r.agencyKey, name: r.name, level: r.level, region: r.region, reportId: r.reportId, values };
      (figureOf(r, sortBy) ? rows : missing).push(row);
    }
    const v = (t: TableRow) => figureOf(this.rows.get(t.reportId)!, sortBy)!.value;
    rows.sort((a, b) => (asc ? v(a) - v(b) : v(b) - v(a)) || zh.compare(a.name, b.name) || a.reportId.localeCompare(b.reportId));
    missing.sort((a, b) => zh.compare(a.name, b.name) || a.reportId.localeCompare(b.reportId));
    return { rows, missing };
  }

  /** Years that have at least one report, ascending. */
  yearList(): number[] {
    return [...this.years().keys()].sort((a, b) => a - b);
  }
}
