/**
 * npm run bench -- hop
 *
 * What one stage hop costs, in a lab: one worker in this process on the
 * embedded Redis, its jobs added by another process (hop/hop.producer.ts)
 * either all at once (a backlog: the worker never waits) or at a fixed rate
 * (paced: the worker sleeps between jobs, as the pipeline's stages do while
 * FerretDB sets the pace). CPU per job of this process by thread (main, the
 * stage thread, the rest: V8's garbage-collection and compiler helpers) from
 * /proc, and Redis's from INFO, over the jobs after the first third.
 *
 * - the floor: a bare BullMQ worker whose job does nothing, without and with
 *   a round trip to a worker thread (22 KB of objects each way);
 * - a real stage hop (segment, extract): `startStageWorker` with its stage
 *   thread, its input in the handoff, as in the pipeline; beside it the
 *   stage alone (called in a loop in this thread, no queue, no thread).
 */
import { loadConfig, type Config } from '@gongkai/config';
import { needsOf, type StageName } from '@gongkai/core';
import { startInfra, type Infra } from '@gongkai/embedded';
import { Pipeline, StageRunner, gatherWakeUps, startStageWorker, type StageWorker } from '@gongkai/pipeline';
import { createLogger } from '@gongkai/runtime';
import { runInProcess, runStage } from '@gongkai/stages';
import { FsBlobStore, ReportStore } from '@gongkai/store';
import { Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { fork } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker as Thread } from 'node:worker_threads';
import { corpus } from './pipeline.bench.ts';
import { FLOOR_QUEUE, hopReportId } from './hop/hop.names.ts';
import { round, type BenchRow, type BenchSection } from './lib.ts';

const PRODUCER = fileURLToPath(new URL('./hop/hop.producer.ts', import.meta.url));
const TICK_MS = 10; // /proc's clock ticks (USER_HZ 100)

/** CPU ticks of each thread of this process. */
function threadTicks(): Map<string, number> {
  const out = new Map<string, number>();
  for (const tid of readdirSync('/proc/self/task')) {
    try {
      const f = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      out.set(tid, Number(f[11]) + Number(f[12]));
    } catch {
      // the thread ended between the listing and the read
    }
  }
  return out;
}

/** Threads started by `start` (the worker thread it spawns; libuv's pool is started before). */
async function newThreads<T>(start: () => T): Promise<{ value: T; tids: Set<string> }> {
  await readdir('/proc/self/task'); // an async fs call starts libuv's thread pool now, not inside the window
  const before = new Set(readdirSync('/proc/self/task'));
  const value = start();
  await new Promise((r) => setTimeout(r, 500));
  return { value, tids: new Set(readdirSync('/proc/self/task').filter((t) => !before.has(t))) };
}

async function redisCpuSec(redis: Redis): Promise<number> {
  const info = await redis.info('cpu');
  const get = (k: string) => Number(new RegExp(`${k}:([\\d.]+)`).exec(info)?.[1] ?? 0);
  return get('used_cpu_sys') + get('used_cpu_user');
}

interface Window {
  jobs: number;
  seconds: number;
  threads: Map<string, number>;
  cpu: NodeJS.CpuUsage;
  redisSec: number;
}

/**
 * Runs the producer for `n` jobs at `rate` (0: a backlog, every job queued
 * before the worker starts) and `begin`s the worker, which calls `completed`
 * per job; the window opens at the first third of them. Redis's CPU in the
 * window includes the producer's adds when paced, not in a backlog.
 */
async function measure(o: { redis: Redis; env: NodeJS.ProcessEnv; args: string[]; n: number; rate: number; begin(completed: () => void): void }): Promise<Window> {
  const warm = Math.round(o.n / 3);
  let done = 0;
  let from: { t: number; threads: Map<string, number>; cpu: NodeJS.CpuUsage; redis: number } | null = null;
  let finish = () => {};
  const finished = new Promise<void>((resolve) => (finish = resolve));
  const completed = () => {
    done++;
    if (done === warm) {
      const at = { t: performance.now(), threads: threadTicks(), cpu: process.cpuUsage() };
      void redisCpuSec(o.redis).then((redis) => (from = { ...at, redis }));
    }
    if (done === o.n) finish();
  };
  const child = fork(PRODUCER, o.args, { execArgv: ['--import', 'tsx'], env: { ...o.env, HOP_N: String(o.n), HOP_RATE: String(o.rate) }, stdio: 'inherit' });
  if (o.rate === 0) await new Promise((r) => child.once('exit', r));
  o.begin(completed);
  await finished;
  const to = { t: performance.now(), threads: threadTicks(), cpu: process.cpuUsage(), redis: await redisCpuSec(o.redis) };
  child.kill();
  const f = from!;
  return {
    jobs: o.n - warm,
    seconds: (to.t - f.t) / 1000,
    threads: new Map([...to.threads].map(([tid, ticks]) => [tid, ticks - (f.threads.get(tid) ?? 0)])),
    cpu: process.cpuUsage(f.cpu),
    redisSec: to.redis - f.redis,
  };
}

