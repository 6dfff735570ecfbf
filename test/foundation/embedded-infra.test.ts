import { loadConfig } from '@gongkai/config';
import { isAlive, readRuntimeInfo, startInfra } from '@gongkai/embedded';
import { ReportStore } from '@gongkai/store';
import { Redis } from 'ioredis';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';

const scratch = mkdtempSync(join(inject('scratchDir'), 'infra-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

async function redisInfo(url: string, section: string): Promise<string> {
  const r = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await r.connect();
  try {
    return (await r.call('CONFIG', 'GET', section)) as unknown as string;
  } finally {
    r.disconnect();
  }
}

describe('embedded infrastructure', () => {
  it('starts a private Redis (noeviction, AOF) and FerretDB under GONGKAI_DATA, and stops both', async () => {
    const dataDir = join(scratch, 'one');
    const infra = await startInfra(loadConfig({ GONGKAI_DATA: dataDir }));
    const redisPid = infra.servers.redis!.child.pid;
    const mongoPid = infra.servers.mongo!.child.pid;
    try {
      expect(await redisInfo(infra.redisUrl, 'maxmemory-policy')).toEqual(['maxmemory-policy', 'noeviction']);
      expect(await redisInfo(infra.redisUrl, 'appendonly')).toEqual(['appendonly', 'yes']);
      expect(await redisInfo(infra.redisUrl, 'dir')).toEqual(['dir', join(dataDir, 'redis')]);
      const store = await ReportStore.open(infra.mongoUrl, 'probe');
      await store.db.collection('x').insertOne({ _id: 'k' as never, v: '公开' });
      expect(await store.db.collection('x').findOne({ _id: 'k' as never })).toMatchObject({ v: '公开' });
      await store.close();
      expect(readRuntimeInfo(dataDir)).toMatchObject({ pid: process.pid, redisUrl: infra.redisUrl, mongoUrl: infra.mongoUrl });
      // the FerretDB data lives in the project's data folder, as SQLite files
      expect(readFileSync(join(dataDir, 'gongkai.lock'), 'utf8')).toBe(String(process.pid));
    } finally {
      await infra.stop();
    }
    expect(isAlive(redisPid)).toBe(false);
    expect(isAlive(mongoPid)).toBe(false);
    expect(readRuntimeInfo(dataDir)).toBeNull();
  });

  it('runs two instances side by side on different data folders, and refuses a second on the same one', async () => {
    const a = await startInfra(loadConfig({ GONGKAI_DATA: join(scratch, 'a') }));
    try {
      const b = await startInfra(loadConfig({ GONGKAI_DATA: join(scratch, 'b') }));
      try {
        expect(a.redisUrl).not.toBe(b.redisUrl);
        expect(a.mongoUrl).not.toBe(b.mongoUrl);
      } finally {
        await b.stop();
      }
      await expect(startInfra(loadConfig({ GONGKAI_DATA: join(scratch, 'a') }))).rejects.toThrow(/in use by process/);
    } finally {
      await a.stop();
    }
  });

  it('keeps Redis data across a restart on the same folder (AOF)', async () => {
    const cfg = loadConfig({ GONGKAI_DATA: join(scratch, 'aof'), MONGO_URL: inject('mongoUrl') });
    const first = await startInfra(cfg);
    const r1 = new Redis(first.redisUrl);
    await r1.set('gongkai:aof-probe', 'kept');
    await r1.quit();
    await first.stop();
    const second = await startInfra(cfg);
    const r2 = new Redis(second.redisUrl);
    try {
      expect(await r2.get('gongkai:aof-probe')).toBe('kept');
    } finally {
      await r2.quit();
      await second.stop();
    }
  });

  it('uses REDIS_URL and MONGO_URL when given, starting nothing', async () => {
    const infra = await startInfra(loadConfig({ GONGKAI_DATA: join(scratch, 'ext'), REDIS_URL: inject('redisUrl'), MONGO_URL: inject('mongoUrl') }));
    try {
      expect(infra.servers).toEqual({});
      expect(infra.redisUrl).toBe(inject('redisUrl'));
    } finally {
      await infra.stop();
    }
  });
});
