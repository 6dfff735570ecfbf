import pino, { type Logger } from 'pino';
import type { Config } from '@gongkai/config';

export type { Logger };

/**
 * The process logger: JSON lines on stdout (stderr would mix with child
 * output in the supervisor), object first: `log.info({ reportId, stage, ms }, 'stage done')`.
 */
export function createLogger(config: Pick<Config, 'logLevel'>, name: string, opts: { stderr?: boolean } = {}): Logger {
  const options = {
    name,
    level: config.logLevel,
    base: { service: name, pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label: string) => ({ level: label }) },
  };
  // commands print their results on stdout, so their logs go to stderr
  return opts.stderr ? pino(options, pino.destination(2)) : pino(options);
}
