/**
 * npm run bench -- agencies   (BENCH_AGENCIES_N=10000, BENCH_AGENCIES_CALLS=200)
 *
 * Latency of the reads across reports at 10,000 report documents: the
 * agencies list, an agency's page and series, a year's comparison (API and
 * page), through the ops server over HTTP, on the embedded FerretDB (or
 * MONGO_URL). The documents are generated reports stored through the
 * store's own write path (every stage's output), then copied under new ids
 * inside SQLite, as the collection bench does, each copy given an agency
 * (700 of them) and a year (2011–2025), so every agency has a series and
 * every year ~700 agencies to rank; their list rows (report_list, what the
 * ops server reads) are copied the same way. Also: the ops server's load of
 * every row at start, and a read after rows changed. Target: p95 < 200 ms.
 */
import { rowFeedKey } from '@gongkai/app';
import { loadConfig } from '@gongkai/config';
import { PIPELINE_VERSION, STAGES, reportFieldsOf, type Report } from '@gongkai/core';
import { onPath, startInfra } from '@gongkai/embedded';
import { startOpsServer } from '@gongkai/ops';
import { Pipeline } from '@gongkai/pipeline';
import { createLogger } from '@gongkai/runtime';
import { runInProcess } from '@gongkai/stages';
import { ReportStore } from '@gongkai/store';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { round, type BenchRow, type BenchSection } from './lib.ts';
import { corpus } from './pipeline.bench.ts';

const AGENCIES = 700;
const FIRST_YEAR = 2011;
const YEARS = 15;
const TOKEN = 'bench-viewer-token-0123456789';

const keyOf = (i: number) => `福建省/福州市/平潭县:测试机关${String(i % AGENCIES).padStart(3, '0')}`;
const yearOf = (i: number) => FIRST_YEAR + (Math.floor(i / AGENCIES) % YEARS);

/** Stores `templates` through the store's write path; returns their ids. */
async function storeTemplates(store: ReportStore, dir: string, files: string[]): Promise<string[]> {
  const ids: string[] = [];
  for (const [t, file] of files.entries()) {
    const bytes = readFileSync(join(dir, file));
    const r = await runInProcess({ bytes, name: file });
    const id = `template-${t}`;
    const runId = `rtemplate${t}`;
    await store.intake(id, { uri: `file:///${file}`, name: file, size: bytes.length, receivedAt: new Date().toISOString() }, runId);
    for (const stage of STAGES) {
      if (r.outputs[stage] === undefined) continue; // a conditional stage (ocr) that did not run
      const run = { ms: 1, attempts: 1, at: new Date().toISOString(), runId, version: PIPELINE_VERSION };
      await store.saveStageOutput(id, runId, stage, reportFieldsOf(stage, r.outputs[stage] as never), run, 1);
    }
    ids.push(id);
  }
  return ids;
}

/** Copies the templates and their list rows to `n` each inside SQLite, each with its own id, agency and year; false without the embedded FerretDB. */
function copyInSqlite(dataDir: string, templates: string[], n: number): boolean {
  const sqlite3 = onPath('sqlite3');
  const files = existsSync(dataDir) ? readdirSync(dataDir).filter((f) => f.endsWith('.sqlite')) : [];
  if (!sqlite3 || files.length === 0) return false;
  for (const f of files) {
    const sql = (q: string) => execFileSync(sqlite3, ['-batch', '-cmd', '.timeout 30000', join(dataDir, f), q], { encoding: 'utf8', timeout: 3_600_000 });
    const tableOf = (name: string) => sql(`SELECT table_name FROM _ferretdb_collections WHERE name = '${name}';`).trim();
    const [reports, rows] = [tableOf('reports'), tableOf('report_list')];
    if (!/^[A-Za-z0-9_.-]+$/.test(reports) || !/^[A-Za-z0-9_.-]+$/.test(rows)) continue;
    // the templates read (and their JSON parsed) once, not once per copy; a report and its row get the same id, agency and year
    const copy = (table: string, paths: { key: string; agency: string; year: string }) => `WITH RECURSIVE seq(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM seq WHERE i < ${n - 1}),
      tpl(k, doc) AS MATERIALIZED (SELECT CAST(substr(_ferretdb_sjson->>'$._id', 10) AS INTEGER), _ferretdb_sjson FROM "${table}" WHERE _ferretdb_sjson->>'$._id' LIKE 'template-%')
      INSERT INTO "${table}" (_ferretdb_sjson)
      SELECT json_set(tpl.doc, '$._id', printf('bench-%07d', seq.i),
        '${paths.key}', printf('福建省/福州市/平潭县:测试机关%03d', seq.i % ${AGENCIES}),
        '${paths.agency}', printf('平潭综合实验区测试机关%03d', seq.i % ${AGENCIES}),
        '${paths.year}', ${FIRST_YEAR} + ((seq.i / ${AGENCIES}) % ${YEARS}))
      FROM seq JOIN tpl ON tpl.k = seq.i % ${templates.length};
      DELETE FROM "${table}" WHERE _ferretdb_sjson->>'$._id' LIKE 'template-%';`;
    sql(copy(reports, { key: '$.meta.agencyKey', agency: '$.meta.agency', year: '$.meta.year' }));
    sql(copy(rows, { key: '$.agencyKey', agency: '$.agency', year: '$.year' }));
    return true;
  }
  return false;
}

