import { superviseAll } from '@gongkai/app';
import { loadConfig } from '@gongkai/config';
import { createLogger } from '@gongkai/runtime';
import { mkdirSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { Command } from '../command.types.ts';
import { err } from '../cli.io.ts';

/**
 * Runs the supervisor in the foreground. The banner comes only once every
 * service said it is up and ops answers /readyz, with the URL ops actually
 * bound (GONGKAI_PORT=0 resolved). A service that cannot start (a port in
 * use, or the same death at start-up again and again) stops everything:
 * one line, exit ≠ 0, no restart loop.
 */
export const startCommand: Command = {
  name: 'start',
  summary: 'run the whole pipeline (watcher, stage workers, ops) on this machine',
  usage: 'gongkai start',
  async run(argv, env) {
    parseArgs({ args: argv, options: {} }); // takes no flags: a typo is an error, not ignored
    const config = loadConfig(env);
    const log = createLogger(config, 'supervisor');
    if (config.source.kind === 'folder') mkdirSync(config.source.path, { recursive: true });
    const sup = await superviseAll(config, log, env);
    let signals = 0;
    const stopped = new Promise<string>((resolve) => {
      const onSignal = (sig: string) => {
        if (++signals > 1) process.exit(130);
        resolve(sig);
      };
      process.on('SIGINT', () => onSignal('SIGINT'));
      process.on('SIGTERM', () => onSignal('SIGTERM'));
    });
    const startUp = await Promise.race([sup.ready.then((url) => ({ url })), stopped.then((sig) => ({ sig })), sup.failed]).catch(asError);
    if (startUp instanceof Error) return fail(sup, startUp);
    if ('sig' in startUp) {
      await sup.stop(startUp.sig);
      return 0;
    }
    const url = startUp.url;
    const where = config.source.kind === 'folder' ? config.source.path : `s3://${config.source.bucket}/${config.source.prefix}`;
    err(`gongkai is running. Drop reports into ${where}`);
    err(`  dashboard  ${url}/admin/queues`);
    err(`  reports    ${url}/reports`);
    err(`  status     ${url}/api/status   (or: npx gongkai status)`);
    if (sup.tracesUrl) err(`  traces     ${sup.tracesUrl}/`);
    err(`  redis      ${sup.infra.redisUrl}${sup.infra.servers.redis ? ' (embedded)' : ''}`);
    err(`  mongodb    ${sup.infra.mongoUrl}${sup.infra.servers.mongo ? ' (embedded FerretDB)' : ''}`);
    err('Ctrl-C stops everything.');
    const end = await Promise.race([stopped.then((sig) => ({ sig })), sup.failed]).catch(asError);
    if (end instanceof Error) return fail(sup, end);
    await sup.stop(end.sig);
    return 0;
  },
};

const asError = (e: unknown): Error => (e instanceof Error ? e : new Error(String(e)));

/** A service gave up: everything stops, then main says why in one line (cli.errors.ts). */
async function fail(sup: Awaited<ReturnType<typeof superviseAll>>, e: Error): Promise<number> {
  await sup.stop('a service cannot start');
  throw e;
}
