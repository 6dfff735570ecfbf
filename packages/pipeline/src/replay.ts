import { amendsOf, stagesBefore, type StageName } from '@gongkai/core';
import type { Logger } from '@gongkai/runtime';
import type { DeadLetter, ReportStore } from '@gongkai/store';
import { hostname, userInfo } from 'node:os';
import { newRunId } from './names.ts';
import type { Pipeline } from './pipeline.ts';
import { start } from './run.transitions.ts';

export interface ReplayFilter {
  stage: StageName;
  /** One report; otherwise every dead letter of the stage (optionally since a date). */
  reportId?: string;
  since?: string;
  dryRun?: boolean;
  /** Replays per second at most. @defaultValue 50 */
  ratePerSec?: number;
  /** Who replays (recorded on the dead letter). @defaultValue user@host */
  operator?: string;
  /** Replay dead letters whose error is permanent too (they fail the same way unless the stage changed). */
  force?: boolean;
}

/**
 * A replay refused before anything moved: `permanent` (a dead letter's error
 * is permanent and `force` was not given) or `nothing` (the one report asked
 * for has no dead letter waiting in that stage). Says why in one line.
 */
export class ReplayRefusedError extends Error {
  constructor(
    readonly reason: 'permanent' | 'nothing',
    message: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/**
 * Why a replay of one report found nothing: for the CLI and the API, where
 * asking for a report by id and getting "nothing to replay" with success
 * would hide a wrong stage or id. Names the DLQs its dead letters wait in.
 */
export async function nothingToReplay(deps: { store: ReportStore }, stage: StageName, reportId: string): Promise<ReplayRefusedError> {
  const elsewhere = await deps.store.listDeadLetters({ reportId, state: 'dead' });
  return new ReplayRefusedError(
    'nothing',
    `report ${reportId.slice(0, 12)} has no dead letter waiting in ${stage}-dlq` +
      (elsewhere.length > 0 ? `; it has one in ${elsewhere.map((d) => `${d.stage}-dlq`).join(', ')}` : ''),
  );
}

/** The dead letters of a selection whose error no retry can fix (the classification the stage made). */
export const isPermanent = (dl: Pick<DeadLetter, 'error'>): boolean => dl.error.retryable === false;

function refusePermanent(stage: StageName, permanent: DeadLetter[]): ReplayRefusedError {
  const first = permanent[0]!;
  const reason = first.error.message.length > 160 ? `${first.error.message.slice(0, 160)}…` : first.error.message;
  const which = permanent.length === 1 ? `report ${first.reportId.slice(0, 12)}` : `${permanent.length} reports (first ${first.reportId.slice(0, 12)})`;
  return new ReplayRefusedError(
    'permanent',
    `${stage} failed permanently for ${which}: ${first.error.code}: ${reason.replace(/\s+/g, ' ')}; ` +
      `replaying will fail the same way unless the ${stage} stage changed; use --force (API: "force": true) to replay anyway`,
  );
}

export interface ReplayItem {
  reportId: string;
  stage: StageName;
  outcome: 'replayed' | 'would-replay' | 'claimed-elsewhere' | 'report-missing';
  jobId?: string;
  /** The dead letter's error is permanent: replaying it needs `force`. */
  permanent?: true;
  error?: string;
}

export interface ReplaySummary {
  stage: StageName;
  dryRun: boolean;
  matched: number;
  replayed: number;
  skipped: number;
  items: ReplayItem[];
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Moves dead letters back to their stage as new jobs: an explicit,
 * rate-limited operator action. Each dead letter is claimed atomically
 * first, so two operators replaying at once never replay one twice; a
 * replayed dead letter is marked and is not found by the next replay.
 */
export async function replayDeadLetters(
  deps: { store: ReportStore; pipeline: Pipeline; log: Logger },
  filter: ReplayFilter,
  onItem?: (item: ReplayItem, done: number, total: number) => void,
): Promise<ReplaySummary> {
  const operator = filter.operator ?? `${userInfo().username}@${hostname()}`;
  const letters: DeadLetter[] = await deps.store.listDeadLetters({
    stage: filter.stage, state: 'dead', ...(filter.reportId ? { reportId: filter.reportId } : {}), ...(filter.since ? { since: filter.since } : {}),
  });
  const permanent = letters.filter(isPermanent);
  if (permanent.length > 0 && !filter.force && !filter.dryRun) throw refusePermanent(filter.stage, permanent);
  const gap = 1000 / Math.max(1, filter.ratePerSec ?? 50);
  const summary: ReplaySummary = { stage: filter.stage, dryRun: !!filter.dryRun, matched: letters.length, replayed: 0, skipped: 0, items: [] };
  let done = 0;
  for (const dl of letters) {
    let item: ReplayItem;
    if (filter.dryRun) item = { reportId: dl.reportId, stage: dl.stage, outcome: 'would-replay' };
    else item = await replayOne(deps, dl, operator);
    if (isPermanent(dl)) item.permanent = true;
    if (item.outcome === 'replayed') summary.replayed++;
    else if (item.outcome !== 'would-replay') summary.skipped++;
    summary.items.push(item);
    onItem?.(item, ++done, letters.length);
    if (!filter.dryRun && item.outcome === 'replayed') await sleep(gap);
  }
  return summary;
}

async function replayOne(deps: { store: ReportStore; pipeline: Pipeline; log: Logger }, dl: DeadLetter, operator: string): Promise<ReplayItem> {
  const claimed = await deps.store.claimDeadLetter(dl._id, operator);
  if (!claimed) return { reportId: dl.reportId, stage: dl.stage, outcome: 'claimed-elsewhere' };
  try {
    const report = await deps.store.get(dl.reportId);
    if (!report) {
      await deps.store.releaseClaim(dl._id, operator);
      return { reportId: dl.reportId, stage: dl.stage, outcome: 'report-missing' };
    }
    const runId = report.pipeline.runId;
    const { jobId } = await start(deps, { cause: 'replay', reportId: dl.reportId, runId, stage: dl.stage, replay: claimed.count, name: report.source.name });
    if (!jobId) throw new Error(`replay of ${dl._id} queued no job`);
    await deps.store.finishReplay(dl._id, operator, jobId);
    await deps.pipeline.dlqs[dl.stage].remove(`${dl._id}-${claimed.count}`).catch(() => 0);
    // the job that died is replaced by the new one: left failed, the stage queue would count it on as a failure
    // beside the DLQ (the board showed "failed 3" for 2 dead letters); removed only while it is still failed
    if (dl.jobId !== jobId) {
      const old = await deps.pipeline.queues[dl.stage].getJob(dl.jobId);
      if (old && (await old.getState()) === 'failed') await old.remove().catch(() => {});
    }
    deps.log.info({ reportId: dl.reportId, stage: dl.stage, jobId, operator }, 'dead letter replayed');
    return { reportId: dl.reportId, stage: dl.stage, outcome: 'replayed', jobId };
  } catch (err) {
    await deps.store.releaseClaim(dl._id, operator).catch(() => {});
    throw err;
  }
}

export interface ReprocessFilter {
  from: StageName;
  reportId?: string;
  all?: boolean;
  dryRun?: boolean;
  ratePerSec?: number;
}

export interface ReprocessSummary {
  from: StageName;
  dryRun: boolean;
  matched: number;
  started: number;
  skipped: Array<{ reportId: string; reason: string }>;
}

/**
 * Re-runs stored reports from any stage under a new run id (e.g. after
 * better extraction rules). Later jobs of the old run find a newer run and
 * drop their output, so nothing is duplicated; the result records the
 * pipeline version.
 */
export async function reprocess(
  deps: { store: ReportStore; pipeline: Pipeline; log: Logger },
  filter: ReprocessFilter,
  onItem?: (done: number, total: number) => void,
): Promise<ReprocessSummary> {
  if (!filter.all && !filter.reportId) throw new Error('reprocess needs --all or --report ID');
  // an amending stage's input is not stored (its output replaced it): it re-runs from the stage it amends
  const from = amendsOf(filter.from) ?? filter.from;
  const needs = stagesBefore(from);
  const summary: ReprocessSummary = { from: filter.from, dryRun: !!filter.dryRun, matched: 0, started: 0, skipped: [] };
  const total = filter.reportId ? 1 : await deps.store.count();
  const gap = filter.ratePerSec ? 1000 / filter.ratePerSec : 0;
  const ids = filter.reportId ? [filter.reportId] : null;
  const source = ids ? ids.map((id) => deps.store.get(id)) : deps.store.iterate({}, { idsOnly: true });
  for await (const report of source as AsyncIterable<Awaited<ReturnType<ReportStore['get']>>>) {
    if (!report) {
      summary.skipped.push({ reportId: filter.reportId ?? '?', reason: 'no such report' });
      continue;
    }
    summary.matched++;
    const skipped = new Set(Object.values(report.pipeline.stages ?? {}).flatMap((r) => r?.skipped ?? []));
    const missing = needs.filter((s) => !report.pipeline.stages?.[s] && !skipped.has(s));
    if (missing.length > 0) {
      summary.skipped.push({ reportId: report._id, reason: `no stored ${missing.join(', ')} output: reprocess from ${missing[0]} or replay` });
      continue;
    }
    if (!filter.dryRun) {
      const runId = newRunId();
      await start(deps, { cause: 'reprocess', reportId: report._id, runId, stage: from, name: report.source.name });
      for (const dl of await deps.store.listDeadLetters({ reportId: report._id, state: 'dead' })) {
        const claimed = await deps.store.claimDeadLetter(dl._id, 'reprocess');
        if (claimed) {
          await deps.store.finishReplay(dl._id, 'reprocess', `reprocess-${runId}`);
          await deps.pipeline.dlqs[dl.stage].remove(`${dl._id}-${claimed.count}`).catch(() => 0);
        }
      }
      if (gap) await sleep(gap);
    }
    summary.started += filter.dryRun ? 0 : 1;
    onItem?.(summary.matched, total);
  }
  return summary;
}
