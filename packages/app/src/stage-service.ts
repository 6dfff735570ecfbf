import { loadConfig } from '@gongkai/config';
import type { StageName } from '@gongkai/core';
import { StageRunner, startHousekeeping, startStageWorker } from '@gongkai/pipeline';
import { Lifecycle, createLogger } from '@gongkai/runtime';
import { readAgencyRenames } from './agency-renames.read.ts';
import { openDeps } from './deps.ts';
import { signalReady } from './service.signal.ts';

/**
 * The main of a stage worker service (one per stage of the catalogue):
 * loadConfig → logger → dependencies → worker and housekeeping → ordered shutdown.
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
      threads, warm: stage, timeoutMs: settings.timeoutMs,
      context: { decode: { maxBytes: config.maxBytes }, segment: { renames: readAgencyRenames(config.agencyRenames) }, options: { [stage]: { ...settings.options, timeoutMs: settings.timeoutMs } } },
    });
    lifecycle.defer('stage threads', () => runner.close());
    const worker = startStageWorker(stage, { ...deps, runner, maxBytes: config.maxBytes }, { settings, lockMs: config.lockMs, gatherMs: config.gatherMs });
    lifecycle.defer('worker', () => worker.close());
    const housekeeping = await startHousekeeping(deps, stage);
    lifecycle.defer('reconciler and sweeper', () => housekeeping.close());
    log.info({ stage, concurrency: settings.concurrency, threads, attempts: settings.attempts, gatherMs: config.gatherMs }, 'worker ready');
    await signalReady();
  } catch (err) {
    log.fatal({ err }, 'worker failed to start');
    await lifecycle.stop('start-up failed');
    process.exit(1);
  }
}
