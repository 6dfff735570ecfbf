/**
 * Misattributions found by reading the real corpus, checked through the real
 * chain (decode → segment → extract). Each expected figure was read in the
 * report itself; the shared files are read in place.
 */
import type { ExtractResult } from '@gongkai/core';
import { runInProcess } from '@gongkai/stages';
import { SHARED_SKIP_REASON, readShared, realCorpusFiles, sharedAvailable } from '@gongkai/testkit';
import { describe, expect, it } from 'vitest';

const cache = new Map<string, Promise<ExtractResult>>();

function extracted(id: string): Promise<ExtractResult> {
  let p = cache.get(id);
  if (!p) {
    const file = realCorpusFiles().find((f) => f.name.startsWith(`${id}_`) || f.name.startsWith(id));
    if (!file) throw new Error(`no real corpus file ${id}`);
    p = runInProcess({ bytes: readShared(file.rel), name: file.name }).then((r) => r.outputs.extract);
    cache.set(id, p);
  }
  return p;
}

const metric = (r: ExtractResult, key: string) => r.metrics.find((m) => m.key === key);
const mentioned = (r: ExtractResult, key: string, value: number) => r.mentions.some((m) => m.key === key && m.value === value);

describe.skipIf(!sharedAvailable)(`real reports through the real chain ${SHARED_SKIP_REASON}`, () => {
  it('80506 (2017): 共公开发布信息82条 of the 政策解读 column is no proactive total', async () => {
    const r = await extracted('80506');
    expect(metric(r, 'proactive.total')?.value).toBe(2122);
    expect(r.mentions.some((m) => m.value === 82)).toBe(false);
    expect(metric(r, 'response.interpretations')).toBeUndefined();
  });

  it('87885 (2023): 四是…公开信息1654条 is one item’s count, not the total', async () => {
    const r = await extracted('87885');
    expect(metric(r, 'proactive.total')?.value).toBe(13561);
    expect(r.mentions.some((m) => m.value === 1654)).toBe(false);
  });

  it('80734 (2012): 其中涉及财政预算决算…公开信息9条 is one part, not the total', async () => {
    const r = await extracted('80734');
    expect(mentioned(r, 'proactive.total', 9)).toBe(false);
    expect(mentioned(r, 'proactive.total', 1913)).toBe(true);
  });

  it('80595 (2020): 收到群众诉求348件 (问政平台) is no request count', async () => {
    const r = await extracted('80595');
    expect(r.mentions.some((m) => m.value === 348)).toBe(false);
    expect(metric(r, 'requests.received.total')?.value).toBe(21);
  });

  it('80629 (2022): 行政规范性文件8855698 is read 88 | 55 | 698 because the narrative states 88 and 698', async () => {
    const r = await extracted('80629');
    expect(metric(r, 't2.normative_docs.issued')?.value).toBe(88);
    expect(metric(r, 't2.normative_docs.repealed')?.value).toBe(55);
    expect(metric(r, 't2.normative_docs.in_force')?.value).toBe(698);
    const res = metric(r, 't2.normative_docs.repealed')?.resolution;
    expect(res).toMatchObject({ method: 'narrative', raw: '8855698', split: [88, 55, 698] });
    const quotes = res?.corroboration?.map((e) => e.quote).join('|') ?? '';
    expect(quotes).toContain('现行有效行政规范性文件698件');
    expect(quotes).toContain('本年度制发的规范性文件88件');
  });

  it.each([
    ['87885', 'the narrative’s 现行有效…393件 fits no split of 77132470'],
    ['97791', '制发…62件 alone leaves four splits of 6233440'],
    ['105587', 'the narrative states no cell of 5845546'],
  ])('%s: the 行政规范性文件 row stays unread (%s)', async (id) => {
    const r = await extracted(id);
    expect(r.metrics.filter((m) => m.key.startsWith('t2.normative_docs.'))).toEqual([]);
  });

  it('szfgs2024: 制作政策解读21个 is the interpretations count', async () => {
    const r = await extracted('szfgs2024');
    expect(metric(r, 'response.interpretations')).toMatchObject({ value: 21, unit: '个', source: 'text' });
  });

  it('80774 (2013 地税局): 没有…全职人员 and 不存在…答复处理情况 are zeros', async () => {
    const r = await extracted('80774');
    expect(metric(r, 'staff.fulltime')).toMatchObject({ value: 0, source: 'zero' });
    expect(metric(r, 'staff.parttime')?.value).toBe(1);
    expect(metric(r, 'requests.outcome.total')).toMatchObject({ value: 0, source: 'zero' });
  });

  it('80576 (2019): 预决算公开197条（政府预决算32条、部门预决算公开165条） is one part of the 380, its details no siblings', async () => {
    const r = await extracted('80576');
    const b = r.breakdowns.find((x) => x.total.value === 380);
    expect(b?.parts.map((p) => p.value)).toEqual([152, 197, 27, 4]);
    expect(b?.complete).toBe(true);
  });

  it('87885 (2023): the 办结81件 list stops before 行政复议案件2件、行政诉讼案件7件', async () => {
    const r = await extracted('87885');
    const b = r.breakdowns.find((x) => x.total.key === 'requests.closed.total');
    expect(b?.parts.map((p) => p.value)).toEqual([42, 5, 31, 1, 2]);
  });

  it('80613 (2021): 全年主动公开我区各级单位政府信息2645条 is the proactive total', async () => {
    const r = await extracted('80613');
    expect(metric(r, 'proactive.total')).toMatchObject({ value: 2645, source: 'text' });
  });
});
