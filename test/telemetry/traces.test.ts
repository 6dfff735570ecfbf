/**
 * Tracing end to end: a report through the real pipeline (real Redis,
 * FerretDB, stage threads) with OTLP export on, into a real OTLP/HTTP
 * receiver in this process. One run is one trace, across the four stage
 * jobs: each BullMQ job span is the child of the `add` that queued it, the
 * parts of a job (queue wait, load input, thread hop, stage run, handoff,
 * store write, enqueue next) are its children, the Redis and MongoDB calls
 * are children of those, and log lines carry the trace id.
 */
import { STAGES, contextOf, isDone, needsOf } from '@gongkai/core';
import { ingest } from '@gongkai/pipeline';
import { createLogger } from '@gongkai/runtime';
import { startOtlpReceiver, startTelemetry, type OtlpReceiver, type ReceivedSpan, type Telemetry } from '@gongkai/telemetry';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEnv, waitFor, type TestEnv } from '../helpers/test-env.ts';
import { startTestWorkers, type TestWorkers } from '../helpers/workers.ts';

let receiver: OtlpReceiver;
let telemetry: Telemetry;
let t: TestEnv;
let workers: TestWorkers;
const logLines: Array<Record<string, unknown>> = [];

beforeAll(async () => {
  receiver = await startOtlpReceiver();
  // before the connections open (testEnv), as openDeps does in the services
  telemetry = await startTelemetry({ endpoint: receiver.url, protocol: 'http/json' }, 'traces-test');
  t = await testEnv('traces');
  const sink = new Writable({ write(chunk: Buffer, _enc, done) { for (const l of chunk.toString().split('\n')) if (l) logLines.push(JSON.parse(l) as Record<string, unknown>); done(); } });
  t.log = createLogger({ logLevel: 'info' }, 'traces-test', { destination: sink });
  workers = startTestWorkers(t);
});

afterAll(async () => {
  await workers?.close();
  await telemetry?.shutdown();
  await t?.cleanup();
  await receiver?.close();
});

function reportBody(): Uint8Array {
  const lines = ['某某县人民政府办公室2023年政府信息公开工作年度报告', '一、总体情况', '全年主动公开政府信息1234条。', '二、依申请公开情况'];
  lines.push('全年共受理政府信息公开申请88件，其中当面申请40件，网络申请48件。', '三、存在的问题和改进措施', '工作中还存在一些不足。');
  return new TextEncoder().encode(lines.join('\n'));
}

const byId = (spans: ReceivedSpan[]) => new Map(spans.map((s) => [s.spanId, s]));
/** The database a client span talks to (semantic conventions: db.system.name, formerly db.system). */
const db = (s: ReceivedSpan) => s.attrs['db.system.name'] ?? s.attrs['db.system'];

