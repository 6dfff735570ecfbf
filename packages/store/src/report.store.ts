import { STAGE_CATALOGUE, type DeferredRun, type Report, type StageName, type StageRun } from '@gongkai/core';
import { MongoClient, MongoServerError, type Collection, type Db } from 'mongodb';
import { AgencyReads } from './agency.reads.ts';
import { DeadLetterStore, type ClaimRecord } from './dead-letter.store.ts';
import type { DeadLetter } from './dead-letter.types.ts';
import { NeighbourReads } from './neighbours.reads.ts';
import { ReportFacts } from './report.facts.ts';
import { ReportList, ReportPages } from './report.page.ts';
import { listRowOf, type ListRow } from './report.row.ts';
import { RowFeed, type FeedRedis } from './row.feed.ts';
import { RowMirror } from './row.mirror.ts';
import { ReportReads } from './report.reads.ts';
import { ReportWrites } from './report.writes.ts';
import { resolveReportRef } from './report.resolve.ts';
import { runGuard, runsOf, type RunRecord } from './run.guard.ts';
import { SourceStore, type SourceRecord } from './source.store.ts';
import { SpillStore } from './spill.store.ts';

/**
 * The only MongoDB user. One connection, one facade over its parts:
 * report reads (report.reads.ts) and a run's writes (report.writes.ts) on
 * `reports`, `sources` (source.store.ts), dead letters and their claims
 * (dead-letter.store.ts), and each report's current run (run.guard.ts, the
 * one place where FerretDB and MongoDB differ). Written to the subset
 * FerretDB supports (STACK.md): no transactions, no $lookup, no dotted keys
 * (see storable.codec.ts).
 */
export class ReportStore {
  readonly reports: Collection<Report>;
  readonly sources: Collection<SourceRecord>;
  readonly deadLetters: Collection<DeadLetter>;
  /** One document per claimed death (`${deadLetterId}#${count}`): a unique insert is the atomic claim. */
  readonly claims: Collection<ClaimRecord>;
  /** Each report's current run id, as a tiny document of its own (see run.guard.ts). */
  readonly runs: Collection<RunRecord>;
  private readonly read: ReportReads;
  private readonly neighbours: NeighbourReads;
  /** `report_facts`: what other reports' cross-year rules read of a done report (report.facts.ts). */
  private readonly facts: ReportFacts;
  private readonly write: ReportWrites;
  private readonly located: SourceStore;
  private readonly dead: DeadLetterStore;
  /** `report_list`: one small row per report, what the reports list and the agency views read (report.row.ts), and its writes. */
  readonly listRows: ReportList;
  /** The rows in memory, fresh from the change feed (row.mirror.ts): for the ops process's reads. */
  readonly rowMirror: RowMirror;
  /** The reports list, a page at a time (report.page.ts). */
  readonly reportPages: ReportPages;
  /** Agencies, series and comparisons (agency.reads.ts). */
  readonly agencyReads: AgencyReads;

