/**
 * npm run bench -- reports   (BENCH_REPORTS_N=10000, BENCH_REPORTS_RUNS=40)
 *
 * GET /api/reports at 10,000 reports: the first page, a page deep in a
 * cursor walk, each kind of search and filter, timed over HTTP against the
 * ops server on the embedded Redis + FerretDB (MONGO_URL: a real MongoDB
 * instead). The documents are one report stored through the store's write
 * path (every stage's output), copied under new ids, names, agencies,
 * years, times and every eighth one failed, so filters and searches match
 * realistic fractions. Target: p95 < 200 ms.
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

const AGENCIES = ['平潭综合实验区管委会', '福州市人民政府办公厅', '厦门市思明区人民政府', '泉州市财政局', '莆田市教育局', '漳州市公安局', '宁德市卫生健康委员会', '龙岩市自然资源局'];
const TOKEN = 'bench-admin-token-0123456789';

/**
 * The copies, as SQLite statements over a temporary table of their ids and
 * varying values (every eighth a copy of the failed template): the reports
 * (json_replace of fields the template has: FerretDB keeps a schema of them)
 * and their list rows, copied from the templates' rows the store wrote, with
 * the same values (a failed copy's row keeps the template's: no agency, no year).
 */
function sqlCopies(tables: { reports: string; rows: string }, ids: { done: string; failed: string }, count: number): string {
  const agency = `CASE i % ${AGENCIES.length} ${AGENCIES.map((a, k) => `WHEN ${k} THEN '${a}'`).join(' ')} END`;
  const at = (base: string, step: string) => `strftime('%Y-%m-%dT%H:%M:%fZ', '${base}', '+' || (${step}) || ' seconds')`;
  // the templates are read once (MATERIALIZED): a join on the table being inserted into would rescan it for every copy
  const tpl = (table: string) => `tpl AS MATERIALIZED (SELECT _ferretdb_sjson->>'$._id' AS id, _ferretdb_sjson AS j FROM "${table}" WHERE _ferretdb_sjson->>'$._id' IN ('${ids.done}', '${ids.failed}'))`;
  return `CREATE TEMP TABLE copies AS WITH RECURSIVE seq(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM seq WHERE i < ${count})
      SELECT i, lower(hex(randomblob(32))) AS id, CASE WHEN i % 8 = 7 THEN '${ids.failed}' ELSE '${ids.done}' END AS tid,
        printf('report-%06d.txt', i) AS name, ${at('2026-01-01T00:00:00Z', 'i / 3')} AS updated, ${at('2025-06-01T00:00:00Z', 'i')} AS received,
        ${agency} AS agency, 2010 + i % 12 AS year, CASE WHEN i % 8 = 7 THEN 'failed' WHEN i % 3 = 0 THEN 'valid' ELSE 'warnings' END AS status FROM seq;
    WITH ${tpl(tables.reports)}
    INSERT INTO "${tables.reports}" (_ferretdb_sjson)
    SELECT json_replace(t.j, '$._id', c.id, '$.source.name', c.name, '$.updatedAt', c.updated, '$.source.receivedAt', c.received,
      '$.meta.agency', c.agency, '$.meta.year', c.year, '$.status', c.status)
    FROM copies c JOIN tpl t ON t.id = c.tid;
    WITH ${tpl(tables.rows)}
    INSERT INTO "${tables.rows}" (_ferretdb_sjson)
    SELECT CASE WHEN c.tid = '${ids.failed}' THEN json_replace(t.j, '$._id', c.id, '$.name', c.name, '$.updatedAt', c.updated, '$.receivedAt', c.received)
      ELSE json_replace(t.j, '$._id', c.id, '$.name', c.name, '$.updatedAt', c.updated, '$.receivedAt', c.received, '$.agency', c.agency, '$.year', c.year, '$.status', c.status) END
    FROM copies c JOIN tpl t ON t.id = c.tid;`;
}

