import { isDone, type Report, type ReportFailure, type ReportStatus, type StageName } from '@gongkai/core';
import type { Collection, Document } from 'mongodb';
import { unpackFields } from './packed.fields.ts';
import { listRowOf, rowPartsOf, ROW_VERSION, type ListRow } from './report.row.ts';
import type { RowFeed } from './row.feed.ts';
import type { RowMirror } from './row.mirror.ts';
import type { SpillStore } from './spill.store.ts';
import { decodeStorable } from './storable.codec.ts';

/** The orders a listing can take: a field that every report has, newest or oldest first; ties broken by `_id` the same way. */
export const REPORT_SORTS = ['-updatedAt', 'updatedAt', '-receivedAt', 'receivedAt', 'name', '-name'] as const;
export type ReportSort = (typeof REPORT_SORTS)[number];

type SortField = 'updatedAt' | 'receivedAt' | 'name';
const SORT_FIELD: Record<string, SortField> = { updatedAt: 'updatedAt', receivedAt: 'receivedAt', name: 'name' };

export interface ReportPageQuery {
  status?: ReportStatus | 'done';
  /** Substring of the agency (case-insensitive). */
  agency?: string;
  year?: number;
  rule?: string;
  /** Reports that failed at this stage. */
  failedStage?: StageName;
  /** Free search: a file name (or an alias's), an id prefix, an agency or a title, as a substring. */
  q?: string;
  sort?: ReportSort;
  /** @defaultValue 50, at most 500 */
  limit?: number;
  /** From the previous page's `next`. */
  cursor?: string;
}

export interface ReportPage {
  /** The page's rows (report.row.ts): what a listing shows of each report. */
  items: ListRow[];
  /** The cursor of the next page, or null on the last. */
  next: string | null;
  sort: ReportSort;
}

/** A cursor named a different order, or is not one of ours. */
export class BadCursorError extends Error {
  constructor(message = 'cursor: not a cursor of this listing (start again without it)') {
    super(message);
    this.name = new.target.name;
  }
}

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** A substring in any case (as MongoDB's `$regex` with option `i`). */
const contains = (s: string) => new RegExp(escapeRegex(s), 'i');

/** The cursor: the sort, and the last row's sort value and id, as base64url JSON (opaque to callers). */
function encodeCursor(sort: ReportSort, value: string, id: string): string {
  return Buffer.from(JSON.stringify([sort, value, id])).toString('base64url');
}

function decodeCursor(cursor: string, sort: ReportSort): { value: string; id: string } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new BadCursorError();
  }
  if (!Array.isArray(parsed) || parsed.length !== 3 || typeof parsed[1] !== 'string' || typeof parsed[2] !== 'string') throw new BadCursorError();
  if (parsed[0] !== sort) throw new BadCursorError(`cursor: made for sort=${String(parsed[0])}, not sort=${sort} (start again without it)`);
  return { value: parsed[1], id: parsed[2] };
}

/** What a row is made of: no text, no mentions, no tables. */
const ROW_SOURCE = { _id: 1, updatedAt: 1, status: 1, source: 1, meta: 1, metrics: 1, findings: 1, failure: 1 } as const;

/**
 * Keeps `report_list` (one ListRow per report, report.row.ts) in step with
 * `reports`: the store calls it after each write that changes what the list
 * or the agency views show (report.store.ts), then tells the change feed
 * (row.feed.ts) which row it wrote. A stage that only moves a report along
 * sets three fields, a failure four; intake writes the row it created, and
 * the final stage the row of the fields it stores (the handoff brings every
 * stage's output there); only a new run, a replay and a final stage without
 * them read the report (by _id). `sync` rebuilds what is missing or of an
 * older shape (documents written around the store, an older database).
 */
export class ReportList {
  private feed: RowFeed | null = null;

  constructor(
    readonly rows: Collection<ListRow>,
    private readonly reports: Collection<Report>,
    private readonly spills: SpillStore,
  ) {}

  /** A report as a row needs it: without text, mentions and the like; spilled and packed fields restored. */
  private async decoded(doc: Document): Promise<Report> {
    return decodeStorable(unpackFields(await this.spills.restore(doc))) as Report;
  }

  useFeed(feed: RowFeed | null): void {
    this.feed = feed;
  }

  async ensureIndexes(): Promise<void> {
    await this.rows.createIndex({ v: 1 });
  }

  /** Tells the feed; a lost notice is caught by the readers' reload, never fails the write. */
  private async told(id: string): Promise<void> {
    await this.feed?.changed(id).catch(() => {});
  }

