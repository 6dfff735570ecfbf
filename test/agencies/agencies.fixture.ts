/**
 * Real reports of four Pingtan agencies (../shared/corpus/real), dropped
 * through the real pipeline (watcher, four stage workers, real Redis and
 * FerretDB) with an ops server in front: what the agency and comparison
 * suites read.
 */
import { isDone, type Report } from '@gongkai/core';
import { SHARED_DIR, readShared, sharedAvailable } from '@gongkai/testkit';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { waitFor } from '../helpers/test-env.ts';
import { drop, opsFixture, type OpsFixture } from '../ops/ops-fixture.ts';

/** name → path under shared/: the management committee 2019–2021 and three departments. */
export const AGENCY_FILES = {
  pingtan2019: 'corpus/real/pingtan-gov-zwgk-archive/80576_平潭综合实验区2019年度政府信息公开工作年度报告.page.txt',
  pingtan2020: 'corpus/real/pingtan-gov-zwgk-archive/80595_平潭综合实验区2020年度政府信息公开工作年度报告.page.txt',
  pingtan2021: 'corpus/real/pingtan-gov-zwgk-archive/80613_平潭综合实验区2021年度政府信息公开工作年度报告.page.txt',
  police2020: 'corpus/real/pingtan-departments/ptzhsyqgaj/80590_平潭综合实验区公安局2020年政府信息公开工作年度报告.page.txt',
  police2021: 'corpus/real/pingtan-departments/ptzhsyqgaj/80607_平潭综合实验区公安局2021年政府信息公开工作年度报告.page.txt',
  approval2019: 'corpus/real/pingtan-departments/ptzhsyqhzs/80575_平潭综合实验区行政审批局 2019年政府信息公开工作年度报告.page.txt',
  approval2022: 'corpus/real/pingtan-departments/ptzhsyqhzs/80621_平潭综合实验区行政审批局2022年政府信息公开工作年度报告.page.txt',
  economy2020: 'corpus/real/pingtan-departments/ptzhsyqjjf/80578_平潭综合实验区经济发展局2020年政府信息公开工作年度报告.page.txt',
} as const;
export type AgencyFile = keyof typeof AGENCY_FILES;

/** The committee's 2014–2016 reports (2008-era 统计表 with 历年累计 columns): the years cross-year findings are raised on. */
export const ZONE_EARLY_FILES = {
  pingtan2014: 'corpus/real/pingtan-gov-zwgk-archive/80791_平潭综合实验区管委会2014年度政府信息公开工作年度报告.page.txt',
  pingtan2015: 'corpus/real/pingtan-gov-zwgk-archive/80445_平潭综合实验区2015年度政府信息公开工作年度报告.page.txt',
  pingtan2016: 'corpus/real/pingtan-gov-zwgk-archive/80485_平潭综合实验区2016年度政府信息公开工作年度报告.page.txt',
} as const;

export const agencyFilesPresent = sharedAvailable && [...Object.values(AGENCY_FILES), ...Object.values(ZONE_EARLY_FILES)].every((rel) => existsSync(join(SHARED_DIR, rel)));
export const AGENCY_SKIP_REASON = agencyFilesPresent ? '' : `(skipped: the Pingtan reports of ${SHARED_DIR}/corpus/real are absent)`;

export interface AgencyFixture extends OpsFixture {
  ids: Record<AgencyFile, string> & Partial<Record<keyof typeof ZONE_EARLY_FILES, string>>;
  docs: Record<AgencyFile, Report> & Partial<Record<keyof typeof ZONE_EARLY_FILES, Report>>;
}

/** The eight reports of AGENCY_FILES (and, with `early`, the committee's 2014–2016) through the pipeline, each waited for until done. */
export async function agencyFixture(name: string, opts: { early?: boolean } = {}): Promise<AgencyFixture> {
  const f = await opsFixture(name, {}, { seeds: false });
  const files: Record<string, string> = { ...AGENCY_FILES, ...(opts.early ? ZONE_EARLY_FILES : {}) };
  const ids = Object.fromEntries(Object.entries(files).map(([k, rel]) => [k, drop(f.t, rel.split('/').pop()!, readShared(rel))])) as AgencyFixture['ids'];
  const docs = {} as AgencyFixture['docs'];
  for (const [k, id] of Object.entries(ids) as Array<[AgencyFile, string]>) {
    docs[k] = await waitFor(`${k} to finish`, async () => {
      const r = await f.t.store.get(id);
      return r && isDone(r.status) ? r : null;
    }, 540_000);
  }
  // a report that lands re-validates its neighbours (cross-year findings): wait for those rounds to end, then read the documents again
  let quiet = 0;
  await waitFor('the validate queue to settle', async () => {
    const c = (await f.t.pipeline.counts())['validate']!;
    quiet = c.waiting + c.active + c.delayed + c.prioritized === 0 ? quiet + 1 : 0;
    return quiet >= 3;
  }, 300_000, 500);
  for (const [k, id] of Object.entries(ids) as Array<[AgencyFile, string]>) docs[k] = (await f.t.store.get(id))!;
  return Object.assign(f, { ids, docs });
}
