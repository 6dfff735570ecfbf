/**
 * The same flow from an S3 bucket on a real S3 server (versitygw): objects
 * are taken in once per bucket/key/etag, across re-uploads, copies under
 * other keys and watcher restarts.
 */
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { isDone } from '@gongkai/core';
import { SHARED_SKIP_REASON, readShared, seedFiles, sharedAvailable } from '@gongkai/testkit';
import { S3Source, sourceDepsOf } from '@gongkai/watcher';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exited, logged, startService } from '../helpers/service-process.ts';
import { testEnv, waitFor, type TestEnv } from '../helpers/test-env.ts';
import { startVersitygw, type S3Server } from '../helpers/versitygw.ts';
import { startTestWorkers, type TestWorkers } from '../helpers/workers.ts';

let s3: S3Server;
let t: TestEnv;
let workers: TestWorkers;
const bucket = 'reports';

beforeAll(async () => {
  t = await testEnv('s3');
  s3 = await startVersitygw(join(t.dir, 's3'));
  await s3.createBucket(bucket);
  workers = startTestWorkers(t);
});
afterAll(async () => {
  await workers?.close();
  await s3?.stop();
  await t?.cleanup();
});

const put = (key: string, body: Uint8Array) => s3.client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body }));
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

function source(prefix: string): S3Source {
  return new S3Source(
    sourceDepsOf(t),
    { bucket, prefix, endpoint: s3.endpoint, region: 'us-east-1', accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey, pollMs: 200 },
  );
}

describe.skipIf(!sharedAvailable)(`an S3 bucket as the source ${SHARED_SKIP_REASON}`, () => {
  it('takes every object in once: re-uploads, copies under other keys and restarts create nothing new', async () => {
    const seeds = seedFiles().map((f) => ({ key: `in/2017/${f.name}`, bytes: readShared(f.rel) }));
    for (const s of seeds) await put(s.key, s.bytes);
    await put('other-prefix/ignored.txt', new TextEncoder().encode('not under the watched prefix'));
    let src = source('in/');
    await src.start();
    for (const s of seeds) {
      const r = await waitFor(`${s.key} done`, async () => {
        const doc = await t.store.get(sha(s.bytes));
        return doc && isDone(doc.status) ? doc : null;
      }, 60_000);
      expect(r.source.uri).toBe(`s3://${bucket}/${s.key}`);
      expect(r.source.name).toBe(s.key.slice('in/'.length));
    }
    expect(await t.store.reports.countDocuments({})).toBe(seeds.length);

    await put(seeds[0]!.key, seeds[0]!.bytes); // same content again: same etag
    await put('in/copies/renamed.txt', seeds[0]!.bytes); // same content, another key
    await src.poll();
    await src.stop();
    src = source('in/');
    await src.start(); // a restart: nothing is read again
    expect(src.stats.ingested).toBe(0);
    expect(src.stats.skippedSeen).toBe(seeds.length + 1);
    await src.stop();
    expect(await t.store.reports.countDocuments({})).toBe(seeds.length);
    expect((await t.store.aliasesOf(sha(seeds[0]!.bytes))).map((a) => a.uri)).toEqual([`s3://${bucket}/in/copies/renamed.txt`]);
  });

  it('runs as the watcher service with GONGKAI_SOURCE=s3://bucket/prefix', async () => {
    const body = new TextEncoder().encode('某某县人民政府2014年政府信息公开工作年度报告\n一、概述\n全年主动公开政府信息300条。\n');
    await put('svc/report-2014.txt', body);
    const watcher = startService('watcher', {
      ...t.env, LOG_LEVEL: 'info', GONGKAI_SOURCE: `s3://${bucket}/svc`, S3_ENDPOINT: s3.endpoint,
      S3_ACCESS_KEY_ID: s3.accessKeyId, S3_SECRET_ACCESS_KEY: s3.secretAccessKey,
    });
    try {
      await logged(watcher, 'watching');
      const r = await waitFor('the report from the service', async () => {
        const doc = await t.store.get(sha(body));
        return doc && isDone(doc.status) ? doc : null;
      }, 60_000);
      expect(r.source.uri).toBe(`s3://${bucket}/svc/report-2014.txt`);
    } finally {
      watcher.kill('SIGTERM');
      expect(await exited(watcher)).toBe(0);
    }
  });
});
