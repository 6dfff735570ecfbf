import { openDeps } from '@gongkai/app';
import { loadConfig } from '@gongkai/config';
import { Lifecycle, createLogger } from '@gongkai/runtime';
import { startOpsServer } from './ops.server.ts';

const config = loadConfig(process.env);
const log = createLogger(config, 'ops');
const lifecycle = new Lifecycle(log, config.shutdownMs);
lifecycle.installSignalHandlers();
try {
  const deps = await openDeps(config, log, lifecycle, { startInfraIfMissing: false, appName: 'gongkai-ops' });
  const ops = await startOpsServer(deps, log);
  lifecycle.defer('http', () => ops.close());
  log.info({ url: ops.url }, 'ops listening');
} catch (err) {
  log.fatal({ err }, 'ops failed to start');
  await lifecycle.stop('start-up failed');
  process.exit(1);
}
