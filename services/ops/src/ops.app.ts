import type { AppDeps } from '@gongkai/app';
import type { Logger } from '@gongkai/runtime';
import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import { homedir, tmpdir } from 'node:os';
import { agencyPagesRouter } from './agencies.pages.ts';
import { agenciesApiRouter } from './agencies.routes.ts';
import { apiRouter } from './api.routes.ts';
import { adminLogin, authenticate, requireRole, writesNeedAdmin } from './auth.middleware.ts';
import { BOARD_PATH, LOGIN_PATH, boardRouter } from './board.routes.ts';
import type { OpsMetrics } from './metrics.registry.ts';
import { redactForReaders } from './reader.redact.ts';
import { pageCropRouter } from './page-crop.route.ts';
import { reportsRouter } from './reports.page.ts';

type Deps = Pick<AppDeps, 'config' | 'store' | 'pipeline' | 'log'> & Partial<Pick<AppDeps, 'blobs'>>;

/**
 * The ops HTTP application (Express 5: Bull Board's reference adapter).
 *
 *   /healthz, /readyz           open (orchestrator probes)
 *   /metrics                    open unless GONGKAI_METRICS_PUBLIC=false
 *   /reports, /api/* (GET)      viewer or admin
 *   /admin/queues (Bull Board)  viewer: read-only board; admin: full board
 *   /admin/login                asks a browser for the admin token, then opens the board
 *   /api/replay, /api/reprocess admin (POST)
 */
export function createOpsApp(deps: Deps, metrics: OpsMetrics, log: Logger): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple'); // node:querystring: no nested objects from a[b]=c
  app.use((_req, res, next) => {
    res.set({ 'X-Content-Type-Options': 'nosniff', 'X-Frame-Options': 'DENY', 'Referrer-Policy': 'same-origin' });
    next();
  });

  // `service` lets a second `gongkai start` name what holds its port (packages/app/src/port.holder.ts)
  app.get('/healthz', (_req, res) => void res.json({ ok: true, service: 'gongkai-ops' }));
  app.get('/readyz', async (_req, res) => {
    const [mongo, redis] = await Promise.allSettled([deps.store.ping(), deps.pipeline.connection.ping()]);
    const ok = mongo.status === 'fulfilled' && redis.status === 'fulfilled';
    res.status(ok ? 200 : 503).json({ ok, mongo: mongo.status === 'fulfilled', redis: redis.status === 'fulfilled' });
  });

  app.use(authenticate(deps.config.auth));
  app.get('/metrics', deps.config.auth.metricsPublic ? (_req, _res, next) => next() : requireRole('viewer'), async (_req, res) => {
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });
  app.get('/', (_req, res) => res.redirect('/reports'));
  // an OCR'd figure's page crop (needs the raw files: absent from a deps without a blob store)
  if (deps.blobs) app.use('/reports', requireRole('viewer', { challenge: true }), pageCropRouter({ store: deps.store, blobs: deps.blobs }));
  app.use('/reports', requireRole('viewer', { challenge: true }), reportsRouter(deps));
  app.use(agencyPagesRouter(deps)); // /agencies, /compare (viewer), /assets (open)
  app.get(LOGIN_PATH, adminLogin(BOARD_PATH));
  const roots = [deps.config.dataDir, deps.config.inbox, deps.config.tools.dir, process.cwd(), homedir(), tmpdir()];
  app.use(BOARD_PATH, requireRole('viewer', { challenge: true }), writesNeedAdmin, redactForReaders(roots), boardRouter(deps));
  app.use('/api', agenciesApiRouter(deps));
  app.use('/api', redactForReaders(roots), express.json({ limit: '16kb', strict: true }), apiRouter(deps));

  app.use((_req: Request, res: Response) => void res.status(404).json({ error: 'not found' }));
  app.use((err: Error & { status?: number; type?: string }, req: Request, res: Response, _next: NextFunction) => {
    const status = err.status && err.status >= 400 && err.status < 500 ? err.status : 500;
    if (status === 500) log.warn({ err: err.message, url: req.originalUrl }, 'request failed');
    if (res.headersSent) return;
    res.status(status).json(status === 500 ? { error: 'internal error' } : { error: 'bad request', problems: [err.type === 'entity.parse.failed' ? 'body: not valid JSON' : err.message] });
  });
  return app;
}
