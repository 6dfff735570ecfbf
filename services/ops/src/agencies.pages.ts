import type { AppDeps } from '@gongkai/app';
import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import { escapeHtml as e } from './evidence.highlight.ts';
import { agencyDetailPage, agencyListPage } from './agency.page.ts';
import { assetsRouter } from './agencies.assets.ts';
import { layout, sendPage } from './agencies.layout.ts';
import { DEFAULT_SERIES } from './agencies.routes.ts';
import { agencyKeySchema, agencyListQuery, agencyQuery, comparePageQuery } from './agencies.schemas.ts';
import { problemsOf } from './api.schemas.ts';
import { requireRole } from './auth.middleware.ts';
import { COMPARE_COLUMNS, comparePage } from './compare.page.ts';

type Deps = Pick<AppDeps, 'store'>;

const wrap = (h: (req: Request, res: Response) => Promise<void>) => (req: Request, res: Response, next: NextFunction) => void h(req, res).catch(next);
const bad = (res: Response, problems: string[]) => sendPage(res, 400, layout('Bad request', `<p class="err">${problems.map(e).join('<br>')}</p>`));

/**
 * The pages across reports (viewer role, as /reports): GET /agencies (search),
 * /agencies/:key (an agency's charts across years), /compare (a year's
 * agencies side by side); and /assets/* (Chart.js and the pages' script).
 */
export function agencyPagesRouter(deps: Deps): Router {
  const r = express.Router();
  const viewer = requireRole('viewer', { challenge: true });
  const reads = deps.store.agencyReads;
  r.use(assetsRouter());

  r.get('/agencies', viewer, wrap(async (req, res) => {
    const q = agencyListQuery.safeParse(req.query);
    if (!q.success) return bad(res, problemsOf(q.error));
    sendPage(res, 200, agencyListPage(await reads.agencies(q.data), q.data));
  }));

  r.get('/agencies/:key', viewer, wrap(async (req, res) => {
    const key = agencyKeySchema.safeParse(req.params['key']);
    const q = agencyQuery.safeParse(req.query);
    if (!key.success || !q.success) return bad(res, [...(key.error ? problemsOf(key.error) : []), ...(q.error ? problemsOf(q.error) : [])]);
    const figures = q.data.metrics ?? [...DEFAULT_SERIES];
    const a = await reads.agency(key.data, figures);
    if (!a) return sendPage(res, 404, layout('Not found', `<p class="err">no agency ${e(key.data)}</p>`));
    sendPage(res, 200, agencyDetailPage(a, figures));
  }));

  r.get('/compare', viewer, wrap(async (req, res) => {
    const q = comparePageQuery.safeParse(req.query);
    if (!q.success) return bad(res, problemsOf(q.error));
    const years = await reads.years();
    const year = q.data.year ?? years[years.length - 1] ?? null;
    const metric = q.data.metric ?? COMPARE_COLUMNS[0]!;
    const columns = COMPARE_COLUMNS.includes(metric) ? COMPARE_COLUMNS : [metric, ...COMPARE_COLUMNS];
    const order = q.data.order ?? 'desc';
    const table = year === null ? { rows: [], missing: [] } : await reads.table(year, columns, metric, order === 'asc');
    sendPage(res, 200, comparePage({ years, year, metric, order, columns, table }));
  }));

  return r;
}
