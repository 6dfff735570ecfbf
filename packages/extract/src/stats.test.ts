import { describe, expect, it } from 'vitest';
import { locateStatsTables } from './stats.rows.ts';
import { chooseReading, readings, statsKey } from './stats.resolve.ts';
import { run, values } from './synthetic.fixture.ts';

describe('readings of a 统计表 digit run as [this year, cumulative]', () => {
  it.each<[string, Array<[number, number | null]>]>([
    ['425 1516', [[425, 1516]]],
    ['0', [[0, null]]],
    ['00', [[0, 0]]],
    ['07', [[0, 7]]],
    ['2121', [[2, 121], [21, 21]]],
    ['20263542', [[20, 263542], [202, 63542], [2026, 3542]]],
  ])('%s', (digits, want) => {
    expect(readings(digits, 2)).toEqual(want);
  });

  it('chooses the reading the narrative states, else the one that fits its parent, else equal columns', () => {
    expect(chooseReading(readings('20263542', 2), new Set([2026]), null)).toEqual([2026, 3542]);
    expect(chooseReading(readings('17953304', 2), new Set(), [2026, 3542])).toEqual([1795, 3304]);
    expect(chooseReading(readings('2121', 2), new Set(), null)).toEqual([21, 21]);
    expect(chooseReading(readings('20263542', 2), new Set(), null)).toBeNull();
  });
});

describe('locating flattened 统计表 rows', () => {
  it('spaced cells', () => {
    const text = '指标名称 计量 单位 2011 年度 历年累计 主动公开信息数 条 425 1516 其中：1.网站公开 条 418 1509 2.政府公报公开 条 7 7 行政复议数 条 0 0 附件下载';
    const [t] = locateStatsTables(text);
    expect(t?.rows.map((r) => [r.label, r.digits, r.parent])).toEqual([
      ['主动公开信息数', '425 1516', null], ['网站公开', '418 1509', 0], ['政府公报公开', '7 7', 0], ['行政复议数', '0 0', null],
    ]);
  });

  it('run-together cells with the next item number glued on', () => {
    const text = '指标名称计量单位2012年度历年累计主动公开信息数条20263542其中：1.网站公开条179533042.政府公报公开条07受理依申请公开信息总数条2121';
    const [t] = locateStatsTables(text);
    expect(t?.rows.map((r) => [r.label, r.digits])).toEqual([
      ['主动公开信息数', '20263542'], ['网站公开', '17953304'], ['政府公报公开', '07'], ['受理依申请公开信息总数', '2121'],
    ]);
  });

  it.each<[string, string | null]>([
    ['主动公开文件数', 'proactive.total'], ['政府网站公开数', 'proactive.channel.website'], ['受理政府信息依申请公开总数', 'requests.received.total'],
    ['对申请的答复总数', 'requests.outcome.total'], ['否决公开答复数', 'requests.outcome.refused.total'], ['信函、传真申请数', null],
    ['接受行政诉讼、举报数', 'complaints.total'], ['行政诉讼数', 'litigation.total'], ['政府信息公开收费减免金额', 'fees.amount_wan_yuan'],
  ])('row %s → %s', (label, key) => {
    expect(statsKey(label)).toBe(key);
  });
});

describe('统计表 rows become metrics of this year', () => {
  it('uses the narrative to split run-together digits and keeps both statements', () => {
    const text = '2012年主动公开政府信息2026条。指标名称计量单位2012年度历年累计主动公开信息数条20263542其中：1.网站公开条179533042.政府公报公开条07受理依申请公开信息总数条2121行政复议数条00政府信息公开收费减免金额元00';
    const r = run(text);
    expect(values(r)).toEqual({
      'proactive.total': 2026, 'proactive.channel.website': 1795, 'proactive.channel.gazette': 0,
      'requests.received.total': 21, 'review.total': 0, 'fees.amount_wan_yuan': 0,
    });
    expect(r.mentions.filter((m) => m.key === 'proactive.total').map((m) => m.source)).toEqual(['text', 'table']);
    expect(r.metrics.find((m) => m.key === 'proactive.channel.website')?.evidence.quote).toBe('1.网站公开条17953304');
    expect(r.breakdowns.map((b) => [b.total.value, b.parts.map((p) => p.value)])).toContainEqual([2026, [1795, 0]]);
  });

  it('says how each run-together row was split, and by which statement', () => {
    const text = '2012年主动公开政府信息2026条。指标名称计量单位2012年度历年累计主动公开信息数条20263542其中：1.网站公开条179533042.政府公报公开条07行政复议数条00受理依申请公开信息总数条2121';
    const r = run(text);
    const res = (key: string) => r.metrics.find((m) => m.key === key)?.resolution;
    expect(res('proactive.total')).toMatchObject({ method: 'narrative', raw: '20263542', split: [2026, 3542] });
    expect(res('proactive.total')?.corroboration?.map((e) => e.quote)).toEqual(['2012年主动公开政府信息2026条。']);
    expect(res('proactive.channel.website')).toMatchObject({ method: 'table', split: [1795, 3304] });
    expect(res('requests.received.total')).toMatchObject({ method: 'equal_columns', split: [21, 21] });
    // 07 and 00 can only be read one way: nothing to resolve
    expect(res('proactive.channel.gazette')).toBeUndefined();
    expect(res('review.total')).toBeUndefined();
    // and the evidence names the cell and how it was read
    const how = (key: string) => r.metrics.find((m) => m.key === key)?.evidence.cell?.how;
    expect(r.metrics.find((m) => m.key === 'proactive.total')?.evidence.cell).toMatchObject({ table: 'stats', col: '本年', how: 'narrative' });
    expect([how('proactive.channel.website'), how('requests.received.total'), how('proactive.channel.gazette')]).toEqual(['solver-unique', 'solver-unique', 'solver-unique']);
  });

  it('leaves a row unread when its digits stay ambiguous', () => {
    const text = '指标名称计量单位2012年度历年累计主动公开信息数条20263542行政复议数条00行政诉讼数条00';
    expect(values(run(text))).toEqual({ 'review.total': 0, 'litigation.total': 0 });
  });
});
