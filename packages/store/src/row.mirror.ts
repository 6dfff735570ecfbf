import type { Collection } from 'mongodb';
import { AgencyIndex } from './agency.index.ts';
import { agencyRowOf, ROW_VERSION, type ListRow } from './report.row.ts';
import { msOfId, type RowFeed } from './row.feed.ts';
import type { SourceRecord } from './source.store.ts';

export interface RowMirrorOptions {
  /** Without a feed: a read later than this after the last load starts another in the background. @defaultValue 2000 ms */
  maxAgeMs?: number;
  /** More changed rows than this in one read of the feed: load them all instead of one by one. @defaultValue 500 */
  maxChanged?: number;
}

/**
 * Every report's row (`report_list`) and every name it arrived under
 * (`sources`), in memory, for the reports list and the agency views. On
 * the embedded FerretDB any query but a lookup by _id reads and decodes
 * every document of its collection, so the rows are read once (one scan of
 * the small collection), then kept fresh from the store's change feed
 * (row.feed.ts): each read first reads the feed's new entries (one Redis
 * call when nothing changed) and re-reads the rows they name, by _id. So a
 * row written before a read started is in that read's answer. Without a
 * feed (no Redis), a read older than `maxAgeMs` reloads everything in the
 * background.
 */
export class RowMirror {
  private rowsById = new Map<string, ListRow>();
  private aliasNames = new Map<string, string[]>();
  private index = new AgencyIndex();
  private sorted = new Map<string, ListRow[]>();
  private feed: RowFeed | null = null;
  private epoch: string | null = null;
  private position = '0-0';
  private loaded = false;
  private loadedAt = 0;
  /** A feed read failed (Redis away): what was written meanwhile may be missing from it, so the next read loads everything. */
  private mustReload = false;
  private running: Promise<void> | null = null;
  private queued: Promise<void> | null = null;
  private readonly maxAgeMs: number;
  private readonly maxChanged: number;
  /** How long the last full load took (ms) and how many rows it read. */
  lastLoad = { ms: 0, rows: 0 };

  constructor(
    private readonly coll: Collection<ListRow>,
    private readonly sources: Collection<SourceRecord>,
    opts: RowMirrorOptions = {},
  ) {
    this.maxAgeMs = opts.maxAgeMs ?? 2000;
    this.maxChanged = opts.maxChanged ?? 500;
  }

  useFeed(feed: RowFeed | null): void {
    this.feed = feed;
    this.loaded = false;
  }

  /** Brought up to date (loaded the first time), then answers from memory. */
  async fresh(): Promise<this> {
    if (this.feed || !this.loaded) await this.sync();
    else if (Date.now() - this.loadedAt > this.maxAgeMs) void this.sync().catch(() => {}); // the next read tries again
    return this;
  }

  /** One step at a time; a caller arriving during a step waits for the next one (which sees what was written before it came). */
  private sync(): Promise<void> {
    if (!this.running) {
      this.running = this.step().finally(() => {
        this.running = null;
      });
      return this.running;
    }
    this.queued ??= this.running.catch(() => {}).then(() => {
      this.queued = null;
      return this.sync();
    });
    return this.queued;
  }

  private async step(): Promise<void> {
    if (!this.loaded || !this.feed) return this.reload();
    try {
      await (this.mustReload ? this.reload() : this.follow(this.feed));
    } catch {
      // Redis away: answer from the rows in hand; load them all once the feed answers again
      this.mustReload = true;
    }
  }

