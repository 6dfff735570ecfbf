import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { freePort } from './free-port.ts';
import { spawnGuarded, type GuardedChild } from './guarded-child.ts';
import { waitForServer } from './wait-for.ts';

export interface EmbeddedServer {
  url: string;
  port: number;
  child: GuardedChild;
  /** Stops the server (SIGTERM, then SIGKILL after a grace period). */
  stop(): Promise<void>;
  /**
   * Makes the server's storage fast for what exists now (FerretDB: indexes
   * its SQLite tables by the expression its `_id` lookups use). Idempotent;
   * run after collections are created. Absent when there is nothing to do.
   */
  tune?(): Promise<{ tables: number; created: number; skipped: string | null }>;
}

/**
 * A private redis-server: loopback only, AOF on (fsync every second),
 * `maxmemory-policy noeviction` (BullMQ requires it), data under `dir`.
 * Passing the `port` of a previous run restarts it on the same data.
 */
export async function startRedis(opts: { bin: string; dir: string; port?: number; timeoutMs?: number }): Promise<EmbeddedServer> {
  mkdirSync(opts.dir, { recursive: true });
  const port = opts.port ?? (await freePort());
  const logFile = join(opts.dir, 'redis.log');
  const child = spawnGuarded(
    opts.bin,
    [
      '--port', String(port), '--bind', '127.0.0.1', '--protected-mode', 'yes', '--daemonize', 'no',
      '--dir', opts.dir, '--appendonly', 'yes', '--appendfsync', 'everysec', '--save', '',
      '--maxmemory-policy', 'noeviction', '--logfile', logFile,
    ],
    { logFile },
  );
  try {
    await waitForServer({
      port, probe: 'PING\r\n', expect: /^\+PONG/, timeoutMs: opts.timeoutMs ?? 30_000,
      isRunning: () => child.running, what: 'redis-server', logFile,
    });
  } catch (err) {
    await child.stop(1000);
    throw err;
  }
  return { url: `redis://127.0.0.1:${port}`, port, child, stop: () => child.stop() };
}
