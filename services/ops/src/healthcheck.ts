/**
 * Container health checks (docker-compose healthcheck, Kubernetes exec
 * probes): exit 0 when healthy, 1 otherwise, one line on stdout either way.
 *
 *   healthcheck.ts http URL       the URL answers 2xx (ops: /readyz; no curl in the image)
 *   healthcheck.ts worker STAGE   a BullMQ worker of STAGE is connected to Redis from this host
 *   healthcheck.ts deps           Redis and MongoDB answer (the watcher, which serves nothing)
 */
import { loadConfig } from '@gongkai/config';
import { STAGE_LIST, isStageName } from '@gongkai/core';
import { Pipeline } from '@gongkai/pipeline';
import { ReportStore } from '@gongkai/store';
import { networkInterfaces } from 'node:os';

const TIMEOUT_MS = 8000;

/** This host's addresses, as Redis's CLIENT LIST writes a peer ("10.0.0.5", "::1"). */
function ownAddresses(): Set<string> {
  const out = new Set<string>(['127.0.0.1', '::1']);
  for (const list of Object.values(networkInterfaces())) for (const a of list ?? []) out.add(a.address);
  return out;
}

/** "10.0.0.5:51234" or "[::1]:51234" or "::1:51234" → the address part. */
export function peerHost(addr: string): string {
  const host = addr.slice(0, addr.lastIndexOf(':'));
  return host.replace(/^\[|\]$/g, '').replace(/^::ffff:/, '');
}

async function check(mode: string | undefined, arg: string | undefined): Promise<string> {
  if (mode === 'http') {
    if (!arg) throw new Error('usage: healthcheck.ts http URL');
    const r = await fetch(arg, { signal: AbortSignal.timeout(TIMEOUT_MS) });
    if (!r.ok) throw new Error(`${arg} answered ${r.status}`);
    return `${arg} ${r.status}`;
  }
  const config = loadConfig({ ...process.env, LOG_LEVEL: 'silent' });
  if (!config.redisUrl || !config.mongoUrl) throw new Error('REDIS_URL and MONGO_URL must be set');
  if (mode === 'worker') {
    if (!isStageName(arg)) throw new Error(`usage: healthcheck.ts worker STAGE (one of ${STAGE_LIST})`);
    const pipeline = await Pipeline.connect({ redisUrl: config.redisUrl, prefix: config.queuePrefix, stages: config.stages });
    try {
      const mine = ownAddresses();
      const workers = (await pipeline.queues[arg].getWorkers()) as Array<{ addr?: string }>;
      const here = workers.filter((w) => w.addr && mine.has(peerHost(w.addr)));
      if (here.length === 0) throw new Error(`no ${arg} worker of this host is connected (${workers.length} elsewhere)`);
      return `${arg} worker connected (${here.length} connection(s) from this host)`;
    } finally {
      await pipeline.close();
    }
  }
  if (mode === 'deps') {
    const pipeline = await Pipeline.connect({ redisUrl: config.redisUrl, prefix: config.queuePrefix, stages: config.stages });
    const store = await ReportStore.open(config.mongoUrl, config.mongoDb, { timeoutMs: TIMEOUT_MS, appName: 'gongkai-healthcheck' });
    try {
      await Promise.all([pipeline.connection.ping(), store.ping()]);
      return 'redis and mongodb answer';
    } finally {
      await Promise.allSettled([pipeline.close(), store.close()]);
    }
  }
  throw new Error('usage: healthcheck.ts http URL | worker STAGE | deps');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const timer = setTimeout(() => {
    process.stdout.write('unhealthy: timed out\n');
    process.exit(1);
  }, TIMEOUT_MS + 2000);
  try {
    process.stdout.write(`healthy: ${await check(process.argv[2], process.argv[3])}\n`);
    process.exitCode = 0;
  } catch (err) {
    process.stdout.write(`unhealthy: ${(err as Error).message}\n`);
    process.exitCode = 1;
  }
  clearTimeout(timer);
}
