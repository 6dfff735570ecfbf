/** Redis memory per waiting job: K decode jobs added to a private Redis, INFO used_memory before and after. */
import { loadConfig } from '@gongkai/config';
import { findRedisServer, startRedis } from '@gongkai/embedded';
import { Pipeline } from '@gongkai/pipeline';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export async function redisBytesPerJob(k: number): Promise<{ jobs: number; bytesPerJob: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'gongkai-redismem-'));
  const config = loadConfig({ GONGKAI_DATA: dir });
  const redis = await startRedis({ bin: findRedisServer(config.tools), dir });
  const pipeline = await Pipeline.connect({ redisUrl: redis.url, prefix: 'mem', stages: config.stages });
  try {
    const used = async () => Number(/used_memory:(\d+)/.exec(await pipeline.connection.info('memory'))?.[1]);
    await pipeline.enqueue('decode', { reportId: 'warm'.padEnd(64, '0'), runId: 'rwarm-0000' }); // queue keys exist
    const before = await used();
    for (let i = 0; i < k; i += 1000) {
      await pipeline.enqueueBulk('decode', Array.from({ length: Math.min(1000, k - i) }, (_, j) => ({
        reportId: createHash('sha256').update(String(i + j)).digest('hex'), runId: `r${(Date.now() + i + j).toString(36)}-ab12`,
      })));
    }
    return { jobs: k, bytesPerJob: Math.round((await used()) - before) / k };
  } finally {
    await pipeline.close();
    await redis.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
