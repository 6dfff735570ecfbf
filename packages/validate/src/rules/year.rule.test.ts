import { describe, expect, it } from 'vitest';
import { SyntheticReport, type SyntheticOptions } from '../../test/synthetic.fixture.ts';
import { buildContext } from '../validate.context.ts';
import { checkYears } from './year.rule.ts';

const TEXT = '湛河区2017年政府信息公开工作年度报告\n本报告中所列数据的统计期限自2017年1月1日起至2017年12月31日止。\n2017年全区政府信息公开总数为3452条。\n2018年2月27日';
const run = (text: string, opts: SyntheticOptions, mentions: Array<[string, number, string]> = []) => {
  const r = new SyntheticReport(text, opts);
  for (const [k, v, q] of mentions) r.mention(k, v, q);
  return checkYears(buildContext(r.build())).map((f) => `${f.rule}:${f.severity}`);
};
const meta = (publishedAt: string | null, title = '湛河区2017年政府信息公开工作年度报告') => ({ year: 2017, meta: { title, publishedAt } });

describe('year consistency', () => {
  it.each([
    { name: 'seed 003: a 2017 report published 2018-02-27', text: TEXT, opts: meta('2018-02-27'), want: [] },
    { name: 'published in 2016', text: TEXT.replace('2018年2月27日', '2016年2月27日'), opts: meta('2016-02-27'), want: ['PUBLISHED_BEFORE_YEAR_END:warning'] },
    { name: 'published after 31 March (pingtan 2011: 2012-04-11)', text: TEXT, opts: meta('2018-04-11'), want: ['PUBLISHED_LATE:info'] },
    { name: 'statistical period of another year', text: TEXT.replace('自2017年1月1日起至2017年12月31日', '自2016年1月1日起至2016年12月31日'), opts: meta('2018-02-27'), want: ['YEAR_MISMATCH:warning'] },
    { name: 'title of another year', text: TEXT, opts: meta('2018-02-27', '湛河区2016年政府信息公开工作年度报告'), want: ['YEAR_MISMATCH:warning'] },
    { name: 'no dates at all: nothing to say', text: '政府信息公开工作年度报告', opts: { year: null }, want: [] },
  ])('$name', ({ text, opts, want }) => expect(run(text, opts)).toEqual(want));

  it('2019+ departments publish by 31 January', () => {
    const opts = { regime: 'C' as const, year: 2022, meta: { title: null, publishedAt: '2023-02-20', level: 'department' as const } };
    expect(run('本年度报告。', opts)).toEqual(['PUBLISHED_LATE:info']);
  });

  it('a figure stated for an earlier year (copied from last year) is flagged; later years and comparisons are not', () => {
    const text = '2016年全区主动公开政府信息3460条。较2015年增加受理申请12件。结转至2018年6件。截至2017年12月31日共计3452条。';
    const mentions: Array<[string, number, string]> = [
      ['proactive.total', 3460, '主动公开政府信息3460条'], ['requests.received.total', 12, '受理申请12件'],
      ['requests.carried_forward', 6, '6件'], ['proactive.channel.website', 3452, '共计3452条'],
    ];
    expect(run(text, { year: 2017 }, mentions)).toEqual(['FIGURE_YEAR_MISMATCH:warning']);
  });
});