/** Copies of the templates with their list rows: inside SQLite on the embedded FerretDB (thousands a second), through the driver on MongoDB (rows rebuilt from the reports). */
async function fill(store: ReportStore, dataDir: string, ids: { done: string; failed: string }, count: number): Promise<void> {
  const sqlite3 = onPath('sqlite3');
  const dir = join(dataDir, 'ferretdb', 'data');
  const files = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.sqlite')) : [];
  for (const f of sqlite3 ? files : []) {
    const sql = (q: string) => execFileSync(sqlite3!, ['-batch', '-cmd', '.timeout 30000', join(dir, f), q], { encoding: 'utf8', timeout: 3_600_000 });
    const table = (name: string) => sql(`SELECT table_name FROM _ferretdb_collections WHERE name = '${name}';`).trim();
    const tables = { reports: table('reports'), rows: table('report_list') };
    if (!/^[A-Za-z0-9_.-]+$/.test(tables.reports) || !/^[A-Za-z0-9_.-]+$/.test(tables.rows)) continue;
    sql(sqlCopies(tables, ids, count));
    return;
  }
  const done = (await store.reports.findOne({ _id: ids.done })) as Report;
  const failed = (await store.reports.findOne({ _id: ids.failed })) as Report;
  for (let i = 1; i <= count; i += 500) {
    const batch = Array.from({ length: Math.min(500, count - i + 1) }, (_, k) => {
      const n = i + k;
      const t = n % 8 === 7 ? failed : done;
      return {
        ...t, _id: `${n.toString(16).padStart(8, '0')}${'0'.repeat(56)}`, status: t === failed ? 'failed' : n % 3 === 0 ? 'valid' : 'warnings',
        updatedAt: new Date(Date.UTC(2026, 0, 1) + Math.floor(n / 3) * 1000).toISOString(),
        source: { ...t.source, name: `report-${String(n).padStart(6, '0')}.txt`, receivedAt: new Date(Date.UTC(2025, 5, 1) + n * 1000).toISOString() },
        ...(t === failed ? {} : { meta: { ...t.meta!, agency: AGENCIES[n % AGENCIES.length]!, year: 2010 + (n % 12) } }),
      } as Report;
    });
    await store.reports.insertMany(batch, { ordered: false });
  }
  await store.listRows.sync();
}

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)]!;

