import { STAGE_LIST, isStageName } from '@gongkai/core';
import { nothingToReplay, replayDeadLetters, reprocess } from '@gongkai/pipeline';
import { parseArgs } from 'node:util';
import type { Command } from '../command.types.ts';
import { UsageError, out, progress } from '../cli.io.ts';
import { withDeps } from './with-deps.ts';

function stageArg(v: string | undefined, flag: string) {
  if (!isStageName(v)) throw new UsageError(`${flag} must be one of ${STAGE_LIST}`);
  return v;
}

export const replayCommand: Command = {
  name: 'replay',
  summary: "move dead letters back to their stage's queue (rate-limited; each replayed once)",
  usage: 'gongkai replay --stage STAGE (--report ID|PREFIX|FILE | --all | --since DATE) [--force] [--dry-run] [--rate N] [--json]',
  async run(argv, env) {
    const { values } = parseArgs({
      args: argv,
      options: {
        stage: { type: 'string' }, report: { type: 'string' }, all: { type: 'boolean' }, since: { type: 'string' },
        'dry-run': { type: 'boolean' }, rate: { type: 'string' }, json: { type: 'boolean' }, force: { type: 'boolean' },
      },
    });
    const stage = stageArg(values.stage, '--stage');
    if (!values.report && !values.all && !values.since) throw new UsageError('say which dead letters: --report ID, --all or --since DATE');
    if (values.since && Number.isNaN(Date.parse(values.since))) throw new UsageError('--since must be a date, e.g. 2026-11-20 or 2026-11-20T10:00Z');
    if (values.rate !== undefined && !(Number(values.rate) > 0)) throw new UsageError('--rate must be a number of replays per second above 0');
    return withDeps(env, 'replay', async (deps, config) => {
      let bar: ReturnType<typeof progress> | null = null;
      const reportId = values.report ? (await deps.store.resolveId(values.report)).id : undefined;
      const dryRun = !!values['dry-run'];
      const summary = await replayDeadLetters(
        deps,
        {
          stage, dryRun, force: !!values.force, ratePerSec: values.rate ? Number(values.rate) : config.replayRatePerSec,
          ...(reportId ? { reportId } : {}),
          ...(values.since ? { since: new Date(values.since).toISOString() } : {}),
        },
        (_item, done, total) => (bar ??= progress(dryRun ? 'replay (dry run)' : 'replay', total, { rate: !dryRun })).tick(done),
      );
      (bar as ReturnType<typeof progress> | null)?.end();
      // one report asked for by id and nothing waiting: an error naming where its dead letters are, not "nothing to replay"
      if (reportId && summary.matched === 0) throw await nothingToReplay(deps, stage, reportId);
      if (values.json) out(JSON.stringify(summary));
      else {
        for (const i of summary.items) out(`${i.outcome.padEnd(18)} ${stage} ${i.reportId}${i.jobId ? ` → job ${i.jobId}` : ''}${i.permanent ? ' (permanent error: needs --force)' : ''}`);
        out(
          summary.matched === 0
            ? `nothing to replay in ${stage}-dlq`
            : `${summary.dryRun ? 'would replay' : 'replayed'} ${summary.dryRun ? summary.matched : summary.replayed} of ${summary.matched} dead letters from ${stage}-dlq${summary.skipped ? `, ${summary.skipped} skipped` : ''}`,
        );
      }
      return 0;
    });
  },
};

export const reprocessCommand: Command = {
  name: 'reprocess',
  summary: 're-run stored reports from a stage (e.g. after better extraction rules)',
  usage: 'gongkai reprocess --from STAGE (--all | --report ID|PREFIX|FILE) [--dry-run] [--json]',
  async run(argv, env) {
    const { values } = parseArgs({
      args: argv,
      options: { from: { type: 'string' }, report: { type: 'string' }, all: { type: 'boolean' }, 'dry-run': { type: 'boolean' }, json: { type: 'boolean' } },
    });
    const from = stageArg(values.from, '--from');
    if (!values.all && !values.report) throw new UsageError('say which reports: --all or --report ID');
    return withDeps(env, 'reprocess', async (deps) => {
      let bar: ReturnType<typeof progress> | null = null;
      const reportId = values.report ? (await deps.store.resolveId(values.report)).id : undefined;
      const summary = await reprocess(
        deps,
        { from, dryRun: !!values['dry-run'], ...(values.all ? { all: true } : {}), ...(reportId ? { reportId } : {}) },
        (done, total) => (bar ??= progress('reprocess', total, { rate: !values['dry-run'] })).tick(done),
      );
      (bar as ReturnType<typeof progress> | null)?.end();
      if (values.json) out(JSON.stringify(summary));
      else {
        for (const s of summary.skipped) out(`skipped ${s.reportId}: ${s.reason}`);
        out(`${summary.dryRun ? 'would re-run' : 're-running'} ${summary.dryRun ? summary.matched - summary.skipped.length : summary.started} of ${summary.matched} reports from ${from}`);
      }
      return 0;
    });
  },
};
