/**
 * The arrival side of the hop bench, in a process of its own (its CPU is not
 * the worker's): adds N jobs, all at once or at a fixed rate. `floor`: bare
 * BullMQ jobs to the no-op queue; `stage`: a stage's jobs, as the stage
 * before it queues them (`Pipeline.enqueue`), whose inputs the bench has put
 * in the handoff.
 */
import { loadConfig } from '@gongkai/config';
import type { StageName } from '@gongkai/core';
import { Pipeline } from '@gongkai/pipeline';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { FLOOR_QUEUE, hopReportId } from './hop.names.ts';

const [kind, stage] = process.argv.slice(2) as ['floor' | 'stage', StageName | undefined];
const n = Number(process.env['HOP_N']);
const rate = Number(process.env['HOP_RATE'] ?? 0);
const redisUrl = process.env['REDIS_URL']!;
const config = loadConfig(process.env);

let add: (i: number) => Promise<unknown>;
let close: () => Promise<void>;
if (kind === 'floor') {
  const queue = new Queue(FLOOR_QUEUE, { connection: new Redis(redisUrl), prefix: config.queuePrefix });
  add = (i) => queue.add('noop', { reportId: hopReportId(i) }, { jobId: `noop-${i}`, removeOnComplete: { count: 5000 } });
  close = () => queue.close();
} else {
  const pipeline = await Pipeline.connect({ redisUrl, prefix: config.queuePrefix, stages: config.stages, handoff: config.handoff });
  add = (i) => pipeline.enqueue(stage!, { reportId: hopReportId(i), runId: 'hop', name: `hop-${i}.txt` });
  close = () => pipeline.close();
}
const t0 = Date.now();
for (let i = 0; i < n; i++) {
  const wait = rate > 0 ? t0 + (i * 1000) / rate - Date.now() : 0;
  if (wait > 0) await new Promise((r) => setTimeout(r, wait));
  await add(i);
}
await close();
process.exit(0);
