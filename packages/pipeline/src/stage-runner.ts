import { BadInputError, PipelineError, TransientError, isErrorCode, type StageName, type StageOutputs } from '@gongkai/core';
import type { StageContext, StageInputs } from '@gongkai/stages';
import { deserialize } from 'node:v8';
import { Worker } from 'node:worker_threads';
import type { ThreadReply, ThreadRequest } from './stage.thread.ts';

export interface StageRunnerOptions {
  /** Threads; one job runs on one thread at a time. @defaultValue 1 */
  threads?: number;
  /** A stage run longer than this is stopped (its thread is replaced) and fails as TIMEOUT. @defaultValue 120000 */
  timeoutMs?: number;
  /** Old-generation heap limit per thread; beyond it the run fails as bad input. @defaultValue 1024 */
  maxHeapMb?: number;
  /** The stage the threads will run, loaded in full when each thread starts. */
  warm?: StageName;
  context: StageContext;
}

interface Slot {
  worker: Worker;
  busy: boolean;
}

/** When a run was posted to its thread, started and ended there, and its reply came back (epoch ms). */
export interface RunTimes {
  posted: number;
  started: number;
  ended: number;
  received: number;
}

/** A run's result: the output, its V8 bytes as the thread made them (for the handoff), and its times. */
export interface RunResult<O = unknown> {
  output: O;
  bytes: Uint8Array;
  times: RunTimes;
}

interface Pending {
  resolve: (v: RunResult) => void;
  posted: number;
  reject: (e: Error) => void;
  timer: NodeJS.Timeout;
  slot: Slot;
}

/** A small pool of stage threads with a per-run timeout and memory limit. */
export class StageRunner {
  private readonly slots: Slot[] = [];
  private readonly waiting: Array<(slot: Slot) => void> = [];
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private closed = false;
  private readonly opts: Required<Omit<StageRunnerOptions, 'context' | 'warm'>> & Pick<StageRunnerOptions, 'context' | 'warm'>;

  constructor(opts: StageRunnerOptions) {
    this.opts = { threads: 1, timeoutMs: 120_000, maxHeapMb: 1024, ...opts };
    for (let i = 0; i < this.opts.threads; i++) this.slots.push(this.spawn());
  }

  private spawn(): Slot {
    const worker = new Worker(new URL('./stage-thread.boot.mjs', import.meta.url), {
      resourceLimits: { maxOldGenerationSizeMb: this.opts.maxHeapMb },
      workerData: { compiled: false, warm: this.opts.warm },
    });
    const slot: Slot = { worker, busy: false };
    worker.on('message', (reply: ThreadReply) => this.settle(reply));
    worker.on('error', (err) => this.crash(slot, err));
    worker.on('exit', (code) => {
      if (!this.closed && code !== 0) this.crash(slot, new Error(`stage thread exited with code ${code}`));
    });
    worker.unref();
    return slot;
  }

  private settle(reply: ThreadReply): void {
    const p = this.pending.get(reply.id);
    if (!p) return;
    this.pending.delete(reply.id);
    clearTimeout(p.timer);
    this.release(p.slot);
    if (reply.ok) {
      const received = performance.timeOrigin + performance.now();
      let output: unknown;
      try {
        output = deserialize(reply.output);
      } catch (err) {
        // in the message handler, a throw would end the worker process: the run fails instead
        p.reject(new PipelineError('STAGE_BUG', `the stage's output could not be read back from its thread: ${(err as Error).message}`));
        return;
      }
      p.resolve({ output, bytes: reply.output, times: { posted: p.posted, started: reply.at[0], ended: reply.at[1], received } });
    } else {
      const { code, message, name, stack } = reply.error;
      const err = new PipelineError(isErrorCode(code) ? code : 'STAGE_BUG', message);
      Object.defineProperty(err, 'name', { value: name });
      if (stack) err.stack = stack;
      p.reject(err);
    }
  }

  /** A thread died (out of memory, or a crash): fail its run, put a fresh thread in its place. */
  private crash(slot: Slot, err: Error): void {
    const entry = [...this.pending.entries()].find(([, p]) => p.slot === slot);
    const oom = /ERR_WORKER_OUT_OF_MEMORY|out of memory/i.test(`${(err as NodeJS.ErrnoException).code ?? ''} ${err.message}`);
    this.replace(slot);
    if (!entry) return;
    const [id, p] = entry;
    this.pending.delete(id);
    clearTimeout(p.timer);
    p.reject(
      oom
        ? new BadInputError('BAD_INPUT', `the stage ran out of memory on this input (limit ${this.opts.maxHeapMb} MB per run)`, { cause: err })
        : new PipelineError('STAGE_BUG', `the stage thread crashed: ${err.message}`, { cause: err }),
    );
  }

  private replace(slot: Slot): void {
    const i = this.slots.indexOf(slot);
    void slot.worker.terminate().catch(() => {});
    if (i < 0 || this.closed) return;
    const fresh = this.spawn();
    this.slots[i] = fresh;
    this.release(fresh);
  }

  private acquire(): Promise<Slot> {
    const free = this.slots.find((s) => !s.busy);
    if (free) {
      free.busy = true;
      return Promise.resolve(free);
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private release(slot: Slot): void {
    if (!this.slots.includes(slot)) return;
    const next = this.waiting.shift();
    if (next) {
      slot.busy = true;
      next(slot);
    } else slot.busy = false;
  }

  async run<S extends StageName>(stage: S, input: StageInputs[S]): Promise<StageOutputs[S]> {
    return (await this.runTimed(stage, input)).output;
  }

  /**
   * A run, with when it was posted, ran and came back (the thread hop is the
   * rest). `packed`: earlier outputs of `input` that the caller also has as
   * V8 bytes (the handoff's): they cross as those bytes, a copy transferred,
   * instead of a structured clone of the objects.
   */
  async runTimed<S extends StageName>(stage: S, input: StageInputs[S], packed: Partial<Record<StageName, Uint8Array>> = {}): Promise<RunResult<StageOutputs[S]>> {
    if (this.closed) throw new TransientError('TRANSIENT', 'stage runner is closed');
    const slot = await this.acquire();
    const id = this.nextId++;
    // a copy each (a slice of the handoff's inflated buffer, which the caller keeps), moved to the thread
    const crossing = Object.entries(packed).map(([s, bytes]) => [s, new Uint8Array(bytes)] as const);
    const rest = crossing.length > 0 ? Object.fromEntries(Object.entries(input as Record<string, unknown>).filter(([k]) => !(k in packed))) : input;
    return new Promise<RunResult<StageOutputs[S]>>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        this.replace(slot);
        reject(new TransientError('TIMEOUT', `${stage} took longer than ${this.opts.timeoutMs} ms; the run was stopped`));
      }, this.opts.timeoutMs);
      const posted = performance.timeOrigin + performance.now();
      this.pending.set(id, { resolve: resolve as Pending['resolve'], reject, timer, slot, posted });
      const req: ThreadRequest = { id, stage, input: rest, ...(crossing.length > 0 ? { packed: Object.fromEntries(crossing) } : {}), context: this.opts.context };
      slot.worker.ref();
      slot.worker.postMessage(req, crossing.map(([, b]) => b.buffer as ArrayBuffer));
    }).finally(() => {
      for (const s of this.slots) if (!s.busy) s.worker.unref();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const p of this.pending.values()) {
      clearTimeout(p.timer);
      p.reject(new TransientError('TRANSIENT', 'stage runner closed during the run'));
    }
    this.pending.clear();
    await Promise.all(this.slots.map((s) => s.worker.terminate().catch(() => {})));
  }
}
