import { STAGES, type StageName } from '@gongkai/core';
import type { Pipeline } from '@gongkai/pipeline';
import type { Logger } from '@gongkai/runtime';

/** The part of a finished BullMQ job this reads. */
interface FinishedJob {
  id?: string | undefined;
  processedOn?: number | undefined;
  finishedOn?: number | undefined;
  returnvalue?: unknown;
}

export interface StageTimingsOptions {
  /** How often the completed sets are read. @defaultValue 5000 */
  everyMs?: number;
  /** Jobs read per Redis call. @defaultValue 200 */
  pageSize?: number;
  /** Jobs finished before this are not counted (the histogram starts empty, as counters do). @defaultValue now */
  since?: number;
}

/**
 * Feeds the stage processing-time histogram from BullMQ's completed sets:
 * each completed job once, its time on a worker being finishedOn −
 * processedOn (the last attempt: load input, run the stage, store output).
 * The completed set is ordered by finishedOn, so each poll reads only the
 * newest jobs down to the previous high-water mark. Jobs that found a newer
 * run and did nothing ({ stale: true }) are not timings of the stage.
 * Jobs trimmed by removeOnComplete between two polls are missed (5000 per
 * queue are kept: a poll every 5 s keeps up with 1000 jobs/s per stage).
 */
export class StageTimings {
  private readonly mark: Record<StageName, { at: number; ids: Set<string> }>;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;

  constructor(
    private readonly pipeline: Pick<Pipeline, 'queues'>,
    private readonly observe: (stage: StageName, seconds: number) => void,
    private readonly log: Logger,
    private readonly opts: StageTimingsOptions = {},
  ) {
    const since = opts.since ?? Date.now();
    this.mark = Object.fromEntries(STAGES.map((s) => [s, { at: since, ids: new Set<string>() }])) as StageTimings['mark'];
  }

  start(): void {
    this.timer = setInterval(() => void this.poll(), this.opts.everyMs ?? 5000);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }

  /** Reads what finished since the last poll (concurrent calls share one read). */
  poll(): Promise<void> {
    this.running ??= Promise.all(STAGES.map((s) => this.pollStage(s)))
      .then(() => undefined)
      .catch((err: Error) => this.log.warn({ err: err.message }, 'reading stage timings failed'))
      .finally(() => (this.running = null));
    return this.running;
  }

  private async pollStage(stage: StageName): Promise<void> {
    const mark = this.mark[stage];
    const page = this.opts.pageSize ?? 200;
    const fresh: FinishedJob[] = [];
    for (let start = 0; ; start += page) {
      const jobs = (await this.pipeline.queues[stage].getJobs(['completed'], start, start + page - 1, false)) as FinishedJob[];
      let older = false;
      for (const job of jobs) {
        const at = job?.finishedOn;
        if (!job || at === undefined) continue;
        if (at < mark.at) {
          older = true;
          break;
        }
        if (at === mark.at && job.id && mark.ids.has(job.id)) continue;
        fresh.push(job);
      }
      if (older || jobs.length < page) break;
    }
    if (fresh.length === 0) return;
    const top = Math.max(...fresh.map((j) => j.finishedOn!));
    const ids = top === mark.at ? mark.ids : new Set<string>();
    for (const job of fresh) {
      if (job.finishedOn === top && job.id) ids.add(job.id);
      const stale = typeof job.returnvalue === 'object' && job.returnvalue !== null && 'stale' in job.returnvalue;
      if (!stale && job.processedOn !== undefined) this.observe(stage, Math.max(0, job.finishedOn! - job.processedOn) / 1000);
    }
    this.mark[stage] = { at: top, ids };
  }
}
