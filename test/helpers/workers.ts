import { STAGES, type StageName } from '@gongkai/core';
import { StageRunner, startStageWorker, type StageWorker, type StageWorkerOptions } from '@gongkai/pipeline';
import type { TestEnv } from './test-env.ts';

export interface TestWorkers {
  workers: Partial<Record<StageName, StageWorker>>;
  close(): Promise<void>;
}

/**
 * The four stage workers in the test process, on real threads, Redis and
 * FerretDB (the same code the worker services run).
 */
export function startTestWorkers(
  t: TestEnv,
  hooks: Partial<Record<StageName, Pick<StageWorkerOptions, 'beforeRun'>>> = {},
  stages: readonly StageName[] = STAGES,
): TestWorkers {
  const runner = new StageRunner({ threads: 2, timeoutMs: 60_000, context: { decode: { maxBytes: t.config.maxBytes } } });
  const deps = { store: t.store, blobs: t.blobs, pipeline: t.pipeline, runner, log: t.log, maxBytes: t.config.maxBytes };
  const workers = Object.fromEntries(
    stages.map((s) => [s, startStageWorker(s, deps, { settings: t.config.stages[s], lockMs: t.config.lockMs, ...hooks[s] })]),
  ) as Partial<Record<StageName, StageWorker>>;
  return {
    workers,
    async close() {
      await Promise.all(Object.values(workers).map((w) => w?.close()));
      await runner.close();
    },
  };
}
