/**
 * /metrics after the seeds and a bad file went through the real pipeline:
 * every series agrees with what Redis and MongoDB hold, counted here
 * independently of the ops code.
 */
import { STAGES, type Report } from '@gongkai/core';
import { SHARED_SKIP_REASON, sharedAvailable } from '@gongkai/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { opsFixture, type OpsFixture } from './ops-fixture.ts';

let f: OpsFixture;
type Sample = { name: string; labels: Record<string, string>; value: number };

/** Prometheus text format → samples (comments skipped). */
function parse(text: string): Sample[] {
  return text
    .split('\n')
    .filter((l) => l && !l.startsWith('#'))
    .map((l) => {
      const m = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(l);
      if (!m) throw new Error(`not a sample line: ${l}`);
      const labels = Object.fromEntries([...(m[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((x) => [x[1]!, x[2]!]));
      return { name: m[1]!, labels, value: Number(m[3]) };
    });
}

describe.skipIf(!sharedAvailable)(`/metrics over the seeds ${SHARED_SKIP_REASON}`, () => {
  let samples: Sample[];
  const one = (name: string, labels: Record<string, string>) => {
    const hit = samples.filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v));
    expect(hit, `${name}${JSON.stringify(labels)}`).toHaveLength(1);
    return hit[0]!.value;
  };

  beforeAll(async () => {
    f = await opsFixture('opsmetrics');
    const r = await f.get('/metrics');
    expect(r.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    samples = parse(await r.text());
  });
  afterAll(async () => {
    await f?.close();
  });

  it('counts jobs per stage queue and DLQ and state, as BullMQ does', async () => {
    const counts = await f.t.pipeline.counts();
    for (const stage of STAGES) {
      for (const [kind, queue] of [['stage', stage], ['dlq', `${stage}-dlq`]] as const) {
        for (const state of ['waiting', 'active', 'completed', 'failed', 'delayed', 'prioritized'] as const) {
          expect(one('gongkai_queue_jobs', { queue, stage, kind, state }), `${queue} ${state}`).toBe(counts[queue]![state]);
        }
      }
    }
    expect(one('gongkai_queue_jobs', { queue: 'validate', state: 'completed' })).toBe(5);
    expect(one('gongkai_queue_jobs', { queue: 'decode', state: 'failed' })).toBe(1);
    expect(one('gongkai_queue_jobs', { queue: 'decode-dlq', state: 'waiting' })).toBe(1);
  });

  it('counts reports by status and findings by rule, as the documents say', async () => {
    const docs = (await f.t.store.reports.find({}).toArray()) as Report[];
    const byStatus = new Map<string, number>();
    const byRule = new Map<string, number>();
    for (const d of docs) {
      byStatus.set(d.status, (byStatus.get(d.status) ?? 0) + 1);
      for (const x of d.findings ?? []) byRule.set(x.rule, (byRule.get(x.rule) ?? 0) + 1);
    }
    for (const status of ['queued', 'processing', 'failed', 'valid', 'warnings', 'invalid']) {
      expect(one('gongkai_reports', { status }), status).toBe(byStatus.get(status) ?? 0);
    }
    expect(one('gongkai_reports', { status: 'failed' })).toBe(1);
    const rules = samples.filter((s) => s.name === 'gongkai_findings');
    expect(new Map(rules.map((s) => [s.labels['rule']!, s.value]))).toEqual(byRule);
    expect(one('gongkai_dead_letters', { stage: 'decode' })).toBe(1);
  });

  it('has a processing-time histogram per stage counting every completed job once', async () => {
    const counts = await f.t.pipeline.counts();
    // a stage no file entered (ocr: these are text files) has no samples at all
    const entered = STAGES.filter((stage) => counts[stage]!.completed > 0);
    expect(entered).toEqual(STAGES.filter((stage) => stage !== 'ocr'));
    for (const stage of STAGES.filter((x) => !entered.includes(x))) {
      expect(samples.filter((x) => x.name === 'gongkai_stage_duration_seconds_count' && x.labels['stage'] === stage)).toEqual([]);
    }
    for (const stage of entered) {
      const count = one('gongkai_stage_duration_seconds_count', { stage });
      expect(count, stage).toBe(counts[stage]!.completed);
      expect(one('gongkai_stage_duration_seconds_bucket', { stage, le: '+Inf' })).toBe(count);
      expect(one('gongkai_stage_duration_seconds_sum', { stage })).toBeGreaterThan(0);
      const buckets = samples.filter((s) => s.name === 'gongkai_stage_duration_seconds_bucket' && s.labels['stage'] === stage).map((s) => s.value);
      expect(buckets).toEqual([...buckets].sort((x, y) => x - y)); // cumulative
    }
    // a second read of the same completed sets adds nothing
    await f.ops.timings.poll();
    const again = parse(await (await f.get('/metrics')).text());
    for (const stage of entered) {
      expect(again.find((s) => s.name === 'gongkai_stage_duration_seconds_count' && s.labels['stage'] === stage)!.value).toBe(counts[stage]!.completed);
    }
  });

  it('exposes the ops process metrics under gongkai_ops_', () => {
    expect(samples.some((s) => s.name === 'gongkai_ops_process_resident_memory_bytes')).toBe(true);
  });
});
