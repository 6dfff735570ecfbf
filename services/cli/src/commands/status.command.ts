import { readRuntimeInfo } from '@gongkai/embedded';
import { statusSnapshot } from '@gongkai/ops';
import { parseArgs } from 'node:util';
import type { Command } from '../command.types.ts';
import { out, table } from '../cli.io.ts';
import { withDeps } from './with-deps.ts';

export const statusCommand: Command = {
  name: 'status',
  summary: 'queue counts per stage and dead-letter queue, reports by status, recent failures',
  usage: 'gongkai status [--json]',
  async run(argv, env) {
    const { values } = parseArgs({ args: argv, options: { json: { type: 'boolean' } } });
    return withDeps(env, 'status', async (deps, config) => {
      const s = await statusSnapshot(deps);
      // the dashboard of the instance running on this data folder, where it really bound
      const opsUrl = readRuntimeInfo(config.dataDir)?.opsUrl;
      if (values.json) {
        out(JSON.stringify(opsUrl ? { ...s, opsUrl } : s));
        return 0;
      }
      out(table(Object.entries(s.queues).map(([queue, c]) => ({ queue, waiting: c.waiting, active: c.active, delayed: c.delayed, completed: c.completed, failed: c.failed }))));
      // no blank lines: the output greps and pastes as one block
      out(`reports: ${s.reports.total} total, ${s.reports.queued} queued, ${s.reports.processing} processing, ${s.reports.done} done, ${s.reports.failed} failed`);
      const byStatus = Object.entries(s.reports.byStatus).map(([k, v]) => `${k} ${v}`).join(', ');
      if (byStatus) out(`         ${byStatus}`);
      if (s.recentFailures.length > 0) {
        out('recent failures:');
        for (const f of s.recentFailures) out(`  ${f.at}  ${f.stage.padEnd(8)} ${f.reportId.slice(0, 12)}  ${f.code}: ${f.message}`);
      }
      if (opsUrl) out(`dashboard: ${opsUrl}/admin/queues  reports: ${opsUrl}/reports`);
      return 0;
    });
  },
};
