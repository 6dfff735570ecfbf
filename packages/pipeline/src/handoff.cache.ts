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

/** Marks a handoff entry of the previous format (the output and its run record in one V8 value) apart from a bare output. */
const ENTRY = '__gongkaiHandoff';

interface HandoffEntry {
  [ENTRY]: 1;
  output: unknown;
  deferred?: DeferredRun;
}

const isEntry = (v: unknown): v is HandoffEntry => typeof v === 'object' && v !== null && (v as Record<string, unknown>)[ENTRY] === 1;

/**
 * An entry, deflated: `GK` 2, the header's length (u32 LE), the header (V8:
 * the run record), then the output's own V8 serialization. The output's
 * bytes stay apart so they cross to a stage thread as they are (transferred)
 * and a stage thread's serialization of its output is stored as it comes:
 * the main thread never serializes an output again to clone or store it. A
 * V8 value starts with 0xFF, so the older formats are told apart.
 */
const MAGIC = [0x47, 0x4b, 0x02] as const;
const HEAD = MAGIC.length + 4;

function encodeEntry(output: Uint8Array, deferred: DeferredRun | undefined): Buffer {
  const header = serialize(deferred ? { deferred } : {});
  const raw = Buffer.allocUnsafe(HEAD + header.length + output.byteLength);
  raw.set(MAGIC, 0);
  raw.writeUInt32LE(header.length, MAGIC.length);
  raw.set(header, HEAD);
  raw.set(output, HEAD + header.length);
  return deflateRawSync(raw, { level: 1 });
}

/** An entry of any format: the output, its V8 bytes when kept apart, and the run record that came with it. */
function decodeEntry(value: Buffer): { output: unknown; bytes?: Uint8Array; deferred?: DeferredRun } {
  const raw = inflateRawSync(value);
  if (raw.length >= HEAD && MAGIC.every((b, i) => raw[i] === b)) {
    const end = HEAD + raw.readUInt32LE(MAGIC.length);
    const { deferred } = deserialize(raw.subarray(HEAD, end)) as { deferred?: DeferredRun };
    const bytes = raw.subarray(end);
    return { output: deserialize(bytes), bytes, ...(deferred ? { deferred } : {}) };
  }
  const v = deserialize(raw) as unknown;
  // the version before kept the run record beside the output in one value; the one before that, the bare output
  return isEntry(v) ? { output: v.output, ...(v.deferred ? { deferred: v.deferred } : {}) } : { output: v };
}

/** Outputs read from the handoff, with their V8 bytes (`packed`) for a stage thread and the run records that came with them. */
export interface Taken {
  outputs: Partial<StageOutputs>;
  packed: Partial<Record<StageName, Uint8Array>>;
  deferred: DeferredRun[];
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

  /**
   * Hands an output on; false when it is too big (or the handoff is off) and
   * must be stored instead. `deferred`: the run record of the stage that made
   * it, kept with the output until the run's last stage stores both.
   * `serialized`: the output's V8 serialization, when the caller has it (a
   * stage thread's reply), so it is not serialized again here.
   */
  async put<S extends StageName>(reportId: string, runId: string, stage: S, output: StageOutputs[S], deferred?: DeferredRun, serialized?: Uint8Array): Promise<boolean> {
    if (!this.enabled) return false;
    const bytes = encodeEntry(serialized ?? serialize(output), deferred);
    if (bytes.length > this.opts.maxBytes) return false;
    await this.redis.set(this.key(reportId, runId, stage), bytes, 'EX', this.opts.ttlSec);
    return true;
  }

  /** The outputs of `stages` still handed on for this run (absent ones are left out). */
  async get(reportId: string, runId: string, stages: readonly StageName[]): Promise<Partial<StageOutputs>> {
    return (await this.take(reportId, runId, stages)).outputs;
  }

  /** The same, with the outputs' V8 bytes and the run records that came with them (`put`'s `deferred`). */
  async take(reportId: string, runId: string, stages: readonly StageName[]): Promise<Taken> {
    const taken: Taken = { outputs: {}, packed: {}, deferred: [] };
    if (!this.enabled || stages.length === 0) return taken;
    const values = await this.redis.mgetBuffer(...stages.map((s) => this.key(reportId, runId, s)));
    for (const [i, v] of values.entries()) {
      if (!v) continue;
      const stage = stages[i]!;
      const entry = decodeEntry(v);
      (taken.outputs as Record<string, unknown>)[stage] = entry.output;
      if (entry.bytes) taken.packed[stage] = entry.bytes;
      if (entry.deferred) taken.deferred.push(entry.deferred);
    }
    return taken;
  }

  /** Drops a run's outputs once they are stored. */
  async clear(reportId: string, runId: string, stages: readonly StageName[]): Promise<void> {
    if (!this.enabled || stages.length === 0) return;
    await this.redis.del(...stages.map((s) => this.key(reportId, runId, s)));
  }
}
