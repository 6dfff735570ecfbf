/**
 * Runs pure stages in a worker thread, so CPU-heavy input never blocks the
 * event loop that renews BullMQ's job locks, and a pathological file can be
 * stopped (timeout) or contained (memory limit) without killing the worker.
 */
import { PipelineError, type StageName } from '@gongkai/core';
import { STAGE_REGISTRY, runStage, type StageContext } from '@gongkai/stages';
import { parentPort, workerData } from 'node:worker_threads';

export interface ThreadRequest {
  id: number;
  stage: StageName;
  input: unknown;
  context: StageContext;
}

/** `at`: when the stage started and ended on the thread (epoch ms), so the caller can tell the run from the hop. */
export type ThreadReply =
  | { id: number; ok: true; output: unknown; at: [number, number] }
  | { id: number; ok: false; error: { name: string; message: string; code: string; retryable: boolean; stack: string | null } };

// the stage this thread is for, if known, loads now rather than on its first report
const warm = (workerData as { warm?: StageName } | undefined)?.warm;
if (warm) await STAGE_REGISTRY[warm].warm?.().catch(() => {}); // a failure shows on the first report instead

parentPort?.on('message', async (req: ThreadRequest) => {
  let reply: ThreadReply;
  try {
    const t0 = performance.timeOrigin + performance.now();
    const output = await runStage(req.stage, req.input as never, req.context);
    reply = { id: req.id, ok: true, output, at: [t0, performance.timeOrigin + performance.now()] };
  } catch (err) {
    const e = err instanceof PipelineError ? err : new PipelineError('STAGE_BUG', String(err));
    reply = { id: req.id, ok: false, error: { name: e.name, message: e.message, code: e.code, retryable: e.retryable, stack: e.stack ?? null } };
  }
  parentPort?.postMessage(reply);
});
