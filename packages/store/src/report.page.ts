import type { Report, ReportStatus, StageName } from '@gongkai/core';
import type { Collection, Document, Filter } from 'mongodb';
import { unpackFields } from './packed.fields.ts';
import type { SourceRecord } from './source.store.ts';
import { decodeStorable } from './storable.codec.ts';

/** The orders a listing can take: a field that every report has, newest or oldest first; ties broken by `_id` the same way. */
export const REPORT_SORTS = ['-updatedAt', 'updatedAt', '-receivedAt', 'receivedAt', 'name', '-name'] as const;
export type ReportSort = (typeof REPORT_SORTS)[number];

const SORT_FIELD: Record<string, string> = { updatedAt: 'updatedAt', receivedAt: 'receivedAt', name: 'name' };

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
  items: Report[];
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

/** The fields a listing row needs (FerretDB still reads whole documents, but the driver and the page get only these). */
export const LIST_PROJECTION = {
  _id: 1, status: 1, source: 1, updatedAt: 1, createdAt: 1, meta: 1, metrics: 1, failure: 1, pipeline: 1,
  findings: 1,
} as const;

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const contains = (s: string) => ({ $regex: escapeRegex(s), $options: 'i' });

/** The cursor: the sort, and the last row's sort value and id, as base64url JSON (opaque to callers). */
function encodeCursor(sort: ReportSort, value: unknown, id: string): string {
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

const valueAt = (doc: Document, path: string): unknown => path.split('.').reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), doc);

/**
 * One report as the list sees it: what it is filtered, searched and sorted
 * on, in a small document of its own (collection `report_list`). On the
 * embedded FerretDB every query reads and decodes whole documents of the
 * collection it asks (measured: seconds for 10,000 reports of ~30 KB), so
 * the list asks 30-KB reports nothing but the page's own rows, by _id.
 */
export interface ListRow {
  _id: string;
  updatedAt: string;
  receivedAt: string;
  name: string;
  status: string;
  agency: string | null;
  year: number | null;
  title: string | null;
  inferredTitle: string | null;
  rules: string[];
  failedStage: string | null;
}

const ROW_SOURCE = { _id: 1, updatedAt: 1, status: 1, 'source.name': 1, 'source.receivedAt': 1, 'meta.agency': 1, 'meta.year': 1, 'meta.title': 1, 'meta.inferredTitle': 1, 'findings.rule': 1, 'failure.stage': 1 } as const;

export function listRowOf(r: Pick<Report, '_id' | 'updatedAt' | 'status' | 'source'> & Partial<Pick<Report, 'meta' | 'findings' | 'failure'>>): ListRow {
  return {
    _id: r._id, updatedAt: r.updatedAt, receivedAt: r.source.receivedAt, name: r.source.name, status: r.status,
    agency: r.meta?.agency ?? null, year: r.meta?.year ?? null, title: r.meta?.title ?? null, inferredTitle: r.meta?.inferredTitle ?? null,
    rules: [...new Set((r.findings ?? []).map((f) => f.rule))], failedStage: r.failure?.stage ?? null,
  };
}

/**
 * Keeps `report_list` in step with `reports`: the store calls it after each
 * write that changes what the list shows (report.store.ts). A stage that
 * only moves a report along sets two fields; intake, the final stage, a
 * failure and a new run copy the row from the report (one read by _id).
 * `sync` rebuilds what is missing (documents written around the store, an
 * older database), once at the ops server's start.
 */
export class ReportList {
  constructor(
    readonly rows: Collection<ListRow>,
    private readonly reports: Collection<Report>,
  ) {}

  async ensureIndexes(): Promise<void> {
    await Promise.all([
      this.rows.createIndex({ updatedAt: -1, _id: -1 }),
      this.rows.createIndex({ receivedAt: -1, _id: -1 }),
      this.rows.createIndex({ name: 1, _id: 1 }),
      this.rows.createIndex({ status: 1 }),
      this.rows.createIndex({ agency: 1 }),
      this.rows.createIndex({ year: 1 }),
      this.rows.createIndex({ rules: 1 }),
      this.rows.createIndex({ failedStage: 1 }),
    ]);
  }

  /** Copies one report's row from the report (gone: the row goes too). */
  async refresh(id: string): Promise<void> {
    const doc = await this.reports.findOne({ _id: id }, { projection: ROW_SOURCE });
    if (!doc) {
      await this.rows.deleteOne({ _id: id });
      return;
    }
    const row = listRowOf(doc as Report);
    await this.rows.replaceOne({ _id: id }, row, { upsert: true });
  }

  /** A stage moved the report along: processing, at `at`. */
  async moved(id: string, at: string): Promise<void> {
    await this.rows.updateOne({ _id: id }, { $set: { status: 'processing', updatedAt: at, failedStage: null } });
  }

  /** Rebuilds every row when the list and the reports differ in number; returns the rows written. */
  async sync(): Promise<number> {
    const [rows, reports] = await Promise.all([this.rows.countDocuments({}), this.reports.countDocuments({})]);
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
      batch.push(listRowOf(doc as Report));
      if (batch.length >= 500) await flush();
    }
    await flush();
    return n;
  }
}

