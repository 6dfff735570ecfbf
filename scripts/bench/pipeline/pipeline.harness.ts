/**
 * The whole pipeline the way `gongkai start` runs it (superviseAll: embedded
 * Redis + FerretDB, each service its own process) on a scratch data folder,
 * for the pipeline bench, the soak and the fuzz run; with the measuring
 * tools they share: progress from Redis (never a scan of the reports),
 * CPU and RSS per process from /proc.
 */
import { superviseAll, type SupervisorHandle } from '@gongkai/app';
import { loadConfig, type Config } from '@gongkai/config';
import { STAGES, isDone } from '@gongkai/core';
import { Pipeline, createRedis, isRefreshJob } from '@gongkai/pipeline';
import { QueueEvents } from 'bullmq';
import { createLogger } from '@gongkai/runtime';
import { ReportStore } from '@gongkai/store';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Harness {
  dir: string;
  config: Config;
  sup: SupervisorHandle;
  store: ReportStore;
  pipeline: Pipeline;
  /** When each report's validate job completed (from BullMQ's event stream, subscribed at start). */
  completedAt: Map<string, number>;
  /** Context refreshes (validate jobs re-run for a done report) completed so far. */
  refreshes: { done: number };
  /** Reports finished: validate completed, or dead-lettered at any stage (DLQ jobs stay waiting). */
  finished(): Promise<{ done: number; dead: number }>;
  stop(keep?: boolean): Promise<void>;
}

