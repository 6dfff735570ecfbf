import type { AppDeps } from '@gongkai/app';
import { figureDef } from '@gongkai/core';
import type { AgencyDetail, CompareMissing, CompareRow, FigureEvidence } from '@gongkai/store';
import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import type { z } from 'zod';
import { agencyKeySchema, agencyListQuery, agencyQuery, compareQuery } from './agencies.schemas.ts';
import { sendSheet, type Sheet } from './agencies.export.ts';
import { evidenceText } from './agencies.layout.ts';
import { problemsOf } from './api.schemas.ts';
import { requireRole } from './auth.middleware.ts';

type Deps = Pick<AppDeps, 'store'>;

/** The figures an agency's series shows when the request names none. */
export const DEFAULT_SERIES = [
  'requests.received.total', 'rate.granted_share', 'proactive.total', 'requests.carried_forward', 'review.total', 'litigation.total', 'rate.review_corrected',
] as const;

function parse<S extends z.ZodType>(schema: S, value: unknown, res: Response): z.infer<S> | undefined {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  res.status(400).json({ error: 'bad request', problems: problemsOf(r.error) });
  return undefined;
}

const wrap = (h: (req: Request, res: Response) => Promise<unknown>) => (req: Request, res: Response, next: NextFunction) => {
  h(req, res).catch(next);
};

/** A figure's name for a column header: Chinese label and key. */
export const figureHeader = (key: string) => `${figureDef(key)?.label.zh ?? key} (${key})`;
const quotes = (ev: readonly FigureEvidence[]) => evidenceText(ev);

/** An agency's series as one row per report: year, report, then each figure's value and its evidence. */
export function seriesSheet(a: AgencyDetail, figures: readonly string[]): Sheet {
  const byReport = a.reports.filter((r) => r.year !== null);
  return {
    name: a.name,
    headers: ['agencyKey', 'name', 'year', 'reportId', ...figures.flatMap((f) => [figureHeader(f), `${f} evidence`])],
    rows: byReport.map((r) => [a.agencyKey, r.name, r.year, r.reportId, ...figures.flatMap((f) => {
      const p = a.series[f]?.find((x) => x.reportId === r.reportId);
      return [p?.value ?? null, p && p.value !== null ? quotes(p.evidence) : null];
    })]),
  };
}

/** A comparison: the ranked rows, then the reports missing the figure, marked so (value empty, never 0). */
export function compareSheet(year: number, metric: string, c: { rows: CompareRow[]; missing: CompareMissing[] }): Sheet {
  return {
    name: `${year} ${metric}`,
    headers: ['rank', 'agencyKey', 'name', 'year', figureHeader(metric), 'stated', 'reportId', 'evidence'],
    rows: [
      ...c.rows.map((r, i) => [i + 1, r.agencyKey, r.name, year, r.value, 'yes', r.reportId, quotes(r.evidence)]),
      ...c.missing.map((m) => [null, m.agencyKey, m.name, year, null, 'missing', m.reportId, null]),
    ],
  };
}

/**
 * GET /api/agencies, /api/agencies/:key, /api/compare (viewer role), read
 * from the store's agency rows (agency.reads.ts); series and comparisons
 * also as CSV (UTF-8 with BOM) or XLSX with `?format=csv|xlsx`.
 */
export function agenciesApiRouter(deps: Deps): Router {
  const r = express.Router();
  const read = requireRole('viewer');

  r.get('/agencies', read, wrap(async (req, res) => {
    const q = parse(agencyListQuery, req.query, res);
    if (!q) return;
    const agencies = await deps.store.agencyReads.agencies(q);
    res.json({ agencies: agencies.map(({ reports: _n, ...a }) => a) });
  }));

  r.get('/agencies/:key', read, wrap(async (req, res) => {
    const key = parse(agencyKeySchema, req.params['key'], res);
    const q = key === undefined ? undefined : parse(agencyQuery, req.query, res);
    if (key === undefined || !q) return;
    const figures = q.metrics ?? [...DEFAULT_SERIES];
    const a = await deps.store.agencyReads.agency(key, figures);
    if (!a) return void res.status(404).json({ error: 'not found', message: `no agency ${key}` });
    if (q.format === 'csv' || q.format === 'xlsx') return sendSheet(res, seriesSheet(a, figures), q.format, `${a.name}-series`);
    res.json({ ...a, figures: figures.map((f) => figureDef(f)) });
  }));

  r.get('/compare', read, wrap(async (req, res) => {
    const q = parse(compareQuery, req.query, res);
    if (!q) return;
    const c = await deps.store.agencyReads.compare(q.year, q.metric);
    if (q.format === 'csv' || q.format === 'xlsx') return sendSheet(res, compareSheet(q.year, q.metric, c), q.format, `compare-${q.year}-${q.metric}`);
    res.json({ year: q.year, metric: q.metric, figure: figureDef(q.metric), ...c });
  }));

  return r;
}
