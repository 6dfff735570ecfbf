import { STAGES } from '@gongkai/core';
import { StageRunner, startStageWorker } from '@gongkai/pipeline';
import type { TestEnv } from '../helpers/test-env.ts';
import type { TestWorkers } from '../helpers/workers.ts';

/**
 * Every stage worker in the test process (as test/helpers/workers.ts), the
 * ocr stage on its own thread with its configured timeout and options
 * (GONGKAI_OCR_*), as the ocr worker service runs it. The other stages get
 * a generous timeout: their first PDF loads pdf.js, which takes a minute
 * when the shared test machine is loaded (load average 40 on 2 cores seen).
 */
export function startOcrTestWorkers(t: TestEnv): TestWorkers {
  const s = t.config.stages.ocr;
  const main = new StageRunner({ threads: 2, timeoutMs: 300_000, context: { decode: { maxBytes: t.config.maxBytes } } });
  const ocrRunner = new StageRunner({
    threads: 1, warm: 'ocr', timeoutMs: s.timeoutMs,
    context: { decode: { maxBytes: t.config.maxBytes }, options: { ocr: { ...s.options, timeoutMs: s.timeoutMs } } },
  });
  const deps = (runner: StageRunner) => ({ store: t.store, blobs: t.blobs, pipeline: t.pipeline, runner, log: t.log, maxBytes: t.config.maxBytes });
  const workers = Object.fromEntries(
    STAGES.map((stage) => [stage, startStageWorker(stage, deps(stage === 'ocr' ? ocrRunner : main), { settings: t.config.stages[stage], lockMs: t.config.lockMs })]),
  );
  return {
    workers,
    async close() {
      await Promise.all(Object.values(workers).map((w) => w.close()));
      await Promise.all([main.close(), ocrRunner.close()]);
    },
  };
}