export async function startHarness(name: string, env: Record<string, string> = {}): Promise<Harness> {
  const dir = mkdtempSync(join(tmpdir(), `gongkai-${name}-`));
  const fullEnv: NodeJS.ProcessEnv = {
    ...process.env, GONGKAI_DATA: join(dir, 'data'), GONGKAI_INBOX: join(dir, 'inbox'), GONGKAI_PORT: '0', LOG_LEVEL: 'warn',
    GONGKAI_POLL_MS: '500', GONGKAI_STABLE_MS: '300', ...env,
  };
  const config = loadConfig(fullEnv);
  mkdirSync(config.inbox, { recursive: true });
  const sup = await superviseAll(config, createLogger(config, name, { stderr: true }), fullEnv);
  // the services run in their own process groups: a bench or soak stopped by a signal stops them too (a soak
  // stopped with SIGTERM had left a watcher running, its parent gone)
  const onSignal = (sig: NodeJS.Signals) => void sup.stop(`${sig} to the ${name}`).finally(() => process.exit(sig === 'SIGINT' ? 130 : 143));
  process.once('SIGINT', onSignal).once('SIGTERM', onSignal);
  const store = await ReportStore.open(sup.infra.mongoUrl, config.mongoDb, { appName: name });
  const pipeline = await Pipeline.connect({ redisUrl: sup.infra.redisUrl, prefix: config.queuePrefix, stages: config.stages, handoff: config.handoff });
  // completed jobs are trimmed at 5000 (removeOnComplete), so completions are counted as they happen
  const completedAt = new Map<string, number>();
  const refreshes = { done: 0 };
  const eventsConnection = createRedis(sup.infra.redisUrl, 'worker', 'harness');
  eventsConnection.on('error', () => {}); // Redis restarts are part of the soak
  const events = new QueueEvents('validate', { connection: eventsConnection, prefix: config.queuePrefix });
  // a report's first validate completion is when it was stored; a later one is a context refresh (job id `…-x<version>`,
  // queued when a neighbouring year lands, maybe minutes later) and must not move its landing-to-stored time
  events.on('completed', ({ jobId }) => {
    const id = jobId.slice(0, 64);
    if (isRefreshJob(jobId)) refreshes.done++;
    else if (!completedAt.has(id)) completedAt.set(id, Date.now());
  });
  events.on('error', () => {});
  await events.waitUntilReady();
  return {
    dir, config, sup, store, pipeline, completedAt, refreshes,
    async finished() {
      const counts = await pipeline.counts();
      const dead = STAGES.reduce((s, st) => s + (counts[`${st}-dlq`]?.waiting ?? 0), 0);
      // a validate job that stored its report but whose worker was killed right after, twice, is failed by BullMQ as
      // stalled: no 'completed' event comes, and the reconciler rightly leaves it (the report is done; reconcile.ts).
      // The 5,000 soak waited an hour for two of them
      for (const job of await pipeline.queues.validate.getFailed(0, 999)) {
        const id = job?.id?.slice(0, 64);
        if (!job?.id || !id || isRefreshJob(job.id) || completedAt.has(id)) continue;
        const r = await store.reports.findOne({ _id: id }, { projection: { status: 1 } });
        if (r && isDone(r.status)) completedAt.set(id, job.finishedOn ?? Date.now());
      }
      return { done: completedAt.size, dead };
    },
    async stop(keep = false) {
      await events.close().catch(() => {});
      eventsConnection.disconnect();
      await pipeline.close().catch(() => {});
      await store.close().catch(() => {});
      await sup.stop('harness done');
      // a bench runs one harness after another: the next one answers the signals
      process.off('SIGINT', onSignal).off('SIGTERM', onSignal);
      if (!keep) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Waits until `until()` holds, polling; throws after `timeoutMs` with `what`. */
export async function waitUntil(what: string, until: () => Promise<boolean>, timeoutMs: number, everyMs = 1000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await until())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

export interface ProcStat {
  pid: number;
  name: string;
  cpuSec: number;
  rssMb: number;
}

const TICK = 100; // USER_HZ on Linux

/** CPU seconds and RSS of a process (null when it is gone). */
export function procStat(pid: number): { cpuSec: number; rssMb: number } | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const cpuSec = (Number(f[11]) + Number(f[12])) / TICK;
    const rss = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return { cpuSec, rssMb: rss ? Number(rss[1]) / 1024 : 0 };
  } catch {
    return null;
  }
}

/** The real server process under a guarded child's shell wrapper. */
export function childOf(pid: number): number | null {
  try {
    for (const p of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
      const stat = readFileSync(`/proc/${p}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      if (ppid === pid && comm !== 'sh') return Number(p);
    }
  } catch {
    /* racing with exits */
  }
  return null;
}

/** Every process of a harness run, named: the services, FerretDB and Redis. */
export function harnessProcesses(h: Harness): Array<{ pid: number; name: string }> {
  const out = h.sup.processes().filter((p) => p.pid !== null).map((p) => ({ pid: p.pid!, name: `${p.service}${p.index ? `#${p.index}` : ''}` }));
  const mongo = h.sup.infra.servers.mongo?.child.pid;
  const redis = h.sup.infra.servers.redis?.child.pid;
  const m = mongo ? childOf(mongo) : null;
  const r = redis ? childOf(redis) : null;
  if (m) out.push({ pid: m, name: 'ferretdb' });
  if (r) out.push({ pid: r, name: 'redis' });
  return out;
}

export function sampleProcesses(h: Harness): ProcStat[] {
  return harnessProcesses(h).flatMap(({ pid, name }) => {
    const s = procStat(pid);
    return s ? [{ pid, name, ...s }] : [];
  });
}

/**
 * Waits until the services have finished starting: every process up and the
 * whole harness using under `idleShare` of one core for two consecutive
 * seconds (module loading and stage threads warming up cost several CPU
 * seconds per process; a run timed from before that charges it to its
 * first reports). Gives up quietly after `timeoutMs`.
 */
export async function settled(h: Harness, idleShare = 0.1, timeoutMs = 60_000): Promise<number> {
  const t0 = Date.now();
  const total = () => sampleProcesses(h).reduce((s, p) => s + p.cpuSec, 0);
  let prev = total();
  let quiet = 0;
  while (Date.now() - t0 < timeoutMs && quiet < 2) {
    await new Promise((r) => setTimeout(r, 1000));
    const now = total();
    quiet = now - prev < idleShare ? quiet + 1 : 0;
    prev = now;
  }
  return (Date.now() - t0) / 1000;
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}
