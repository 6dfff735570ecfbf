import pino, { type DestinationStream, type Logger } from 'pino';
import type { Config } from '@gongkai/config';

export type { Logger };

type LogContext = () => { traceId: string; spanId: string } | null;
let logContext: LogContext | null = null;

/**
 * Where log lines get their trace and span ids: set by the telemetry when
 * tracing is on (packages/telemetry); while it is null a log line costs one
 * null check more.
 */
export function setLogContext(source: LogContext | null): void {
  logContext = source;
}

const NONE = {};

/**
 * The process logger: JSON lines on stdout (stderr would mix with child
 * output in the supervisor), object first: `log.info({ reportId, stage, ms }, 'stage done')`.
 * A line logged inside a traced job carries its `traceId` and `spanId`.
 * With `logAsync` (the default) lines are written asynchronously (pino's
 * asynchronous destination: a job's log call only appends to a buffer; pino
 * flushes it when the process exits, kill -9 aside).
 */
export function createLogger(config: Pick<Config, 'logLevel'> & Partial<Pick<Config, 'logAsync'>>, name: string, opts: { stderr?: boolean; fd?: number; destination?: DestinationStream } = {}): Logger {
  const options = {
    name,
    level: config.logLevel,
    base: { service: name, pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label: string) => ({ level: label }) },
    mixin: () => (logContext ? (logContext() ?? NONE) : NONE),
  };
  // commands print their results on stdout, so their logs go to stderr
  if (opts.destination) return pino(options, opts.destination);
  return pino(options, pino.destination({ dest: opts.fd ?? (opts.stderr ? 2 : 1), sync: !(config.logAsync ?? false) }));
}