  /** Applies the feed's entries after our position (or loads everything when the feed cannot say what changed). */
  private async follow(feed: RowFeed): Promise<void> {
    const { epoch, entries, last } = await feed.readAfter(this.position);
    if (epoch !== this.epoch) return this.reload();
    if (entries.length === 0) {
      this.position = last;
      return;
    }
    // entries older than the retention are trimmed: a position that old may have missed some
    if (msOfId(this.position) < msOfId(last) - feed.retentionMs) return this.reload();
    if (entries.some((e) => e.kind === 'reload')) return this.reload();
    const ids = [...new Set(entries.flatMap((e) => (e.kind === 'row' ? [e.id] : [])))];
    if (ids.length > this.maxChanged) return this.reload();
    const rows = await mapLimited(ids, 8, (id) => this.coll.findOne({ _id: id }));
    ids.forEach((id, i) => this.put(id, rows[i] ?? null));
    for (const e of entries) if (e.kind === 'alias') this.addAlias(e.id, e.name);
    this.position = last;
  }

  /** Reads every row and every alias (the feed's position taken first: what is written during the read is read again after). */
  async reload(): Promise<void> {
    const started = Date.now();
    let epoch: string | null = null;
    let position = '0-0';
    let positioned = true;
    if (this.feed) {
      try {
        epoch = await this.feed.epoch();
        position = await this.feed.mark();
      } catch (err) {
        if (this.loaded) throw err; // keep the rows in hand until the feed can say where they stand
        positioned = false; // the first load goes on without it, and is done again once the feed answers
      }
    }
    const rows = new Map<string, ListRow>();
    const index = new AgencyIndex();
    for await (const row of this.coll.find({}).batchSize(1000)) rows.set(row._id, kept(row, index));
    const aliases = new Map<string, string[]>();
    for await (const s of this.sources.find({ uri: { $exists: true } }, { projection: { reportId: 1, name: 1 } }).batchSize(1000)) {
      if (s.name) (aliases.get(s.reportId) ?? aliases.set(s.reportId, []).get(s.reportId)!).push(s.name);
    }
    // all at once, after the reads: a reader meanwhile sees the rows before or after, never half of them
    this.rowsById = rows;
    this.aliasNames = aliases;
    this.index = index;
    this.sorted.clear();
    this.epoch = epoch;
    this.position = position;
    this.loaded = true;
    this.mustReload = !positioned;
    this.loadedAt = started;
    this.lastLoad = { ms: Date.now() - started, rows: rows.size };
  }

  private put(id: string, row: ListRow | null): void {
    if (row) this.rowsById.set(id, kept(row, this.index));
    else {
      this.rowsById.delete(id);
      this.index.put(id, null);
    }
    this.sorted.clear();
  }

  private addAlias(id: string, name: string): void {
    const names = this.aliasNames.get(id) ?? this.aliasNames.set(id, []).get(id)!;
    if (!names.includes(name)) names.push(name);
  }

  get size(): number {
    return this.rowsById.size;
  }

  /** Rows of an older shape than this version writes (to be rebuilt from their reports). */
  get outdated(): number {
    let n = 0;
    for (const r of this.rowsById.values()) if (r.v !== ROW_VERSION) n++;
    return n;
  }

  get agencies(): AgencyIndex {
    return this.index;
  }

  /** Every row ordered by `field` then `_id`, ascending (kept until a row changes). */
  orderedBy(field: 'updatedAt' | 'receivedAt' | 'name'): readonly ListRow[] {
    let list = this.sorted.get(field);
    if (!list) {
      list = [...this.rowsById.values()].sort((a, b) => cmp(a[field], b[field]) || cmp(a._id, b._id));
      this.sorted.set(field, list);
    }
    return list;
  }

  /** The names a report arrived under (first name and aliases). */
  namesOf(id: string): readonly string[] {
    return this.aliasNames.get(id) ?? [];
  }

  /** The distinct agencies the rows name. */
  agencyNames(): string[] {
    return [...new Set([...this.rowsById.values()].map((r) => r.agency).filter((a): a is string => !!a))];
  }
}

/** A row as memory keeps it: its agency part goes to the agency index (parsed once), not kept twice. */
function kept(row: ListRow, index: AgencyIndex): ListRow {
  index.put(row._id, agencyRowOf(row));
  return { ...row, comparable: '' };
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

async function mapLimited<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}
