/**
 * The Redis commands the feed sends: an ioredis client has `call`, so the
 * store needs no Redis package of its own (the app hands it a connection).
 */
export interface FeedRedis {
  call(command: string, ...args: string[]): Promise<unknown>;
}

/** One change: a report's row was written, a report arrived under a name (an alias), or every row may have changed. */
export type FeedEntry = { kind: 'row'; id: string } | { kind: 'alias'; id: string; name: string } | { kind: 'reload' };

export interface FeedRead {
  entries: FeedEntry[];
  /** The id of the last entry read (the position to read after next time), or the one given when nothing was new. */
  last: string;
}

/** The milliseconds part of a stream id (Redis's clock when it was added). */
export const msOfId = (id: string): number => Number(id.split('-')[0]);

const COUNT = 1000;

/**
 * The change feed of `report_list` (a Redis stream): the store appends the
 * id of each row it writes, after the write; every ops process reads the
 * entries after its own position and re-reads those rows by _id, so each
 * replica stays fresh without querying the collection. Entries older than
 * `retentionMs` are trimmed (by id, so in Redis's clock); a reader that
 * fell further behind, or whose Redis lost the stream (its epoch key gone
 * or changed), reloads every row instead.
 */
export class RowFeed {
  private lastMs = 0;
  readonly epochKey: string;

  constructor(
    private readonly redis: FeedRedis,
    readonly key: string,
    readonly retentionMs = 5 * 60_000,
  ) {
    this.epochKey = `${key}:epoch`;
  }

  private async add(fields: string[]): Promise<string> {
    // trimmed to what is younger than the retention, measured from this writer's previous entry ('~': whole nodes, cheap)
    const trim = this.lastMs > 0 ? ['MINID', '~', String(Math.max(0, this.lastMs - this.retentionMs))] : [];
    const id = String(await this.redis.call('XADD', this.key, ...trim, '*', ...fields));
    this.lastMs = msOfId(id);
    return id;
  }

  /** A report's row was written (or deleted). */
  async changed(id: string): Promise<void> {
    await this.add(['k', 'row', 'id', id]);
  }

  /** A report arrived under `name` (its first name or another one: an alias the search finds). */
  async alias(id: string, name: string): Promise<void> {
    await this.add(['k', 'alias', 'id', id, 'name', name]);
  }

  /** Rows were written in bulk (a rebuild): readers load every row again. */
  async reloadAll(): Promise<void> {
    await this.add(['k', 'reload']);
  }

  /** A reader's position: an entry of its own, after everything added before (readers skip it). */
  mark(): Promise<string> {
    return this.add(['k', 'mark']);
  }

  /** The feed's epoch: set by the first reader, gone when Redis loses its data. */
  async epoch(): Promise<string> {
    await this.redis.call('SET', this.epochKey, `${Date.now()}-${Math.random().toString(36).slice(2)}`, 'NX');
    return String(await this.redis.call('GET', this.epochKey));
  }

  /** The epoch and every entry after `after`: one round trip when fewer than a batch are new. */
  async readAfter(after: string): Promise<FeedRead & { epoch: string | null }> {
    const [epoch, first] = (await this.redis.call('EVAL', POLL, '2', this.key, this.epochKey, String(COUNT), after)) as [string | null, XReadReply];
    const entries: FeedEntry[] = [];
    let last = after;
    let batch = first?.[0]?.[1] ?? [];
    for (;;) {
      for (const [id, flat] of batch) {
        last = id;
        const entry = entryOf(flat);
        if (entry) entries.push(entry);
      }
      if (batch.length < COUNT) return { epoch: typeof epoch === 'string' ? epoch : null, entries, last };
      const more = (await this.redis.call('XREAD', 'COUNT', String(COUNT), 'STREAMS', this.key, last)) as XReadReply;
      batch = more?.[0]?.[1] ?? [];
    }
  }
}

type XReadReply = Array<[string, Array<[string, string[]]>]> | null;

/** The epoch and the first entries after ARGV[2], in one call. */
const POLL = `local e = redis.call('GET', KEYS[2])
local r = redis.call('XREAD', 'COUNT', ARGV[1], 'STREAMS', KEYS[1], ARGV[2])
return {e, r}`;

function entryOf(flat: string[]): FeedEntry | null {
  const f: Record<string, string> = {};
  for (let i = 0; i + 1 < flat.length; i += 2) f[flat[i]!] = flat[i + 1]!;
  if (f['k'] === 'row' && f['id']) return { kind: 'row', id: f['id'] };
  if (f['k'] === 'alias' && f['id']) return { kind: 'alias', id: f['id'], name: f['name'] ?? '' };
  if (f['k'] === 'reload') return { kind: 'reload' };
  return null; // a reader's mark
}
