import {
  STAGE_FIELDS, stagesFrom, stageOutputOf, type Report, type ReportFailure, type ReportSource, type ReportStatus,
  type StageEvent, type StageName, type StageOutputs, type StageRun, PIPELINE_VERSION,
} from '@gongkai/core';
import { MongoClient, MongoServerError, type Collection, type Db, type Filter, type UpdateFilter } from 'mongodb';
import type { DeadLetter, NewDeadLetter } from './dead-letter.types.ts';
import { decodeStorable, encodeStorable } from './storable.codec.ts';
import { packFields, unpackFields } from './packed.fields.ts';
import { SpillStore } from './spill.store.ts';

/** A source location already taken in (folder path+size+mtime, or S3 bucket/key/etag). */
export interface SourceRecord {
  /** `file:<path>:<size>:<mtime>` or `s3:<bucket>/<key>@<etag>` (a version seen), or `loc:<uri>#<reportId>` (a location). */
  _id: string;
  reportId: string;
  seenAt: string;
  uri?: string;
  name?: string;
}

/** Fields left out of report listings (large or internal). */
const HEAVY_FIELDS = ['text', 'offsetMap', 'paragraphs', 'mentions', 'spans', 'history'] as const;


export interface ReportQuery {
  status?: ReportStatus | 'done';
  agency?: string;
  year?: number;
  rule?: string;
  limit?: number;
  skip?: number;
}

const now = () => new Date().toISOString();

/**
 * The only MongoDB user: report documents (one per distinct content, with
 * each stage's output), source records for deduplication, dead letters.
 * Written to the subset FerretDB supports (STACK.md): no transactions, no
 * $lookup, no dotted keys (see storable.codec.ts).
 */
export class ReportStore {
  readonly reports: Collection<Report>;
  readonly sources: Collection<SourceRecord>;
  readonly deadLetters: Collection<DeadLetter>;
  /** One document per claimed death (`${deadLetterId}#${count}`): a unique insert is the atomic claim. */
  readonly claims: Collection<{ _id: string; operator: string; claimedAt: string }>;
  /**
   * Each report's current run id, as a tiny document of its own: on FerretDB
   * the "still this run?" check before a stage's write reads this instead of
   * the report (which FerretDB decodes whole, however small the projection).
   */
  readonly runs: Collection<{ _id: string; runId: string }>;
  private readonly spills: SpillStore;

  private constructor(
    readonly client: MongoClient,
    readonly db: Db,
    /**
     * The server is FerretDB: it pushes only a filter of exactly `{_id}` down
     * to its storage (any other filter reads and decodes the whole
     * collection), and its conditional updates are not atomic anyway, so
     * "update if still this run" becomes a read by _id, then an update by _id.
     */
    readonly ferretdb = false,
  ) {
    this.reports = db.collection<Report>('reports');
    this.sources = db.collection<SourceRecord>('sources');
    this.deadLetters = db.collection<DeadLetter>('dead_letters');
    this.claims = db.collection('dead_letter_claims');
    this.runs = db.collection('report_runs');
    this.spills = new SpillStore(db);
  }

  /** Connects (failing within `timeoutMs` when the server is unreachable). */
  static async open(url: string, dbName: string, opts: { timeoutMs?: number; appName?: string } = {}): Promise<ReportStore> {
    const client = new MongoClient(url, {
      serverSelectionTimeoutMS: opts.timeoutMs ?? 5000,
      connectTimeoutMS: opts.timeoutMs ?? 5000,
      appName: opts.appName ?? 'gongkai',
      maxPoolSize: 20,
    });
    await client.connect();
    const info = await client.db('admin').command({ buildInfo: 1 }).catch(() => ({}) as Record<string, unknown>);
    return new ReportStore(client, client.db(dbName), typeof info['ferretdbVersion'] === 'string');
  }

  async close(): Promise<void> {
    await this.client.close();
  }

  async ping(): Promise<void> {
    await this.db.command({ ping: 1 });
  }

  async ensureIndexes(): Promise<void> {
    await Promise.all([
      this.reports.createIndex({ status: 1 }),
      this.reports.createIndex({ 'meta.agency': 1 }),
      this.reports.createIndex({ 'meta.year': 1 }),
      this.reports.createIndex({ 'findings.rule': 1 }),
      this.reports.createIndex({ updatedAt: -1 }),
      this.reports.createIndex({ 'source.receivedAt': -1 }),
      this.deadLetters.createIndex({ stage: 1, state: 1 }),
      this.deadLetters.createIndex({ reportId: 1 }),
      this.deadLetters.createIndex({ deadLetteredAt: 1 }),
      this.sources.createIndex({ reportId: 1 }),
      // creates the collection now, so the embedded server's storage tuning sees it
      this.claims.createIndex({ claimedAt: 1 }),
      this.runs.createIndex({ runId: 1 }),
    ]);
  }

