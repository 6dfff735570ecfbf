import type { StageName, StageOutputs } from '@gongkai/core';
import type { Redis } from 'ioredis';
import { deserialize, serialize } from 'node:v8';
import { deflateRawSync, inflateRawSync } from 'node:zlib';

export interface HandoffOptions {
  /** How long a stage output waits for the stages after it; 0 turns the handoff off. @defaultValue 900 */
  ttlSec: number;
  /** Outputs bigger than this (compressed) go to MongoDB instead. @defaultValue 2 MiB */
  maxBytes: number;
}

export const HANDOFF_DEFAULTS: HandoffOptions = { ttlSec: 900, maxBytes: 2 * 1024 * 1024 };

/**
 * Stage outputs on their way to the next stages, in Redis: what decode,
 * segment and extract produce is handed on here, and the report document
 * gets only the stage's run record until validate writes every field in one
 * update. On FerretDB each stage reading the growing document back and
 * rewriting it whole was most of the pipeline's cost (83 ms of FerretDB CPU
 * per report, 59% of all CPU; measured in `npm run bench -- pipeline`).
 *
 * A cache, never the only copy that matters: every output can be computed
 * again from the stored raw file, so a key that is gone (expired, Redis
 * restarted between two AOF syncs, too big to hand off) means the stage
 * reads MongoDB instead, and where MongoDB does not have it either, the
 * worker's lost-input path re-runs the stage that made it.
 */
export class HandoffCache {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    readonly opts: HandoffOptions = HANDOFF_DEFAULTS,
  ) {}

  get enabled(): boolean {
    return this.opts.ttlSec > 0;
  }

  private key(reportId: string, runId: string, stage: StageName): string {
    return `${this.prefix}:handoff:${reportId}:${runId}:${stage}`;
  }

  /** Hands an output on; false when it is too big (or the handoff is off) and must be stored instead. */
  async put<S extends StageName>(reportId: string, runId: string, stage: S, output: StageOutputs[S]): Promise<boolean> {
    if (!this.enabled) return false;
    const bytes = deflateRawSync(serialize(output), { level: 1 });
    if (bytes.length > this.opts.maxBytes) return false;
    await this.redis.set(this.key(reportId, runId, stage), bytes, 'EX', this.opts.ttlSec);
    return true;
  }

  /** The outputs of `stages` still handed on for this run (absent ones are left out). */
  async get(reportId: string, runId: string, stages: readonly StageName[]): Promise<Partial<StageOutputs>> {
    if (!this.enabled || stages.length === 0) return {};
    const values = await this.redis.mgetBuffer(...stages.map((s) => this.key(reportId, runId, s)));
    const out: Partial<StageOutputs> = {};
    for (const [i, v] of values.entries()) {
      if (v) (out as Record<string, unknown>)[stages[i]!] = deserialize(inflateRawSync(v));
    }
    return out;
  }

  /** Drops a run's outputs once they are stored. */
  async clear(reportId: string, runId: string, stages: readonly StageName[]): Promise<void> {
    if (!this.enabled || stages.length === 0) return;
    await this.redis.del(...stages.map((s) => this.key(reportId, runId, s)));
  }
}
