import { describe, expect, it } from 'vitest';
import { classifySection, kindsIn } from './section-kind.classify.ts';

describe('section kinds by meaning', () => {
  const cases: Array<[string, string, string[]?]> = [
    ['概述', 'overview'],
    ['总体情况', 'overview'],
    ['信息公开工作基本情况', 'overview'],
    ['主动公开政府信息的情况', 'proactive'],
    ['推进“五公开”情况', 'proactive'],
    ['依申请公开、投诉举报和行政复议情况', 'requests', ['complaints', 'review_litigation']],
    ['收到和处理政府信息公开申请情况', 'requests'],
    ['因政府信息公开申请行政复议、提起行政诉讼的情况', 'review_litigation'],
    ['政府信息公开的收费及减免情况', 'fees'],
    ['政府信息公开平台建设情况', 'platform'],
    ['加强组织领导,完善工作机制', 'organization'],
    ['强化教育培训,加强督促检查', 'training', ['organization']],
    ['存在的主要问题及改进措施', 'problems', ['improvements']],
    ['下一步工作措施', 'improvements'],
    ['其他需要报告的事项', 'other'],
    ['平潭综合实验区政府信息公开情况统计表', 'attachment'],
  ];
  for (const [title, kind, also] of cases) {
    it(`${title} → ${kind}`, () => {
      const r = classifySection(title, '');
      expect(r.kind).toBe(kind);
      for (const a of also ?? []) expect(r.also).toContain(a);
    });
  }

  it('a title naming a work theme takes its sub-headings\' topic', () => {
    expect(classifySection('全面推进相关工作', '', ['进一步做好政府信息主动公开工作', '建立系统完善政务舆情制度']).kind).toBe('proactive');
  });

  it('a theme title with nothing to go on is other, not a guess', () => {
    expect(classifySection('审批事项及处理情况', '今年我局共受理审批事项117件，办结171件，解答纳税人咨询达3000多人次，零投诉。').kind).toBe('other');
  });

  it('a keyword inside a longer one of another kind does not count', () => {
    expect(kindsIn('因政府信息公开申请行政复议')).toEqual(['review_litigation']);
  });
});
