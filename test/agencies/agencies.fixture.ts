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

export const agencyFilesPresent = sharedAvailable && Object.values(AGENCY_FILES).every((rel) => existsSync(join(SHARED_DIR, rel)));
export const AGENCY_SKIP_REASON = agencyFilesPresent ? '' : `(skipped: the Pingtan reports of ${SHARED_DIR}/corpus/real are absent)`;

export interface AgencyFixture extends OpsFixture {
  ids: Record<AgencyFile, string>;
  docs: Record<AgencyFile, Report>;
}

export async function agencyFixture(name: string): Promise<AgencyFixture> {
  const f = await opsFixture(name, {}, { seeds: false });
  const ids = Object.fromEntries(Object.entries(AGENCY_FILES).map(([k, rel]) => [k, drop(f.t, rel.split('/').pop()!, readShared(rel))])) as Record<AgencyFile, string>;
  const docs = {} as Record<AgencyFile, Report>;
  for (const [k, id] of Object.entries(ids) as Array<[AgencyFile, string]>) {
    docs[k] = await waitFor(`${k} to finish`, async () => {
      const r = await f.t.store.get(id);
      return r && isDone(r.status) ? r : null;
    }, 540_000);
  }
  return Object.assign(f, { ids, docs });
}
