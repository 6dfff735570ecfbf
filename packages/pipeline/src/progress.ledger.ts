import { STAGES, type StageName } from '@gongkai/core';
import type { Redis } from 'ioredis';

/** The last confirmed step of one in-flight report. */
export interface Progress {
  reportId: string;
  runId: string;
  /** The last stage whose output was stored ('intake' before decode). */
  stage: StageName | 'intake';
  /** The job that should carry the report on, or null after validate. */
  next: { stage: StageName; jobId: string } | null;
  heal: number;
  /** A job of this run was retried or taken over after a stall: its late writes may have clobbered later ones. */
  risk: boolean;
  at: number;
  /**
   * The run is done, but the context refreshes its last stage queues (other
   * reports whose result depends on this one, stage.context.ts) could not be
   * queued: MongoDB was away while the stage read the neighbours. The sweeper
   * queues them once the report checks out (`refreshOwed`).
   */
  refresh?: true;
}

/**
 * ProgressLedger.advance: KEYS hash, due; ARGV reportId, runId, risk, last step, record if safe, record at risk, due at,
 * the step's order (heal, then stage: its place among ARGV[10], the steps in run order, comma-separated), its stage.
 */
const ADVANCE = `
local risk = ARGV[3] == '1'
local prev = redis.call('HGET', KEYS[1], ARGV[1])
if prev then
  local ok, p = pcall(cjson.decode, prev)
  if ok and p.runId == ARGV[2] then
    risk = risk or p.risk == true
    local function place(stage)
      local i = 0
      for s in string.gmatch(ARGV[10], '[^,]+') do
        if s == stage then return i end
        i = i + 1
      end
      return -1
    end
    local heal, prevHeal = tonumber(ARGV[8]) or 0, tonumber(p.heal) or 0
    if prevHeal > heal or (prevHeal == heal and place(p.stage) > place(ARGV[9])) then
      return risk and 1 or 0
    end
  end
end
if ARGV[4] == '1' and not risk then
  redis.call('HDEL', KEYS[1], ARGV[1])
  redis.call('ZREM', KEYS[2], ARGV[1])
  return 0
end
redis.call('HSET', KEYS[1], ARGV[1], risk and ARGV[6] or ARGV[5])
redis.call('ZADD', KEYS[2], ARGV[7], ARGV[1])
return risk and 1 or 0
`;

/**
 * ProgressLedger.owe: KEYS hash, due; ARGV reportId, runId, the record to write when there is none, due at. A record of
 * the same run gets `refresh` set; one of another run (a newer run in flight, whose own last stage refreshes) is left.
 */
const OWE = `
local prev = redis.call('HGET', KEYS[1], ARGV[1])
local rec = ARGV[3]
if prev then
  local ok, p = pcall(cjson.decode, prev)
  if ok then
    if p.runId ~= ARGV[2] then return 0 end
    p.refresh = true
    rec = cjson.encode(p)
  end
end
redis.call('HSET', KEYS[1], ARGV[1], rec)
redis.call('ZADD', KEYS[2], ARGV[4], ARGV[1])
return 1
`;

/** The steps of a run in order (a step is the last stage done). */
const STEP_ORDER = ['intake', ...STAGES].join(',');

/**
 * A small Redis-side ledger of every report in flight: its last confirmed
 * step and the job expected next, due for a check at a given time. Cheap to
 * keep (one hash field and one sorted-set member per report, removed when
 * the report is done), and what lets the sweeper find reports whose progress
 * was lost without scanning MongoDB.
 */
export class ProgressLedger {
  private readonly hash: string;
  private readonly due: string;
  /** ADVANCE by its SHA (EVALSHA; ioredis sends the script once per connection on NOSCRIPT) rather than the whole script each call. */
  private readonly advanceScript: (...args: string[]) => Promise<number>;
  private readonly oweScript: (...args: string[]) => Promise<number>;