export async function run({ quick }: { quick: boolean }): Promise<BenchSection[]> {
  const n = Number(process.env['BENCH_REPORTS_N'] ?? (quick ? 2000 : 10_000));
  const runs = Number(process.env['BENCH_REPORTS_RUNS'] ?? (quick ? 10 : 40));
  const dir = mkdtempSync(join(tmpdir(), 'gongkai-bench-reports-'));
  const env = { ...process.env, GONGKAI_DATA: join(dir, 'data'), GONGKAI_INBOX: join(dir, 'inbox'), GONGKAI_PORT: '0', LOG_LEVEL: 'warn', GONGKAI_ADMIN_TOKEN: TOKEN };
  const config = loadConfig(env);
  const infra = await startInfra(config);
  const log = createLogger(config, 'bench-reports', { stderr: true });
  const store = await ReportStore.open(infra.mongoUrl, config.mongoDb);
  const pipeline = await Pipeline.connect({ redisUrl: infra.redisUrl, prefix: config.queuePrefix, stages: config.stages, handoff: config.handoff });
  store.useFeed(pipeline.connection, rowFeedKey(config));
  try {
    await store.ensureIndexes();
    // one real report, stored as the pipeline stores it
    const { dir: cdir, answers } = corpus(1);
    const file = answers[0]!.file;
    const bytes = readFileSync(join(cdir, file));
    const out = await runInProcess({ bytes, name: file });
    const ids = { done: 'f'.repeat(64), failed: 'e'.repeat(64) };
    const runId = 'rbench';
    const source = (name: string) => ({ uri: `file:///bench/${name}`, name, size: bytes.length, receivedAt: new Date().toISOString() });
    await store.intake(ids.done, source(file), runId);
    for (const stage of STAGES) {
      if (!out.outputs[stage]) continue; // a conditional stage that did not run for this file
      await store.saveStageOutput(ids.done, runId, stage, reportFieldsOf(stage, out.outputs[stage] as never), { ms: 1, attempts: 1, at: new Date().toISOString(), runId, version: PIPELINE_VERSION }, 1);
    }
    // a failed one, as dead-letter.ts leaves it: decoded nothing, marked failed with the stage and reason
    await store.intake(ids.failed, source('image.txt'), runId);
    await store.markFailed(ids.failed, runId, { stage: 'decode', code: 'BINARY_FILE', reason: 'not a report: image.txt is a PNG image', at: new Date().toISOString() }, 1);
    const t0 = Date.now();
    await fill(store, config.dataDir, ids, n - 2);
    const total = n; // counting would be one more scan of every 30-KB document on FerretDB
    // FerretDB answers a lookup by _id from an index only once the embedded server's tuning added it (reports, report_list)
    await infra.servers.mongo?.tune?.();
    process.stderr.write(`  ${total} reports in ${Math.round((Date.now() - t0) / 1000)} s\n`);
    const ops = await startOpsServer({ config: { ...config, mongoUrl: infra.mongoUrl, redisUrl: infra.redisUrl }, store, pipeline, log }, log);
    try {
      const get = async (path: string) => {
        const r = await fetch(`${ops.url}${path}`, { headers: { authorization: `Bearer ${TOKEN}` } });
        if (r.status !== 200) throw new Error(`${path}: ${r.status} ${await r.text()}`);
        return (await r.json()) as { total: number; next: string | null; items: Array<{ id: string }> };
      };
      // the first listing loads every list row into the ops server's memory (one scan of report_list); then it reads the feed
      const s0 = performance.now();
      await get('/api/reports?limit=1');
      const firstMs = performance.now() - s0;
      const load = store.rowMirror.lastLoad;
      process.stderr.write(`  first listing ${Math.round(firstMs)} ms (rows loaded: ${load.rows} in ${load.ms} ms)\n`);
      // a cursor 20 pages deep, for "a page deep in a walk"
      let deep = '';
      let next: string | null = null;
      for (let i = 0; i < 20; i++) next = (await get(`/api/reports?limit=50${next ? `&cursor=${next}` : ''}`)).next;
      deep = next ?? '';
      const some = (await get('/api/reports?limit=1&sort=name')).items[0]!.id;
      const cases: Array<[string, string]> = [
        ['first page (50, newest first)', '/api/reports'],
        ['page 21 of a cursor walk', `/api/reports?cursor=${deep}`],
        ['sorted by file name', '/api/reports?sort=name'],
        ['search: file name part', '/api/reports?q=report-00004'],
        ['search: id prefix', `/api/reports?q=${some.slice(0, 10)}`],
        ['search: agency part', `/api/reports?q=${encodeURIComponent('平潭')}`],
        ['filter: agency part', `/api/reports?agency=${encodeURIComponent('思明')}`],
        ['filter: failed at decode', '/api/reports?failedStage=decode'],
        ['filter: status + year', '/api/reports?status=valid&year=2016'],
        ['agency nobody has (hint)', `/api/reports?agency=${encodeURIComponent('不存在的机关')}`],
      ];
      const rows: BenchRow[] = [];
      for (const [name, path] of cases) {
        await get(path);
        const ms: number[] = [];
        let body = await get(path);
        for (let i = 0; i < runs; i++) {
          const s = performance.now();
          body = await get(path);
          ms.push(performance.now() - s);
        }
        process.stderr.write(`  ${name}: p95 ${round(pct(ms, 95), 1)} ms\n`);
        rows.push({ name, matches: body.total, 'p50 ms': round(pct(ms, 50), 1), 'p95 ms': round(pct(ms, 95), 1), 'max ms': round(Math.max(...ms), 1) });
      }
      // the reports page (HTML) renders the same listing
      for (const [name, path] of [['GET /reports (page, first 50)', '/reports'], ['GET /reports?q= (page, search)', `/reports?q=${encodeURIComponent('平潭')}`]] as const) {
        const ms: number[] = [];
        for (let i = 0; i <= runs; i++) {
          const s = performance.now();
          const r = await fetch(`${ops.url}${path}`, { headers: { authorization: `Bearer ${TOKEN}` } });
          await r.text();
          if (r.status !== 200) throw new Error(`${path}: ${r.status}`);
          if (i > 0) ms.push(performance.now() - s);
        }
        rows.push({ name, matches: '', 'p50 ms': round(pct(ms, 50), 1), 'p95 ms': round(pct(ms, 95), 1), 'max ms': round(Math.max(...ms), 1) });
      }
      // the rows' start-up load, again, and a read after 10 rows were written through the store (the feed names them)
      const r0 = performance.now();
      await store.rowMirror.reload();
      const reloadMs = performance.now() - r0;
      const some10 = (await get('/api/reports?limit=10')).items.map((i) => i.id);
      for (const id of some10) await store.listRows.moved(id, new Date().toISOString());
      const f0 = performance.now();
      await store.rowMirror.fresh();
      const followMs = performance.now() - f0;
      rows.push({ name: `rows loaded at start (${load.rows} rows, one scan of report_list)`, matches: '', 'p50 ms': round(reloadMs, 1), 'p95 ms': '', 'max ms': '' });
      rows.push({ name: 'a read after 10 rows changed (feed + 10 rows by _id)', matches: '', 'p50 ms': round(followMs, 1), 'p95 ms': '', 'max ms': '' });
      return [{
        title: `GET /api/reports at ${total.toLocaleString('en')} reports (${config.mongoUrl ? 'MongoDB' : 'embedded FerretDB'}), ${runs} runs each; target p95 < 200 ms`,
        rows,
        notes: [`first listing after start: ${Math.round(firstMs)} ms (loads the rows)`],
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
