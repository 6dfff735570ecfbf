import { STAGES, stageDefaults, stageOptionDefaults, type StageName } from '@gongkai/core';
import { z } from 'zod';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);
const optionalUrl = (protocols: readonly string[]) =>
  z
    .string()
    .trim()
    .optional()
    .transform((v) => (v === undefined || v === '' ? undefined : v))
    .refine((v) => v === undefined || protocols.some((p) => v.startsWith(`${p}://`)), {
      message: `must start with ${protocols.map((p) => `${p}://`).join(' or ')}`,
    });

/** true/false, 1/0, yes/no, on/off (case-insensitive). */
const boolish = z
  .string()
  .trim()
  .toLowerCase()
  .refine((v) => ['true', 'false', '1', '0', 'yes', 'no', 'on', 'off'].includes(v), { message: 'must be true or false' })
  .transform((v) => ['true', '1', 'yes', 'on'].includes(v));

/** Per-stage environment keys: GONGKAI_<STAGE>_<SETTING>, e.g. GONGKAI_DECODE_ATTEMPTS. */
export const stageEnvKeys = (stage: StageName) => {
  const p = `GONGKAI_${stage.toUpperCase()}_`;
  return {
    attempts: `${p}ATTEMPTS`, concurrency: `${p}CONCURRENCY`, threads: `${p}THREADS`, backoffMs: `${p}BACKOFF_MS`, timeoutMs: `${p}TIMEOUT_MS`,
  } as const;
};

/** The environment key of a stage's own setting (catalogue `options`): maxPages of ocr → GONGKAI_OCR_MAX_PAGES. */
export const stageOptionEnvKey = (stage: StageName, option: string): string =>
  `GONGKAI_${stage.toUpperCase()}_${option.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase()}`;

/** Every environment key of a stage's settings: the common ones and its own (catalogue `options`). */
export const stageSettingKeys = (stage: StageName): string[] => Object.keys(stageShape(stage));

function stageShape(stage: StageName) {
  const keys = stageEnvKeys(stage);
  const d = stageDefaults(stage); // the stage catalogue's defaults (packages/core/src/stage.catalogue.ts)
  const options = Object.entries(stageOptionDefaults(stage)).map(([name, value]) => [stageOptionEnvKey(stage, name), int(0, 2 ** 40).default(value)]);
  return {
    ...(Object.fromEntries(options) as Record<string, ReturnType<typeof int>>),
    [keys.attempts]: int(1, 100).default(d.attempts) as unknown as ReturnType<typeof int>,
    [keys.concurrency]: int(1, 256).default(d.concurrency),
    [keys.threads]: int(1, 64).default(d.threads),
    [keys.backoffMs]: int(0, 3_600_000).default(d.backoffMs),
    [keys.timeoutMs]: int(100, 3_600_000).default(d.timeoutMs),
  };
}

/**
 * Every environment variable gongkai reads, with its default. Defaults are
 * the embedded mode: no REDIS_URL/MONGO_URL means private servers are
 * started under GONGKAI_DATA.
 */
