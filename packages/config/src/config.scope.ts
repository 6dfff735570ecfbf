/**
 * Keys only the ops server reads (where it listens, who may do what). A
 * command that starts no server (status, replay, ingest, export, extract…)
 * leaves them out before loadConfig, so a value meant for the server (or a
 * bad one) neither stops it nor needs fixing first: `GONGKAI_PORT=abc
 * gongkai status` works, `gongkai start` still refuses it.
 */
export const OPS_SERVER_KEYS = [
  'GONGKAI_PORT', 'GONGKAI_HOST', 'GONGKAI_ADMIN_TOKEN', 'GONGKAI_VIEWER_TOKEN', 'GONGKAI_PUBLIC_READ', 'GONGKAI_METRICS_PUBLIC', 'GONGKAI_TRACES_PORT',
] as const;

/** The environment a command validates: `env` without the keys it does not use. */
export function envFor<T extends string | undefined>(env: Record<string, T>, unused: readonly string[]): Record<string, T> {
  return Object.fromEntries(Object.entries(env).filter(([k]) => !unused.includes(k)));
}

/** LOG_LEVEL asks for debug detail (debug or trace): the CLI then prints stack traces. */
export const debugRequested = (env: Record<string, string | undefined>): boolean => /^(debug|trace)$/i.test(env['LOG_LEVEL'] ?? '');
