import type { DeferredRun, StageName, StageOutputs } from '@gongkai/core';
import type { Redis } from 'ioredis';
import { deserialize, serialize } from 'node:v8';
import { deflateRawSync, inflateRawSync } from 'node:zlib';

export interface HandoffOptions {
  /** How long a stage output waits for the stages after it; 0 turns the handoff off. @defaultValue 900 */
  ttlSec: number;
  /** Outputs bigger than this (compressed) go to MongoDB instead. @defaultValue 2 MiB */
  maxBytes: number;
}

/** Marks a handoff entry (an output with its run record) apart from a bare output an older version handed on. */
const ENTRY = '__gongkaiHandoff';

interface HandoffEntry {
  [ENTRY]: 1;
  output: unknown;
  deferred?: DeferredRun;
}

const isEntry = (v: unknown): v is HandoffEntry => typeof v === 'object' && v !== null && (v as Record<string, unknown>)[ENTRY] === 1;

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

  /**
   * Hands an output on; false when it is too big (or the handoff is off) and
   * must be stored instead. `deferred`: the run record of the stage that made
   * it, kept with the output until the run's last stage stores both.
   */
  async put<S extends StageName>(reportId: string, runId: string, stage: S, output: StageOutputs[S], deferred?: DeferredRun): Promise<boolean> {
    if (!this.enabled) return false;
    const entry: HandoffEntry = { [ENTRY]: 1, output, ...(deferred ? { deferred } : {}) };
    const bytes = deflateRawSync(serialize(entry), { level: 1 });
    if (bytes.length > this.opts.maxBytes) return false;
    await this.redis.set(this.key(reportId, runId, stage), bytes, 'EX', this.opts.ttlSec);
    return true;
  }

  /** The outputs of `stages` still handed on for this run (absent ones are left out). */
  async get(reportId: string, runId: string, stages: readonly StageName[]): Promise<Partial<StageOutputs>> {
    return (await this.take(reportId, runId, stages)).outputs;
  }

  /** The same, with the run records that came with them (`put`'s `deferred`). */
  async take(reportId: string, runId: string, stages: readonly StageName[]): Promise<{ outputs: Partial<StageOutputs>; deferred: DeferredRun[] }> {
    const outputs: Partial<StageOutputs> = {};
    const deferred: DeferredRun[] = [];
    if (!this.enabled || stages.length === 0) return { outputs, deferred };
    const values = await this.redis.mgetBuffer(...stages.map((s) => this.key(reportId, runId, s)));
    for (const [i, v] of values.entries()) {
      if (!v) continue;
      const value = deserialize(inflateRawSync(v)) as unknown;
      // an entry of the version before run records were kept here is the bare output
      const entry: Omit<HandoffEntry, typeof ENTRY> = isEntry(value) ? value : { output: value };
      (outputs as Record<string, unknown>)[stages[i]!] = entry.output;
      if (entry.deferred) deferred.push(entry.deferred);
    }
    return { outputs, deferred };
  }

  /** Drops a run's outputs once they are stored. */
  async clear(reportId: string, runId: string, stages: readonly StageName[]): Promise<void> {
    if (!this.enabled || stages.length === 0) return;
    await this.redis.del(...stages.map((s) => this.key(reportId, runId, s)));
  }
}
