/**
 * Runs pure stages in a worker thread, so CPU-heavy input never blocks the
 * event loop that renews BullMQ's job locks, and a pathological file can be
 * stopped (timeout) or contained (memory limit) without killing the worker.
 */
import { PipelineError, type StageName } from '@gongkai/core';
import { runStage, type StageContext } from '@gongkai/stages';
import { parentPort } from 'node:worker_threads';

export interface ThreadRequest {
  id: number;
  stage: StageName;
  input: unknown;
  context: StageContext;
}

export type ThreadReply =
  | { id: number; ok: true; output: unknown }
  | { id: number; ok: false; error: { name: string; message: string; code: string; retryable: boolean; stack: string | null } };

parentPort?.on('message', async (req: ThreadRequest) => {
  let reply: ThreadReply;
  try {
    const output = await runStage(req.stage, req.input as never, req.context);
    reply = { id: req.id, ok: true, output };
  } catch (err) {
    const e = err instanceof PipelineError ? err : new PipelineError('STAGE_BUG', String(err));
    reply = { id: req.id, ok: false, error: { name: e.name, message: e.message, code: e.code, retryable: e.retryable, stack: e.stack ?? null } };
  }
  parentPort?.postMessage(reply);
});
