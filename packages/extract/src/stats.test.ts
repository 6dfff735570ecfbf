import { describe, expect, it } from 'vitest';
import { locateStatsTables } from './stats.rows.ts';
import { allReadings, chooseReading, readings, statsKey } from './stats.resolve.ts';
import { run, tableOf, values } from '../test/synthetic.fixture.ts';

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

  it('every reading, whatever the order, and this year alone beside an empty cumulative cell', () => {
    expect(allReadings('740', 2)).toEqual([[7, 40], [74, 0], [740, null]]);
    expect(allReadings('00', 2)).toEqual([[0, 0]]);
    expect(allReadings('425 1516', 2)).toEqual([[425, 1516]]);
    expect(readings('740', 2)).toEqual([[7, 40]]);
  });

  it('chooses the reading the narrative states, else the one that fits its parent, else equal columns', () => {
    expect(chooseReading(allReadings('20263542', 2), new Set([2026]), null)).toEqual([2026, 3542]);
    expect(chooseReading(allReadings('17953304', 2), new Set(), [2026, 3542])).toEqual([1795, 3304]);
    expect(chooseReading(allReadings('2121', 2), new Set(), null)).toEqual([21, 21]);
    expect(chooseReading(allReadings('20263542', 2), new Set(), null)).toBeNull();
  });

  it('the prose settles a run this-year ≤ cumulative would read otherwise; a refuted constraint reads nothing', () => {
    // 640 printed for 64 | 0 (a cumulative cell left at 0): the prose says 64
    expect(chooseReading(allReadings('640', 2), new Set([64]), null)).toEqual([64, 0]);
    // printed for 640 with the cumulative cell empty
    expect(chooseReading(allReadings('640', 2), new Set([640]), null)).toEqual([640, null]);
    // no prose: this-year ≤ cumulative decides, as before
    expect(chooseReading(allReadings('640', 2), new Set(), null)).toEqual([6, 40]);
    // near misses: the prose states another figure, or two that each fit a split
    expect(chooseReading(allReadings('640', 2), new Set([65]), null)).toBeNull();
    expect(chooseReading(allReadings('640', 2), new Set([6, 64]), null)).toBeNull();
    // a prose figure equal to the constraint's cumulative does not refute it
    expect(chooseReading(allReadings('640', 2), new Set([40]), null)).toEqual([6, 40]);
  });

  it('a reading child ≤ parent settles without the order stands against the prose (a conflict to report, not a cell to drop)', () => {
    // 45 under 7 | 28: 45 | ∅ exceeds the parent, so 4 | 5 is the only reading; prose saying 3 does not unread it
    expect(chooseReading(allReadings('45', 2), new Set([3]), [7, 28])).toEqual([4, 5]);
    // near miss: under 50 | 60 both 4 | 5 and 45 | ∅ fit, only the order chose 4 | 5, and the prose refutes it
    expect(chooseReading(allReadings('45', 2), new Set([3]), [50, 60])).toBeNull();
  });

  it('under a parent that breaks this-year ≤ cumulative, child ≤ parent alone decides', () => {
    expect(chooseReading(allReadings('640', 2), new Set(), [64, 0])).toEqual([64, 0]);
    expect(chooseReading(allReadings('520', 2), new Set(), [64, 0])).toEqual([52, 0]);
    // near miss: under an ordered parent the order still holds, and 5 | 20 is within it
    expect(chooseReading(allReadings('520', 2), new Set(), [64, 300])).toEqual([5, 20]);
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

  it('a header with spaced characters and without 计量', () => {
    const text = '附件 指 标 名 称单 位2018年历年累计主动公开文件数条5183其中：1.政府网站公开数条5183 2.政府公报公开数条00行政复议数条00';
    const [t] = locateStatsTables(text);
    expect(t?.columns).toBe(2);
    expect(t?.rows.map((r) => [r.label, r.digits, r.parent])).toEqual([
      ['主动公开文件数', '5183', null], ['政府网站公开数', '5183', 0], ['政府公报公开数', '00', 0], ['行政复议数', '00', null],
    ]);
    // near miss: 名称 单位 without 指标 is no 统计表 header
    expect(locateStatsTables('名 称单 位2018年历年累计主动公开文件数条5183其中：1.政府网站公开数条5183 2.政府公报公开数条00')).toEqual([]);
  });

  it.each<[string, string | null]>([
    ['主动公开文件数', 'proactive.total'], ['政府网站公开数', 'proactive.channel.website'], ['受理政府信息依申请公开总数', 'requests.received.total'],
    ['对申请的答复总数', 'requests.outcome.total'], ['否决公开答复数', 'requests.outcome.refused.total'], ['信函、传真申请数', null],
    ['接受行政诉讼、举报数', 'complaints.total'], ['接受行政申诉、举报数', 'complaints.total'], ['行政申诉数', 'complaints.total'],
    ['举报投诉数量', 'complaints.total'], ['行政诉讼数', 'litigation.total'], ['行政复议数', 'review.total'],
    // near miss: a row that counts 复议 together with 举报 is neither
    ['行政复议、举报数', null],
    // the fees waived or reduced are not the fees charged
    ['政府信息公开收费减免金额', null], ['依申请公开信息收取的费用', 'fees.amount_wan_yuan'], ['政府信息公开收费金额', 'fees.amount_wan_yuan'],
  ])('row %s → %s', (label, key) => {
    expect(statsKey(label)).toBe(key);
  });
});