/** A row: CPU ms per job in all, on the main thread, on `own` threads, on the rest, and Redis's. */
function row(name: string, w: Window, own: Set<string>, ownLabel: string): BenchRow {
  const per = (ticks: number) => round((ticks * TICK_MS) / w.jobs, 2);
  let main = 0, mine = 0, rest = 0;
  for (const [tid, ticks] of w.threads) {
    if (tid === String(process.pid)) main += ticks;
    else if (own.has(tid)) mine += ticks;
    else rest += ticks;
  }
  return {
    name, 'jobs/s': round(w.jobs / w.seconds, 1),
    'process ms/job': round((w.cpu.user + w.cpu.system) / 1000 / w.jobs, 2),
    'main thread': per(main), [ownLabel]: per(mine), 'other threads': per(rest),
    'Redis ms/job': round((w.redisSec * 1000) / w.jobs, 2),
  };
}

async function floor(infra: Infra, config: Config, env: NodeJS.ProcessEnv, redis: Redis, n: number, rate: number): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  for (const threaded of [false, true]) {
    const { value: thread, tids } = await newThreads(() =>
      threaded ? new Thread('const { parentPort } = require("node:worker_threads"); parentPort.on("message", (m) => parentPort.postMessage(m));', { eval: true }) : null);
    const payload = { text: '公开'.repeat(2750), items: Array.from({ length: 200 }, (_, i) => ({ i, key: `k${i}`, value: i * 7 })) };
    const hop = (m: unknown) => new Promise((res) => { thread!.once('message', res); thread!.postMessage(m); });
    // the last: paced, with gathered wake-ups (GONGKAI_GATHER_MS, or 200 ms when it is off)
    for (const [r, gather] of [[0, 0], [rate, 0], [rate, config.gatherMs || 200]] as const) {
      await redis.eval(`for _, k in ipairs(redis.call('KEYS', ARGV[1])) do redis.call('DEL', k) end`, 0, `${config.queuePrefix}:${FLOOR_QUEUE}:*`);
      const connection = new Redis(infra.redisUrl, { maxRetriesPerRequest: null });
      let worker: Worker | null = null;
      const w = await measure({
        redis, env, args: ['floor'], n, rate: r,
        begin: (completed) => {
          worker = new Worker(FLOOR_QUEUE, async () => (thread ? hop(payload) : null), { connection, prefix: config.queuePrefix, concurrency: 1 }).on('completed', completed);
          gatherWakeUps(worker, gather);
        },
      });
      await worker!.close();
      connection.disconnect();
      rows.push(row(`no-op job${threaded ? ' + thread round trip (22 KB)' : ''}, ${r > 0 ? `${r}/s` : 'backlog'}${gather > 0 ? `, gathered ${gather} ms` : ''}`, w, tids, 'thread'));
    }
    await thread?.terminate();
  }
  return rows;
}

