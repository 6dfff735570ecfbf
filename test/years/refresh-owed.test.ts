/**
 * A context refresh that could not be queued is not lost: when MongoDB goes
 * away while validate reads the neighbours after its own write, the done
 * report's run stays in the progress ledger owing its refreshes, and the
 * sweeper queues them once the store answers again. Before, they were
 * logged and dropped: the later year kept findings without its year before
 * until some other change of its context. The zone's real 2013 and 2014
 * reports, read in place, on real Redis and FerretDB; the outage is one
 * failing call of the store's neighbour read, as the driver fails on a
 * closed connection.
 */
import type { Report } from '@gongkai/core';
import { ingest, sweepProgress } from '@gongkai/pipeline';
import { SHARED_SKIP_REASON, sharedAvailable } from '@gongkai/testkit';
import { describe, expect, it } from 'vitest';
import { outageAt } from '../helpers/outage.ts';
import { testEnv } from '../helpers/test-env.ts';
import { startTestWorkers } from '../helpers/workers.ts';
import { settled, zoneFile } from './zone.ts';

const names = (r: Report, id: string) => (r.findings ?? []).some((f) => f.evidence.some((e) => e.reportId === id));

describe.skipIf(!sharedAvailable)(`a context refresh owed through a MongoDB outage ${SHARED_SKIP_REASON}`, () => {
  it('is queued by the sweeper once the store is back: the later year gets its year before', async () => {
    const t = await testEnv('refresh-owed');
    const workers = startTestWorkers(t);
    try {
      const y13 = zoneFile(2013);
      const y14 = zoneFile(2014);
      const { reportId: later } = await ingest(t, { body: y14.bytes, name: y14.name, uri: `test:${y14.name}` });
      await settled(t, [later]);

      // 2013 arrives; MongoDB is away at the one read of its neighbours after validate's write
      const outage = outageAt(t.store, 'doneOfAgency', 1);
      const { reportId: before } = await ingest(t, { body: y13.bytes, name: y13.name, uri: `test:${y13.name}` });
      const completed = await settled(t, [before, later]);
      outage.restore();
      expect(outage.left(), 'the outage must have happened').toBe(0);
      // 2014 was not refreshed: it still has no finding naming 2013
      expect(names((await t.store.get(later, { full: true }))!, before)).toBe(false);
      // 2013's run is owed to the sweeper
      expect(await t.pipeline.progress.get(before)).toMatchObject({ runId: (await t.store.get(before))!.pipeline.runId, stage: 'validate', refresh: true });

      // the sweeper's pass, once the record is due
      const r = await sweepProgress({ store: t.store, pipeline: t.pipeline, log: t.log }, { settleMs: t.pipeline.settleMs, now: Date.now() + 2 * t.pipeline.settleMs });
      expect(r).toMatchObject({ checked: 1, consistent: 1, refreshed: 1, healed: 0 });
      expect(await t.pipeline.progress.get(before)).toBeNull();
      // 2014 re-validated (and 2013's own refresh, whose result is unchanged): 2014 now reads 2013 as its year before
      await settled(t, [before, later], completed + 2);
      expect(names((await t.store.get(later, { full: true }))!, before)).toBe(true);
    } finally {
      await workers.close();
      await t.cleanup();
    }
  }, 300_000);
});
