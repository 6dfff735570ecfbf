import { signalReady } from '@gongkai/app';
import { loadConfig } from '@gongkai/config';
import { runWatcher } from './watcher.service.ts';

const config = loadConfig(process.env);
try {
  const { lifecycle } = await runWatcher(config);
  lifecycle.installSignalHandlers();
  await signalReady();
} catch (err) {
  // one line (the supervisor shows it as it restarts us); the stack only at debug level
  process.stderr.write(`watcher failed to start: ${/^(debug|trace)$/.test(config.logLevel) ? (err as Error).stack : (err as Error).message}\n`);
  process.exit(1);
}
