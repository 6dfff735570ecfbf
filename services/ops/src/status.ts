import type { AppDeps } from '@gongkai/app';
import type { QueueCounts } from '@gongkai/pipeline';

export interface StatusSnapshot {
  queues: Record<string, QueueCounts>;
  reports: { queued: number; processing: number; done: number; failed: number; total: number; byStatus: Record<string, number> };
  deadLetters: number;
  recentFailures: Array<{ reportId: string; stage: string; code: string; message: string; at: string }>;
}

/** Counts per stage queue and DLQ, reports by status, recent failures: `gongkai status --json` and GET /api/status. */
export async function statusSnapshot(deps: Pick<AppDeps, 'store' | 'pipeline'>): Promise<StatusSnapshot> {
  const [queues, byStatus, dead] = await Promise.all([
    deps.pipeline.counts(),
    deps.store.countByStatus(),
    deps.store.listDeadLetters({ state: 'dead' }),
  ]);
  const n = (k: string) => byStatus[k] ?? 0;
  const done = n('valid') + n('warnings') + n('invalid');
  return {
    queues,
    reports: { queued: n('queued'), processing: n('processing'), done, failed: n('failed'), total: Object.values(byStatus).reduce((a, b) => a + b, 0), byStatus },
    deadLetters: dead.length,
    recentFailures: dead
      .slice(-10)
      .reverse()
      .map((d) => ({ reportId: d.reportId, stage: d.stage, code: d.error.code, message: d.error.message, at: d.deadLetteredAt })),
  };
}
