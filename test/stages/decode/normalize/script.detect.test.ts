import { readShared, seedFiles, SHARED_SKIP_REASON, sharedAvailable } from '@gongkai/testkit';
import { describe, expect, it } from 'vitest';
import { untracked } from '../../../../packages/decode/src/text/tracked-text.ts';
import { detectScript, isTraditionalChar } from '../../../../packages/decode/src/normalize/script.detect.ts';
import { simplifyStrays, toSimplified } from '../../../../packages/decode/src/normalize/t2s.convert.ts';

describe('step 2: script detection and t2s', () => {
  it.each([
    ['政府信息公开工作年度报告', 'simplified'],
    ['政府信息公開工作年度報告，依申請公開辦理情況', 'traditional'],
    ['政府信息公開工作年度報告（依申請公開）。本报告由概述、主动公开政府信息情况、依申请公开政府信息情况组成，这是关于说明', 'mixed'],
    ['乾隆年间的政府信息公开工作报告', 'simplified'],
  ])('%s → %s', (text, script) => {
    expect(detectScript(text).script).toBe(script);
  });

  it('converts the stray traditional characters of a simplified text one by one, in context', () => {
    const input = untracked('乾隆年间，政府信息公開工作年度報告');
    expect(simplifyStrays(input, isTraditionalChar).text).toBe('乾隆年间，政府信息公开工作年度报告');
    const clean = untracked('政府信息公开工作年度报告');
    expect(simplifyStrays(clean, isTraditionalChar)).toBe(clean);
  });

  it('converts traditional text to simplified with the same length and offsets', () => {
    const input = untracked('依申請公開辦理情況');
    const out = toSimplified(input);
    expect(out.text).toBe('依申请公开办理情况');
    expect([...out.origin]).toEqual([...input.origin]);
  });

  it.skipIf(!sharedAvailable)(`classifies the seeds ${SHARED_SKIP_REASON}`, () => {
    const scripts = Object.fromEntries(
      seedFiles().map((f) => [f.name.slice(0, 3), detectScript(new TextDecoder().decode(readShared(f.rel))).script]),
    );
    expect(scripts).toEqual({ '000': 'simplified', '001': 'traditional', '002': 'simplified', '003': 'simplified', '004': 'simplified' });
  });
});
