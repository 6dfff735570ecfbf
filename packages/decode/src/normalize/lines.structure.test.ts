import { describe, expect, it } from 'vitest';
import { runStep } from '../../test/fixtures.build.ts';
import { isBrokenBreak, joinBrokenLines, splitFlattened } from './lines.structure.ts';

const LONG = '进一步加强组织领导，规范政府信息公开行为，充实政府信息公开内容，切实发挥好政府信息公开工作的桥梁沟通作用，较好地开展了各项工作';

describe('step 5: lines broken mid-sentence', () => {
  it.each([
    // seed 003: a word split over a blank line
    [`${LONG}，规\n\n范政府信息公开行为。`, `${LONG}，规范政府信息公开行为。`],
    // seed 002: a sentence wrapped after 需
    [`${LONG}。需\n社会公众参与知晓的事项，都及时公开。`, `${LONG}。需社会公众参与知晓的事项，都及时公开。`],
    // a line that ends with a comma continues
    ['短句，\n接下去的话。', '短句，接下去的话。'],
    // a closing mark at the start of the next line belongs to the previous one
    [`${LONG}\n，并且完成了。`, `${LONG}，并且完成了。`],
  ])('joins %#', (input, expected) => {
    expect(runStep(joinBrokenLines, input)).toBe(expected);
  });

  it.each([
    ['一、概述\n推进政府信息公开是重要举措。'],
    ['（一）认真落实组织机构和工作职责\n为全面贯彻落实条例，保证工作的有序进行。'],
    [`${LONG}。\n二、主动公开政府信息的情况`],
    ['湛河区2017年政府信息公开工作年度报告\n根据《条例》要求，特向社会公布。'],
    ['省政府办公厅:\n2017年,省政府法制办认真贯彻执行条例。'],
    [`${LONG}\n1.公开意识及内容需要进一步深化。`],
    [`${LONG}。\n2018年2月27日`],
    [`信息内容\t本年制发件数\n规章\t1\t0\t11`],
  ])('keeps %#', (input) => {
    expect(runStep(joinBrokenLines, input)).toBe(input);
  });

  it('collapses blank lines between paragraphs', () => {
    expect(runStep(joinBrokenLines, '\n\n第一段。\n\n\n第二段。\n')).toBe('第一段。\n第二段。');
  });

  it('isBrokenBreak never joins table rows', () => {
    expect(isBrokenBreak(`${LONG}`, '规章\t1\t0')).toBe(false);
  });
});

describe('flattened bodies (a crawled page on one line)', () => {
  const body =
    '平潭综合实验区2019年政府信息公开工作年度报告 根据《条例》要求编制完成了本报告，' + LONG + '。本报告所列数据的统计期限自2019年1月1日起至2019年12月31日止，电子邮箱：pzxxgkb@163.com。' +
    '一、总体情况2019年，我区认真贯彻落实新修订的《条例》，确保统一、规范。（一）基本情况今年，我区共公布政府信息2599条。（二）主要做法1.加强组织领导，健全工作机制。' +
    '2.把握工作重点（1）加强政策解读信息公开。依照第二十条第（一）项规定公开。二、主动公开政府信息情况 第二十条第（一）项信息内容';

  it('puts the title and each heading on its own line', () => {
    expect(runStep(splitFlattened, body).split('\n')).toEqual([
      '平潭综合实验区2019年政府信息公开工作年度报告',
      `根据《条例》要求编制完成了本报告，${LONG}。本报告所列数据的统计期限自2019年1月1日起至2019年12月31日止，电子邮箱：pzxxgkb@163.com。`,
      '一、总体情况',
      '2019年，我区认真贯彻落实新修订的《条例》，确保统一、规范。',
      '（一）基本情况今年，我区共公布政府信息2599条。',
      '（二）主要做法',
      '1.加强组织领导，健全工作机制。',
      '2.把握工作重点',
      '（1）加强政策解读信息公开。依照第二十条第（一）项规定公开。',
      '二、主动公开政府信息情况 第二十条第（一）项信息内容',
    ]);
  });

  it('leaves ordinary lines alone', () => {
    const text = `${LONG}。（一）这一行不长。`;
    expect(runStep(splitFlattened, text)).toBe(text);
  });
});
