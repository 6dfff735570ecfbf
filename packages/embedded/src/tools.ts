import { execFileSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

/** The FerretDB version the project is built and tested against. */
export const FERRETDB_VERSION = 'v1.24.2';
export const VERSITYGW_VERSION = 'v1.7.0';

export class MissingToolError extends Error {
  constructor(tool: string, hint: string) {
    super(`${tool} is not installed. ${hint}`);
    this.name = new.target.name;
  }
}

function executable(p: string): boolean {
  try {
    accessSync(p, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** First executable called `name` on PATH (the PATH of this process), or null. */
export function onPath(name: string, pathVar = process.env['PATH'] ?? ''): string | null {
  for (const dir of pathVar.split(delimiter)) {
    if (dir && executable(join(dir, name))) return join(dir, name);
  }
  for (const dir of ['/usr/sbin', '/usr/local/sbin', '/usr/bin']) if (executable(join(dir, name))) return join(dir, name);
  return null;
}

/** The FerretDB binary: explicit path, the setup's build in the tools folder, or a matching one on PATH. */
export function findFerretdb(tools: { dir: string; ferretdb: string | null }): string {
  const candidates = [tools.ferretdb, join(tools.dir, `ferretdb-${FERRETDB_VERSION}`), onPath('ferretdb')].filter((p): p is string => !!p);
  for (const p of candidates) {
    if (!executable(p)) continue;
    if (p === tools.ferretdb) return p;
    try {
      const out = execFileSync(p, ['--version'], { encoding: 'utf8', timeout: 10_000 });
      if (out.includes(`version: ${FERRETDB_VERSION}`)) return p;
    } catch {
      /* not a working ferretdb */
    }
  }
  throw new MissingToolError(
    `FerretDB ${FERRETDB_VERSION}`,
    `Run \`npm run setup\` (needs Go and the Go module proxy), set FERRETDB_BIN to a ferretdb ${FERRETDB_VERSION} binary, or set MONGO_URL to use an existing MongoDB.`,
  );
}

export function findRedisServer(tools: { redisServer: string | null }): string {
  const p = tools.redisServer ?? onPath('redis-server');
  if (p && executable(p)) return p;
  throw new MissingToolError(
    'redis-server',
    'Run `npm run setup` (installs the Debian package redis-server as root), set REDIS_SERVER_BIN, or set REDIS_URL to use an existing Redis.',
  );
}

export function findVersitygw(tools: { dir: string }): string {
  const p = [join(tools.dir, `versitygw-${VERSITYGW_VERSION}`), onPath('versitygw')].find((x): x is string => !!x && executable(x));
  if (p) return p;
  throw new MissingToolError(`versitygw ${VERSITYGW_VERSION}`, 'Run `npm run setup` (needs Go and the Go module proxy).');
}