/** The same documents through the driver (a real MongoDB). */
async function copyWithDriver(store: ReportStore, templates: string[], n: number): Promise<void> {
  const docs = (await store.reports.find({ _id: { $in: templates } }).toArray()) as Report[];
  for (let i = 0; i < n; i += 500) {
    const batch = Array.from({ length: Math.min(500, n - i) }, (_, j) => {
      const at = i + j;
      const d = structuredClone(docs[at % docs.length]!);
      return { ...d, _id: `bench-${String(at).padStart(7, '0')}`, meta: { ...d.meta!, agencyKey: keyOf(at), agency: `平潭综合实验区测试机关${String(at % AGENCIES).padStart(3, '0')}`, year: yearOf(at) } };
    });
    await store.reports.insertMany(batch, { ordered: false });
  }
  await store.reports.deleteMany({ _id: { $in: templates } });
  await store.listRows.rows.deleteMany({ _id: { $in: templates } });
  await store.listRows.sync();
}

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)]!;

async function timeGets(url: string, calls: number): Promise<{ first: number; p50: number; p95: number; max: number; bytes: number }> {
  const get = async () => {
    const t0 = performance.now();
    const res = await fetch(url, { headers: { authorization: `Bearer ${TOKEN}` } });
    const body = await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`${url}: ${res.status} ${new TextDecoder().decode(body).slice(0, 200)}`);
    return { ms: performance.now() - t0, bytes: body.byteLength };
  };
  const first = await get();
  const ms: number[] = [];
  let bytes = 0;
  for (let i = 0; i < calls; i++) {
    const r = await get();
    ms.push(r.ms);
    bytes = r.bytes;
  }
  return { first: round(first.ms, 1), p50: round(pct(ms, 50), 1), p95: round(pct(ms, 95), 1), max: round(Math.max(...ms), 1), bytes };
}