/**
 * Reads of the reports list, a page at a time: filters (status, agency as a
 * substring, year, finding rule, failed stage), a free search, and keyset
 * paging on a field every report has plus `_id` (stable: a report that
 * changes while someone pages moves, but no row is shown twice on one page
 * walk nor skipped, unlike skip/limit). Written to the query subset FerretDB
 * and MongoDB share.
 */
export class ReportPages {
  private readonly rows: Collection<ListRow>;

  constructor(
    private readonly reports: Collection<Report>,
    private readonly sources: Collection<SourceRecord>,
    list: ReportList,
  ) {
    this.rows = list.rows;
  }

  /** The filter of everything but the cursor (on `report_list`). */
  async filterOf(q: Omit<ReportPageQuery, 'sort' | 'limit' | 'cursor'>): Promise<Filter<ListRow>> {
    const and: Record<string, unknown>[] = [];
    if (q.status === 'done') and.push({ status: { $in: ['valid', 'warnings', 'invalid'] } });
    else if (q.status) and.push({ status: q.status });
    if (q.agency) and.push({ agency: contains(q.agency) });
    if (q.year !== undefined) and.push({ year: q.year });
    if (q.rule) and.push({ rules: q.rule });
    if (q.failedStage) and.push({ failedStage: q.failedStage });
    if (q.q) and.push({ $or: await this.searchClauses(q.q) });
    if (and.length === 0) return {};
    return (and.length === 1 ? and[0] : { $and: and }) as Filter<ListRow>;
  }

  /** What a free search matches: an id prefix, the file name or an alias's, the agency, the title. */
  private async searchClauses(raw: string): Promise<Record<string, unknown>[]> {
    const term = raw.trim();
    const hex = term.toLowerCase();
    const clauses: Record<string, unknown>[] = [
      { name: contains(term) },
      { agency: contains(term) },
      { title: contains(term) },
      { inferredTitle: contains(term) },
    ];
    // an id prefix: a range on _id (its index), from 4 hex characters
    if (/^[0-9a-f]{4,64}$/.test(hex)) clauses.unshift({ _id: { $gte: hex, $lt: `${hex}g` } });
    // the other names of duplicates live in `sources`
    const aliased = await this.sources
      .find({ name: contains(term), uri: { $exists: true } }, { projection: { reportId: 1 } })
      .limit(1000)
      .toArray();
    const ids = [...new Set(aliased.map((a) => a.reportId))];
    if (ids.length > 0) clauses.push({ _id: { $in: ids } });
    return clauses;
  }

  async page(q: ReportPageQuery = {}): Promise<ReportPage> {
    const sort = q.sort ?? '-updatedAt';
    const desc = sort.startsWith('-');
    const field = SORT_FIELD[sort.replace(/^-/, '')]!;
    const limit = Math.max(1, Math.min(q.limit ?? 50, 500));
    const base = await this.filterOf(q);
    let filter: Filter<ListRow> = base;
    if (q.cursor) {
      const { value, id } = decodeCursor(q.cursor, sort);
      const op = desc ? '$lt' : '$gt';
      const after = { $or: [{ [field]: { [op]: value } }, { [field]: value, _id: { [op]: id } }] };
      filter = (Object.keys(base).length === 0 ? after : { $and: [base, after] }) as Filter<ListRow>;
    }
    const dir = desc ? -1 : 1;
    const rows = await this.rows
      .find(filter, { projection: { _id: 1, [field]: 1 } })
      .sort({ [field]: dir, _id: dir })
      .limit(limit + 1)
      .toArray();
    const more = rows.length > limit;
    const shown = rows.slice(0, limit);
    // the page's reports, each by _id (the one lookup FerretDB answers from an index)
    const docs = await Promise.all(shown.map((r) => this.reports.findOne({ _id: r._id }, { projection: LIST_PROJECTION })));
    const items = docs.filter((d): d is NonNullable<typeof d> => !!d).map((d) => decodeStorable(unpackFields(d)) as Report);
    const last = shown.at(-1);
    const lastValue = last ? valueAt(last as Document, field) : undefined;
    return { items, sort, next: more && last && typeof lastValue === 'string' ? encodeCursor(sort, lastValue, last._id) : null };
  }

  /** How many reports match (the whole listing, not a page). */
  async count(q: Omit<ReportPageQuery, 'sort' | 'limit' | 'cursor'> = {}): Promise<number> {
    return this.rows.countDocuments(await this.filterOf(q));
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
    const known = (await this.rows.distinct('agency')) as unknown[];
    const scored = known
      .filter((k): k is string => typeof k === 'string' && k.length > 0)
      .map((k) => ({ k, n: [...grams].filter((g) => k.includes(g)).length }))
      .filter((x) => x.n > 0)
      .sort((x, y) => y.n - x.n || x.k.localeCompare(y.k));
    return scored.slice(0, max).map((x) => x.k);
  }
}
