import { Redis, type RedisOptions } from 'ioredis';

/**
 * ioredis connections the way BullMQ wants them: workers wait forever for
 * Redis to come back (maxRetriesPerRequest: null); producers fail fast
 * (no offline queue), so an intake while Redis is down errors instead of hanging.
 */
export function createRedis(url: string, role: 'worker' | 'producer', name = 'gongkai'): Redis {
  const opts: RedisOptions = {
    connectionName: `${name}-${role}`,
    maxRetriesPerRequest: role === 'worker' ? null : 3,
    enableOfflineQueue: role === 'worker',
    retryStrategy: (times) => Math.min(times * 200, 2000),
    lazyConnect: false,
  };
  return new Redis(url, opts);
}

/** Resolves once the connection is ready (or rejects after `timeoutMs`). */
export function redisReady(redis: Redis, timeoutMs = 10_000): Promise<void> {
  if (redis.status === 'ready') return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`Redis not ready after ${timeoutMs} ms (status ${redis.status})`));
    }, timeoutMs);
    const onReady = () => {
      cleanup();
      resolve();
    };
    const cleanup = () => {
      clearTimeout(timer);
      redis.off('ready', onReady);
    };
    redis.on('ready', onReady);
  });
}
