import { byStage, stageOptionDefaults, type StageName } from '@gongkai/core';
import { homedir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import { envSchema, stageEnvKeys, stageEnvSchema, stageOptionEnvKey } from './config.schema.ts';

export interface StageSettings {
  /** Tries in all, the first included. Defaults of all five: the stage catalogue (packages/core/src/stage.catalogue.ts). @defaultValue 5 */
  attempts: number;
  /** Jobs one worker process runs at once. @defaultValue decode 2, others 4 */
  concurrency: number;
  /**
   * Threads that run the stage's code in one worker process (jobs beyond it
   * wait for a thread, their locks renewed meanwhile; each thread costs
   * ~100 MB and seconds of start-up). @defaultValue decode 2, others 1
   */
  threads: number;
  /** First retry delay; doubles each attempt, with jitter. @defaultValue 1000 */
  backoffMs: number;
  /** A single run of the stage longer than this fails (transient). @defaultValue 120000 */
  timeoutMs: number;
  /** The stage's own settings (catalogue `options`, GONGKAI_<STAGE>_<SETTING>), e.g. ocr's maxPages; {} for most stages. */
  options: Record<string, number>;
}

export type Source = { kind: 'folder'; path: string } | { kind: 's3'; bucket: string; prefix: string };

export interface Config {
  /** null: start a private redis-server under dataDir. */
  redisUrl: string | null;
  /** null: start a private FerretDB (SQLite) under dataDir. */
  mongoUrl: string | null;
  mongoDb: string;
  queuePrefix: string;
  inbox: string;
  source: Source;
  dataDir: string;
  port: number;
  host: string;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Log lines are written asynchronously (off the event loop's hot path); false: each line is written before the call returns. @defaultValue true */
  logAsync: boolean;
  maxBytes: number;
  /** GONGKAI_AGENCY_RENAMES: the user's agency renames file (absolute), or null for the bundled renames only. */
  agencyRenames: string | null;
  shutdownMs: number;
  /** BullMQ job lock; a job whose worker died is picked up again within ~1.5× this. @defaultValue 30000 */
  lockMs: number;
  /** A stage worker woken from an empty queue while its jobs arrive often (≥ 2 expected within this) waits this long first, then takes them back to back; 0: never. @defaultValue 0 */
  gatherMs: number;
  pollMs: number;
  stableMs: number;
  replayRatePerSec: number;
  /** Stage outputs handed on through Redis: seconds kept (0: off) and the largest handed on. */
  handoff: { ttlSec: number; maxBytes: number };
  /** OpenTelemetry traces: exported over OTLP/HTTP to `endpoint` when set; null: off, no SDK loaded. */
  telemetry: { endpoint: string | null; protocol: 'http/protobuf' | 'http/json' };
  /** Port of the trace viewer `gongkai start` runs (GONGKAI_TRACES_PORT; 0: any free one); null: none. */
  traceViewerPort: number | null;
  /** Worker processes per stage service under the supervisor (`gongkai start`). @defaultValue 1 */
  stageProcesses: number;
  blobStore: 'fs' | 'gridfs';
  auth: {
    adminToken: string | null;
    viewerToken: string | null;
    /** Requests without credentials get viewer rights. @defaultValue true when `host` is a loopback address */
    publicRead: boolean;
    /** /metrics needs no credentials. @defaultValue true */
    metricsPublic: boolean;
  };
  s3: { endpoint: string | null; region: string; accessKeyId: string | null; secretAccessKey: string | null };
  tools: { dir: string; ferretdb: string | null; redisServer: string | null };
  stages: Record<StageName, StageSettings>;
}

export class ConfigError extends Error {
  readonly problems: string[];
  constructor(problems: string[]) {
    super(`invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = new.target.name;
    this.problems = problems;
  }
}

/** Keys whose values are secrets (tokens, keys, passwords). */
const SECRET_KEY = /TOKEN|SECRET|PASSWORD|_KEY$/;

/**
 * A value as a config error may show it: a secret's length only, never its
 * text, and a URL without its password (error messages reach logs and terminals).
 */
function shown(key: string, value: string | undefined): string {
  if (value === undefined) return 'nothing';
  if (SECRET_KEY.test(key)) return `${value.length} character(s), not shown`;
  return JSON.stringify(value.replace(/(\/\/[^/:@]*:)[^@/]*@/, '$1***@'));
}

/**
 * Reads the configuration from an environment (process.env in mains; a
 * plain object in tests). Fails fast with every bad key named.
 */
export function loadConfig(env: Record<string, string | undefined>, cwd = process.cwd()): Config {
  const parsed = envSchema.safeParse(env);
  const parsedStages = stageEnvSchema.safeParse(env);
  if (!parsed.success || !parsedStages.success) {
    const issues = [...(parsed.error?.issues ?? []), ...(parsedStages.error?.issues ?? [])];
    const problems = issues.map((i) => `${i.path.join('.')}: ${i.message} (got ${shown(String(i.path[0]), env[String(i.path[0])])})`);
    throw new ConfigError(problems);
  }
  const e = parsed.data;
  const st = parsedStages.data as Record<string, number>;
  const abs = (p: string) => (isAbsolute(p) ? p : resolve(cwd, p));
  const source: Source = e.GONGKAI_SOURCE
    ? (() => {
        const m = /^s3:\/\/([^/]+)\/?(.*)$/.exec(e.GONGKAI_SOURCE)!;
        return { kind: 's3', bucket: m[1]!, prefix: m[2] ?? '' } as const;
      })()
    : { kind: 'folder', path: abs(e.GONGKAI_INBOX) };
  const problems: string[] = [];
  if (source.kind === 's3' && !e.S3_ENDPOINT) problems.push('S3_ENDPOINT: required when GONGKAI_SOURCE is an s3:// URL');
  if (e.GONGKAI_ADMIN_TOKEN && e.GONGKAI_ADMIN_TOKEN === e.GONGKAI_VIEWER_TOKEN) {
    problems.push('GONGKAI_VIEWER_TOKEN: must differ from GONGKAI_ADMIN_TOKEN');
  }
  if (problems.length > 0) throw new ConfigError(problems);
  const stages = byStage((s): StageSettings => {
    const k = stageEnvKeys(s);
    const options = Object.fromEntries(Object.keys(stageOptionDefaults(s)).map((o) => [o, st[stageOptionEnvKey(s, o)]!]));
    return { attempts: st[k.attempts]!, concurrency: st[k.concurrency]!, threads: st[k.threads]!, backoffMs: st[k.backoffMs]!, timeoutMs: st[k.timeoutMs]!, options };
  });
  return {
    redisUrl: e.REDIS_URL ?? null,
    mongoUrl: e.MONGO_URL ?? null,
    mongoDb: e.GONGKAI_DB,
    queuePrefix: e.GONGKAI_QUEUE_PREFIX,
    inbox: abs(e.GONGKAI_INBOX),
    source,
    dataDir: abs(e.GONGKAI_DATA),
    port: e.GONGKAI_PORT,
    host: e.GONGKAI_HOST,
    logLevel: e.LOG_LEVEL,
    logAsync: e.GONGKAI_LOG_ASYNC,
    maxBytes: e.GONGKAI_MAX_BYTES,
    agencyRenames: e.GONGKAI_AGENCY_RENAMES ? abs(e.GONGKAI_AGENCY_RENAMES) : null,
    shutdownMs: e.GONGKAI_SHUTDOWN_MS,
    lockMs: e.GONGKAI_LOCK_MS,
    gatherMs: e.GONGKAI_GATHER_MS,
    pollMs: e.GONGKAI_POLL_MS,
    stableMs: e.GONGKAI_STABLE_MS,
    replayRatePerSec: e.GONGKAI_REPLAY_RATE,
    handoff: { ttlSec: e.GONGKAI_HANDOFF_TTL_S, maxBytes: e.GONGKAI_HANDOFF_MAX_BYTES },
    telemetry: { endpoint: e.OTEL_EXPORTER_OTLP_ENDPOINT ?? null, protocol: e.OTEL_EXPORTER_OTLP_PROTOCOL },
    traceViewerPort: e.GONGKAI_TRACES_PORT ?? null,
    stageProcesses: e.GONGKAI_STAGE_PROCESSES,
    blobStore: e.GONGKAI_BLOB_STORE,
    auth: {
      adminToken: e.GONGKAI_ADMIN_TOKEN ?? null,
      viewerToken: e.GONGKAI_VIEWER_TOKEN ?? null,
      publicRead: e.GONGKAI_PUBLIC_READ ?? isLoopback(e.GONGKAI_HOST),
      metricsPublic: e.GONGKAI_METRICS_PUBLIC,
    },
    s3: {
      endpoint: e.S3_ENDPOINT ?? null,
      region: e.S3_REGION,
      accessKeyId: e.S3_ACCESS_KEY_ID ?? null,
      secretAccessKey: e.S3_SECRET_ACCESS_KEY ?? null,
    },
    tools: {
      dir: abs(e.GONGKAI_TOOLS ?? join(env['XDG_CACHE_HOME'] ?? join(homedir(), '.cache'), 'gongkai', 'tools')),
      ferretdb: e.FERRETDB_BIN ?? null,
      redisServer: e.REDIS_SERVER_BIN ?? null,
    },
    stages,
  };
}

/** 127.0.0.0/8, ::1 and localhost: only this machine can connect. */
export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

const SECRET = /token|secret|password/i;

function redactUrl(url: string | null): string | null {
  if (!url) return url;
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '***';
  }
}

/** A copy safe to log: secrets masked, passwords stripped from URLs. */
export function redactConfig(config: Config): Record<string, unknown> {
  const walk = (v: unknown, key = ''): unknown => {
    if (v === null || typeof v !== 'object') return SECRET.test(key) && v ? '***' : v;
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x, k)]));
  };
  const copy = walk(config) as Record<string, unknown>;
  copy['redisUrl'] = redactUrl(config.redisUrl);
  copy['mongoUrl'] = redactUrl(config.mongoUrl);
  return copy;
}
