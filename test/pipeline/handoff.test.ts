/**
 * The handoff: decode, segment and extract hand their outputs on through
 * Redis and write only their run records; validate writes the whole
 * document in one update. Checked against the same report run with the
 * handoff off (every stage storing its output), on real Redis and FerretDB.
 */
import { STAGES, isDone, type Report } from '@gongkai/core';
import { HandoffCache, ingest } from '@gongkai/pipeline';
import { deserialize, serialize } from 'node:v8';
import { deflateRawSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEnv, waitFor, type TestEnv } from '../helpers/test-env.ts';
import { startTestWorkers } from '../helpers/workers.ts';

const envs: TestEnv[] = [];
let on: TestEnv;
let off: TestEnv;
let small: TestEnv;
let brief: TestEnv;
beforeAll(async () => {
  on = await testEnv('handoff-on');
  off = await testEnv('handoff-off', { GONGKAI_HANDOFF_TTL_S: '0' });
  small = await testEnv('handoff-small', { GONGKAI_HANDOFF_MAX_BYTES: '1024' });
  brief = await testEnv('handoff-brief', { GONGKAI_HANDOFF_TTL_S: '2' });
  envs.push(on, off, small, brief);
});
afterAll(async () => {
  for (const t of envs) await t.cleanup();
});

/** A synthetic report whose text compresses to well over 1 KB (figures differ on every line). */
function reportBody(seed: number): Uint8Array {
  const lines = [`某某市人民政府办公室20${10 + (seed % 8)}年政府信息公开工作年度报告`, '一、概述', `全年主动公开政府信息${1200 + seed}条，其中规范性文件${30 + seed}件。`, '二、依申请公开情况'];
  lines.push(`全年共受理政府信息公开申请${80 + seed}件，其中当面申请${40 + seed}件，网络申请${40}件。`);
  for (let i = 0; i < 120; i++) lines.push(`第${i + 1}项：${(seed * 7919 + i * 104729) % 99991}件，同比增长${(i * 37) % 100}%。`);
  lines.push('三、存在的问题和改进措施', '工作中还存在一些不足。');
  return new TextEncoder().encode(lines.join('\n'));
}

const doneIn = (t: TestEnv, id: string) =>
  waitFor(`report ${id.slice(0, 8)} done`, async () => {
    const r = await t.store.get(id, { full: true });
    return r && isDone(r.status) && Object.keys(r.pipeline.stages).length === 4 ? r : null;
  }, 60_000);

/** Ingests a report and runs only its decode stage: the document as decode leaves it. */
async function decodeOnly(t: TestEnv, body: Uint8Array, name: string): Promise<Report> {
  const workers = startTestWorkers(t, {}, ['decode']);
  try {
    const { reportId } = await ingest(t, { body, name, uri: `test:${name}` });
    return await waitFor('decode done', async () => {
      const r = await t.store.get(reportId, { full: true });
      return r?.pipeline.stages.decode ? r : null;
    }, 30_000);
  } finally {
    await workers.close();
  }
}

/** The fields a report's reader sees, without run bookkeeping (times, run ids, history). */
const content = (r: Report) => ({ text: r.text, meta: r.meta, sections: r.sections, metrics: r.metrics, findings: r.findings, status: r.status });

