/**
 * Runs pure stages in a worker thread, so CPU-heavy input never blocks the
 * event loop that renews BullMQ's job locks, and a pathological file can be
 * stopped (timeout) or contained (memory limit) without killing the worker.
 */
import { PipelineError, type StageName } from '@gongkai/core';
import { STAGE_REGISTRY, runStage, type StageContext } from '@gongkai/stages';
import { deserialize, serialize } from 'node:v8';
import { parentPort, workerData } from 'node:worker_threads';

export interface ThreadRequest {
  id: number;
  stage: StageName;
  /** The input, but for the earlier outputs in `packed`. */
  input: Record<string, unknown> | unknown;
  /** Earlier outputs as their V8 bytes (from the handoff, transferred): deserialized here, never cloned on the way. */
  packed?: Partial<Record<StageName, Uint8Array>>;
  context: StageContext;
}

/**
 * `output`: the stage's output as its V8 bytes (transferred: the caller
 * deserializes it and hands the same bytes on). `at`: when the stage started
 * and ended on the thread (epoch ms), so the caller can tell the run from the hop.
 */
export type ThreadReply =
  | { id: number; ok: true; output: Uint8Array; at: [number, number] }
  | { id: number; ok: false; error: { name: string; message: string; code: string; retryable: boolean; stack: string | null } };

/** `bytes` alone in its ArrayBuffer (so transferring the buffer moves these bytes and nothing else). */
function owned(bytes: Uint8Array): Uint8Array {
  if (bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength) return bytes;
  const own = new Uint8Array(bytes.byteLength);
  own.set(bytes);
  return own;
}

// the stage this thread is for, if known, loads now rather than on its first report
const warm = (workerData as { warm?: StageName } | undefined)?.warm;
if (warm) await STAGE_REGISTRY[warm].warm?.().catch(() => {}); // a failure shows on the first report instead

parentPort?.on('message', async (req: ThreadRequest) => {
  let reply: ThreadReply;
  try {
    // the inputs' deserialization and the output's serialization are the hop's, as a structured clone's were
    const packed = Object.entries(req.packed ?? {}).map(([stage, bytes]) => [stage, deserialize(bytes)] as const);
    const input = packed.length > 0 ? { ...(req.input as Record<string, unknown>), ...Object.fromEntries(packed) } : req.input;
    const t0 = performance.timeOrigin + performance.now();
    const output = await runStage(req.stage, input as never, req.context);
    const at: [number, number] = [t0, performance.timeOrigin + performance.now()];
    reply = { id: req.id, ok: true, output: owned(serialize(output)), at };
  } catch (err) {
    const e = err instanceof PipelineError ? err : new PipelineError('STAGE_BUG', String(err));
    reply = { id: req.id, ok: false, error: { name: e.name, message: e.message, code: e.code, retryable: e.retryable, stack: e.stack ?? null } };
  }
  parentPort?.postMessage(reply, reply.ok ? [reply.output.buffer as ArrayBuffer] : []);
});
