/**
 * Cross-year neighbours on the real MongoDB-protocol server: reports of one
 * agency-year registering at the same moment (two validate workers) neither
 * fail on a unique _id nor lose one another. Registrations were `$addToSet`s
 * to one record per agency-year, which FerretDB applies as a read and a
 * rewrite: concurrent ones lost ids (that report then missed as a neighbour).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registeredIds } from '../helpers/agency-years.ts';
import { testEnv, type TestEnv } from '../helpers/test-env.ts';

let t: TestEnv;
beforeAll(async () => {
  t = await testEnv('neighbours');
});
afterAll(() => t.cleanup());

describe('agency-year records', () => {
  it('registers reports of one agency-year arriving at once, every one of them, without a duplicate-key failure', async () => {
    for (let round = 0; round < 5; round++) {
      const key = `某某市人民政府办公室-${round}`;
      const ids = Array.from({ length: 8 }, (_, i) => `r${round}-${i}`);
      const results = await Promise.allSettled(ids.map((id) => t.store.neighboursOf(key, 2020, id)));
      expect(results.filter((r) => r.status === 'rejected').map((r) => String((r as PromiseRejectedResult).reason))).toEqual([]);
      expect((await registeredIds(t.store.db, key, 2020)).sort()).toEqual([...ids].sort());
      // registering again (the next run of a report, a refresh) adds nothing
      await Promise.all(ids.slice(0, 3).map((id) => t.store.neighboursOf(key, 2020, id)));
      expect(await registeredIds(t.store.db, key, 2020)).toHaveLength(8);
    }
  });

  it('still reads the single record an older version kept per agency-year', async () => {
    const key = '某某县财政局';
    await t.store.db.collection<{ _id: string; reportIds: string[] }>('agency_years').insertOne({ _id: `${key}|2019`, reportIds: ['old-1', 'old-2'] });
    await t.store.neighboursOf(key, 2019, 'new-1');
    expect((await registeredIds(t.store.db, key, 2019)).sort()).toEqual(['new-1', 'old-1', 'old-2']);
  });
});