  // ------------------------------------------------------------------ intake

  /**
   * Creates the report document for new content (status queued), or finds
   * the known one. Every location the content arrived from is recorded as
   * its own document in `sources` (never as an update of the report: FerretDB
   * loses concurrent updates of one document, and duplicates arrive in
   * bursts). Safe under concurrent intake of the same bytes: the unique _id decides.
   */
  async intake(id: string, source: ReportSource, runId: string): Promise<{ created: boolean; status: ReportStatus }> {
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
      await this.setRun(id, runId);
    } catch (err) {
      if (!(err instanceof MongoServerError && err.code === 11000)) throw err;
      created = false;
      status = (await this.reports.findOne({ _id: id }, { projection: { status: 1 } }))?.status ?? 'queued';
    }
    await this.recordLocation(id, source);
    return { created, status };
  }

  private async recordLocation(id: string, source: ReportSource): Promise<void> {
    try {
      await this.sources.updateOne(
        { _id: `loc:${source.uri}#${id}` },
        { $setOnInsert: { reportId: id, uri: source.uri, name: source.name, seenAt: source.receivedAt } },
        { upsert: true },
      );
    } catch (err) {
      if (!(err instanceof MongoServerError && err.code === 11000)) throw err;
    }
  }

  /** Every other location the same content arrived from (renames, re-drops, other buckets). */
  async aliasesOf(id: string): Promise<NonNullable<Report['aliases']>> {
    const report = await this.reports.findOne({ _id: id }, { projection: { source: 1 } });
    const locs = await this.sources.find({ reportId: id, uri: { $exists: true } }).sort({ seenAt: 1 }).toArray();
    return locs
      .filter((l) => l.uri !== report?.source.uri)
      .map((l) => ({ uri: l.uri!, name: l.name ?? '', receivedAt: l.seenAt }));
  }

  async sourceSeen(key: string): Promise<SourceRecord | null> {
    return this.sources.findOne({ _id: key });
  }

  async markSourceSeen(key: string, reportId: string): Promise<void> {
    await this.sources.updateOne({ _id: key }, { $set: { reportId, seenAt: now() } }, { upsert: true });
  }

  // ------------------------------------------------------------------ reports

  /** One report; `full` adds the heavy fields (text, paragraphs, history…) and the aliases. */
  async get(id: string, opts: { full?: boolean } = {}): Promise<Report | null> {
    const projection = opts.full ? undefined : Object.fromEntries(HEAVY_FIELDS.map((f) => [f, 0]));
    const doc = await this.reports.findOne({ _id: id }, projection ? { projection } : {});
    if (!doc) return null;
    const report = decodeStorable(unpackFields(await this.spills.restore(doc))) as Report;
    if (opts.full) report.aliases = await this.aliasesOf(id);
    return report;
  }

  /** The stored outputs of `stages` for one report, plus its current run. */
  async loadOutputs(id: string, stages: readonly StageName[]): Promise<{ runId: string; status: ReportStatus; outputs: Partial<StageOutputs> } | null> {
    const fields = new Set<string>(['pipeline', 'status']);
    for (const s of stages) for (const f of STAGE_FIELDS[s]) fields.add(f);
    const doc = await this.reports.findOne({ _id: id }, { projection: Object.fromEntries([...fields].map((f) => [f, 1])) });
    if (!doc) return null;
    const report = decodeStorable(unpackFields(await this.spills.restore(doc))) as Report;
    const outputs: Partial<StageOutputs> = {};
    for (const s of stages) {
      const out = stageOutputOf(s, report);
      if (out) (outputs as Record<string, unknown>)[s] = out;
    }
    return { runId: report.pipeline.runId, status: report.status, outputs };
  }

  /**
   * Stores a stage's output on the report, only if `runId` is still the
   * report's current run (a late job from an older run changes nothing).
   * Returns false for such a stale write.
   */
  async saveStageOutput(id: string, runId: string, stage: StageName, fields: Partial<Report>, run: StageRun, attempt: number): Promise<boolean> {
    const encoded = await this.spills.spill(id, packFields(encodeStorable(fields) as Record<string, unknown>));
    const set: Record<string, unknown> = { ...encoded, [`pipeline.stages.${stage}`]: run, updatedAt: run.at, failure: null };
    if (stage !== 'validate') set['status'] = 'processing';
    const event: StageEvent = { stage, event: 'done', at: run.at, runId, attempt, ms: run.ms };
    return this.updateIfRun(id, runId, { $set: set, $push: { history: event } });
  }

  /**
   * Updates the report only while `runId` is its current run. On MongoDB one
   * conditional update; on FerretDB a read and an update, both by _id alone
   * (see `ferretdb`): the only filter its SQLite storage answers without
   * reading the whole collection.
   */
  private async updateIfRun(id: string, runId: string, update: UpdateFilter<Report>): Promise<boolean> {
    if (!this.ferretdb) return (await this.reports.updateOne({ _id: id, 'pipeline.runId': runId }, update)).matchedCount === 1;
    const current = (await this.runs.findOne({ _id: id }))?.runId
      ?? (await this.reports.findOne({ _id: id }, { projection: { pipeline: 1 } }))?.pipeline?.runId;
    if (current !== runId) return false;
    return (await this.reports.updateOne({ _id: id }, update)).matchedCount === 1;
  }

  private async setRun(id: string, runId: string): Promise<void> {
    await this.runs.updateOne({ _id: id }, { $set: { runId } }, { upsert: true });
  }

  async recordEvent(id: string, event: StageEvent): Promise<void> {
    await this.reports.updateOne({ _id: id }, { $push: { history: event } });
  }

  async markFailed(id: string, runId: string, failure: ReportFailure, attempt: number): Promise<boolean> {
    const event: StageEvent = { stage: failure.stage, event: 'failed', at: failure.at, runId, attempt, message: failure.reason };
    return this.updateIfRun(id, runId, { $set: { status: 'failed', failure, updatedAt: failure.at }, $push: { history: event } });
  }

  /** Starts a new run of a stored report from `stage` (reprocess): later outputs will be overwritten. */
  async startRun(id: string, runId: string, stage: StageName, event: StageEvent['event']): Promise<boolean> {
    const t = now();
    // the outputs of the stages that run again go too: with the handoff a new run's output may
    // reach the document only at validate, and an old run's fields must never stand in for it
    const again = stagesFrom(stage);
    const unset = Object.fromEntries([...again.map((s) => `pipeline.stages.${s}`), ...again.flatMap((s) => STAGE_FIELDS[s])].map((k) => [k, '']));
    // the run record first: from here on, writes of the old run are refused
    if (await this.reports.findOne({ _id: id }, { projection: { _id: 1 } })) await this.setRun(id, runId);
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
    return this.updateIfRun(id, runId, {
      $set: { status: 'processing', failure: null, updatedAt: t }, $push: { history: { stage, event: 'replayed', at: t, runId } as StageEvent },
    });
  }

  private filterOf(q: ReportQuery): Filter<Report> {
    const f: Record<string, unknown> = {};
    if (q.status === 'done') f['status'] = { $in: ['valid', 'warnings', 'invalid'] };
    else if (q.status) f['status'] = q.status;
    if (q.agency) f['meta.agency'] = q.agency;
    if (q.year !== undefined) f['meta.year'] = q.year;
    if (q.rule) f['findings.rule'] = q.rule;
    return f as Filter<Report>;
  }

  async list(q: ReportQuery = {}): Promise<Report[]> {
    const projection = Object.fromEntries(HEAVY_FIELDS.map((f) => [f, 0]));
    const docs = await this.reports
      .find(this.filterOf(q), { projection })
      .sort({ updatedAt: -1, _id: 1 })
      .skip(q.skip ?? 0)
      .limit(Math.min(q.limit ?? 50, 1000))
      .toArray();
    return docs.map((d) => decodeStorable(unpackFields(d)) as Report);
  }

  /** Iterates every matching report (export, reprocess --all), in _id order, in batches. */
  async *iterate(q: ReportQuery = {}, opts: { full?: boolean; idsOnly?: boolean } = {}): AsyncGenerator<Report> {
    const projection = opts.idsOnly ? { _id: 1, pipeline: 1, status: 1 } : opts.full ? undefined : Object.fromEntries(HEAVY_FIELDS.map((f) => [f, 0]));
    const cursor = this.reports.find(this.filterOf(q), projection ? { projection } : {}).sort({ _id: 1 }).batchSize(200);
    for await (const doc of cursor) yield decodeStorable(unpackFields(opts.full ? await this.spills.restore(doc) : doc)) as Report;
  }

  async count(q: ReportQuery = {}): Promise<number> {
    return this.reports.countDocuments(this.filterOf(q));
  }

  /** Reports per status: queued, processing, failed, valid, warnings, invalid. */
  async countByStatus(): Promise<Record<string, number>> {
    const rows = await this.reports.aggregate<{ _id: string; n: number }>([{ $group: { _id: '$status', n: { $sum: 1 } } }]).toArray();
    return Object.fromEntries(rows.map((r) => [r._id, r.n]));
  }

  /** Findings per rule id, over done reports. */
  async countFindingsByRule(): Promise<Record<string, number>> {
    const rows = await this.reports
      .aggregate<{ _id: string; n: number }>([{ $unwind: '$findings' }, { $group: { _id: '$findings.rule', n: { $sum: 1 } } }])
      .toArray();
    return Object.fromEntries(rows.map((r) => [r._id, r.n]));
  }

  // ------------------------------------------------------------------ dead letters

  /** Records a final failure; a second death of the same report at the same stage increments `count`. */
  async putDeadLetter(dl: NewDeadLetter): Promise<DeadLetter> {
    const _id = `${dl.reportId}-${dl.stage}`;
    // only the new death's fields: bookkeeping fields are the store's
    const { firstSeenAt, ...rest } = dl as NewDeadLetter & Partial<DeadLetter>;
    for (const k of ['_id', 'count', 'state', 'claimedBy', 'claimedAt', 'replayedAt', 'replayJobId'] as const) delete rest[k];
    const doc = await this.deadLetters.findOneAndUpdate(
      { _id },
      {
        $set: { ...(encodeStorable(rest) as object), state: 'dead', claimedBy: null, claimedAt: null, replayedAt: null, replayJobId: null },
        $setOnInsert: { firstSeenAt },
        $inc: { count: 1 },
      },
      { upsert: true, returnDocument: 'after' },
    );
    return decodeStorable(doc) as DeadLetter;
  }

  async getDeadLetter(id: string): Promise<DeadLetter | null> {
    const d = await this.deadLetters.findOne({ _id: id });
    return d ? (decodeStorable(d) as DeadLetter) : null;
  }

  async listDeadLetters(q: { stage?: StageName; state?: DeadLetter['state']; reportId?: string; since?: string; limit?: number } = {}): Promise<DeadLetter[]> {
    const f: Record<string, unknown> = {};
    if (q.stage) f['stage'] = q.stage;
    if (q.state) f['state'] = q.state;
    if (q.reportId) f['reportId'] = q.reportId;
    if (q.since) f['deadLetteredAt'] = { $gte: q.since };
    const docs = await this.deadLetters.find(f as Filter<DeadLetter>).sort({ deadLetteredAt: 1 }).limit(q.limit ?? 10_000).toArray();
    return docs.map((d) => decodeStorable(d) as DeadLetter);
  }

  async countDeadLetters(stage?: StageName): Promise<number> {
    return this.deadLetters.countDocuments({ state: 'dead', ...(stage ? { stage } : {}) });
  }

  /**
   * Claims a dead letter for replay: exactly one caller wins, even with two
   * operators replaying at once. The claim is a unique-key insert, atomic on
   * MongoDB and on FerretDB alike (FerretDB's findAndModify is not atomic
   * under concurrency: measured, both callers won). A claim abandoned for
   * `staleMs` may be taken over.
   */
  async claimDeadLetter(id: string, operator: string, staleMs = 5 * 60_000): Promise<DeadLetter | null> {
    const dl = await this.getDeadLetter(id);
    if (!dl || dl.state === 'replayed') return null;
    const claimId = `${id}#${dl.count}`;
    const t = now();
    try {
      await this.claims.insertOne({ _id: claimId, operator, claimedAt: t });
    } catch (err) {
      if (!(err instanceof MongoServerError && err.code === 11000)) throw err;
      const staleBefore = new Date(Date.now() - staleMs).toISOString();
      const held = await this.claims.findOne({ _id: claimId });
      if (!held || held.claimedAt >= staleBefore || dl.state !== 'replaying') return null;
      // take over an abandoned claim: only the caller whose delete removed it may insert again
      const del = await this.claims.deleteOne({ _id: claimId, claimedAt: held.claimedAt });
      if (del.deletedCount !== 1) return null;
      try {
        await this.claims.insertOne({ _id: claimId, operator, claimedAt: t });
      } catch {
        return null;
      }
    }
    await this.deadLetters.updateOne({ _id: id }, { $set: { state: 'replaying', claimedBy: operator, claimedAt: t } });
    return { ...dl, state: 'replaying', claimedBy: operator, claimedAt: t };
  }

  async finishReplay(id: string, operator: string, replayJobId: string): Promise<void> {
    await this.deadLetters.updateOne({ _id: id, claimedBy: operator }, { $set: { state: 'replayed', replayedAt: now(), replayJobId } });
  }

  async releaseClaim(id: string, operator: string): Promise<void> {
    const dl = await this.getDeadLetter(id);
    if (!dl || dl.claimedBy !== operator || dl.state !== 'replaying') return;
    await this.claims.deleteOne({ _id: `${id}#${dl.count}`, operator });
    await this.deadLetters.updateOne({ _id: id, claimedBy: operator, state: 'replaying' }, { $set: { state: 'dead', claimedBy: null, claimedAt: null } });
  }
}