  /** A report arrived under `name` (the search finds it by any of its names). */
  async named(id: string, name: string): Promise<void> {
    await this.feed?.alias(id, name).catch(() => {});
  }

  /** Writes a report's whole row. */
  async put(row: ListRow): Promise<void> {
    await this.rows.replaceOne({ _id: row._id }, row, { upsert: true });
    await this.told(row._id);
  }

  /** Copies one report's row from the report (gone: the row goes too). */
  async refresh(id: string): Promise<void> {
    const doc = await this.reports.findOne({ _id: id }, { projection: ROW_SOURCE });
    if (doc) await this.rows.replaceOne({ _id: id }, listRowOf(await this.decoded(doc)), { upsert: true });
    else await this.rows.deleteOne({ _id: id });
    await this.told(id);
  }

  /** The final stage stored `fields` (status included): the row from them when they hold every part of it, else from the report. */
  async finished(id: string, fields: Partial<Report>, at: string): Promise<void> {
    if (!fields.meta || !fields.metrics || !fields.findings || !fields.status) return this.refresh(id);
    const parts = rowPartsOf({ ...fields, status: fields.status, updatedAt: at, failure: null });
    const r = await this.rows.updateOne({ _id: id }, { $set: { ...parts, v: ROW_VERSION } });
    if (r.matchedCount === 0) return this.refresh(id); // a report from before the rows: its name and arrival are on the report
    await this.told(id);
  }

  /** A stage moved the report along: processing, at `at`. */
  async moved(id: string, at: string): Promise<void> {
    await this.rows.updateOne({ _id: id }, { $set: { status: 'processing', updatedAt: at, failedStage: null, failure: null } });
    await this.told(id);
  }

  /** The report failed. */
  async failed(id: string, failure: ReportFailure): Promise<void> {
    await this.rows.updateOne({ _id: id }, { $set: { status: 'failed', updatedAt: failure.at, failedStage: failure.stage, failure } });
    await this.told(id);
  }

  /**
   * At a start: `sync` unless a previous one already brought this database's
   * rows to this shape (a marker read by _id; counting on FerretDB reads every
   * document, seconds at 10,000 reports); returns the rows written.
   */
  async syncOnce(): Promise<number> {
    const state = this.rows.db.collection<{ _id: string; v: number; at: string }>('report_list_state');
    if ((await state.findOne({ _id: 'rows' }))?.v === ROW_VERSION) return 0;
    const n = await this.sync();
    await state.replaceOne({ _id: 'rows' }, { v: ROW_VERSION, at: new Date().toISOString() }, { upsert: true });
    return n;
  }

  /**
   * Rebuilds every row when the rows of this shape and the reports differ in
   * number (reads every report: for a database written around the store or
   * by an older version, never on a request); returns the rows written.
   */
  async sync(): Promise<number> {
    const [rows, reports] = await Promise.all([this.rows.countDocuments({ v: ROW_VERSION }), this.reports.estimatedDocumentCount()]);
    if (rows === reports) return 0;
    let n = 0;
    let batch: ListRow[] = [];
    const flush = async () => {
      if (batch.length === 0) return;
      await this.rows.bulkWrite(batch.map((row) => ({ replaceOne: { filter: { _id: row._id }, replacement: row, upsert: true } })), { ordered: false });
      n += batch.length;
      batch = [];
    };
    for await (const doc of this.reports.find({}, { projection: ROW_SOURCE }).batchSize(500)) {
      batch.push(listRowOf(await this.decoded(doc)));
      if (batch.length >= 500) await flush();
    }
    await flush();
    await this.feed?.reloadAll().catch(() => {});
    return n;
  }
}

/**
 * Reads of the reports list, a page at a time, from the rows in memory
 * (row.mirror.ts): filters (status, agency as a substring, year, finding
 * rule, failed stage), a free search, and keyset paging on a field every
 * report has plus `_id` (stable: a report that changes while someone pages
 * moves, but no row is shown twice on one page walk nor skipped, unlike
 * skip/limit).
 */
export class ReportPages {
  constructor(private readonly mirror: RowMirror) {}

