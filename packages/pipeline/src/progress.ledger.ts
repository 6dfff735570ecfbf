import type { StageName } from '@gongkai/core';
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
}

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

  constructor(
    private readonly redis: Redis,
    prefix: string,
  ) {
    this.hash = `${prefix}:progress`;
    this.due = `${prefix}:progress:due`;
  }

  async get(reportId: string): Promise<Progress | null> {
    const raw = await this.redis.hget(this.hash, reportId);
    return raw ? (JSON.parse(raw) as Progress) : null;
  }

  /** Records a step and when to look at the report again. */
  async record(p: Progress, dueAt: number): Promise<void> {
    await this.redis.multi().hset(this.hash, p.reportId, JSON.stringify(p)).zadd(this.due, dueAt, p.reportId).exec();
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
