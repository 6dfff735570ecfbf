import { ConfigError, debugRequested } from '@gongkai/config';
import type { Command } from './command.types.ts';
import { EXIT_USAGE, UsageError, err, out } from './cli.io.ts';
import { failureOf } from './cli.errors.ts';
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
  out('usage: gongkai COMMAND [options] [--debug]');
  out('');
  for (const c of COMMANDS) out(`  ${c.name.padEnd(10)} ${c.summary}\n  ${''.padEnd(10)} ${c.usage}`);
  out('');
  out('Configuration comes from the environment (REDIS_URL, MONGO_URL, GONGKAI_INBOX, GONGKAI_DATA, GONGKAI_PORT, LOG_LEVEL, …);');
  out('see README.md. Without REDIS_URL/MONGO_URL, private servers run under GONGKAI_DATA.');
  out('Errors are one line; --debug (or LOG_LEVEL=debug) adds the stack trace.');
}

const argv = process.argv.slice(2);
// --debug is everyone's flag: taken out before the command parses its own
const debug = argv.includes('--debug') || debugRequested(process.env);
const args = argv.filter((a) => a !== '--debug');
const [name, ...rest] = args;
const cmd = COMMANDS.find((c) => c.name === name);

async function main(): Promise<number> {
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    help();
    return 0;
  }
  if (!cmd) throw new UsageError(`unknown command: ${name}`, `commands: ${COMMANDS.map((c) => c.name).join(', ')} (gongkai --help)`);
  if (rest.includes('--help') || rest.includes('-h')) {
    out(`${cmd.summary}\nusage: ${cmd.usage}`);
    return 0;
  }
  return cmd.run(rest, process.env);
}

try {
  process.exitCode = await main();
} catch (e) {
  if (e instanceof ConfigError) {
    // one problem a line, each naming its key: the message is the whole story
    err(`gongkai: ${e.message}`);
    process.exitCode = 78;
  } else {
    const f = failureOf(e);
    err(`gongkai${cmd ? ` ${cmd.name}` : ''}: ${f.message}`);
    if (f.usage) err(f.hint ?? (cmd ? `usage: ${cmd.usage}   (gongkai ${cmd.name} --help)` : 'usage: gongkai COMMAND [options]   (gongkai --help)'));
    else if (!debug && !f.complete) err('(run again with --debug for the stack trace)');
    process.exitCode = f.usage ? EXIT_USAGE : 1;
  }
  if (debug && e instanceof Error && e.stack) err(e.stack);
}
