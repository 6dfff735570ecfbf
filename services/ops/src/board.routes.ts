import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import type { AppDeps } from '@gongkai/app';
import { STAGES, type StageName } from '@gongkai/core';
import type { Pipeline } from '@gongkai/pipeline';
import express, { type NextFunction, type Request, type Response } from 'express';
import { boardRetryRouter } from './board.retry.ts';

/** Where the dashboard lives (`gongkai start` prints it). */
export const BOARD_PATH = '/admin/queues';
/** Where a browser on a public-read server signs in as admin. */
export const LOGIN_PATH = '/admin/login';

/** The dashboard's name of a queue: grouped by stage, groups numbered in pipeline order ("1-decode:decode-dlq"). */
export const boardQueueName = (stage: StageName, queue: string): string => `${STAGES.indexOf(stage) + 1}-${stage}:${queue}`;

/**
 * A dead-letter queue on the board. Nothing consumes a DLQ by design (a dead
 * letter leaves it only by replay), so it reports no worker list at all
 * rather than an empty one: Bull Board then shows no orange "No workers"
 * warning, which on a DLQ would only alarm. The name and description say
 * what it is.
 */
class DeadLetterQueueAdapter extends BullMQAdapter {
  override async getWorkers(): Promise<null> {
    return null;
  }
}

/** How a dead-letter queue is labelled on the board (its description says the rest). */
export const dlqDisplayName = (stage: StageName): string => `${stage} dead letters (DLQ)`;

/**
 * The queues in pipeline order, one group per stage holding the stage's
 * queue and its dead-letter queue. Bull Board groups names on the
 * delimiter and keeps insertion order (sortQueues off), so the board reads
 * 1-decode → 2-segment → 3-extract → 4-validate, top to bottom.
 */
function adapters(pipeline: Pipeline, readOnlyMode: boolean): BullMQAdapter[] {
  return STAGES.flatMap((stage, i) => [
    new BullMQAdapter(pipeline.queues[stage], {
      readOnlyMode, allowRetries: !readOnlyMode, delimiter: ':', prefix: `${i + 1}-${stage}:`,
      displayName: `${stage} jobs`,
      description: `stage ${i + 1} of ${STAGES.length}: ${stage}. Retrying a failed job here replays its dead letter (as \`gongkai replay\`)`,
    }),
    new DeadLetterQueueAdapter(pipeline.dlqs[stage], {
      readOnlyMode, allowRetries: false, delimiter: ':', prefix: `${i + 1}-${stage}:`,
      displayName: dlqDisplayName(stage),
      description:
        `dead-letter queue: jobs that failed ${stage} for good, kept for a person to look at; no worker consumes it (by design). ` +
        `Replay with \`gongkai replay --stage ${stage} --report ID\`, POST /api/replay, or retry the failed job in "${stage} jobs"`,
    }),
  ]);
}

/** Bull Board's page links Google Fonts; an offline install must make no outside request (its CSS falls back to system fonts). */
const EXTERNAL_LINK = /<link\b[^>]*\bhref="https?:\/\/[^"]*"[^>]*>\s*/gi;

/**
 * Renders Bull Board's page without links to other hosts, and with a
 * Content-Security-Policy that lets the browser load nothing from them.
 */
function sameOriginOnly(_req: Request, res: Response, next: NextFunction): void {
  const render = res.render.bind(res);
  res.render = ((view: string, options?: object) => {
    render(view, options ?? {}, (err: Error | null, html?: string) => {
      if (err) return next(err);
      res
        .set('Content-Security-Policy', "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; object-src 'none'; frame-ancestors 'none'")
        .type('html')
        .send((html ?? '').replace(EXTERNAL_LINK, ''));
    });
  }) as Response['render'];
  next();
}

function board(pipeline: Pipeline, readOnlyMode: boolean) {
  const serverAdapter = new ExpressAdapter();
  serverAdapter.setBasePath(BOARD_PATH);
  createBullBoard({
    queues: adapters(pipeline, readOnlyMode),
    serverAdapter,
    options: {
      uiConfig: {
        boardTitle: readOnlyMode ? 'gongkai (read-only)' : 'gongkai',
        sortQueues: false,
        overview: { groupByDelimiter: true },
        miscLinks: [
          { text: 'Reports', url: '/reports' },
          { text: 'Metrics', url: '/metrics' },
          ...(readOnlyMode ? [{ text: 'Sign in as admin', url: LOGIN_PATH }] : []),
        ],
      },
    },
  });
  return serverAdapter.getRouter() as (req: Request, res: Response, next: NextFunction) => void;
}

/**
 * Two boards on one path: admins get the full one, viewers one whose every
 * queue is in read-only mode (no retry, clean, pause, add or remove: the UI
 * hides the buttons and Bull Board answers 405). An admin's retry of a stage
 * queue's failed job goes through replay (board.retry.ts), so the queues and
 * the dead letters keep agreeing. Mount behind `authenticate`.
 */
export function boardRouter(deps: Pick<AppDeps, 'store' | 'pipeline' | 'log'>) {
  const admin = board(deps.pipeline, false);
  const viewer = board(deps.pipeline, true);
  const retry = boardRetryRouter(deps, boardQueueName);
  const r = express.Router();
  r.use(sameOriginOnly);
  r.use((req, res, next) => (req.role === 'admin' && !req.anonymous ? retry(req, res, next) : next()));
  r.use((req, res, next) => (req.role === 'admin' && !req.anonymous ? admin : viewer)(req, res, next));
  return r;
}
