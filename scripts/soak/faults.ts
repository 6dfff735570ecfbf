/**
 * The faults of the soak, on the real processes of a supervised run:
 * kill -9 of a random worker process (the supervisor restarts it), a
 * restart of the private Redis on its own data and port (AOF on), and the
 * MongoDB-protocol server stopped for a while and started again on its data.
 */
import { findFerretdb, findRedisServer, startFerretdb, startRedis, type EmbeddedServer } from '@gongkai/embedded';
import { join } from 'node:path';
import type { Rng } from '../corpus/rng.ts';
import type { Harness } from '../bench/pipeline/pipeline.harness.ts';

export interface FaultLog {
  at: number;
  fault: string;
  detail: string;
}

/** Servers started by the soak itself (after a restart), to stop at the end. */
export const restarted: EmbeddedServer[] = [];

/** SIGKILL to one stage worker process (now and then the watcher). */
export function killRandomWorker(h: Harness, rng: Rng): FaultLog | null {
  const candidates = h.sup.processes().filter((p) => p.pid !== null && p.service !== 'ops' && (p.service !== 'watcher' || rng.chance(0.15)));
  if (candidates.length === 0) return null;
  const p = rng.pick(candidates);
  try {
    process.kill(p.pid!, 'SIGKILL');
  } catch {
    return null;
  }
  return { at: Date.now(), fault: 'kill -9', detail: `${p.service}#${p.index} pid ${p.pid}` };
}

/** Stops the private Redis (a clean shutdown writes the AOF) and starts it again on the same folder and port. */
export async function restartRedis(h: Harness, downMs = 1000): Promise<FaultLog> {
  const cur = restarted.findLast((s) => s.url.startsWith('redis')) ?? h.sup.infra.servers.redis;
  if (!cur) throw new Error('this run has no private Redis');
  const t0 = Date.now();
  await cur.child.stop();
  await new Promise((r) => setTimeout(r, downMs));
  const fresh = await startRedis({ bin: findRedisServer(h.config.tools), dir: join(h.config.dataDir, 'redis'), port: cur.port });
  restarted.push(fresh);
  return { at: t0, fault: 'redis restart', detail: `down ${Date.now() - t0} ms, same port ${cur.port}, AOF reloaded` };
}

/** Stops FerretDB for `downMs` and starts it again on the same data and port. */
export async function pauseMongo(h: Harness, downMs: number): Promise<FaultLog> {
  const cur = restarted.findLast((s) => s.url.startsWith('mongodb')) ?? h.sup.infra.servers.mongo;
  if (!cur) throw new Error('this run has no private FerretDB');
  const t0 = Date.now();
  await cur.child.stop();
  await new Promise((r) => setTimeout(r, downMs));
  const fresh = await startFerretdb({ bin: findFerretdb(h.config.tools), dir: join(h.config.dataDir, 'ferretdb'), port: cur.port });
  restarted.push(fresh);
  return { at: t0, fault: 'mongodb down', detail: `down ${Date.now() - t0} ms, same port ${cur.port}` };
}
