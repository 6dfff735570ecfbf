import type { AppDeps } from '@gongkai/app';
import { PIPELINE_STATUSES, STAGES, VALIDATION_STATUSES } from '@gongkai/core';
import { dlqName, queueName } from '@gongkai/pipeline';
import { Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** Every series name /metrics exposes (the Grafana dashboard and the KEDA queries use these). */
export const METRIC_NAMES = {
  queueJobs: 'gongkai_queue_jobs',
  stageSeconds: 'gongkai_stage_duration_seconds',
  reports: 'gongkai_reports',
  findings: 'gongkai_findings',
  deadLetters: 'gongkai_dead_letters',
} as const;

/** Seconds: stages take from a millisecond (validate) to a minute (a large PDF). */
export const STAGE_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120];

const JOB_STATES = ['waiting', 'active', 'completed', 'failed', 'delayed', 'prioritized'] as const;
const REPORT_STATUSES = [...PIPELINE_STATUSES, ...VALIDATION_STATUSES];

export interface OpsMetrics {
  registry: Registry;
  /** Records one stage run (the poller calls this). */
  observeStage(stage: string, seconds: number): void;
}

/**
 * The Prometheus registry of the ops service. Gauges are read when scraped
 * (queue counts from Redis, reports and findings from the list rows the
 * store keeps in memory, dead letters from MongoDB), the store's counts at
 * most once per `cacheMs` however often Prometheus, Grafana and KEDA's
 * Prometheus ask.
 */
export function createMetrics(deps: Pick<AppDeps, 'store' | 'pipeline'>, opts: { cacheMs?: number } = {}): OpsMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'gongkai_ops_' });
  const cacheMs = opts.cacheMs ?? 5000;
  let cached: { at: number; value: Promise<StoreCounts> } | null = null;
  const storeCounts = () => {
    if (!cached || Date.now() - cached.at > cacheMs) {
      const value = readStoreCounts(deps);
      cached = { at: Date.now(), value };
      value.catch(() => (cached = null));
    }
    return cached.value;
  };

  new Gauge({
    name: METRIC_NAMES.queueJobs,
    help: 'Jobs per BullMQ queue and state; kind="stage" for the stage queues, kind="dlq" for their dead-letter queues.',
    labelNames: ['queue', 'stage', 'kind', 'state'],
    registers: [registry],
    async collect() {
      const counts = await deps.pipeline.counts();
      this.reset();
      for (const stage of STAGES) {
        for (const [kind, queue] of [['stage', queueName(stage)], ['dlq', dlqName(stage)]] as const) {
          for (const state of JOB_STATES) this.set({ queue, stage, kind, state }, counts[queue]?.[state] ?? 0);
        }
      }
    },
  });

  new Gauge({
    name: METRIC_NAMES.reports,
    help: 'Report documents per status (queued, processing, failed, valid, warnings, invalid).',
    labelNames: ['status'],
    registers: [registry],
    async collect() {
      const { byStatus } = await storeCounts();
      this.reset();
      for (const status of new Set([...REPORT_STATUSES, ...Object.keys(byStatus)])) this.set({ status }, byStatus[status] ?? 0);
    },
  });

  new Gauge({
    name: METRIC_NAMES.findings,
    help: 'Validation findings per rule, over all reports.',
    labelNames: ['rule'],
    registers: [registry],
    async collect() {
      const { byRule } = await storeCounts();
      this.reset();
      for (const [rule, n] of Object.entries(byRule)) this.set({ rule }, n);
    },
  });

  new Gauge({
    name: METRIC_NAMES.deadLetters,
    help: 'Dead letters waiting for an operator (state dead) per stage, as recorded in MongoDB.',
    labelNames: ['stage'],
    registers: [registry],
    async collect() {
      const { deadByStage } = await storeCounts();
      this.reset();
      for (const stage of STAGES) this.set({ stage }, deadByStage[stage] ?? 0);
    },
  });

  const stageSeconds = new Histogram({
    name: METRIC_NAMES.stageSeconds,
    help: 'Time a stage job held a worker (BullMQ finishedOn - processedOn of completed jobs), seconds.',
    labelNames: ['stage'],
    buckets: STAGE_BUCKETS,
    registers: [registry],
  });

  return { registry, observeStage: (stage, seconds) => stageSeconds.observe({ stage }, seconds) };
}

interface StoreCounts {
  byStatus: Record<string, number>;
  byRule: Record<string, number>;
  deadByStage: Record<string, number>;
}

async function readStoreCounts(deps: Pick<AppDeps, 'store'>): Promise<StoreCounts> {
  const [byStatus, byRule, dead] = await Promise.all([deps.store.countByStatus(), deps.store.countFindingsByRule(), deps.store.countDeadLettersByStage()]);
  return { byStatus, byRule, deadByStage: Object.fromEntries(STAGES.map((s) => [s, dead[s] ?? 0])) };
}
