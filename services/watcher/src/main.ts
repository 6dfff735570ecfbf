import { loadConfig } from '@gongkai/config';
import { runWatcher } from './watcher.service.ts';

const config = loadConfig(process.env);
try {
  const { lifecycle } = await runWatcher(config);
  lifecycle.installSignalHandlers();
} catch (err) {
  process.stderr.write(`watcher failed to start: ${(err as Error).stack}\n`);
  process.exit(1);
}
