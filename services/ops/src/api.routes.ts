import type { AppDeps } from '@gongkai/app';
import { STAGES } from '@gongkai/core';
import { nothingToReplay, replayDeadLetters, reprocess } from '@gongkai/pipeline';
import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import type { z } from 'zod';
import {
  deadLetterQuery, noQuery, problemsOf, replayBody, reportIdSchema, reprocessBody,
} from './api.schemas.ts';
import { requireRole } from './auth.middleware.ts';
import { reportsListApi } from './reports.list.ts';
import { answerRefusedReplay, resolveRef } from './report.ref.ts';
import { statusSnapshot } from './status.ts';

type Deps = Pick<AppDeps, 'store' | 'pipeline' | 'log' | 'config'>;
type Handler = (req: Request, res: Response) => Promise<unknown>;

/** Parses `value` or answers 400 naming every problem; returns undefined after answering. */
function parse<S extends z.ZodType>(schema: S, value: unknown, res: Response): z.infer<S> | undefined {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  res.status(400).json({ error: 'bad request', problems: problemsOf(r.error) });
  return undefined;
}

const wrap = (h: Handler) => (req: Request, res: Response, next: NextFunction) => {
  h(req, res).catch(next);
};

/**
 * The JSON API under /api. Reads need the viewer role, writes the admin
 * role; every input is validated (api.schemas.ts). Replay and reprocess
 * call the same functions as `gongkai replay` / `gongkai reprocess`.
 */
export function apiRouter(deps: Deps): Router {
  const r = express.Router();
  const read = requireRole('viewer');
  const write = requireRole('admin');

  r.get('/status', read, wrap(async (req, res) => {
    if (parse(noQuery, req.query, res) === undefined) return;
    res.json(await statusSnapshot(deps));
  }));

  r.get('/queues', read, wrap(async (req, res) => {
    if (parse(noQuery, req.query, res) === undefined) return;
    res.json({ queues: await deps.pipeline.counts() });
  }));

  r.get('/reports', read, reportsListApi(deps));

  r.get('/reports/:id', read, wrap(async (req, res) => {
    const ref = parse(reportIdSchema, req.params['id'], res);
    if (!ref || parse(noQuery, req.query, res) === undefined) return;
    const id = await resolveRef(deps.store, ref, res);
    if (!id) return;
    const report = await deps.store.get(id, { full: true });
    if (!report) return void res.status(404).json({ error: 'not found', message: `no report ${id}` });
    const { offsetMap: _internal, ...doc } = report;
    res.json(doc);
  }));

  r.get('/reports/:id/history', read, wrap(async (req, res) => {
    const ref = parse(reportIdSchema, req.params['id'], res);
    if (!ref || parse(noQuery, req.query, res) === undefined) return;
    const id = await resolveRef(deps.store, ref, res);
    if (!id) return;
    const report = await deps.store.get(id, { full: true });
    if (!report) return void res.status(404).json({ error: 'not found', message: `no report ${id}` });
    const deadLetters = await deps.store.listDeadLetters({ reportId: id });
    res.json({
      id, status: report.status, failure: report.failure ?? null, pipeline: report.pipeline,
      history: report.history ?? [], deadLetters,
    });
  }));

  r.get('/dead-letters', read, wrap(async (req, res) => {
    const q = parse(deadLetterQuery, req.query, res);
    if (!q) return;
    if (q.reportId) {
      const id = await resolveRef(deps.store, q.reportId, res);
      if (!id) return;
      q.reportId = id;
    }
    const [items, counts] = await Promise.all([deps.store.listDeadLetters({ ...q, limit: q.limit }), deps.store.countDeadLettersByStage()]);
    res.json({ dead: Object.fromEntries(STAGES.map((s) => [s, counts[s] ?? 0])), items });
  }));

  r.post('/replay', write, wrap(async (req, res) => {
    const b = parse(replayBody, req.body ?? {}, res);
    if (!b) return;
    const reportId = b.reportId ? await resolveRef(deps.store, b.reportId, res) : undefined;
    if (b.reportId && !reportId) return;
    const summary = await replayDeadLetters(deps, {
      stage: b.stage, dryRun: b.dryRun, force: b.force, ratePerSec: b.rate ?? deps.config.replayRatePerSec, operator: req.principal ?? 'ops',
      ...(reportId ? { reportId } : {}), ...(b.since ? { since: b.since } : {}),
    }).catch((err: unknown) => {
      if (answerRefusedReplay(err, res)) return null;
      throw err;
    });
    if (!summary) return;
    if (reportId && summary.matched === 0) return void answerRefusedReplay(await nothingToReplay(deps, b.stage, reportId), res);
    deps.log.info({ stage: b.stage, operator: req.principal, matched: summary.matched, replayed: summary.replayed, dryRun: b.dryRun }, 'replay over http');
    res.json(summary);
  }));

  r.post('/reprocess', write, wrap(async (req, res) => {
    const b = parse(reprocessBody, req.body ?? {}, res);
    if (!b) return;
    const reportId = b.reportId ? await resolveRef(deps.store, b.reportId, res) : undefined;
    if (b.reportId && !reportId) return;
    const summary = await reprocess(deps, {
      from: b.from, dryRun: b.dryRun, ...(b.all ? { all: true } : {}), ...(reportId ? { reportId } : {}), ...(b.rate ? { ratePerSec: b.rate } : {}),
    });
    deps.log.info({ from: b.from, operator: req.principal, matched: summary.matched, started: summary.started, dryRun: b.dryRun }, 'reprocess over http');
    res.json(summary);
  }));

  r.use((_req, res) => void res.status(404).json({ error: 'not found' }));
  return r;
}