async function stageHops(infra: Infra, config: Config, env: NodeJS.ProcessEnv, redis: Redis, n: number, rate: number, quick: boolean): Promise<{ rows: BenchRow[]; notes: string[] }> {
  const { dir, answers } = corpus(quick ? 100 : 300);
  const outputs = [];
  for (const a of answers) {
    const r = await runInProcess({ name: a.file.split('/').pop()!, bytes: new Uint8Array(readFileSync(join(dir, a.file))) }).catch(() => null);
    if (r) outputs.push(r.outputs);
  }
  const log = createLogger(config, 'hop-bench', { stderr: true });
  const store = await ReportStore.open(infra.mongoUrl, config.mongoDb, { appName: 'hop-bench' });
  const blobs = new FsBlobStore(join(config.dataDir, 'blobs'));
  const rows: BenchRow[] = [];
  const notes: string[] = [];
  for (const stage of ['segment', 'extract'] as const satisfies readonly StageName[]) {
    const needs = needsOf(stage);
    // the stage alone: its process CPU per run (GC helpers included), no queue, no thread
    const inputs = outputs.map((o) => Object.fromEntries(needs.map((s) => [s, o[s]])));
    for (const input of inputs) await runStage(stage, input as never, { decode: {} });
    const c0 = process.cpuUsage();
    for (let k = 0; k < 3; k++) for (const input of inputs) await runStage(stage, input as never, { decode: {} });
    const c = process.cpuUsage(c0);
    const alone = round((c.user + c.system) / 1000 / (3 * inputs.length), 2);
    rows.push({ name: `${stage} alone (no queue, no thread)`, 'process ms/job': alone });
    for (const r of [0, rate]) {
      await redis.flushdb();
      const pipeline = await Pipeline.connect({ redisUrl: infra.redisUrl, prefix: config.queuePrefix, stages: config.stages, handoff: config.handoff, settleMs: 2 * config.lockMs });
      // the inputs, handed on as the stages before would (with their run records)
      for (let i = 0; i < n; i++) {
        const o = outputs[i % outputs.length]!;
        for (const s of needs) await pipeline.handoff.put(hopReportId(i), 'hop', s, o[s], { stage: s, run: { ms: 1, attempts: 1, at: new Date().toISOString(), runId: 'hop', version: 'hop' }, attempt: 1 });
      }
      const { value: runner, tids } = await newThreads(() => new StageRunner({ threads: 1, warm: stage, context: { decode: { maxBytes: config.maxBytes }, options: {} } }));
      let worker: StageWorker | null = null;
      const w = await measure({
        redis, env, args: ['stage', stage], n, rate: r,
        begin: (completed) => {
          worker = startStageWorker(stage, { store, blobs, pipeline, runner, log, maxBytes: config.maxBytes }, { settings: config.stages[stage], lockMs: config.lockMs, gatherMs: config.gatherMs });
          worker.worker.on('completed', completed);
        },
      });
      await worker!.close();
      await runner.close();
      await pipeline.close();
      const x = row(`${stage} hop, ${r > 0 ? `${r}/s${config.gatherMs > 0 ? `, gathered ${config.gatherMs} ms` : ''}` : 'backlog'}`, w, tids, 'stage thread');
      rows.push({ ...x, 'over the stage alone': round((x['process ms/job'] as number) - alone, 2) });
    }
  }
  await store.close();
  notes.push('"over the stage alone": the worker process\'s CPU per job minus the stage\'s own CPU per run called in a loop; Redis\'s CPU per job is apart (it includes the producer\'s add of each job)');
  return { rows, notes };
}

export async function run({ quick }: { quick: boolean }): Promise<BenchSection[]> {
  const n = Number(process.env['BENCH_HOP_N'] ?? (quick ? 300 : 600));
  const rate = Number(process.env['BENCH_HOP_RATE'] ?? 20);
  const dir = mkdtempSync(join(tmpdir(), 'gongkai-hop-'));
  const env: NodeJS.ProcessEnv = { ...process.env, GONGKAI_DATA: join(dir, 'data'), GONGKAI_INBOX: join(dir, 'inbox'), LOG_LEVEL: 'warn' };
  const config = loadConfig(env);
  const infra = await startInfra(config);
  const redis = new Redis(infra.redisUrl);
  env['REDIS_URL'] = infra.redisUrl;
  env['MONGO_URL'] = infra.mongoUrl;
  // BENCH_HOP_PARTS=floor or =stage: one of the two sections
  const parts = (process.env['BENCH_HOP_PARTS'] ?? 'floor,stage').split(',');
  try {
    const sections: BenchSection[] = [];
    if (parts.includes('floor')) {
      sections.push({
        title: `hop floor: a bare BullMQ worker (concurrency 1), ${n} jobs added by another process, CPU ms per job`,
        rows: await floor(infra, config, env, redis, n, rate),
        notes: ['backlog: every job queued before the worker starts (it never waits); paced: jobs arrive at the rate, the worker sleeps between them; Redis: with the adds when paced, without in a backlog'],
      });
    }
    if (parts.includes('stage')) {
      const hops = await stageHops(infra, config, env, redis, n, rate, quick);
      sections.push({ title: `a stage hop: one stage worker as in the pipeline, ${n} jobs, inputs in the handoff, CPU ms per job`, rows: hops.rows, notes: hops.notes });
    }
    return sections;
  } finally {
    redis.disconnect();
    await infra.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
