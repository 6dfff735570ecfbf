import { loadConfig } from '@gongkai/config';
import type { StageName } from '@gongkai/core';
import { StageRunner, reconcileFailedJobs, startStageWorker, sweepProgress } from '@gongkai/pipeline';
import { Lifecycle, createLogger } from '@gongkai/runtime';
import { openDeps } from './deps.ts';

/**
 * The main of a stage worker service (decoder, segmenter, extractor,
 * validator): loadConfig → logger → dependencies → worker → ordered shutdown.
 * Standalone, it connects to REDIS_URL/MONGO_URL or to the instance running
 * on GONGKAI_DATA.
 */
export async function runStageService(stage: StageName, env: NodeJS.ProcessEnv): Promise<void> {
  const config = loadConfig(env);
  const log = createLogger(config, `${stage}-worker`);
  const lifecycle = new Lifecycle(log, config.shutdownMs);
  lifecycle.installSignalHandlers();
  try {
    const deps = await openDeps(config, log, lifecycle, { startInfraIfMissing: false, appName: `gongkai-${stage}` });
    const settings = config.stages[stage];
    const threads = Math.min(settings.threads, settings.concurrency); // a thread beyond the concurrency would idle
    const runner = new StageRunner({
      threads, warm: stage, timeoutMs: settings.timeoutMs, context: { decode: { maxBytes: config.maxBytes } },
    });
    lifecycle.defer('stage threads', () => runner.close());
    const worker = startStageWorker(stage, { ...deps, runner, maxBytes: config.maxBytes }, { settings, lockMs: config.lockMs });
    lifecycle.defer('worker', () => worker.close());
    const reconcile = async () => {
      const n = await reconcileFailedJobs(deps, [stage]).catch((err: Error) => {
        log.warn({ err: err.message }, 'reconcile failed');
        return 0;
      });
      if (n > 0) log.warn({ stage, n }, 'dead-lettered failed jobs that had no dead letter');
    };
    // one sweeper at a time across all worker processes (a lock in Redis)
    const sweepEveryMs = Math.max(5000, Math.round(deps.pipeline.settleMs / 2));
    const sweep = async () => {
      if (!(await deps.pipeline.progress.lock(`${stage}-${process.pid}`, sweepEveryMs).catch(() => false))) return;
      const r = await sweepProgress(deps, { settleMs: deps.pipeline.settleMs }).catch((err: Error) => {
        log.warn({ err: err.message }, 'progress sweep failed');
        return null;
      });
      if (r && (r.healed > 0 || r.gaveUp > 0)) log.warn({ ...r }, 'progress sweep healed reports');
    };
    await reconcile();
    const timers = [setInterval(() => void reconcile(), 60_000), setInterval(() => void sweep(), sweepEveryMs)];
    for (const t of timers) t.unref();
    lifecycle.defer('reconciler and sweeper', () => timers.forEach((t) => clearInterval(t)));
    log.info({ stage, concurrency: settings.concurrency, threads, attempts: settings.attempts }, 'worker ready');
  } catch (err) {
    log.fatal({ err }, 'worker failed to start');
    await lifecycle.stop('start-up failed');
    process.exit(1);
  }
}