export async function run({ quick }: { quick: boolean }): Promise<BenchSection[]> {
  const n = Number(process.env['BENCH_AGENCIES_N'] ?? (quick ? 2000 : 10000));
  const calls = Number(process.env['BENCH_AGENCIES_CALLS'] ?? (quick ? 50 : 200));
  const dir = mkdtempSync(join(tmpdir(), 'gongkai-bench-agencies-'));
  const env = { ...process.env, GONGKAI_DATA: join(dir, 'data'), GONGKAI_INBOX: join(dir, 'inbox'), GONGKAI_PORT: '0', LOG_LEVEL: 'warn', GONGKAI_VIEWER_TOKEN: TOKEN, GONGKAI_PUBLIC_READ: 'false' };
  const config = loadConfig(env);
  const log = createLogger(config, 'bench-agencies', { stderr: true });
  const infra = await startInfra(config);
  const store = await ReportStore.open(infra.mongoUrl, config.mongoDb, { appName: 'bench-agencies' });
  const pipeline = await Pipeline.connect({ redisUrl: infra.redisUrl, prefix: config.queuePrefix, stages: config.stages, handoff: config.handoff });
  store.useFeed(pipeline.connection, rowFeedKey(config));
  try {
    await store.ensureIndexes();
    const c = corpus(40);
    // both eras: 2019+ table reports and narrative ones, as the generator makes them
    const files = c.answers.map((a) => a.file).filter((f) => f.endsWith('.txt')).slice(0, 6);
    const t0 = Date.now();
    const templates = await storeTemplates(store, c.dir, files);
    if (!copyInSqlite(join(config.dataDir, 'ferretdb', 'data'), templates, n)) await copyWithDriver(store, templates, n);
    // FerretDB answers a lookup by _id from an index only once the embedded server's tuning added it (as the supervisor does every 30 s)
    await infra.servers.mongo?.tune?.();
    const count = await store.listRows.rows.countDocuments({}); // the small rows (a count of the reports reads every 260-KB document on FerretDB)
    process.stderr.write(`  ${count} report documents (${files.length} generated reports copied) in ${Math.round((Date.now() - t0) / 1000)} s\n`);

    const ops = await startOpsServer({ config, store, pipeline, log }, log, { timings: { everyMs: 60_000, since: 0 } });
    try {
      const key = encodeURIComponent(keyOf(7));
      const year = FIRST_YEAR + 9;
      const targets: Array<[string, string]> = [
        ['GET /api/agencies (first: loads the rows)', '/api/agencies'],
        ['GET /api/agencies?q=机关12', `/api/agencies?q=${encodeURIComponent('机关12')}`],
        [`GET /api/compare?year=${year}&metric=requests.received.total`, `/api/compare?year=${year}&metric=requests.received.total`],
        [`GET /api/compare?year=${year}&metric=rate.granted_share`, `/api/compare?year=${year}&metric=rate.granted_share`],
        ['GET /api/agencies/:key (7 series)', `/api/agencies/${key}`],
        ['GET /api/agencies/:key?format=xlsx', `/api/agencies/${key}?format=xlsx`],
        ['GET /agencies (page)', '/agencies'],
        ['GET /agencies/:key (page)', `/agencies/${key}`],
        [`GET /compare?year=${year} (page)`, `/compare?year=${year}&metric=requests.received.total`],
      ];
      const rows: BenchRow[] = [];
      for (const [name, path] of targets) {
        const r = await timeGets(`${ops.url}${path}`, calls);
        rows.push({ name, 'first ms': r.first, 'p50 ms': r.p50, 'p95 ms': r.p95, 'max ms': r.max, 'KB': round(r.bytes / 1024, 1), 'p95 < 200 ms': r.p95 < 200 ? 'yes' : 'NO' });
        process.stderr.write(`  ${name}: p95 ${r.p95} ms\n`);
      }
      // the rows' load at start (one scan of report_list), again; a read after 10 rows were written through the store (the feed names them)
      const t0r = performance.now();
      await store.rowMirror.reload();
      const reloadMs = performance.now() - t0r;
      const t0f = performance.now();
      await store.rowMirror.fresh();
      const idleMs = performance.now() - t0f;
      const now = new Date().toISOString();
      for (let i = 0; i < 10; i++) await store.listRows.moved(`bench-${String(i * 97).padStart(7, '0')}`, now);
      const t1 = performance.now();
      await store.rowMirror.fresh();
      const changedMs = performance.now() - t1;
      const blank = { 'first ms': '', 'p95 ms': '', 'max ms': '', 'KB': '', 'p95 < 200 ms': '' };
      rows.push({ name: `rows loaded at start (${store.rowMirror.lastLoad.rows} rows)`, ...blank, 'p50 ms': round(reloadMs, 1) });
      rows.push({ name: 'a read\'s feed check, nothing changed', ...blank, 'p50 ms': round(idleMs, 2) });
      rows.push({ name: 'a read after 10 rows changed (feed + 10 rows by _id)', ...blank, 'p50 ms': round(changedMs, 1) });
      return [{
        title: `agencies and comparisons: ${count.toLocaleString('en')} reports, ${AGENCIES} agencies × ${YEARS} years, ${calls} sequential calls each (${infra.servers.mongo ? 'embedded FerretDB' : 'MONGO_URL'})`,
        rows,
        notes: ['first ms: the first call after start (the first one of all loads every list row, report_list, into memory); every read first reads the rows\' change feed (Redis) and re-reads the rows it names by _id'],
      }];
    } finally {
      await ops.close();
    }
  } finally {
    await pipeline.close().catch(() => {});
    await store.close().catch(() => {});
    await infra.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