  private constructor(
    readonly client: MongoClient,
    readonly db: Db,
    /** The server is FerretDB (its buildInfo says so): the run guard reads and updates by _id alone. */
    readonly ferretdb = false,
  ) {
    this.reports = db.collection<Report>('reports');
    this.sources = db.collection<SourceRecord>('sources');
    this.deadLetters = db.collection<DeadLetter>('dead_letters');
    this.claims = db.collection<ClaimRecord>('dead_letter_claims');
    this.runs = runsOf(db);
    const spills = new SpillStore(db);
    this.located = new SourceStore(this.sources, this.reports);
    this.read = new ReportReads(this.reports, this.located, spills);
    this.facts = new ReportFacts(db.collection('report_facts'), this.reports);
    this.neighbours = new NeighbourReads(this.facts, db);
    this.write = new ReportWrites(this.reports, runGuard(this.reports, this.runs, ferretdb), this.located, spills);
    this.dead = new DeadLetterStore(this.deadLetters, this.claims);
    this.listRows = new ReportList(db.collection<ListRow>('report_list'), this.reports, spills);
    this.rowMirror = new RowMirror(this.listRows.rows, this.sources);
    this.reportPages = new ReportPages(this.rowMirror);
    this.agencyReads = new AgencyReads(this.rowMirror);
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

  /**
   * The change feed of the list rows, a Redis stream at `key`: the store's
   * writes append to it, the row mirror reads it (each process sharing a
   * database must use the same key; the app uses `<queue prefix>:report-rows`).
   * Without one, the mirror reloads every row at most every 2 s of reads.
   */
  useFeed(redis: FeedRedis, key: string): void {
    const feed = new RowFeed(redis, key);
    this.listRows.useFeed(feed);
    this.rowMirror.useFeed(feed);
  }

  async close(): Promise<void> {
    await this.client.close();
  }

  async ping(): Promise<void> {
    await this.db.command({ ping: 1 });
  }

  /**
   * Creates the collections and, on MongoDB, the secondary indexes the API,
   * the CLI and people's queries use. On FerretDB (the embedded server) it
   * creates none and drops those an earlier version made: its SQLite backend
   * pushes down only a filter of exactly `{_id}`, so they never answer a
   * query, while every update re-extracts each indexed path from the whole
   * stored document (a finished report is ~200 KB of FerretDB JSON): the
   * FerretDB CPU profile of the pipeline bench had 18% in that extraction.
   */
  async ensureIndexes(): Promise<void> {
    if (this.ferretdb) return this.ferretdbCollections();
    await Promise.all([
      this.reports.createIndex({ status: 1 }),
      this.reports.createIndex({ 'meta.agency': 1 }),
      this.reports.createIndex({ 'meta.year': 1 }),
      this.reports.createIndex({ 'meta.agencyKey': 1, 'meta.year': 1 }),
      this.reports.createIndex({ 'findings.rule': 1 }),
      this.reports.createIndex({ updatedAt: -1 }),
      this.reports.createIndex({ 'source.receivedAt': -1 }),
      this.deadLetters.createIndex({ stage: 1, state: 1 }),
      this.deadLetters.createIndex({ reportId: 1 }),
      this.deadLetters.createIndex({ deadLetteredAt: 1 }),
      this.sources.createIndex({ reportId: 1 }),
      // lookups by file name (resolveId): the first name and the aliases
      this.reports.createIndex({ 'source.name': 1 }),
      this.sources.createIndex({ name: 1 }),
      this.claims.createIndex({ claimedAt: 1 }),
      this.runs.createIndex({ runId: 1 }),
      this.listRows.ensureIndexes(),
    ]);
  }

  /** Every collection created now (the embedded server's _id tuning sees the tables), no secondary index kept. */
  private async ferretdbCollections(): Promise<void> {
    const names = ['reports', 'sources', 'dead_letters', 'dead_letter_claims', 'report_runs', 'report_list', 'report_list_state', 'agency_years', 'report_facts'];
    const existing = new Set((await this.db.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name));
    for (const name of names) {
      if (!existing.has(name)) {
        await this.db.createCollection(name).catch((err: unknown) => {
          if (!(err instanceof MongoServerError && err.code === 48)) throw err; // created meanwhile by another process
        });
      }
      for (const ix of await this.db.collection(name).indexes()) {
        if (ix.name && ix.name !== '_id_') await this.db.collection(name).dropIndex(ix.name).catch(() => {});
      }
    }
  }

  // a run's writes (report.writes.ts)
  // each write that changes what the reports list shows updates the report's list row after it; outside a stage's own
  // write (saveStageOutput) a failed row write fails nothing: the row is only a copy, and a count mismatch is rebuilt
  // by `listRows.sync`
  private readonly listed = (p: Promise<unknown>) => p.catch(() => {});
  readonly intake = async (...a: Parameters<ReportWrites['intake']>) => {
    const [id, source] = a;
    const r = await this.write.intake(...a);
    if (r.created) await this.listed(this.listRows.put(listRowOf({ _id: id, source, status: 'queued', updatedAt: r.at, failure: null })));
    await this.listed(this.listRows.named(id, source.name));
    // the write's own time is the row's business only: callers get what intake promised
    return { created: r.created, status: r.status };
  };
  /**
   * `rowCurrent`: the caller knows the report was processing when its stage began (a later stage of a run, on a
   * first try): its list row already says so, and the row is not rewritten for its time alone (on FerretDB each
   * row write is a read and rewrite of the row, and a message on the row feed). `earlier`: run records of earlier
   * stages of this run that were handed on (stored with this write).
   */
  readonly saveStageOutput = async (
    id: string, runId: string, stage: StageName, fields: Partial<Report>, run: StageRun, attempt: number,
    opts?: { rowCurrent?: boolean; earlier?: readonly DeferredRun[] },
  ) => {
    const ok = await this.write.saveStageOutput(id, runId, stage, fields, run, attempt, opts?.earlier);
    // a stage's row and facts are part of its write: a failure fails the stage, whose retry writes all three again
    // (the same run: the guard lets it). Swallowed, a MongoDB outage between the report's write and its row's left a
    // done report listed as processing for good, and its facts missing for its neighbours (the 5,000 soak)
    if (ok && 'setsStatus' in STAGE_CATALOGUE[stage]) await Promise.all([this.listRows.finished(id, fields, run.at), this.facts.finished(id, runId, fields)]);
    else if (ok && !opts?.rowCurrent) await this.listRows.moved(id, run.at);
    return ok;
  };
  readonly recordEvent = (...a: Parameters<ReportWrites['recordEvent']>) => this.write.recordEvent(...a);
  // the row and facts of a failure are part of its write, as a stage's are: swallowed, a MongoDB outage between the
  // report's write and its row's left a failed report listed as processing for good (the dead letter was recorded, so
  // the reconciler passed it by); now the dead-lettering fails, and the reconciler finishes it (`relistFailed`)
  readonly markFailed = async (...a: Parameters<ReportWrites['markFailed']>) => {
    const ok = await this.write.markFailed(...a);
    if (ok) await Promise.all([this.listRows.failed(a[0], a[2]), this.facts.dropped(a[0])]);
    return ok;
  };
  /**
   * A report with a dead letter still dead: when the report is failed and its list row says otherwise, the row and
   * facts writes of its `markFailed` (cut short by an outage) are done now. Reads the small row only when it agrees;
   * true when something was rewritten.
   */
  readonly relistFailed = async (id: string): Promise<boolean> => {
    const row = await this.listRows.rows.findOne({ _id: id }, { projection: { status: 1 } });
    if (row?.status === 'failed') return false;
    // a report run again since (reprocessed) is listed as its new run goes
    const report = await this.reports.findOne({ _id: id }, { projection: { status: 1, failure: 1 } });
    if (report?.status !== 'failed' || !report.failure) return false;
    await Promise.all([this.listRows.failed(id, report.failure), this.facts.dropped(id)]);
    return true;
  };
  // a new run or a resumed one: no longer done (its facts go: they belong to a run that is over)
  readonly startRun = async (...a: Parameters<ReportWrites['startRun']>) => this.relisted(a[0], await this.write.startRun(...a));
  readonly resume = async (...a: Parameters<ReportWrites['resume']>) => this.relisted(a[0], await this.write.resume(...a));
  private readonly relisted = async (id: string, ok: boolean) => {
    if (ok) await Promise.all([this.listed(this.listRows.refresh(id)), this.listed(this.facts.dropped(id))]);
    return ok;
  };

  // reads (report.reads.ts)
  readonly get = (...a: Parameters<ReportReads['get']>) => this.read.get(...a);
  readonly loadOutputs = (...a: Parameters<ReportReads['loadOutputs']>) => this.read.loadOutputs(...a);
  readonly list = (...a: Parameters<ReportReads['list']>) => this.read.list(...a);
  readonly iterate = (...a: Parameters<ReportReads['iterate']>) => this.read.iterate(...a);
  readonly count = (...a: Parameters<ReportReads['count']>) => this.read.count(...a);
  /** Reports per status (queued, processing, failed, valid, warnings, invalid), from the list rows (report.page.ts `tallies`). */
  readonly countByStatus = async () => (await this.reportPages.tallies()).byStatus;
  /** Findings per rule id, over every report, from the list rows. */
  readonly countFindingsByRule = async () => (await this.reportPages.tallies()).byRule;
  /** The same agency's done reports of the given years (cross-year context; neighbours.reads.ts). */
  readonly neighboursOf = (...a: Parameters<NeighbourReads['ofAgency']>) => this.neighbours.ofAgency(...a);
  /** The done reports of one agency in the given years, without registering anything (neighbours.reads.ts). */
  readonly doneOfAgency = (...a: Parameters<NeighbourReads['doneOf']>) => this.neighbours.doneOf(...a);
  /** A person's reference (id, id prefix ≥ 8, file name or alias) → the report's id and name; throws ReportRefError. */
  readonly resolveId = (ref: string) => resolveReportRef(this.reports, this.sources, ref);

  // sources (source.store.ts)
  readonly aliasesOf = (id: string) => this.located.aliasesOf(id);
  readonly sourceSeen = (key: string) => this.located.seen(key);
  readonly markSourceSeen = (key: string, reportId: string) => this.located.markSeen(key, reportId);

  // dead letters and claims (dead-letter.store.ts)
  readonly putDeadLetter = (...a: Parameters<DeadLetterStore['put']>) => this.dead.put(...a);
  readonly getDeadLetter = (id: string) => this.dead.get(id);
  readonly listDeadLetters = (...a: Parameters<DeadLetterStore['list']>) => this.dead.list(...a);
  readonly countDeadLetters = (...a: Parameters<DeadLetterStore['count']>) => this.dead.count(...a);
  readonly countDeadLettersByStage = () => this.dead.countByStage();
  readonly claimDeadLetter = (...a: Parameters<DeadLetterStore['claim']>) => this.dead.claim(...a);
  readonly finishReplay = (...a: Parameters<DeadLetterStore['finishReplay']>) => this.dead.finishReplay(...a);
  readonly releaseClaim = (...a: Parameters<DeadLetterStore['release']>) => this.dead.release(...a);
}
