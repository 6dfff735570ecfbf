import { openDeps, type AppDeps } from '@gongkai/app';
import { OPS_SERVER_KEYS, envFor, loadConfig, type Config } from '@gongkai/config';
import { Lifecycle, createLogger } from '@gongkai/runtime';

/**
 * Runs a command against the pipeline of this configuration: REDIS_URL and
 * MONGO_URL, else the instance running on GONGKAI_DATA, else private servers
 * started for the command on the same data (and stopped after it).
 */
export async function withDeps<T>(env: NodeJS.ProcessEnv, name: string, fn: (deps: AppDeps, config: Config) => Promise<T>): Promise<T> {
  // these commands start no server: its keys (port, host, tokens) are not theirs to refuse
  const config = loadConfig(envFor({ LOG_LEVEL: 'warn', ...env }, OPS_SERVER_KEYS));
  const log = createLogger(config, `cli-${name}`, { stderr: true });
  const lifecycle = new Lifecycle(log, config.shutdownMs);
  try {
    const deps = await openDeps(config, log, lifecycle, { startInfraIfMissing: true, appName: `gongkai-cli-${name}` });
    return await fn(deps, config);
  } finally {
    await lifecycle.stop('command done');
  }
}