export const envSchema = z.object({
  REDIS_URL: optionalUrl(['redis', 'rediss']),
  MONGO_URL: optionalUrl(['mongodb', 'mongodb+srv']),
  GONGKAI_DB: z.string().regex(/^[A-Za-z0-9_-]{1,60}$/, 'letters, digits, _ and - only').default('gongkai'),
  GONGKAI_QUEUE_PREFIX: z.string().regex(/^[A-Za-z0-9_{}-]{1,60}$/, 'letters, digits, _ - { } only').default('gongkai'),
  GONGKAI_INBOX: z.string().min(1).default('./inbox'),
  GONGKAI_SOURCE: z
    .string()
    .optional()
    .refine((v) => v === undefined || v === '' || /^s3:\/\/[a-z0-9][a-z0-9.-]{1,62}(\/.*)?$/.test(v), {
      message: 'must be s3://bucket[/prefix] (unset: watch GONGKAI_INBOX)',
    }),
  GONGKAI_DATA: z.string().min(1).default('./.gongkai'),
  GONGKAI_PORT: int(0, 65535).default(3000),
  GONGKAI_HOST: z.string().min(1).default('127.0.0.1'),
  LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
  /** Log lines written asynchronously (pino's asynchronous destination); 0: synchronously, line by line. */
  GONGKAI_LOG_ASYNC: boolish.default(true),
  GONGKAI_MAX_BYTES: int(1, 2 ** 31).default(50 * 1024 * 1024),
  /** A JSON file of agency renames ({ "renames": [ { "from", "to" } ] }) added to the bundled ones (packages/segment/src/meta/agency.renames.json). */
  GONGKAI_AGENCY_RENAMES: z.string().trim().optional().transform((v) => (v ? v : undefined)),
  GONGKAI_SHUTDOWN_MS: int(100, 600_000).default(25_000),
  GONGKAI_LOCK_MS: int(1000, 600_000).default(30_000),
  /** A stage worker woken from an empty queue while its jobs arrive often waits this long, then takes what arrived back to back (0: never waits). */
  GONGKAI_GATHER_MS: int(0, 10_000).default(0),
  GONGKAI_POLL_MS: int(50, 3_600_000).default(1000),
  GONGKAI_STABLE_MS: int(0, 600_000).default(500),
  GONGKAI_REPLAY_RATE: int(1, 100_000).default(50),
  /** Seconds a stage output waits in Redis for the next stages (0: every stage writes its output to MongoDB). */
  GONGKAI_HANDOFF_TTL_S: int(0, 7 * 24 * 3600).default(900),
  /** Outputs bigger than this, compressed, go to MongoDB at once instead of through Redis. */
  GONGKAI_HANDOFF_MAX_BYTES: int(1024, 512 * 1024 * 1024).default(2 * 1024 * 1024),
  /** Worker processes per stage service that `gongkai start` runs (each with GONGKAI_<STAGE>_CONCURRENCY jobs). */
  GONGKAI_STAGE_PROCESSES: int(1, 64).default(1),
  GONGKAI_BLOB_STORE: z.enum(['fs', 'gridfs']).default('fs'),
  GONGKAI_ADMIN_TOKEN: z.string().min(16, 'at least 16 characters').optional(),
  GONGKAI_VIEWER_TOKEN: z.string().min(16, 'at least 16 characters').optional(),
  /** Requests without credentials may read (viewer rights, never write). Default: on when GONGKAI_HOST is a loopback address. */
  GONGKAI_PUBLIC_READ: boolish.optional(),
  /** /metrics answers without credentials (Prometheus scrapes it). Off: it needs the viewer or admin token. */
  GONGKAI_METRICS_PUBLIC: boolish.default(true),
  S3_ENDPOINT: optionalUrl(['http', 'https']),
  S3_REGION: z.string().default('us-east-1'),
  S3_ACCESS_KEY_ID: z.string().optional(),
  S3_SECRET_ACCESS_KEY: z.string().optional(),
  FERRETDB_BIN: z.string().optional(),
  REDIS_SERVER_BIN: z.string().optional(),
  GONGKAI_TOOLS: z.string().optional(),
  /** OTLP/HTTP endpoint (e.g. http://localhost:4318) for traces of report runs; unset: no tracing code is loaded. */
  OTEL_EXPORTER_OTLP_ENDPOINT: optionalUrl(['http', 'https']),
  /** How spans are encoded to the endpoint. */
  OTEL_EXPORTER_OTLP_PROTOCOL: z.enum(['http/protobuf', 'http/json']).default('http/protobuf'),
  /** `gongkai start` runs a trace viewer on this port (0: any free one) and sends every service's spans to it. */
  GONGKAI_TRACES_PORT: int(0, 65535).optional(),
});

/** GONGKAI_<STAGE>_{ATTEMPTS,CONCURRENCY,THREADS,BACKOFF_MS,TIMEOUT_MS} for every stage. */
export const stageEnvSchema = z.object(Object.fromEntries(STAGES.flatMap((s) => Object.entries(stageShape(s)))) as Record<string, ReturnType<typeof int>>);
