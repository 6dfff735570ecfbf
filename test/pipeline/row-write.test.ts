/**
 * A stage's list row and facts are part of its write. MongoDB going away
 * between the report's write and its row's (the 5,000 soak: FerretDB down
 * for 13 s) left a done report listed as "processing" for good — and every
 * count from the rows (/metrics, status) with it — because a failed row
 * write was swallowed. Now the stage fails, BullMQ retries it, and the
 * retry writes the report, its row and its facts again. Real Redis,
 * FerretDB and threads; the outage is one failing row write, as the
 * driver reports a closed connection.
 */
import { isDone, type ReportStatus } from '@gongkai/core';
import { ingest } from '@gongkai/pipeline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { smallReportText } from '../helpers/fixtures.ts';
import { outageAt } from '../helpers/outage.ts';
import { testEnv, waitFor, type TestEnv } from '../helpers/test-env.ts';
import { startTestWorkers } from '../helpers/workers.ts';

let t: TestEnv;
beforeAll(async () => {
  t = await testEnv('row-write', { GONGKAI_VALIDATE_BACKOFF_MS: '200' });
});
afterAll(async () => {
  await t?.cleanup();
});

const body = new TextEncoder().encode(smallReportText);

describe('a stage whose list row could not be written', () => {
  it('fails and is retried, and the report ends listed as it is stored, with its facts', async () => {
    const rows = t.store.listRows;
    const outage = outageAt(rows, 'finished');
    const workers = startTestWorkers(t);
    try {
      const { reportId } = await ingest(t, { body, name: 'row.txt', uri: 'test:row' });
      // the report is written first (done at once); its row follows with the retry
      const row = await waitFor('row done', async () => {
        const r = await rows.rows.findOne({ _id: reportId });
        return r && isDone(r.status as ReportStatus) ? r : null;
      }, 60_000).catch(async () => rows.rows.findOne({ _id: reportId }));
      const done = (await t.store.get(reportId, { full: true }))!;
      expect(outage.left()).toBeLessThan(0); // the outage happened, and the row was written after it
      expect(row?.status).toBe(done.status);
      expect(done.pipeline.stages.validate?.attempts).toBe(2);
      expect(await t.store.db.collection('report_facts').findOne({ _id: reportId as never })).toMatchObject({ runId: done.pipeline.runId, status: done.status });
    } finally {
      outage.restore();
      await workers.close();
    }
  });
});
