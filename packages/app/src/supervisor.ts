import type { Config } from '@gongkai/config';
import { STAGE_SERVICES, STAGE_WORKER_MAIN, stageOfService, type StageServiceName } from '@gongkai/core';
import { startInfra, updateRuntimeInfo, type Infra } from '@gongkai/embedded';
import type { Logger } from '@gongkai/runtime';
import { ReportStore } from '@gongkai/store';
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describePortHolder } from './port.holder.ts';
import { isServiceSignal, type ServiceSignal } from './service.signal.ts';

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
/** A service that dies the same way this many times in a row before it is ready is not restarted again. */
export const START_FAILURES_MAX = 3;

/**
 * Start-up failed for good: a service that cannot start (a port in use) or
 * died the same way START_FAILURES_MAX times before it was ready. `message`
 * is the one line to show; `usage` when the operator's settings are the
 * cause (a port in use), not our code.
 */
export class StartUpError extends Error {
  constructor(
    message: string,
    readonly service: ServiceName | 'traces',
    readonly usage: boolean,
    /** What to do about it, when not the default (another GONGKAI_PORT). */
    readonly hint?: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

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
  /** It said it is up (service.signal.ts) since it was last started. */
  ready: boolean;
  /** Deaths in a row before ready, all the same way (`lastFailure`). */
  startFailures: number;
  lastFailure: string | null;
  /** Why it cannot start, as it said before dying. */
  fatal: Extract<ServiceSignal, { type: 'gongkai:fatal' }> | null;
}

export interface SupervisorHandle {
  infra: Infra;
  /** The ops URL (dashboard, API, metrics): the configured one until the ops service reports what it bound (port 0 resolved). */
  readonly opsUrl: string;
  /** The trace viewer's URL (GONGKAI_TRACES_PORT set), else null. */
  readonly tracesUrl: string | null;
  /**
   * Resolves with the URL the ops service bound once every service is up
   * (each said so, and ops answers /readyz); rejects with a StartUpError
   * when one cannot start.
   */
  ready: Promise<string>;
  /** Rejects with a StartUpError when a service gives up (at start-up or later); never resolves. */
  failed: Promise<never>;
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
  let opsUrl = `http://${config.host}:${config.port}`;
  const infra = await startInfra(config, config.port === 0 ? {} : { opsUrl });
  const store = await ReportStore.open(infra.mongoUrl, config.mongoDb);
  // the list rows of reports written by an older version (or around the store) rebuilt before ops reads them
  await store.ensureIndexes().then(() => store.listRows.syncOnce()).finally(() => store.close());
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
  // the trace viewer first: every service sends its spans there from its first job
  const traces = config.traceViewerPort === null ? null : await startTraceViewer(config, log).catch(async (err: unknown) => {
    clearInterval(tuner);
    await infra.stop();
    throw err;
  });
  const childEnv: NodeJS.ProcessEnv = {
    ...env, REDIS_URL: infra.redisUrl, MONGO_URL: infra.mongoUrl, GONGKAI_DATA: config.dataDir, GONGKAI_INBOX: config.inbox, GONGKAI_SUPERVISED: '1',
    ...(traces ? { OTEL_EXPORTER_OTLP_ENDPOINT: traces.url, OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json' } : {}),
  };
  const procs: Supervised[] = SERVICES.flatMap((name) =>
    Array.from({ length: stageOfService(name) ? config.stageProcesses : 1 }, (_, index) => ({
      name, index, child: null, restarts: 0, exits: 0, startedAt: 0, stopping: false, ready: false, startFailures: 0, lastFailure: null, fatal: null,
    })),
  );
  const of = (name: ServiceName) => procs.filter((s) => s.name === name);
  let shuttingDown = false;

  let failWith: (e: StartUpError) => void = () => {};
  const failed = new Promise<never>((_, reject) => (failWith = reject));
  failed.catch(() => {}); // observed through `ready` or by the caller
  let gaveUp: StartUpError | null = null;
  const giveUp = async (s: Supervised, fatal: Supervised['fatal'], why: string) => {
    if (gaveUp) return;
    let message: string;
    let usage = false;
    if (fatal?.code === 'EADDRINUSE' && fatal.port !== undefined) {
      const holder = await describePortHolder(fatal.host ?? config.host, fatal.port).catch(() => null);
      message = `port ${fatal.port} on ${fatal.host ?? config.host} is already in use${holder ? ` by ${holder}` : ''}; stop it or set GONGKAI_PORT to a free port (0: any free one)`;
      usage = true;
    } else {
      message = `the ${s.name} service failed the same way ${s.startFailures} times while starting (${why}); not restarting it: see its log above`;
    }
    gaveUp = new StartUpError(message, s.name, usage);
    log.error({ service: s.name, index: s.index, failures: s.startFailures, reason: why }, 'service cannot start; giving up');
    failWith(gaveUp);
  };

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
    s.ready = false;
    s.fatal = null;
    child.on('message', (m) => {
      if (!isServiceSignal(m)) return;
      if (m.type === 'gongkai:fatal') {
        s.fatal = m;
        return;
      }
      s.ready = true;
      s.startFailures = 0;
      s.lastFailure = null;
      if (s.name === 'ops' && m.url && m.url !== opsUrl) {
        opsUrl = m.url;
        // status & co. find the dashboard where it really is (port 0 resolved)
        updateRuntimeInfo(config.dataDir, { opsUrl });
      }
      onReady();
    });
    child.once('exit', (code, signal) => {
      s.child = null;
      if (shuttingDown || s.stopping || gaveUp) return;
      s.exits++;
      const upMs = Date.now() - s.startedAt;
      if (!s.ready && !signal) {
        // died while starting (not killed from outside: the soak kills on purpose):
        // the same death over and over is not worth another try
        const why = s.fatal ? `${s.fatal.code}: ${s.fatal.message}` : signal ? `killed by ${signal}` : `exit code ${code}`;
        s.startFailures = why === s.lastFailure ? s.startFailures + 1 : 1;
        s.lastFailure = why;
        if ((s.fatal && !s.fatal.retry) || s.startFailures >= START_FAILURES_MAX) {
          void giveUp(s, s.fatal, why);
          return;
        }
      }
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

  // ready: every process said so, then ops answers /readyz on the URL it reported
  let resolveReady: (url: string) => void = () => {};
  const ready = new Promise<string>((resolve, reject) => {
    resolveReady = resolve;
    failed.catch(reject);
  });
  let readyChecked = false;
  function onReady() {
    if (readyChecked || !procs.every((p) => p.ready)) return;
    readyChecked = true;
    void (async () => {
      for (;;) {
        if (shuttingDown || gaveUp) return;
        const ok = await fetch(`${opsUrl}/readyz`, { signal: AbortSignal.timeout(2000) }).then((r) => r.ok, () => false);
        if (ok) return resolveReady(opsUrl);
        await new Promise((r) => setTimeout(r, 250));
      }
    })();
  }
  const waiting = setInterval(() => {
    const slow = procs.filter((p) => !p.ready).map((p) => (config.stageProcesses > 1 && stageOfService(p.name) ? `${p.name}#${p.index}` : p.name));
    if (slow.length > 0 && !readyChecked) log.info({ waitingFor: slow }, 'waiting for services to start');
  }, 15_000);
  waiting.unref();
  void ready.then(() => clearInterval(waiting), () => clearInterval(waiting));

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
    get opsUrl() {
      return opsUrl;
    },
    tracesUrl: traces?.url ?? null,
    ready,
    failed,
    pids: () => Object.fromEntries(SERVICES.map((n) => [n, of(n)[0]?.child?.pid ?? null])) as Record<ServiceName, number | null>,
    restarts: () => Object.fromEntries(SERVICES.map((n) => [n, of(n).reduce((a, s) => a + s.restarts, 0)])) as Record<ServiceName, number>,
    processes: () => procs.map((s) => ({ service: s.name, index: s.index, pid: s.child?.pid ?? null, exits: s.exits })),
    stop(reason: string) {
      if (stopping) return stopping;
      shuttingDown = true;
      log.info({ reason }, 'stopping services');
      stopping = (async () => {
        clearInterval(tuner);
        clearInterval(waiting);
        await Promise.all(of('watcher').map(stopService));
        await Promise.all(STAGE_SERVICES.flatMap(of).map(stopService));
        await Promise.all(of('ops').map(stopService));
        await traces?.close();
        await infra.stop();
        log.info('all stopped');
      })();
      return stopping;
    },
  };
}

/**
 * The trace viewer `gongkai start` runs when GONGKAI_TRACES_PORT is set
 * (packages/telemetry trace.view.ts): an OTLP/HTTP receiver keeping the
 * latest traces in memory, with pages to look at them. A port in use is a
 * start-up error naming it.
 */
async function startTraceViewer(config: Config, log: Logger): Promise<{ url: string; close(): Promise<void> }> {
  const { TraceBook, startOtlpReceiver } = await import('@gongkai/telemetry');
  if (config.telemetry.endpoint) log.warn({ endpoint: config.telemetry.endpoint }, 'GONGKAI_TRACES_PORT is set: spans go to the trace viewer, not to OTEL_EXPORTER_OTLP_ENDPOINT');
  try {
    return await startOtlpReceiver({ host: config.host, port: config.traceViewerPort ?? 0, book: new TraceBook() });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw err;
    throw new StartUpError(`port ${config.traceViewerPort} on ${config.host} (GONGKAI_TRACES_PORT, the trace viewer) is already in use`, 'traces', true, 'set GONGKAI_TRACES_PORT to a free port (0: any free one)');
  }
}
