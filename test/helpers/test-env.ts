import { rowFeedKey } from '@gongkai/app';
import { loadConfig, type Config } from '@gongkai/config';
import { Pipeline, createRedis } from '@gongkai/pipeline';
import { createLogger, type Logger } from '@gongkai/runtime';
import { FsBlobStore, ReportStore } from '@gongkai/store';
import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { inject } from 'vitest';

export interface TestEnv {
  name: string;
  config: Config;
  env: Record<string, string>;
  store: ReportStore;
  blobs: FsBlobStore;
  pipeline: Pipeline;
  log: Logger;
  dir: string;
  /** Drops the suite's database, deletes its Redis keys, removes its folder. */
  cleanup(): Promise<void>;
}

/**
 * A suite's private slice of the shared real servers: its own MongoDB
 * database, its own BullMQ key prefix, its own data/inbox folders.
 */
export async function testEnv(name: string, overrides: Record<string, string> = {}): Promise<TestEnv> {
  const id = `${name.replace(/[^a-z0-9]/gi, '').slice(0, 20)}${randomBytes(3).toString('hex')}`;
  const dir = join(inject('scratchDir'), id);
  mkdirSync(dir, { recursive: true });
  const env: Record<string, string> = {
    REDIS_URL: inject('redisUrl'),
    MONGO_URL: inject('mongoUrl'),
    GONGKAI_DB: `t_${id}`,
    GONGKAI_QUEUE_PREFIX: `t-${id}`,
    GONGKAI_DATA: join(dir, 'data'),
    GONGKAI_INBOX: join(dir, 'inbox'),
    GONGKAI_PORT: '0',
    LOG_LEVEL: process.env['GONGKAI_TEST_LOG_LEVEL'] ?? 'silent',
    GONGKAI_POLL_MS: '200',
    GONGKAI_STABLE_MS: '200',
    ...overrides,
  };
  const config = loadConfig(env);
  const log = createLogger(config, `test-${name}`, { stderr: true });
  const store = await ReportStore.open(config.mongoUrl!, config.mongoDb);
  await store.ensureIndexes();
  const blobs = new FsBlobStore(join(config.dataDir, 'blobs'));
  const pipeline = await Pipeline.connect({
    redisUrl: config.redisUrl!, prefix: config.queuePrefix, stages: config.stages, settleMs: 2 * config.lockMs, handoff: config.handoff,
  });
  // the list rows' change feed, as openDeps wires it
  store.useFeed(pipeline.connection, rowFeedKey(config));
  return {
    name, config, env, store, blobs, pipeline, log, dir,
    async cleanup() {
      await pipeline.close().catch(() => {});
      await store.db.dropDatabase().catch(() => {});
      await store.close().catch(() => {});
      const redis = createRedis(config.redisUrl!, 'worker');
      let cursor = '0';
      do {
        const [next, keys] = await redis.scan(cursor, 'MATCH', `${config.queuePrefix}:*`, 'COUNT', 500);
        cursor = next;
        if (keys.length > 0) await redis.del(...keys);
      } while (cursor !== '0');
      redis.disconnect();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Polls `fn` until it returns a truthy value (or throws after `timeoutMs`, naming `what`). */
export async function waitFor<T>(what: string, fn: () => Promise<T | null | undefined | false>, timeoutMs = 30_000, everyMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const v = await fn();
      if (v) return v;
    } catch (err) {
      last = err;
    }
    await new Promise((r) => setTimeout(r, everyMs));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? ` (last error: ${(last as Error).message})` : ''}`);
}
