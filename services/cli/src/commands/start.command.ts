import { superviseAll } from '@gongkai/app';
import { loadConfig } from '@gongkai/config';
import { createLogger } from '@gongkai/runtime';
import { mkdirSync } from 'node:fs';
import type { Command } from '../command.types.ts';
import { err } from '../cli.io.ts';

export const startCommand: Command = {
  name: 'start',
  summary: 'run the whole pipeline (watcher, four stage workers, ops) on this machine',
  usage: 'gongkai start',
  async run(_argv, env) {
    const config = loadConfig(env);
    const log = createLogger(config, 'supervisor');
    if (config.source.kind === 'folder') mkdirSync(config.source.path, { recursive: true });
    const sup = await superviseAll(config, log, env);
    const where = config.source.kind === 'folder' ? config.source.path : `s3://${config.source.bucket}/${config.source.prefix}`;
    err('');
    err(`gongkai is running. Drop reports into ${where}`);
    err(`  dashboard  ${sup.opsUrl}/admin/queues`);
    err(`  status     ${sup.opsUrl}/api/status   (or: npx gongkai status)`);
    err(`  redis      ${sup.infra.redisUrl}${sup.infra.servers.redis ? ' (embedded)' : ''}`);
    err(`  mongodb    ${sup.infra.mongoUrl}${sup.infra.servers.mongo ? ' (embedded FerretDB)' : ''}`);
    err('Ctrl-C stops everything.');
    err('');
    await new Promise<void>((resolve) => {
      let signals = 0;
      const onSignal = (sig: string) => {
        if (++signals > 1) process.exit(130);
        void sup.stop(sig).then(resolve);
      };
      process.on('SIGINT', () => onSignal('SIGINT'));
      process.on('SIGTERM', () => onSignal('SIGTERM'));
    });
    return 0;
  },
};
