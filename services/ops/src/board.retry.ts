import type { AppDeps } from '@gongkai/app';
import { STAGES, type StageName } from '@gongkai/core';
import { queueName, replayDeadLetters } from '@gongkai/pipeline';
import express, { type NextFunction, type Request, type Response, type Router } from 'express';

type Deps = Pick<AppDeps, 'store' | 'pipeline' | 'log'>;
type Job = NonNullable<Awaited<ReturnType<Deps['pipeline']['queues'][StageName]['getJob']>>>;

/** What became of one board retry. */
export interface BoardRetryOutcome {
  jobId: string;
  reportId: string | null;
  outcome: 'replayed' | 'refused';
  message?: string;
  replayJobId?: string;
}

/**
 * A failed stage job is a dead letter (dead-letter.ts wrote both). Bull
 * Board's own retry would move the old job back to waiting behind the dead
 * letter's back: it fails again, a second job lands in the DLQ, and the
 * queues count one more dead letter than `dead_letters` and the metric
 * (issue 19, item 4). So the board's retry of a failed job is a replay of its
 * dead letter, the same claim as `gongkai replay --stage S --report ID`:
 * claimed once, a new job queued, the DLQ job removed; the old failed job is
 * removed too (the new one replaces it). A replay refused (a permanent
 * error without --force, nothing waiting) is refused here with the reason.
 */
async function retryOne(deps: Deps, stage: StageName, job: Job, operator: string): Promise<BoardRetryOutcome> {
  const jobId = String(job.id);
  const reportId = typeof job.data?.reportId === 'string' ? job.data.reportId : null;
  if (!reportId) return { jobId, reportId, outcome: 'refused', message: `job ${jobId} names no report` };
  const dl = await deps.store.getDeadLetter(`${reportId}-${stage}`);
  if (!dl || dl.state !== 'dead') {
    const why = !dl
      ? 'it has no dead letter (yet): the reconciler records one within a minute'
      : dl.state === 'replayed'
        ? `its dead letter was already replayed${dl.replayJobId ? ` as job ${dl.replayJobId}` : ''}${dl.claimedBy ? ` by ${dl.claimedBy}` : ''}`
        : `its dead letter is being replayed by ${dl.claimedBy ?? 'someone'}`;
    return { jobId, reportId, outcome: 'refused', message: `not retried: ${why}` };
  }
  try {
    const summary = await replayDeadLetters(deps, { stage, reportId, operator, ratePerSec: 1000 });
    const item = summary.items.find((i) => i.reportId === reportId);
    if (item?.outcome !== 'replayed') return { jobId, reportId, outcome: 'refused', message: `not retried: ${item?.outcome ?? 'nothing to replay'}` };
    await job.remove().catch(() => {});
    deps.log.info({ reportId, stage, jobId, replayJobId: item.jobId, operator }, 'board retry replayed the dead letter');
    return { jobId, reportId, outcome: 'replayed', ...(item.jobId ? { replayJobId: item.jobId } : {}) };
  } catch (err) {
    // a refusal (permanent error without force, nothing waiting) says why; anything else is a server error
    if (err instanceof Error && err.name === 'ReplayRefusedError') {
      return { jobId, reportId, outcome: 'refused', message: `${err.message.replace(/--force \(API: "force": true\)/, '`gongkai replay --force` or POST /api/replay with "force": true')}` };
    }
    throw err;
  }
}

/** Bull Board's error body (its UI shows `message`). */
const refuse = (res: Response, message: string) => void res.status(409).json({ error: { key: 'ERRORS.FORBIDDEN' }, message });

/**
 * The routes of Bull Board's API that retry jobs of a stage queue (PUT
 * `/api/queues/:queue/:jobId/retry`, PUT `/api/queues/:queue/retry/:status`),
 * answered here before the board sees them. Retries on a DLQ are refused by
 * the board itself (allowRetries: false). Mount for admins only.
 */
export function boardRetryRouter(deps: Deps, boardName: (stage: StageName, queue: string) => string): Router {
  const stageOf = new Map(STAGES.map((s) => [boardName(s, queueName(s)), s]));
  const r = express.Router();
  const wrap = (h: (req: Request, res: Response, next: NextFunction) => Promise<void>) => (req: Request, res: Response, next: NextFunction) =>
    void h(req, res, next).catch(next);
  const operator = (req: Request) => `${req.principal ?? 'admin@ops'} (dashboard)`;

  r.put('/api/queues/:queueName/:jobId/retry', wrap(async (req, res, next) => {
    const stage = stageOf.get(String(req.params['queueName']));
    if (!stage) return next();
    const job = await deps.pipeline.queues[stage].getJob(String(req.params['jobId']));
    if (!job) return next();
    const state = await job.getState();
    if (state === 'completed') {
      return refuse(res, `a completed ${stage} job is run again with reprocess: gongkai reprocess --from ${stage} --report ${String(job.data?.reportId ?? 'ID').slice(0, 12)}`);
    }
    if (state !== 'failed') return next();
    const out = await retryOne(deps, stage, job, operator(req));
    if (out.outcome === 'refused') return refuse(res, out.message ?? 'not retried');
    res.status(204).end();
  }));

  r.put('/api/queues/:queueName/retry/:queueStatus', wrap(async (req, res, next) => {
    const stage = stageOf.get(String(req.params['queueName']));
    if (!stage) return next();
    const status = String(req.params['queueStatus']);
    if (status === 'completed') return refuse(res, `completed ${stage} jobs are run again with reprocess: gongkai reprocess --from ${stage} --all`);
    if (status !== 'failed') return next();
    const outcomes: BoardRetryOutcome[] = [];
    for (const job of await deps.pipeline.queues[stage].getJobs(['failed'])) {
      if (job) outcomes.push(await retryOne(deps, stage, job, operator(req)));
    }
    const retried = outcomes.filter((o) => o.outcome === 'replayed').length;
    // Bull Board's answer (retried, skipped), plus why each skipped one was
    res.status(200).json({ retried, skipped: outcomes.length - retried, refused: outcomes.filter((o) => o.outcome === 'refused') });
  }));
  return r;
}
