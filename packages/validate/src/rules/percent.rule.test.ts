import { describe, expect, it } from 'vitest';
import { SyntheticReport } from '../../test/synthetic.fixture.ts';
import { buildContext } from '../validate.context.ts';
import { checkPercentages } from './percent.rule.ts';

const run = (text: string) => checkPercentages(buildContext(new SyntheticReport(text).build()));

// Sentences taken from or modelled on real reports (seed 004, pingtan 2011/2012/2013/2023).
const cases: Array<{ name: string; text: string; want: Array<[number, number, number]> }> = [
  { name: 'seed 004: 办结率98.69% = 605/613', text: '2017年,我厅共受理网民留言613件,办结605件,办结率98.69%(其中,人民网留言58件,全部办结)。', want: [] },
  { name: 'a wrong rate', text: '2017年,我厅共受理网民留言613件,办结605件,办结率97.69%。', want: [[97.69, 605, 613]] },
  { name: 'a rate over 100% (pingtan 2013 tax bureau: 117 received, 171 closed)', text: '今年我局共受理审批事项117件，办结171件，办结率100%。', want: [[100, 171, 117]] },
  { name: 'a rate with no numerator stated is not judged', text: '全区收到政府信息公开申请75件，均在法定期限内予以答复，办结率100%。', want: [] },
  {
    name: 'shares of a 其中 list (pingtan 2023), all right',
    text: '办结依申请公开81件，其中：予以公开及部分公开42件，占51.85%；不予公开5件，占6.17%；无法提供31件，占38.27%；不予处理1件，占1.23%；其他处理2件，占2.47%。',
    want: [],
  },
  {
    name: 'one share wrong',
    text: '办结依申请公开81件，其中：予以公开及部分公开42件，占51.85%；不予公开5件，占7.17%；无法提供31件，占38.27%。',
    want: [[7.17, 5, 81]],
  },
  {
    name: 'shares of "在…的1913条政府信息中" (pingtan 2012: 145 is typed for 154)',
    text: '2012年，在管委会网站主动公开的1913条政府信息中，机构职能信息133条，占6.95%；行政许可类信息145条，占8.05%；科教文体卫生类信息89条，占4.65%。',
    want: [[8.05, 145, 1913]],
  },
  {
    name: 'a share across a sentence break, rounded to whole percent (pingtan 2015)',
    text: '2015年主动公开政府信息2949条。其中，区管委会及区直各部门主动公开政府信息2275条，占77%。各乡镇主动公开政府信息674条，占23%。',
    want: [],
  },
  {
    name: 'the base is any larger count nearby that fits (pingtan 2011: 其中 points at 1873, the share is of 425)',
    text: '2011年制作、获取政府信息总数1873条，其中主动公开政府信息425条，作为依申请公开信息数46条。主动公开的政府信息，区直、县直各单位主动公开政府信息303条，占71.3%。',
    want: [],
  },
  { name: 'a base phrase without a number is not judged (seed 003)', text: '主动公开规范性文件11件（占本年度制发规范性文件总数的100%）。', want: [] },
  { name: 'approximate bases are not judged', text: '2013年有约4900人次咨询，其中现场咨询1600人次，占30.65%。', want: [] },
  { name: 'percentages that are not shares or rates are ignored', text: '92%高频便民服务事项实现“全程网办”，公开率100%。', want: [] },
];

describe('percentages recomputed from the text', () => {
  it.each(cases)('$name', ({ text, want }) => {
    const got = run(text);
    expect(got.map((f) => [f.data?.['stated'], f.data?.['part'], f.data?.['base']])).toEqual(want);
    for (const f of got) {
      expect(f.rule).toBe('PERCENT_MISMATCH');
      expect(f.severity).toBe('warning');
      expect(f.evidence.map((e) => e.quote).join(' ')).toContain(`${f.data?.['stated']}%`);
      for (const e of f.evidence) expect(text.slice(e.start, e.end)).toBe(e.quote);
    }
  });
});