describe('stage outputs handed on through Redis', () => {
  it('keeps decode output in Redis, not in the document, until validate writes everything at once', async () => {
    const afterDecode = await decodeOnly(on, reportBody(1), 'handoff.txt');
    const { _id: reportId, pipeline: { runId } } = afterDecode;
    expect(afterDecode.status).toBe('processing');
    expect(afterDecode.text).toBeUndefined();
    const handed = await on.pipeline.handoff.get(reportId, runId, ['decode', 'segment']);
    expect(Object.keys(handed)).toEqual(['decode']);
    expect(handed.decode?.text).toContain('主动公开政府信息1201条');

    const rest = startTestWorkers(on, {}, STAGES.slice(1));
    try {
      const done = await doneIn(on, reportId);
      expect(done.text).toBe(handed.decode?.text);
      expect(done.metrics?.find((m) => m.key === 'proactive.total')?.value).toBe(1201);
      // a text report goes past the ocr stage: no run record of its own, named as skipped in decode's
      const skipped = Object.values(done.pipeline.stages).flatMap((r) => r?.skipped ?? []);
      expect(skipped).toEqual(['ocr']);
      expect(Object.keys(done.pipeline.stages).sort()).toEqual(STAGES.filter((s) => !skipped.includes(s)).sort());
      // stored, so the Redis copies are dropped: validate stores the document first and drops them just after
      // (a moment later on a loaded machine), so wait for it rather than read once
      await waitFor('the handed-on outputs to be dropped', async () => Object.keys(await on.pipeline.handoff.get(reportId, runId, STAGES.slice(0, -1))).length === 0 || null, 15_000);
    } finally {
      await rest.close();
    }
  });

  it('writes nothing to the report at segment and extract: their run records travel with their outputs and land with validate\'s write', async () => {
    const afterDecode = await decodeOnly(on, reportBody(6), 'records.txt');
    const { _id: reportId, pipeline: { runId } } = afterDecode;
    const middle = startTestWorkers(on, {}, ['segment', 'extract']);
    let handed: Awaited<ReturnType<HandoffCache['take']>>;
    try {
      handed = await waitFor('segment and extract handed on', async () => {
        const h = await on.pipeline.handoff.take(reportId, runId, ['segment', 'extract']);
        return Object.keys(h.outputs).length === 2 ? h : null;
      }, 30_000);
    } finally {
      await middle.close();
    }
    // the document is as decode left it: no run record, no history event, no write at all from the two stages
    const between = (await on.store.get(reportId, { full: true }))!;
    expect(Object.keys(between.pipeline.stages)).toEqual(['decode']);
    expect((between.history ?? []).map((e) => `${e.stage} ${e.event}`)).toEqual(['intake queued', 'decode done']);
    expect(between.updatedAt).toBe(afterDecode.updatedAt);
    expect(handed.deferred.map((d) => [d.stage, d.run.runId, d.attempt])).toEqual([['segment', runId, 1], ['extract', runId, 1]]);

    const last = startTestWorkers(on, {}, ['validate']);
    try {
      const done = await doneIn(on, reportId);
      for (const s of ['segment', 'extract'] as const) {
        expect(done.pipeline.stages[s], s).toEqual(handed.deferred.find((d) => d.stage === s)!.run);
      }
      expect((done.history ?? []).filter((e) => e.event === 'done').map((e) => [e.stage, e.runId, e.attempt])).toEqual(
        ['decode', 'segment', 'extract', 'validate'].map((s) => [s, runId, 1]),
      );
    } finally {
      await last.close();
    }
  });

  it('gives the same document as a pipeline that stores every stage (handoff off)', async () => {
    const body = reportBody(2);
    const docs: Report[] = [];
    for (const t of [on, off]) {
      const workers = startTestWorkers(t);
      try {
        const { reportId } = await ingest(t, { body, name: 'same.txt', uri: 'test:same' });
        docs.push(await doneIn(t, reportId));
      } finally {
        await workers.close();
      }
    }
    const [viaRedis, stored] = docs as [Report, Report];
    expect(off.pipeline.handoff.enabled).toBe(false);
    expect(stored.metrics!.length).toBeGreaterThan(2);
    expect(content(viaRedis)).toEqual(content(stored));
  });

  it('stores an output too big to hand on at once, and the report still completes', async () => {
    const afterDecode = await decodeOnly(small, reportBody(3), 'big.txt');
    const reportId = afterDecode._id;
    expect(afterDecode.text).toContain('主动公开政府信息1203条');
    expect(await small.pipeline.handoff.get(reportId, afterDecode.pipeline.runId, ['decode'])).toEqual({});
    const rest = startTestWorkers(small, {}, STAGES.slice(1));
    try {
      const done = await doneIn(small, reportId);
      expect(done.metrics?.find((m) => m.key === 'proactive.total')?.value).toBe(1203);
    } finally {
      await rest.close();
    }
  });

  it('re-runs a stage whose output was handed on and then lost with Redis (its run record stored, its fields not)', async () => {
    const afterDecode = await decodeOnly(on, reportBody(4), 'lost.txt');
    const { _id: reportId, pipeline: { runId } } = afterDecode;
    // what a Redis restart between two AOF syncs leaves: the run record in MongoDB, no output anywhere
    await on.pipeline.handoff.clear(reportId, runId, ['decode']);
    const rest = startTestWorkers(on, {}, STAGES);
    try {
      const done = await doneIn(on, reportId);
      expect(done.failure).toBeNull();
      expect(done.metrics?.find((m) => m.key === 'proactive.total')?.value).toBe(1204);
      expect(done.history!.filter((h) => h.event === 'healed').map((h) => h.stage)).toEqual(['decode']);
    } finally {
      await rest.close();
    }
  });

  it('heals a run whose handed-on outputs expire behind a backlog once, not until it is dead-lettered', async () => {
    // validate's queue wait longer than the handoff's TTL (a backlog in front of it): the outputs it reads have
    // expired, so decode runs again. Its healed outputs must not go back into the handoff, where the same wait
    // would expire them again (the 100-report soak: healed three times "validate found the decode output is missing",
    // then dead-lettered INPUT_MISSING)
    const behindBacklog = { beforeRun: () => new Promise<void>((r) => setTimeout(r, (brief.config.handoff.ttlSec + 1) * 1000)) };
    const workers = startTestWorkers(brief, { validate: behindBacklog });
    try {
      const { reportId } = await ingest(brief, { body: reportBody(5), name: 'backlog.txt', uri: 'test:backlog' });
      const done = await waitFor(`report ${reportId.slice(0, 8)} done or failed`, async () => {
        const r = await brief.store.get(reportId, { full: true });
        return r && (isDone(r.status) || r.status === 'failed') ? r : null;
      }, 90_000);
      expect(done.failure).toBeNull();
      expect(isDone(done.status)).toBe(true);
      expect(done.metrics?.find((m) => m.key === 'proactive.total')?.value).toBe(1205);
      expect(done.history!.filter((h) => h.event === 'healed').map((h) => h.stage)).toEqual(['decode']);
      expect(await brief.store.getDeadLetter(`${reportId}-decode`)).toBeNull();
    } finally {
      await workers.close();
    }
  });

  it('expires what nobody collects, refuses what is too big, and does nothing when off', async () => {
    const redis = on.pipeline.connection;
    const cache = new HandoffCache(redis, `${on.config.queuePrefix}-unit`, { ttlSec: 30, maxBytes: 4096 });
    const output = { text: '甲'.repeat(100), offsetMap: [1, 2, 3] } as never;
    expect(await cache.put('r1', 'run1', 'decode', output)).toBe(true);
    const ttl = await redis.ttl(`${on.config.queuePrefix}-unit:handoff:r1:run1:decode`);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(30);
    expect((await cache.get('r1', 'run1', ['decode'])).decode).toEqual(output);
    expect(await cache.get('r1', 'run2', ['decode'])).toEqual({}); // another run sees nothing
    const noisy = Array.from({ length: 4000 }, (_, i) => (i * 2654435761) % 1000003);
    expect(await cache.put('r1', 'run1', 'segment', { noisy } as never)).toBe(false);
    await cache.clear('r1', 'run1', ['decode', 'segment']);
    expect(await cache.get('r1', 'run1', ['decode', 'segment'])).toEqual({});
    const disabled = new HandoffCache(redis, `${on.config.queuePrefix}-unit`, { ttlSec: 0, maxBytes: 4096 });
    expect(await disabled.put('r2', 'run1', 'decode', output)).toBe(false);
    expect(await redis.exists(`${on.config.queuePrefix}-unit:handoff:r2:run1:decode`)).toBe(0);
    await redis.del(`${on.config.queuePrefix}-unit:handoff:r1:run1:decode`);
  });

  it('keeps an output\'s V8 bytes apart from its run record, stores a stage thread\'s bytes as they come, and still reads the formats before', async () => {
    const redis = on.pipeline.connection;
    const prefix = `${on.config.queuePrefix}-format`;
    const cache = new HandoffCache(redis, prefix, { ttlSec: 30, maxBytes: 1 << 20 });
    const output = { text: '公开'.repeat(300), offsetMap: [0, 5, 9], nested: { a: [1, 2], b: null } } as never;
    const deferred = { stage: 'segment' as const, run: { ms: 3, attempts: 1, at: '2026-12-06T00:00:00.000Z', runId: 'run1', version: 'v' }, attempt: 1 };
    // a thread's bytes are stored as they are: taken back, they are the same bytes, beside the object and the run record
    const bytes = serialize(output);
    expect(await cache.put('r1', 'run1', 'segment', output, deferred, bytes)).toBe(true);
    const taken = await cache.take('r1', 'run1', ['segment']);
    expect(taken.outputs.segment).toEqual(output);
    expect(taken.deferred).toEqual([deferred]);
    expect(Buffer.from(taken.packed.segment!).equals(bytes)).toBe(true);
    // without bytes, the output is serialized here, the same way
    expect(await cache.put('r2', 'run1', 'decode', output)).toBe(true);
    const plain = await cache.take('r2', 'run1', ['decode']);
    expect(plain.outputs.decode).toEqual(output);
    expect(deserialize(plain.packed.decode!)).toEqual(output);
    expect(plain.deferred).toEqual([]);
    // entries a worker of an earlier version left (one V8 value with the run record; before that, the bare output)
    await redis.set(`${prefix}:handoff:r3:run1:segment`, deflateRawSync(serialize({ __gongkaiHandoff: 1, output, deferred })));
    await redis.set(`${prefix}:handoff:r3:run1:decode`, deflateRawSync(serialize(output)));
    const old = await cache.take('r3', 'run1', ['decode', 'segment']);
    expect(old.outputs).toEqual({ decode: output, segment: output });
    expect(old.deferred).toEqual([deferred]);
    expect(old.packed).toEqual({});
    await cache.clear('r1', 'run1', ['segment']);
    await cache.clear('r2', 'run1', ['decode']);
    await cache.clear('r3', 'run1', ['decode', 'segment']);
  });
});
