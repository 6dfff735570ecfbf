import type { Breakdown } from '@gongkai/core';
import { describe, expect, it } from 'vitest';
import { run } from '../test/synthetic.fixture.ts';

const shape = (b: Breakdown) => ({ total: b.total.value, parts: b.parts.map((p) => p.value), complete: b.complete });
const breakdowns = (text: string) => run(text).breakdowns.map(shape);

describe('其中 lists', () => {
  it.each<[string, Array<ReturnType<typeof shape>>]>([
    ['全年我办共受理信息公开申请41件，其中网上申请21件，邮寄申请20件，均在法定期限内办结。', [{ total: 41, parts: [21, 20], complete: true }]],
    ['全年主动公开本部门政务信息94条，信息公开内容按照目录进行分类。其中发布文件43条，发布各类公示公告36条，领导讲话6条，立法草案征求意见9条。',
      [{ total: 94, parts: [43, 36, 6, 9], complete: true }]],
    ['收到行政复议案件5件，其中维持具体行政行为2件，依法纠错2件，驳回1件；收到行政诉讼案件2件，其中维持具体行政行为0件，依法纠错0件，其它情形2件。',
      [{ total: 5, parts: [2, 2, 1], complete: true }, { total: 2, parts: [0, 0, 2], complete: true }]],
    ['还发布新闻类信息6948条(其中中国政府法制信息网采用13条、河南省政府网站采用267条)。', [{ total: 6948, parts: [13, 267], complete: false }]],
    ['共汇总基层项目107项，其中取消14,项，保留93项(含国家颁发具有法律效力证明)。', [{ total: 107, parts: [14, 93], complete: true }]],
    ['全区收到政府信息公开申请75件，涉及自然人72件、商业企业3件。', [{ total: 75, parts: [72, 3], complete: true }]],
  ])('%s', (text, want) => {
    expect(breakdowns(text)).toEqual(want);
  });

  it('splits parallel totals (受理…613件，办结605件 … 全部办结)', () => {
    const text = '2017年，我厅共受理网民留言613件，办结605件，办结率98.69%(其中，人民网留言58件，全部办结；省政府门户网站留言94件，办结86件；厅门户网站厅长信箱和网上咨询461件，办结461件)。';
    expect(breakdowns(text)).toEqual([
      { total: 613, parts: [58, 94, 461], complete: true },
      { total: 605, parts: [58, 86, 461], complete: true },
    ]);
  });

  it('follows shares into the next sentence until they make the total', () => {
    const text = '2013年主动公开政府信息4970条。其中，区直、县直各单位主动公开政府信息3933条，占79%。各乡镇主动公开政府信息1037条，占21%。';
    expect(breakdowns(text)).toEqual([{ total: 4970, parts: [3933, 1037], complete: true }]);
  });

  it('a partition that does not add up claims to be complete (so validation can say so)', () => {
    const text = '2012年制作、获取政府信息总数3978条，其中主动公开政府信息2026条，作为依申请公开信息数46条，不予公开信息数1854条。';
    expect(breakdowns(text)).toEqual([{ total: 3978, parts: [2026, 46, 1854], complete: true }]);
  });

  it('a parenthesis after a part details that part; it adds no siblings', () => {
    const text = '今年共发布380条财政资金信息，其中专项资金152条，预决算公开197条（政府预决算32条、部门预决算公开165条）、“三公”经费27条、债券发行4条。';
    expect(breakdowns(text)).toEqual([{ total: 380, parts: [152, 197, 27, 4], complete: true }]);
  });

  it('the list ends where a part is another topic’s total', () => {
    const text = '办结依申请公开81件，其中：予以公开42件，占51.85%；不予公开5件，占6.17%；无法提供31件，占38.27%；不予处理1件，占1.23%；其他处理2件，占2.47%；因政府信息公开引起的行政复议案件2件、行政诉讼案件7件。';
    const [b] = run(text).breakdowns;
    expect(b && shape(b)).toEqual({ total: 81, parts: [42, 5, 31, 1, 2], complete: true });
    expect(b?.total.key).toBe('requests.closed.total');
  });

  it('the total is the figure right before 其中: one whose measure cannot be read leaves the list unread', () => {
    expect(breakdowns('对本部门的45项大项、120小项服务事项进行梳理，其中标准化120项。')).toEqual([]);
    // near miss: the nearest figure is a count, so a part above it is still a part (a reader would flag it)
    expect(breakdowns('对本部门的120项服务事项进行梳理，其中标准化130项。')).toEqual([{ total: 120, parts: [130], complete: false }]);
  });

  it('a list that adds up when a ； comes ends there; a new statement after it adds no parts', () => {
    const text = '全年制作政府信息共300条，其中主动公开信息数200，依申请公开信息数60条，不予公开40条；全年通过门户网站公开规划类信息50条，财政类信息90条。';
    expect(breakdowns(text)).toEqual([{ total: 300, parts: [200, 60, 40], complete: true }]);
    // near miss: no prefix adds up, so the whole list stays (and overshoots)
    const over = '全年制作政府信息共300条，其中主动公开信息数200条，依申请公开信息数90条；不予公开40条。';
    expect(breakdowns(over)).toEqual([{ total: 300, parts: [200, 90, 40], complete: true }]);
  });

  it('keys the parts that are metrics', () => {
    const [b] = run('全年我办共受理信息公开申请41件，其中网上申请21件，邮寄申请20件。').breakdowns;
    expect(b?.total.key).toBe('requests.received.total');
    expect(b?.parts.map((p) => p.key)).toEqual(['requests.received.online', 'requests.received.letter']);
    expect(b?.quote).toBe('41件，其中网上申请21件，邮寄申请20件');
  });
});

