import { describe, expect, it } from 'vitest';
import { SyntheticReport } from '../synthetic.fixture.ts';
import { buildContext } from '../validate.context.ts';
import { announcedParts, checkTruncated } from './truncated.rule.ts';

const TITLE = '某局2016年政府信息公开工作年度报告\n';
const PREFACE = '本报告由概述、主动公开政府信息情况、依申请公开政府信息情况、收费及减免情况、行政复议和行政诉讼情况、存在的主要问题及改进措施等六个部分组成。\n';

describe('announcedParts', () => {
  it.each([
    [PREFACE, 6],
    ['本年报由工作概述、主动公开情况、依申请公开政府信息情况、收费及减免情况、存在的主要问题和改进措施、附表等六个部分组成。', 6],
    ['本报告共七部分，包括概述、主动公开政府信息情况等。', 7],
    ['报告主要包括以下内容:本年度政府信息公开工作的基本情况;主动公开政府信息的情况;依申请公开政府信息的情况;收费及减免情况;问题及改进情况等。', 5],
    ['2016年，我局进一步加强政府信息公开工作。', null],
    ['全市共有6个部门参加培训。', null],
  ])('%s', (text, want) => {
    expect(announcedParts(text)).toBe(want);
  });
});

describe('TRUNCATED', () => {
  const run = (r: SyntheticReport) => checkTruncated(buildContext(r.build())).map((f) => [f.rule, f.severity]);

  it('six parts announced, the text stops in the second', () => {
    const text = `${TITLE}${PREFACE}一、概述\n我局认真贯彻《条例》。\n二、主动公开政府信息情况\n全年主动公开政府信息120条。`;
    expect(run(new SyntheticReport(text).section('一、概述', 'overview').section('二、主动公开政府信息情况', 'proactive'))).toEqual([['TRUNCATED', 'warning']]);
  });

  it('six parts announced, five numbered and a table: whole', () => {
    const heads: Array<[string, 'overview' | 'proactive' | 'requests' | 'fees' | 'problems']> = [
      ['一、概述', 'overview'], ['二、主动公开政府信息情况', 'proactive'], ['三、依申请公开政府信息情况', 'requests'], ['四、收费及减免情况', 'fees'], ['五、存在的主要问题及改进措施', 'problems'],
    ];
    const text = `${TITLE}${PREFACE}${heads.map(([h]) => `${h}\n内容。`).join('\n')}\n附表：指标名称 计量单位 主动公开信息数 条 120`;
    const r = new SyntheticReport(text);
    for (const [h, k] of heads) r.section(h, k);
    expect(run(r)).toEqual([]);
  });

  it('a 2019+ report that stops in its second section with no 表三', () => {
    const text = '某区2021年政府信息公开工作年度报告\n一、总体情况\n全年主动公开政府信息300条。\n二、主动公开政府信息情况\n第二十条第（一）项';
    expect(run(new SyntheticReport(text, { regime: 'C' }).section('一、总体情况', 'overview').section('二、主动公开政府信息情况', 'proactive'))).toEqual([['TRUNCATED', 'warning']]);
  });

  it('no announcement: a mid-sentence stop before any later part, but not a whole short report', () => {
    const cut = `${TITLE}2016年，我局主动公开政府信息120条，其中通过网站公开`;
    expect(run(new SyntheticReport(cut))).toEqual([['TRUNCATED', 'warning']]);
    const whole = `${TITLE}一、概述\n2016年，我局主动公开政府信息120条。\n二、依申请公开情况\n未收到申请。\n某局\n2017年1月10日`;
    expect(run(new SyntheticReport(whole).section('一、概述', 'overview').section('二、依申请公开情况', 'requests'))).toEqual([]);
  });
});
