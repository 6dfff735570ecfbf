import { describe, expect, it } from 'vitest';
import { SyntheticReport } from '../../test/synthetic.fixture.ts';
import { buildContext } from '../validate.context.ts';
import { checkAttachments, checkNotAReport } from './document.rule.ts';

const REPORT = '河南省交通运输厅2017年政府信息公开工作年度报告\n2017年,我厅进一步加强政府信息公开工作的组织领导。依申请公开政府信息情况如下。';

describe('NOT_A_REPORT', () => {
  it.each([
    { name: 'a real report', text: REPORT, warnings: [], want: null },
    { name: 'a recipe', text: '红烧肉的做法：五花肉切块，冷水下锅焯水，捞出沥干。锅中放冰糖小火炒出糖色，下肉翻炒上色，加料酒、生抽和开水，小火炖一小时。', warnings: [], want: /never mentions/ },
    { name: 'empty after decoding', text: '  \n ', warnings: [], want: /empty/ },
    {
      name: 'the blank 2021 template',
      text: '政府信息公开工作年度报告格式模板\n一、总体情况\n（文字描述）\n二、主动公开政府信息情况\n五、存在的主要问题及改进情况\n（文字描述）\n六、其他需要报告的事项\n（文字描述，收取信息处理费情况在此处报告。）',
      warnings: [], want: /template/,
    },
    {
      name: 'decode doubts it and 信息公开 appears once in passing',
      text: '会议纪要：本次会议讨论了道路养护、预算执行和人员招聘等事项，另提及信息公开栏目的改版计划，会议要求各处室按期完成工作任务并及时报送进展情况。',
      warnings: ['mentions 信息公开 but never calls itself a 报告 (report)'], want: /never calls itself/,
    },
    {
      name: 'a notice: no 报告 and almost no figures (decode warnings as the decode stage writes them)',
      text: '关于做好2014年政府信息公开工作要点落实情况的函：各单位要高度重视政府信息公开工作，加强政务公开，按要求报送落实情况，确保各项任务落到实处。',
      warnings: ['mentions 信息公开 but never calls itself a 报告 (report)', 'states almost no figures (numbers with a unit or in a table cell): perhaps a blank template or a notice'],
      want: /never calls itself a 报告, almost no figures/,
    },
    { name: 'one doubt alone does not overrule a text full of 信息公开', text: `${REPORT}政府信息公开专栏持续更新，政务公开工作稳步推进。`, warnings: ['states almost no figures (numbers with a unit or in a table cell)'], want: null },
  ])('$name', ({ text, warnings, want }) => {
    const got = checkNotAReport(buildContext(new SyntheticReport(text, { warnings }).build()));
    if (want === null) return expect(got).toEqual([]);
    expect(got.map((f) => [f.rule, f.severity])).toEqual([['NOT_A_REPORT', 'error']]);
    expect(String(got[0]?.data?.['reason'])).toMatch(want);
  });
});

describe('ATTACHMENT_MISSING', () => {
  const run = (text: string) => checkAttachments(buildContext(new SyntheticReport(text).build())).map((f) => f.data?.['attachment']);
  it.each([
    { name: 'seed 000: named, nothing follows', text: `${REPORT}\n附件:政府信息公开情况统计表\n责任编辑:王靖`, want: ['政府信息公开情况统计表'] },
    { name: 'seed 004: a download link is page chrome', text: `${REPORT}\n附件:[点击下载]`, want: [] },
    {
      name: 'pingtan 2011: the table follows',
      text: `${REPORT}\n附件1：平潭县人民政府2011年政府信息公开情况统计表 指标名称计量单位2011年度历年累计主动公开信息数条4251516`,
      want: [],
    },
    { name: 'no attachment named', text: `${REPORT}\n附件下载`, want: [] },
  ])('$name', ({ text, want }) => expect(run(text)).toEqual(want));

  it('cites the reference as it stands in the text, as info', () => {
    const text = `${REPORT}\n附件:政府信息公开情况统计表\n责任编辑:王靖`;
    const [f] = checkAttachments(buildContext(new SyntheticReport(text).build()));
    expect(f?.severity).toBe('info');
    expect(f?.evidence.map((e) => text.slice(e.start, e.end))).toEqual(['附件:政府信息公开情况统计表']);
  });
});