describe('lists no 其中 announces', () => {
  it('在…N项…中 lists', () => {
    const text = '在清理规范的15项区级行政审批中介服务事项中，清理4项，不再要求申请人提供相关材料；化转4项，改由审批部门委托；规范7项，申请人可以自行编制。';
    expect(breakdowns(text)).toEqual([{ total: 15, parts: [4, 4, 7], complete: true }]);
  });

  it('在…中 lists leave a 其中 list’s parts to it (the first figure restates the whole)', () => {
    const text = '在受理的50件申请中，按时办结的申请共50件，其中：网上申请30件；信函申请20件。';
    expect(breakdowns(text)).toEqual([{ total: 50, parts: [30, 20], complete: true }]);
    // near miss: parts of the 在…中 list itself that exceed it are still its parts
    expect(breakdowns('在清理规范的10项服务事项中，清理4项；化转4项；规范7项。')).toEqual([{ total: 10, parts: [4, 4, 7], complete: false }]);
  });

  it('shares of the proactive total belong to it even when they do not add up', () => {
    const ok = '其中主动公开政府信息425条，作为依申请公开信息数46条。主动公开的政府信息，区直、县直各单位主动公开政府信息303条，占71.3%。各乡镇主动公开政府信息122条，占28.7%。';
    expect(breakdowns(ok)).toContainEqual({ total: 425, parts: [303, 122], complete: true });
    const bad = '其中主动公开政府信息2026条，作为依申请公开信息数46条。主动公开的政府信息，县直各单位主动公开政府信息2475条，占62.2%。各乡镇主动公开政府信息1503条，占37.8%。';
    expect(breakdowns(bad)).toContainEqual({ total: 2026, parts: [2475, 1503], complete: true });
  });

  it('category lists that add up to a total stated before', () => {
    const text = '2015年主动公开政府信息2949条。主要类别有：机构职能类信息117条，规划计划类信息19条，行政许可类信息33条，其他应主动公开的信息2780条。';
    expect(breakdowns(text)).toEqual([{ total: 2949, parts: [117, 19, 33, 2780], complete: true }]);
    expect(run(text).metrics.map((m) => [m.key, m.value])).toEqual([['proactive.total', 2949]]);
  });

  it('no breakdown from counts that merely stand side by side', () => {
    expect(breakdowns('卫滨区在服务大厅设置了5个综窗。行政许可事项64项和公共服务类事项48项已上线运行。')).toEqual([]);
  });
});
