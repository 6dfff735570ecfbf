import { describe, expect, it } from 'vitest';
import { SyntheticReport } from '../../test/synthetic.fixture.ts';
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
    ['全文包括概述,主动公开政府信息情况,依申请公开政府信息情况,行政复议、行政诉讼情况,存在的主要问题和改进措施。', 5],
    ['本報告由主動公開政府信息的情況,依申請公開政府信息的情況,收費及減免情況,存在的主要問題及改進情況組成。', 4],
    ['本报告由某局编制，数据统计期限自2016年1月1日起至12月31日止，如有疑问请联系办公室。', null],
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

  it('announced parts, one missing: a mid-sentence stop is a cut, a sentence end with the last part a whole short report', () => {
    const heads: Array<[string, 'overview' | 'proactive' | 'requests' | 'fees' | 'review_litigation']> = [
      ['一、概述', 'overview'], ['二、主动公开政府信息情况', 'proactive'], ['三、依申请公开政府信息情况', 'requests'], ['四、收费及减免情况', 'fees'], ['五、行政复议和行政诉讼情况', 'review_litigation'],
    ];
    const body = `${TITLE}${PREFACE}${heads.map(([h]) => `${h}\n内容。`).join('\n')}`;
    const build = (text: string) => {
      const r = new SyntheticReport(text);
      for (const [h, k] of heads) r.section(h, k);
      return r;
    };
    expect(run(build(`${body}\n我局没有因政府信息公开工作而被申请行政复议或被提起`))).toEqual([['TRUNCATED', 'warning']]);
    expect(run(build(`${body}\n某局\n2017年1月10日`))).toEqual([]);
  });

  it('a 2019+ report cut inside 表三\'s header (section 三, no 表三) is TRUNCATED; one that ends whole there is left to REQUIRED_CONTENT_MISSING', () => {
    const head = '某镇2020年政府信息公开工作年度报告\n一、总体情况\n全年主动公开政府信息24条。\n二、主动公开政府信息情况\n第二十条第（一）项\n三、收到和处理政府信息公开申请情况\n';
    const build = (text: string) => new SyntheticReport(text, { regime: 'B' })
      .section('一、总体情况', 'overview').section('二、主动公开政府信息情况', 'proactive').section('三、收到和处理政府信息公开申请情况', 'requests');
    expect(run(build(`${head}（本列数据的勾稽关系为：第一项加第二项之和，等于第三项`))).toEqual([['TRUNCATED', 'warning']]);
    expect(run(build(`${head}本年度未收到政府信息公开申请。`))).toEqual([]);
  });
});
