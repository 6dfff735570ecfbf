/**
 * A context refresh (validate re-run for a done report whose neighbouring
 * years changed) that gives the same result writes nothing: on FerretDB each
 * write of a finished report is a read and a rewrite of ~200 KB, and in the
 * 5,000-report soak refreshes were most of validate's jobs. One that changes
 * the findings is written (arrival-order.test.ts checks those end right).
 * The zone's real 2013 and 2014 reports, read in place, on real Redis and FerretDB.
 */
import type { Report } from '@gongkai/core';
import { ingest, reprocess } from '@gongkai/pipeline';
import { SHARED_SKIP_REASON, sharedAvailable } from '@gongkai/testkit';
import { describe, expect, it } from 'vitest';
import { testEnv } from '../helpers/test-env.ts';
import { startTestWorkers } from '../helpers/workers.ts';
import { settled, zoneFile } from './zone.ts';

describe.skipIf(!sharedAvailable)(`a context refresh that changes nothing ${SHARED_SKIP_REASON}`, () => {
  it('re-validates the later year when its year before runs again, and leaves its document as it was', async () => {
    const t = await testEnv('refresh-same');
    const workers = startTestWorkers(t);
    try {
      const y13 = zoneFile(2013);
      const y14 = zoneFile(2014);
      const { reportId: a } = await ingest(t, { body: y13.bytes, name: y13.name, uri: `test:${y13.name}` });
      await settled(t, [a]);
      const { reportId: b } = await ingest(t, { body: y14.bytes, name: y14.name, uri: `test:${y14.name}` });
      const before = await settled(t, [a, b]);
      const later = (await t.store.get(b, { full: true })) as Report;
      // 2014 read 2013 as its year before (a cross-year finding names it)
      expect(later.findings?.some((f) => f.evidence.some((e) => e.reportId === a))).toBe(true);

      // 2013 runs again (a new run, the same content): 2014's context changed (a new run of its year before), so 2014
      // is re-validated, and its findings come out the same
      await reprocess({ store: t.store, pipeline: t.pipeline, log: t.log }, { from: 'validate', reportId: a });
      const after = await settled(t, [a, b], before + 2);
      expect(after).toBe(before + 2); // 2013's new run and 2014's refresh
      const again = (await t.store.get(b, { full: true })) as Report;
      expect(again.findings).toEqual(later.findings);
      expect(again.status).toBe(later.status);
      // nothing written: the same update time, history and run record
      expect(again.updatedAt).toBe(later.updatedAt);
      expect(again.history).toEqual(later.history);
      expect(again.pipeline.stages.validate).toEqual(later.pipeline.stages.validate);
    } finally {
      await workers.close();
      await t.cleanup();
    }
  });
});
