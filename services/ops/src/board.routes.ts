import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { STAGES, type StageName } from '@gongkai/core';
import type { Pipeline } from '@gongkai/pipeline';
import type { NextFunction, Request, Response } from 'express';

/** Where the dashboard lives (`gongkai start` prints it). */
export const BOARD_PATH = '/admin/queues';
/** Where a browser on a public-read server signs in as admin. */
export const LOGIN_PATH = '/admin/login';

/** The dashboard's name of a queue: grouped by stage, groups numbered in pipeline order ("1-decode:decode-dlq"). */
export const boardQueueName = (stage: StageName, queue: string): string => `${STAGES.indexOf(stage) + 1}-${stage}:${queue}`;

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
      displayName: `${stage} jobs`, description: `stage ${i + 1} of ${STAGES.length}: ${stage}`,
    }),
    new BullMQAdapter(pipeline.dlqs[stage], {
      readOnlyMode, allowRetries: false, delimiter: ':', prefix: `${i + 1}-${stage}:`,
      displayName: `${stage} dead letters`,
      description: `jobs that failed ${stage} for good; replay with POST /api/replay or \`gongkai replay --stage ${stage}\``,
    }),
  ]);
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
 * hides the buttons and Bull Board answers 405). Mount behind `authenticate`.
 */
export function boardRouter(pipeline: Pipeline) {
  const admin = board(pipeline, false);
  const viewer = board(pipeline, true);
  return (req: Request, res: Response, next: NextFunction) => (req.role === 'admin' ? admin : viewer)(req, res, next);
}
