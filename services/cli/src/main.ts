import { ConfigError } from '@gongkai/config';
import type { Command } from './command.types.ts';
import { UsageError, err, out } from './cli.io.ts';
import { exportCommand } from './commands/export.command.ts';
import { extractCommand } from './commands/extract.command.ts';
import { ingestCommand } from './commands/ingest.command.ts';
import { replayCommand, reprocessCommand } from './commands/replay.command.ts';
import { startCommand } from './commands/start.command.ts';
import { statusCommand } from './commands/status.command.ts';

const COMMANDS: Command[] = [startCommand, ingestCommand, statusCommand, replayCommand, reprocessCommand, extractCommand, exportCommand];

function help(): void {
  out('gongkai — government information-disclosure annual reports in, validated MongoDB documents out');
  out('');
  out('usage: gongkai COMMAND [options]');
  out('');
  for (const c of COMMANDS) out(`  ${c.name.padEnd(10)} ${c.summary}\n  ${''.padEnd(10)} ${c.usage}`);
  out('');
  out('Configuration comes from the environment (REDIS_URL, MONGO_URL, GONGKAI_INBOX, GONGKAI_DATA, GONGKAI_PORT, LOG_LEVEL, …);');
  out('see README.md. Without REDIS_URL/MONGO_URL, private servers run under GONGKAI_DATA.');
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    help();
    return 0;
  }
  const cmd = COMMANDS.find((c) => c.name === name);
  if (!cmd) {
    err(`unknown command: ${name}\n`);
    help();
    return 64;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    out(`${cmd.summary}\nusage: ${cmd.usage}`);
    return 0;
  }
  return cmd.run(rest, process.env);
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (e) {
  if (e instanceof UsageError) {
    err(`gongkai: ${e.message}`);
    process.exitCode = 64;
  } else if (e instanceof ConfigError) {
    err(`gongkai: ${e.message}`);
    process.exitCode = 78;
  } else {
    err(`gongkai: ${(e as Error).stack ?? String(e)}`);
    process.exitCode = 1;
  }
}
