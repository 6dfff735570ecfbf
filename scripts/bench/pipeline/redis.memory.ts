/**
 * Redis memory per waiting job (K decode jobs added to a private Redis) and
 * per report in flight between decode and validate (the three outputs it
 * hands on, for `handoffReports` generated reports): INFO used_memory
 * before and after.
 */
import { loadConfig } from '@gongkai/config';
import { findRedisServer, startRedis } from '@gongkai/embedded';
import { Pipeline } from '@gongkai/pipeline';
import { runInProcess } from '@gongkai/stages';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface RedisMemory {
  jobs: number;
  bytesPerJob: number;
  handoffReports: number;
  bytesPerHandoff: number;
}

export async function redisMemory(k: number, corpus: { dir: string; files: readonly string[] }): Promise<RedisMemory> {
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
    const bytesPerJob = Math.round((await used()) - before) / k;
    const afterJobs = await used();
    let handed = 0;
    for (const [i, file] of corpus.files.entries()) {
      const r = await runInProcess({ bytes: new Uint8Array(readFileSync(join(corpus.dir, file))), name: file }).catch(() => null);
      if (!r) continue;
      for (const s of ['decode', 'segment', 'extract'] as const) await pipeline.handoff.put(`report-${i}`, 'r1', s, r.outputs[s] as never);
      handed++;
    }
    return { jobs: k, bytesPerJob, handoffReports: handed, bytesPerHandoff: Math.round(((await used()) - afterJobs) / Math.max(1, handed)) };
  } finally {
    await pipeline.close();
    await redis.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