describe('traces of a report run', () => {
  it('puts one run in one trace: a span per stage job and its parts, Redis and MongoDB calls as children', async () => {
    const r = await ingest(t, { body: reportBody(), name: 'trace-me.txt', uri: 'file:///inbox/trace-me.txt' });
    const report = await waitFor('report done', async () => {
      const doc = await t.store.get(r.reportId);
      return doc && isDone(doc.status) ? doc : null;
    }, 60_000);
    const runId = report.pipeline.runId;
    // the stages this report went through (a text report skips ocr)
    const ran = STAGES.filter((s) => s in report.pipeline.stages);
    expect(ran.length).toBeGreaterThanOrEqual(4);
    // validate's job span ends after its processor returns: wait until BullMQ marked it completed, then flush
    await waitFor('validate job completed', async () => (await t.pipeline.queues.validate.getJobCounts('completed')).completed === 1);
    await telemetry.shutdown();

    const root = receiver.spans.find((s) => s.name === 'report.intake' && s.attrs['gongkai.report_id'] === r.reportId);
    expect(root, 'intake root span').toBeDefined();
    expect(root!.parentSpanId).toBeNull();
    const trace = receiver.spans.filter((s) => s.traceId === root!.traceId);
    const spans = byId(trace);
    const parentOf = (s: ReceivedSpan) => (s.parentSpanId ? spans.get(s.parentSpanId) : undefined);
    const under = (s: ReceivedSpan, ancestor: ReceivedSpan): boolean => {
      for (let p = parentOf(s); p; p = parentOf(p)) if (p.spanId === ancestor.spanId) return true;
      return false;
    };
    /** The job span a span belongs to: its nearest `process <stage>` ancestor (later stages' jobs nest under earlier ones). */
    const jobOf = (s: ReceivedSpan): ReceivedSpan | undefined => {
      for (let p = parentOf(s); p; p = parentOf(p)) if (p.name.startsWith('process ')) return p;
      return undefined;
    };

    // every stage job is in this trace, a child of the add that queued it; the adds chain back to intake
    for (const stage of ran) {
      const job = trace.find((s) => s.name === `process ${stage}`);
      expect(job, `process ${stage}`).toBeDefined();
      expect(job!.attrs['gongkai.report_id']).toBe(r.reportId);
      expect(job!.attrs['gongkai.run_id']).toBe(runId);
      expect(job!.attrs['gongkai.stage']).toBe(stage);
      expect(parentOf(job!)?.name).toMatch(new RegExp(`^add ${stage}\\b`)); // `add <queue>.<job name>`
      expect(under(job!, root!), `process ${stage} under report.intake`).toBe(true);
      const kids = trace.filter((s) => s.parentSpanId === job!.spanId);
      const names = kids.map((s) => s.name);
      for (const part of ['queue wait', 'load input', 'stage thread', 'progress write']) expect(names, `${stage}: ${part}`).toContain(part);
      // a later stage that hands its output on keeps its run record with it: no MongoDB call in its whole job; the first
      // stage (the report says processing from there) and the last (the whole document) write
      const middle = needsOf(stage).length > 0 && stage !== ran.at(-1);
      if (middle) {
        expect(names, `${stage}: no store write`).not.toContain('store write');
        expect(trace.filter((s) => jobOf(s)?.spanId === job!.spanId && db(s) === 'mongodb').map((s) => s.name), `${stage}: MongoDB calls`).toEqual([]);
        continue;
      }
      expect(names, `${stage}: store write`).toContain('store write');
      if (stage !== ran.at(-1)) expect(names, `${stage} hands on and queues the next stage`).toEqual(expect.arrayContaining(['handoff put', 'enqueue next']));
      const thread = kids.find((s) => s.name === 'stage thread')!;
      expect(trace.filter((s) => s.parentSpanId === thread.spanId).map((s) => s.name)).toEqual(expect.arrayContaining(['thread hop out', 'stage run', 'thread hop back']));
      for (const k of kids.filter((s) => s.attrs['gongkai.phase'] !== undefined)) {
        expect(k.attrs['gongkai.report_id'], `${stage}/${k.name}`).toBe(r.reportId);
        expect(k.start).toBeLessThanOrEqual(k.end);
      }
      // the store write is a MongoDB call; load input reads Redis (the handoff) or MongoDB
      const write = kids.find((s) => s.name === 'store write')!;
      expect(trace.some((s) => s.parentSpanId === write.spanId && db(s) === 'mongodb'), `${stage}: store write has a mongodb child`).toBe(true);
      const load = kids.find((s) => s.name === 'load input')!;
      expect(trace.some((s) => under(s, load) && (db(s) === 'redis' || db(s) === 'mongodb')), `${stage}: load input has db children`).toBe(true);
      // a first try whose inputs all came through the handoff reads nothing from MongoDB (a stage with a context,
      // validate's neighbouring years, still reads that)
      if (needsOf(stage).length > 0 && contextOf(stage).length === 0) {
        expect(trace.filter((s) => under(s, load) && db(s) === 'mongodb').map((s) => s.name), `${stage}: load input's MongoDB calls`).toEqual([]);
      }
    }
    const enqueue = trace.find((s) => s.name === 'enqueue next')!;
    expect(trace.some((s) => under(s, enqueue) && db(s) === 'redis'), 'the next job is added through Redis').toBe(true);
    // one trace per run: no span of this report in any other trace
    const elsewhere = receiver.spans.filter((s) => s.attrs['gongkai.report_id'] === r.reportId && s.traceId !== root!.traceId);
    expect(elsewhere.map((s) => s.name)).toEqual([]);

    // log lines of the run carry its trace id
    const done = logLines.filter((l) => l['msg'] === 'stage done' && l['reportId'] === r.reportId);
    expect(done).toHaveLength(ran.length);
    for (const l of done) expect(l['traceId']).toBe(root!.traceId);
  });
});
