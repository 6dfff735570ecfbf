import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { indexFerretdbIds } from './ferretdb.indexes.ts';
import { freePort } from './free-port.ts';
import { spawnGuarded } from './guarded-child.ts';
import type { EmbeddedServer } from './redis.server.ts';
import { waitForServer } from './wait-for.ts';

/**
 * A private FerretDB speaking the MongoDB wire protocol over SQLite files in
 * `dir`, with telemetry and the debug listener off (two instances must not
 * collide on 127.0.0.1:8088).
 */
export async function startFerretdb(opts: { bin: string; dir: string; port?: number; timeoutMs?: number }): Promise<EmbeddedServer> {
  const dataDir = join(opts.dir, 'data');
  const stateDir = join(opts.dir, 'state');
  const tmpDir = join(opts.dir, 'tmp');
  mkdirSync(tmpDir, { recursive: true });
  mkdirSync(dataDir, { recursive: true });
  mkdirSync(stateDir, { recursive: true });
  const port = opts.port ?? (await freePort());
  const logFile = join(opts.dir, 'ferretdb.log');
  const child = spawnGuarded(
    opts.bin,
    [
      '--handler=sqlite', `--sqlite-url=file:${dataDir}/`, `--listen-addr=127.0.0.1:${port}`, `--state-dir=${stateDir}`,
      '--telemetry=disable', '--debug-addr=-', '--log-level=warn',
    ],
    // SQLite's temporary files (sorts, big transactions) go under our folder, not /var/tmp
    { logFile, env: { ...process.env, SQLITE_TMPDIR: tmpDir, TMPDIR: tmpDir } },
  );
  try {
    await waitForServer({
      port, probe: null, timeoutMs: opts.timeoutMs ?? 30_000, isRunning: () => child.running, what: 'FerretDB', logFile,
    });
  } catch (err) {
    await child.stop(1000);
    throw err;
  }
  return { url: `mongodb://127.0.0.1:${port}/`, port, child, stop: () => child.stop(), tune: () => indexFerretdbIds(dataDir) };
}