  constructor(
    private readonly redis: Redis,
    prefix: string,
  ) {
    this.hash = `${prefix}:progress`;
    this.due = `${prefix}:progress:due`;
    redis.defineCommand('gongkaiProgressAdvance', { numberOfKeys: 2, lua: ADVANCE });
    const command = (redis as unknown as { gongkaiProgressAdvance: (...args: string[]) => Promise<number> }).gongkaiProgressAdvance;
    this.advanceScript = command.bind(redis);
    redis.defineCommand('gongkaiProgressOwe', { numberOfKeys: 2, lua: OWE });
    this.oweScript = (redis as unknown as { gongkaiProgressOwe: (...args: string[]) => Promise<number> }).gongkaiProgressOwe.bind(redis);
  }

  async get(reportId: string): Promise<Progress | null> {
    const raw = await this.redis.hget(this.hash, reportId);
    return raw ? (JSON.parse(raw) as Progress) : null;
  }

  /** Records a step and when to look at the report again. */
  async record(p: Progress, dueAt: number): Promise<void> {
    await this.redis.multi().hset(this.hash, p.reportId, JSON.stringify(p)).zadd(this.due, dueAt, p.reportId).exec();
  }

  /**
   * A stage's step, in one round trip: the record of `p` is written (due at
   * `dueAt`) or, for a run's last step without risk, the report leaves the
   * ledger. The step is at risk when `p.risk` says so or an earlier record of
   * the same run did (a retried job earlier in the run: its late write may
   * yet erase later outputs). Returns whether it is at risk.
   *
   * A step never goes back: one older than the run's recorded step (an
   * earlier stage of the same heal, or of an earlier heal) is dropped. A
   * stage queues the next job before it records its step, so the next stage
   * can run and record its own first; under load the late, older step then
   * said "segment done, extract expected" of a run whose extract was long
   * done, and the sweeper healed it (85 heals in a 5,000 soak).
   */
  async advance(p: Progress, dueAt: number): Promise<boolean> {
    const atRisk = JSON.stringify({ ...p, risk: true });
    const safe = JSON.stringify({ ...p, risk: false });
    const r = await this.advanceScript(
      this.hash, this.due,
      p.reportId, p.runId, p.risk ? '1' : '0', p.next ? '0' : '1', safe, atRisk, String(dueAt), String(p.heal), p.stage, STEP_ORDER,
    );
    return r === 1;
  }

  /**
   * Notes that a done run's context refreshes are owed (`Progress.refresh`),
   * due at `dueAt`: the run's record gets the flag, or a new record is
   * written from `p` when the run has left the ledger. False (nothing
   * written) when the ledger holds another run of the report.
   */
  async owe(p: Progress, dueAt: number): Promise<boolean> {
    return (await this.oweScript(this.hash, this.due, p.reportId, p.runId, JSON.stringify({ ...p, refresh: true }), String(dueAt))) === 1;
  }

  async clear(reportId: string): Promise<void> {
    await this.redis.multi().hdel(this.hash, reportId).zrem(this.due, reportId).exec();
  }

  async reschedule(reportId: string, dueAt: number): Promise<void> {
    await this.redis.zadd(this.due, 'XX', dueAt, reportId);
  }

  /** Reports due for a check, oldest first. */
  async dueBefore(at: number, limit: number): Promise<Progress[]> {
    const ids = await this.redis.zrangebyscore(this.due, '-inf', at, 'LIMIT', 0, limit);
    if (ids.length === 0) return [];
    const raws = await this.redis.hmget(this.hash, ...ids);
    const out: Progress[] = [];
    for (const [i, raw] of raws.entries()) {
      if (raw) out.push(JSON.parse(raw) as Progress);
      else await this.redis.zrem(this.due, ids[i]!);
    }
    return out;
  }

  async size(): Promise<number> {
    return this.redis.zcard(this.due);
  }

  /** Takes the sweeper's lock for `ms` (one sweeper at a time across processes). */
  async lock(owner: string, ms: number): Promise<boolean> {
    return (await this.redis.set(`${this.due}:lock`, owner, 'PX', ms, 'NX')) === 'OK';
  }
}
