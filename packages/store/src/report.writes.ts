import {
  PIPELINE_VERSION, STAGE_CATALOGUE, STAGE_FIELDS, stagesFrom, type DeferredRun, type Report, type ReportFailure, type ReportSource, type ReportStatus, type StageEvent, type StageName, type StageRun,
} from '@gongkai/core';
import { MongoServerError, type Collection } from 'mongodb';
import { packFields } from './packed.fields.ts';
import type { RunGuard } from './run.guard.ts';
import type { SourceStore } from './source.store.ts';
import type { SpillStore } from './spill.store.ts';
import { encodeStorable } from './storable.codec.ts';

const now = () => new Date().toISOString();

/**
 * The writes of a report's run: creation at intake, each stage's output,
 * events, failure, a new run (reprocess) and a resumed one (replay). Every
 * write of a stage's result goes through the run guard, so a late job of an
 * older run changes nothing.
 */
export class ReportWrites {
  constructor(
    private readonly reports: Collection<Report>,
    private readonly guard: RunGuard,
    private readonly sources: SourceStore,
    private readonly spills: SpillStore,
  ) {}

  /**
   * Creates the report document for new content (status queued), or finds
   * the known one. Every location the content arrived from is recorded in
   * `sources`. Safe under concurrent intake of the same bytes: the unique _id decides.
   */
  async intake(id: string, source: ReportSource, runId: string): Promise<{ created: boolean; status: ReportStatus; at: string }> {
    const t = now();
    const doc: Report = {
      _id: id, source, status: 'queued', failure: null,
      history: [{ stage: 'intake', event: 'queued', at: t, runId }],
      pipeline: { version: PIPELINE_VERSION, runId, stages: {} }, createdAt: t, updatedAt: t,
    };
    let created = true;
    let status: ReportStatus = 'queued';
    try {
      await this.reports.insertOne(doc);
      await this.guard.begin(id, runId);
    } catch (err) {
      if (!(err instanceof MongoServerError && err.code === 11000)) throw err;
      created = false;
      status = (await this.reports.findOne({ _id: id }, { projection: { status: 1 } }))?.status ?? 'queued';
    }
    await this.sources.recordLocation(id, source);
    return { created, status, at: t };
  }

  /**
   * Stores a stage's output on the report, only if `runId` is still the
   * report's current run (a late job from an older run changes nothing).
   * Returns false for such a stale write.
   */
  async saveStageOutput(id: string, runId: string, stage: StageName, fields: Partial<Report>, run: StageRun, attempt: number, earlier: readonly DeferredRun[] = []): Promise<boolean> {
    const encoded = await this.spills.spill(id, packFields(encodeStorable(fields) as Record<string, unknown>));
    const records = [...earlier, { stage, run, attempt }];
    const set: Record<string, unknown> = { ...encoded, updatedAt: run.at, failure: null };
    for (const r of records) set[`pipeline.stages.${r.stage}`] = r.run;
    // the stage that ends a run (the catalogue's `setsStatus`) brings the final status in `fields`
    if (!('setsStatus' in STAGE_CATALOGUE[stage])) set['status'] = 'processing';
    const events: StageEvent[] = records.map((r) => ({ stage: r.stage, event: 'done', at: r.run.at, runId, attempt: r.attempt, ms: r.run.ms }));
    return this.guard.updateIfRun(id, runId, { $set: set, $push: { history: { $each: events } } });
  }

  async recordEvent(id: string, event: StageEvent): Promise<void> {
    await this.reports.updateOne({ _id: id }, { $push: { history: event } });
  }

  async markFailed(id: string, runId: string, failure: ReportFailure, attempt: number): Promise<boolean> {
    const event: StageEvent = { stage: failure.stage, event: 'failed', at: failure.at, runId, attempt, message: failure.reason };
    return this.guard.updateIfRun(id, runId, { $set: { status: 'failed', failure, updatedAt: failure.at }, $push: { history: event } });
  }

  /** Starts a new run of a stored report from `stage` (reprocess): later outputs will be overwritten. */
  async startRun(id: string, runId: string, stage: StageName, event: StageEvent['event']): Promise<boolean> {
    const t = now();
    // the outputs of the stages that run again go too: with the handoff a new run's output may
    // reach the document only at the last stage, and an old run's fields must never stand in for it
    const again = stagesFrom(stage);
    const unset = Object.fromEntries([...again.map((s) => `pipeline.stages.${s}`), ...again.flatMap((s) => STAGE_FIELDS[s])].map((k) => [k, '']));
    // the run record first: from here on, writes of the old run are refused
    if (await this.reports.findOne({ _id: id }, { projection: { _id: 1 } })) await this.guard.begin(id, runId);
    const r = await this.reports.updateOne(
      { _id: id },
      {
        $set: { 'pipeline.runId': runId, 'pipeline.version': PIPELINE_VERSION, status: 'processing', failure: null, updatedAt: t },
        $unset: unset as Record<string, ''> as never,
        $push: { history: { stage, event, at: t, runId } as StageEvent },
      },
    );
    return r.matchedCount === 1;
  }

  /** Resumes the current run after a dead letter is replayed. */
  async resume(id: string, runId: string, stage: StageName): Promise<boolean> {
    const t = now();
    return this.guard.updateIfRun(id, runId, {
      $set: { status: 'processing', failure: null, updatedAt: t }, $push: { history: { stage, event: 'replayed', at: t, runId } as StageEvent },
    });
  }
}
