import type { Config } from '@gongkai/config';
import { STAGE_SERVICES, STAGE_WORKER_MAIN, stageOfService, type StageServiceName } from '@gongkai/core';
import { startInfra, type Infra } from '@gongkai/embedded';
import type { Logger } from '@gongkai/runtime';
import { ReportStore } from '@gongkai/store';
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/**
 * The services `gongkai start` runs, in start order (stopped in reverse, watcher first):
 * ops, one worker service per stage of the catalogue (packages/core/src/stage.catalogue.ts), the watcher.
 */
export type ServiceName = 'ops' | StageServiceName | 'watcher';
export const SERVICES: readonly ServiceName[] = ['ops', ...STAGE_SERVICES, 'watcher'];

/** A service's entry point and arguments: every stage worker runs services/worker with its stage. */
function serviceMain(name: ServiceName): { main: string; args: string[] } {
  const stage = stageOfService(name);
  const rel = stage ? STAGE_WORKER_MAIN : `services/${name}/src/main.ts`;
  return { main: fileURLToPath(new URL(`../../../${rel}`, import.meta.url)), args: stage ? [stage] : [] };
}
const tsxLoader = import.meta.resolve('tsx');

/** A service up this long started fine: its next death restarts it without backoff. */
const RAN_FINE_MS = 10_000;

interface Supervised {
  name: ServiceName;
  /** 0…GONGKAI_STAGE_PROCESSES-1 for stage services, 0 otherwise. */
  index: number;
  child: ChildProcess | null;
  /** Restarts in a row (reset after a minute up): drives the backoff. */
  restarts: number;
  /** Unexpected exits since start (never reset). */
  exits: number;
  startedAt: number;
  stopping: boolean;
}

export interface SupervisorHandle {
  infra: Infra;
  /** The ops URL (dashboard, API, metrics). */
  opsUrl: string;
  /** pid per running service (its first process; for tests and the soak script). */
  pids(): Record<ServiceName, number | null>;
  /** Every supervised process (stage services may run several, GONGKAI_STAGE_PROCESSES). */
  processes(): Array<{ service: ServiceName; index: number; pid: number | null; exits: number }>;
  restarts(): Record<ServiceName, number>;
  stop(reason: string): Promise<void>;
}

/**
 * Runs the whole pipeline on one machine: the embedded servers (unless
 * REDIS_URL/MONGO_URL are set), then each service as its own process, each
 * restarted with backoff when it dies. Children are tied to us through the
 * IPC channel (they shut down when it closes). Shutdown order: watcher (no
 * new intake), stage workers (they finish their jobs), ops, servers.
 */
export async function superviseAll(config: Config, log: Logger, env: NodeJS.ProcessEnv): Promise<SupervisorHandle> {
  const opsUrl = `http://${config.host}:${config.port}`;
  const infra = await startInfra(config, { opsUrl });
  const store = await ReportStore.open(infra.mongoUrl, config.mongoDb);
  await store.ensureIndexes().finally(() => store.close());
  // the embedded FerretDB needs its tables indexed the way its lookups by _id read them
  // (packages/embedded/src/ferretdb.indexes.ts); again later for collections created since
  const tune = async () => {
    const r = await infra.servers.mongo?.tune?.().catch((err: Error) => ({ tables: 0, created: 0, skipped: err.message }));
    if (r?.skipped) log.warn({ reason: r.skipped }, 'embedded FerretDB not tuned: lookups by _id scan whole collections');
    else if (r?.created) log.info({ created: r.created, tables: r.tables }, 'embedded FerretDB: _id lookup indexes added');
  };
  await tune();
  const tuner = setInterval(() => void tune(), 30_000);
  tuner.unref();
  const childEnv: NodeJS.ProcessEnv = {
    ...env, REDIS_URL: infra.redisUrl, MONGO_URL: infra.mongoUrl, GONGKAI_DATA: config.dataDir, GONGKAI_INBOX: config.inbox, GONGKAI_SUPERVISED: '1',
  };
  const procs: Supervised[] = SERVICES.flatMap((name) =>
    Array.from({ length: stageOfService(name) ? config.stageProcesses : 1 }, (_, index) => ({
      name, index, child: null, restarts: 0, exits: 0, startedAt: 0, stopping: false,
    })),
  );
  const of = (name: ServiceName) => procs.filter((s) => s.name === name);
  let shuttingDown = false;

  const spawnService = (s: Supervised) => {
    s.startedAt = Date.now();
    const { main, args } = serviceMain(s.name);
    const child = fork(main, args, {
      env: childEnv,
      execArgv: ['--import', tsxLoader],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      // own process group: a terminal's Ctrl-C reaches only the supervisor, which stops services in order
      detached: true,
    });
    s.child = child;
    child.once('exit', (code, signal) => {
      s.child = null;
      if (shuttingDown || s.stopping) return;
      s.exits++;
      const upMs = Date.now() - s.startedAt;
      // backoff is for crash loops (dying while starting); a process that ran a while and was
      // killed comes back at once (the soak kills workers every few seconds: with a reset only
      // after a minute up, a repeatedly killed stage stayed down for up to 30 s)
      if (upMs > RAN_FINE_MS) s.restarts = 0;
      const delay = Math.min(30_000, 500 * 2 ** Math.min(s.restarts, 6));
      s.restarts++;
      log.warn({ service: s.name, index: s.index, code, signal, upMs, restartInMs: delay }, 'service exited; restarting');
      setTimeout(() => {
        if (!shuttingDown) spawnService(s);
      }, delay).unref();
    });
  };

  for (const s of procs) spawnService(s);

  const stopService = async (s: Supervised) => {
    s.stopping = true;
    const child = s.child;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise<void>((r) => child.once('exit', () => r()));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), config.shutdownMs + 2000);
    await exited;
    clearTimeout(timer);
  };

  let stopping: Promise<void> | null = null;
  return {
    infra,
    opsUrl,
    pids: () => Object.fromEntries(SERVICES.map((n) => [n, of(n)[0]?.child?.pid ?? null])) as Record<ServiceName, number | null>,
    restarts: () => Object.fromEntries(SERVICES.map((n) => [n, of(n).reduce((a, s) => a + s.restarts, 0)])) as Record<ServiceName, number>,
    processes: () => procs.map((s) => ({ service: s.name, index: s.index, pid: s.child?.pid ?? null, exits: s.exits })),
    stop(reason: string) {
      if (stopping) return stopping;
      shuttingDown = true;
      log.info({ reason }, 'stopping services');
      stopping = (async () => {
        clearInterval(tuner);
        await Promise.all(of('watcher').map(stopService));
        await Promise.all(STAGE_SERVICES.flatMap(of).map(stopService));
        await Promise.all(of('ops').map(stopService));
        await infra.stop();
        log.info('all stopped');
      })();
      return stopping;
    },
  };
}
