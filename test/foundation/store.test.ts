import { PIPELINE_VERSION } from '@gongkai/core';
import { GridFsBlobStore } from '@gongkai/store';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEnv, type TestEnv } from '../helpers/test-env.ts';

let t: TestEnv;
beforeAll(async () => {
  t = await testEnv('store');
});
afterAll(() => t.cleanup());

const sha = (s: string) => createHash('sha256').update(s).digest('hex');
const src = (uri: string) => ({ uri, name: uri.split('/').pop()!, size: 3, receivedAt: new Date().toISOString() });

describe('report store on the real MongoDB-protocol server', () => {
  it('creates one document per content and records other locations as aliases, even in a concurrent burst', async () => {
    const id = sha('report-a');
    expect(await t.store.intake(id, src('file:///in/a.txt'), 'r1')).toEqual({ created: true, status: 'queued' });
    expect(await t.store.intake(id, src('file:///in/renamed.txt'), 'r2')).toEqual({ created: false, status: 'queued' });
    expect(await t.store.intake(id, src('file:///in/renamed.txt'), 'r3')).toEqual({ created: false, status: 'queued' });
    const doc = await t.store.get(id, { full: true });
    expect(doc?.source.uri).toBe('file:///in/a.txt');
    expect(doc?.aliases?.map((a) => a.uri)).toEqual(['file:///in/renamed.txt']);
    // FerretDB loses concurrent updates of one document; intake must not depend on them
    await Promise.all(Array.from({ length: 12 }, (_, i) => t.store.intake(id, src(`file:///in/burst-${i}.txt`), `b${i}`)));
    expect((await t.store.aliasesOf(id)).length).toBe(13);
    expect(doc?.pipeline).toMatchObject({ version: PIPELINE_VERSION, runId: 'r1' });
    expect(await t.store.reports.countDocuments({ _id: id })).toBe(1);
  });

  it('stores stage output for the current run only, and round-trips shapes FerretDB cannot hold natively', async () => {
    const id = sha('report-b');
    await t.store.intake(id, src('file:///in/b.txt'), 'run-1');
    const run = { ms: 1, attempts: 1, at: new Date().toISOString(), runId: 'run-1', version: PIPELINE_VERSION };
    const paragraphs = [{ start: 0, end: 4, sentences: [[0, 2], [2, 4]] as Array<[number, number]> }];
    const findings = [{ rule: 'X', severity: 'info' as const, message: 'm', evidence: [], data: { 'requests.received.total': 9 } }];
    expect(await t.store.saveStageOutput(id, 'run-1', 'segment', { paragraphs, findings }, run, 1)).toBe(true);
    expect(await t.store.saveStageOutput(id, 'stale-run', 'segment', { paragraphs: [] }, run, 1)).toBe(false);
    const doc = await t.store.get(id, { full: true });
    expect(doc?.paragraphs).toEqual(paragraphs);
    expect(doc?.findings?.[0]?.data).toEqual({ 'requests.received.total': 9 });
    expect(doc?.status).toBe('processing');
    expect(doc?.history?.map((h) => h.event)).toEqual(['queued', 'done']);
  });

  it('stores outputs larger than a BSON document (~20 MB of text) by spilling big fields to GridFS', async () => {
    const id = sha('report-big');
    await t.store.intake(id, src('file:///in/big.txt'), 'run-1');
    const text = '本年度我区主动公开政府信息1763条。'.repeat(400_000); // ~7 M chars, ~20 MB as UTF-8
    const offsetMap = Array.from({ length: 200_000 }, (_, i) => i * 3);
    const run = { ms: 1, attempts: 1, at: new Date().toISOString(), runId: 'run-1', version: PIPELINE_VERSION };
    expect(await t.store.saveStageOutput(id, 'run-1', 'decode', { text, offsetMap, decode: { format: 'txt' } as never }, run, 1)).toBe(true);
    const back = await t.store.get(id, { full: true });
    expect(back?.text?.length).toBe(text.length);
    expect(back?.offsetMap).toEqual(offsetMap);
    const raw = await t.store.reports.findOne({ _id: id });
    expect(raw?.text).toMatchObject({ __spill: `${id}/text` });
    const loaded = await t.store.loadOutputs(id, ['decode']);
    expect(loaded?.outputs.decode?.text).toBe(text);
  });

  it('lets exactly one of two concurrent operators claim a dead letter', async () => {
    const dl = await t.store.putDeadLetter({
      reportId: sha('report-c'), stage: 'extract', queue: 'extract', jobId: 'j1', payload: { reportId: sha('report-c'), runId: 'r' },
      error: { class: 'PipelineError', code: 'STAGE_BUG', message: 'boom', stack: null, retryable: false },
      attemptsMade: 1, firstSeenAt: new Date().toISOString(), deadLetteredAt: new Date().toISOString(), host: 'h', pid: 1,
    });
    expect(dl.count).toBe(1);
    const claims = await Promise.all([t.store.claimDeadLetter(dl._id, 'alice'), t.store.claimDeadLetter(dl._id, 'bob')]);
    expect(claims.filter(Boolean)).toHaveLength(1);
    const again = await t.store.putDeadLetter({ ...dl, jobId: 'j2' });
    expect(again.count).toBe(2);
    expect(again.state).toBe('dead');
  });

  it('keeps raw files in GridFS too (for deployments without a shared disk)', async () => {
    const blobs = new GridFsBlobStore(t.store.db);
    const bytes = new TextEncoder().encode('平山县2017年政府信息公开年度报告'.repeat(5000));
    const id = createHash('sha256').update(bytes).digest('hex');
    await blobs.put(id, bytes);
    await blobs.put(id, bytes);
    expect(await blobs.has(id)).toBe(true);
    expect(Buffer.from((await blobs.get(id))!).equals(Buffer.from(bytes))).toBe(true);
    expect(await t.store.db.collection('raw.files').countDocuments({ filename: id })).toBe(1);
    expect(await blobs.get(sha('absent'))).toBeNull();
  });
});
