import { openDeps, signalFatal, signalReady } from '@gongkai/app';
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
  // the URL actually bound (GONGKAI_PORT=0: the port the system chose), for the supervisor's banner
  await signalReady({ url: ops.url });
} catch (err) {
  if ((err as NodeJS.ErrnoException).code === 'EADDRINUSE') {
    // not a crash: one line, and a supervisor that knows not to try again
    const message = `port ${config.port} on ${config.host} is already in use`;
    log.fatal({ port: config.port, host: config.host }, message);
    await signalFatal({ code: 'EADDRINUSE', message, retry: false, port: config.port, host: config.host });
  } else log.fatal({ err }, 'ops failed to start');
  await lifecycle.stop('start-up failed');
  process.exit(1);
}
