/**
 * The zone's (平潭综合实验区) real annual reports of the shared corpus, read in
 * place, and the wait the cross-year tests share: their reports done and
 * validate's queue empty (refresh rounds included).
 */
import { isDone } from '@gongkai/core';
import { readShared, realReportFiles } from '@gongkai/testkit';
import { waitFor, type TestEnv } from '../helpers/test-env.ts';

export function zoneFile(year: number): { name: string; bytes: Uint8Array } {
  const f = realReportFiles().find((x) => x.rel.includes('pingtan-gov-zwgk-archive') && new RegExp(`^\\d+_平潭综合实验区(?:管委会)?${year}年度?`).test(x.name));
  if (!f) throw new Error(`no zone report of ${year}`);
  return { name: f.name, bytes: readShared(f.rel) };
}

/** Every given report done and validate's queue empty, three looks in a row; the validate jobs completed so far. */
export async function settled(t: TestEnv, ids: readonly string[], minCompleted = 0): Promise<number> {
  let quiet = 0;
  let completed = 0;
  await waitFor('reports done and the validate queue empty', async () => {
    const reports = await Promise.all(ids.map((id) => t.store.get(id)));
    const c = (await t.pipeline.counts())['validate']!;
    completed = c.completed;
    const idle = reports.every((r) => r && isDone(r.status)) && c.waiting + c.active + c.delayed + c.prioritized === 0 && c.completed >= minCompleted;
    quiet = idle ? quiet + 1 : 0;
    return quiet >= 3;
  }, 120_000, 300);
  return completed;
}