describe('统计表 rows become metrics of this year', () => {
  it('uses the narrative to split run-together digits and keeps both statements', () => {
    const text = '2012年主动公开政府信息2026条。指标名称计量单位2012年度历年累计主动公开信息数条20263542其中：1.网站公开条179533042.政府公报公开条07受理依申请公开信息总数条2121行政复议数条00政府信息公开收费减免金额元00';
    const r = run(text);
    // 收费减免金额 (fees waived) gives no fees figure
    expect(values(r)).toEqual({
      'proactive.total': 2026, 'proactive.channel.website': 1795, 'proactive.channel.gazette': 0,
      'requests.received.total': 21, 'review.total': 0,
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

  it('reads 74 | 0 under prose that says 74, and the sub-row printed alike', () => {
    const table = '指 标 名 称单位2016年历年累计主动公开文件数条740 其中：1.政府网站公开数条740 2.政府公报公开数条00接受行政申诉、举报数件00行政复议数件00';
    const r = run(`我局2016年主动公开政府信息74条。附件 ${table}`);
    expect(values(r)).toMatchObject({ 'proactive.total': 74, 'proactive.channel.website': 74, 'proactive.channel.gazette': 0, 'complaints.total': 0 });
    expect(r.metrics.find((m) => m.key === 'proactive.total')?.resolution).toMatchObject({ method: 'narrative', split: [74, 0] });
    expect(r.metrics.find((m) => m.key === 'proactive.channel.website')?.resolution).toMatchObject({ method: 'table', split: [74, 0] });
    expect(r.breakdowns.map((b) => [b.total.value, b.parts.map((p) => p.value)])).toContainEqual([74, [74, 0]]);
  });

  it('leaves a row and its alike sub-row unread when the prose refutes the only split the order allows, even if another reader has it', () => {
    const text = '我局2016年主动公开政府信息75条。\n表 指 标 名 称单位2016年历年累计主动公开文件数条740 其中：1.政府网站公开数条740 2.政府公报公开数条00行政复议数件00';
    // segment's own cells of that table, split by this-year ≤ cumulative alone
    const seg = tableOf(text, 'stats', [['主动公开文件数', '2016年', 7, '740'], ['政府网站公开数', '2016年', 7, '740']]);
    const r = run(text, { tables: [seg] });
    const v = values(r);
    expect(v['proactive.total']).toBe(75);
    expect(v['proactive.channel.website']).toBeUndefined();
    expect(v['proactive.channel.gazette']).toBe(0);
  });

  it('reads the website row under a total the prose split (7262964 = 726 | 2964), not when nothing splits the total', () => {
    const table = '指 标 名 称单 位2018年历年累计主动公开文件数条7262964其中：1.政府网站公开数条7262964 2.政府公报公开数条00行政复议数条00';
    expect(values(run(`2018年主动公开政府信息726条。${table}`))).toMatchObject({ 'proactive.total': 726, 'proactive.channel.website': 726 });
    const bare = values(run(table));
    expect([bare['proactive.total'], bare['proactive.channel.website'], bare['review.total']]).toEqual([undefined, undefined, 0]);
  });
});
