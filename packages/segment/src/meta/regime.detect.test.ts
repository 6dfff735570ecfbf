import { describe, expect, it } from 'vitest';
import { detectRegime, settleByYear } from './regime.detect.ts';

describe('settleByYear: a report whose content shows no form', () => {
  const bare = detectRegime('某某局2020年政府信息公开工作年度报告', []);
  it('a 2020 title alone is B, a 2022 one C (a report on 2019+ cannot use the 2008 form)', () => {
    expect(bare.regime).toBe('A');
    expect(settleByYear(bare, 2020).regime).toBe('B');
    expect(settleByYear(bare, 2019).regime).toBe('B');
    expect(settleByYear(bare, 2022).regime).toBe('C');
  });
  it('near misses stay A: a 2018 report, an unknown year, and content evidence of the old 统计表', () => {
    expect(settleByYear(bare, 2018).regime).toBe('A');
    expect(settleByYear(bare, null).regime).toBe('A');
    const stats = { regime: 'A' as const, evidence: ['统计表 (2008 form)'] };
    expect(settleByYear(stats, 2019)).toEqual(stats);
  });
  it('content evidence is never overridden by the year', () => {
    const b = detectRegime('本年新收政府信息公开申请数量', []);
    expect(settleByYear(b, 2022).regime).toBe('B');
  });
});
