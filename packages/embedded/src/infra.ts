import type { Config } from '@gongkai/config';
import { join } from 'node:path';
import { acquireDataLock, readRuntimeInfo, removeRuntimeInfo, writeRuntimeInfo, type RuntimeInfo } from './data-lock.ts';
import { startFerretdb } from './ferretdb.server.ts';
import { startRedis, type EmbeddedServer } from './redis.server.ts';
import { findFerretdb, findRedisServer } from './tools.ts';

export interface Infra {
  redisUrl: string;
  mongoUrl: string;
  /** The servers this process started (empty when both URLs were given or borrowed). */
  servers: { redis?: EmbeddedServer; mongo?: EmbeddedServer };
  /** Stops what this process started and releases the data folder. Idempotent. */
  stop(): Promise<void>;
}

type InfraConfig = Pick<Config, 'redisUrl' | 'mongoUrl' | 'dataDir' | 'tools'>;

/**
 * Brings up whatever the configuration does not point at: a private Redis
 * and/or FerretDB under GONGKAI_DATA, as child processes that die with us.
 * Publishes their URLs in GONGKAI_DATA/runtime.json for `gongkai status` & co.
 */
export async function startInfra(config: InfraConfig, extra: Pick<RuntimeInfo, 'opsUrl'> = {}): Promise<Infra> {
  const needRedis = !config.redisUrl;
  const needMongo = !config.mongoUrl;
  const release = acquireDataLock(config.dataDir);
  const servers: Infra['servers'] = {};
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    removeRuntimeInfo(config.dataDir);
    await Promise.all([servers.mongo?.stop(), servers.redis?.stop()]);
    release();
  };
  try {
    const [redis, mongo] = await Promise.all([
      needRedis ? startRedis({ bin: findRedisServer(config.tools), dir: join(config.dataDir, 'redis') }) : undefined,
      needMongo ? startFerretdb({ bin: findFerretdb(config.tools), dir: join(config.dataDir, 'ferretdb') }) : undefined,
    ]);
    if (redis) servers.redis = redis;
    if (mongo) servers.mongo = mongo;
  } catch (err) {
    await stop();
    throw err;
  }
  const redisUrl = config.redisUrl ?? servers.redis!.url;
  const mongoUrl = config.mongoUrl ?? servers.mongo!.url;
  writeRuntimeInfo(config.dataDir, {
    pid: process.pid, startedAt: new Date().toISOString(), redisUrl, mongoUrl,
    embedded: { redis: needRedis, mongo: needMongo }, ...extra,
  });
  return { redisUrl, mongoUrl, servers, stop };
}

/**
 * For commands that talk to a pipeline (status, replay, ingest…): the
 * configured URLs, else the servers of the instance running on this data
 * folder, else (when `startIfMissing`) private servers started just for this
 * command on the same data.
 */
export async function connectInfra(config: InfraConfig, opts: { startIfMissing: boolean }): Promise<Infra> {
  if (config.redisUrl && config.mongoUrl) {
    return { redisUrl: config.redisUrl, mongoUrl: config.mongoUrl, servers: {}, stop: async () => {} };
  }
  const running = readRuntimeInfo(config.dataDir);
  if (running) {
    return {
      redisUrl: config.redisUrl ?? running.redisUrl,
      mongoUrl: config.mongoUrl ?? running.mongoUrl,
      servers: {},
      stop: async () => {},
    };
  }
  if (!opts.startIfMissing) {
    throw new Error(`no gongkai instance is running on GONGKAI_DATA=${config.dataDir}; start one (npm start) or set REDIS_URL and MONGO_URL`);
  }
  return startInfra(config);
}