  /** The test of everything but the cursor. */
  private matcher(q: Omit<ReportPageQuery, 'sort' | 'limit' | 'cursor'>, m: RowMirror): (r: ListRow) => boolean {
    const tests: Array<(r: ListRow) => boolean> = [];
    if (q.status === 'done') tests.push((r) => isDone(r.status as ReportStatus));
    else if (q.status) tests.push((r) => r.status === q.status);
    if (q.agency) {
      const re = contains(q.agency);
      tests.push((r) => r.agency !== null && re.test(r.agency));
    }
    if (q.year !== undefined) tests.push((r) => r.year === q.year);
    if (q.rule) tests.push((r) => r.rules.includes(q.rule!));
    if (q.failedStage) tests.push((r) => r.failedStage === q.failedStage);
    if (q.q) tests.push(searchTest(q.q, m));
    return (r) => tests.every((t) => t(r));
  }

  async page(q: ReportPageQuery = {}): Promise<ReportPage> {
    const sort = q.sort ?? '-updatedAt';
    const desc = sort.startsWith('-');
    const field = SORT_FIELD[sort.replace(/^-/, '')]!;
    const limit = Math.max(1, Math.min(q.limit ?? 50, 500));
    const after = q.cursor ? decodeCursor(q.cursor, sort) : null;
    const m = await this.mirror.fresh();
    const keep = this.matcher(q, m);
    const ordered = m.orderedBy(field);
    const items: ListRow[] = [];
    let more = false;
    for (let k = 0; k < ordered.length; k++) {
      const r = ordered[desc ? ordered.length - 1 - k : k]!;
      if (after && !isAfter(r, field, after, desc)) continue;
      if (!keep(r)) continue;
      if (items.length === limit) {
        more = true;
        break;
      }
      items.push(r);
    }
    const last = items.at(-1);
    return { items, sort, next: more && last ? encodeCursor(sort, last[field], last._id) : null };
  }

  /** How many reports match (the whole listing, not a page). */
  async count(q: Omit<ReportPageQuery, 'sort' | 'limit' | 'cursor'> = {}): Promise<number> {
    const m = await this.mirror.fresh();
    const keep = this.matcher(q, m);
    let n = 0;
    for (const r of m.orderedBy('updatedAt')) if (keep(r)) n++;
    return n;
  }

  /**
   * Reports by status and findings by rule, from the rows: what /metrics and
   * the status show, at every scrape and dashboard poll. An aggregation over
   * `reports` decodes every ~200 KB document on FerretDB (5,000 reports: a
   * gigabyte of JSON per scrape); the rows are in memory and kept fresh.
   */
  async tallies(): Promise<{ byStatus: Record<string, number>; byRule: Record<string, number> }> {
    const m = await this.mirror.fresh();
    const byStatus: Record<string, number> = {};
    const byRule: Record<string, number> = {};
    for (const r of m.orderedBy('updatedAt')) {
      byStatus[r.status] = (byStatus[r.status] ?? 0) + 1;
      for (const f of r.findings) byRule[f.rule] = (byRule[f.rule] ?? 0) + 1;
    }
    return { byStatus, byRule };
  }

  /**
   * When an agency filter finds nothing: up to `max` known agencies sharing
   * two characters in a row with it (e.g. 平潭 → 平潭综合实验区管委会 when the
   * report says so), for a "did you mean" hint.
   */
  async agencyHints(agency: string, max = 5): Promise<string[]> {
    const grams = new Set<string>();
    const a = agency.trim();
    for (let i = 0; i + 2 <= a.length; i++) grams.add(a.slice(i, i + 2));
    if (grams.size === 0 && a.length > 0) grams.add(a);
    const known = (await this.mirror.fresh()).agencyNames();
    const scored = known
      .map((k) => ({ k, n: [...grams].filter((g) => k.includes(g)).length }))
      .filter((x) => x.n > 0)
      .sort((x, y) => y.n - x.n || x.k.localeCompare(y.k));
    return scored.slice(0, max).map((x) => x.k);
  }
}

/** Past the cursor in the listing's order: after its value, or at its value and after its id. */
function isAfter(r: ListRow, field: SortField, after: { value: string; id: string }, desc: boolean): boolean {
  const v = r[field];
  if (v !== after.value) return desc ? v < after.value : v > after.value;
  return desc ? r._id < after.id : r._id > after.id;
}

/** What a free search matches: an id prefix, the file name or any name it arrived under, the agency, the title. */
function searchTest(raw: string, m: RowMirror): (r: ListRow) => boolean {
  const term = raw.trim();
  const hex = term.toLowerCase();
  const prefix = /^[0-9a-f]{4,64}$/.test(hex) ? hex : null;
  const re = contains(term);
  const has = (s: string | null) => s !== null && re.test(s);
  return (r) => (prefix !== null && r._id.startsWith(prefix)) || has(r.name) || has(r.agency) || has(r.title) || has(r.inferredTitle) || m.namesOf(r._id).some(has);
}
