/**
 * Whole documents through decode → segment → extract → validate: what is not
 * a report ends as NOT_A_REPORT with no metrics; a report cut after its
 * opening keeps its metadata and figures and is TRUNCATED, not NOT_A_REPORT.
 */
import { describe, expect, it } from 'vitest';
import { runInProcess } from '@gongkai/stages';
import { NOT_REPORTS, TRUNCATED_REPORT } from './documents.fixture.ts';

async function run(name: string, text: string) {
  const { outputs } = await runInProcess({ bytes: new TextEncoder().encode(text), name });
  return outputs;
}

describe('documents that are not one agency’s disclosure annual report', () => {
  for (const [name, text] of NOT_REPORTS) {
    it(`${name}: NOT_A_REPORT, no metrics`, async () => {
      const out = await run(name, text);
      expect(out.extract.metrics).toEqual([]);
      expect(out.extract.mentions).toEqual([]);
      expect(out.validate.findings.map((f) => f.rule)).toEqual(['NOT_A_REPORT']);
    });
  }
});

describe('a report cut after its opening', () => {
  it('keeps its metadata and every figure it states, with TRUNCATED and not NOT_A_REPORT', async () => {
    const out = await run('truncated.txt', TRUNCATED_REPORT);
    expect(out.segment.meta.year).toBe(2017);
    expect(out.segment.meta.title).toBe('平潭综合实验区农业农村局2017年政府信息公开工作年度报告');
    const values = Object.fromEntries(out.extract.metrics.map((m) => [m.key, m.value]));
    expect(values).toMatchObject({ 'proactive.total': 120, 'proactive.channel.website': 115, 'proactive.channel.gazette': 5, 'staff.parttime': 2 });
    const rules = out.validate.findings.map((f) => f.rule);
    expect(rules).toContain('TRUNCATED');
    expect(rules).not.toContain('NOT_A_REPORT');
  });

  it('a page that keeps only the title (the report was an attachment) is a report, TRUNCATED', async () => {
    const out = await run('title.txt', '平潭综合实验区公安局2020年政府信息公开工作年度报告');
    expect(out.segment.meta.year).toBe(2020);
    expect(out.validate.findings.map((f) => f.rule)).toEqual(['TRUNCATED']);
  });

  it('the whole report is not TRUNCATED', async () => {
    const whole = `${TRUNCATED_REPORT}\n三、政府信息依申请公开办理情况\n2017年，我局未收到政府信息公开申请。\n四、政府信息公开的收费及减免情况\n无收费及减免情况。\n五、因政府信息公开申请行政复议和提起行政诉讼的情况\n未发生行政复议、行政诉讼。\n六、政府信息公开工作存在的主要问题及改进措施\n公开内容有待深化。\n平潭综合实验区农业农村局\n2018年1月15日`;
    const out = await run('whole.txt', whole);
    expect(out.validate.findings.map((f) => f.rule)).not.toContain('TRUNCATED');
  });
});
