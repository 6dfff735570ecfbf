/**
 * The five seeds through the real chain: exactly the findings their gold
 * files list (rule and severity), none of those marked `none`, each with
 * evidence that stands in the text and shows what the gold describes.
 */
import { describe, expect, it } from 'vitest';
import { runInProcess } from '@gongkai/stages';
import { SHARED_SKIP_REASON, seedFiles, sharedAvailable, sharedGoldFor } from '@gongkai/testkit';
import { chain, squash } from './real-chain.fixture.ts';

const ITEM_OF_ABOUT: Record<string, string> = { fees: 'fees', 'review/litigation': 'review_litigation' };

/** "PERCENT_CONSISTENT" (severity none) forbids every PERCENT_* finding; likewise REPEATED_MENTION_*. */
const forbiddenPrefix = (rule: string) => rule.replace(/(CONSISTENT|OK|NONE)$/, '');

/** CJK fragments quoted in a gold `about` (what the evidence must show). */
const fragments = (about: string) => (about.match(/[\u4e00-\u9fff][\u4e00-\u9fff\d，、:：,（）()]{3,}/g) ?? []).map(squash);

describe.skipIf(!sharedAvailable)(`seeds: the gold findings, exactly ${SHARED_SKIP_REASON}`, () => {
  for (const seed of seedFiles()) {
    const gold = sharedGoldFor(seed.rel);
    it.skipIf(!gold)(seed.name, async () => {
      if (!gold) return;
      const out = await chain(seed.rel);
      const { findings, status } = out.validate;
      const want = gold.findings.filter((f) => f.severity !== 'none').map((f) => `${f.rule}:${f.severity}`).sort();
      expect(findings.map((f) => `${f.rule}:${f.severity}`).sort()).toEqual(want);
      for (const none of gold.findings.filter((f) => f.severity === 'none')) {
        expect(findings.filter((f) => f.rule.startsWith(forbiddenPrefix(none.rule)))).toEqual([]);
      }
      expect(status).toBe(want.some((w) => w.endsWith(':error')) ? 'invalid' : want.some((w) => w.endsWith(':warning')) ? 'warnings' : 'valid');
      for (const g of gold.findings.filter((f) => f.severity !== 'none')) {
        const f = findings.find((x) => x.rule === g.rule);
        expect(f?.evidence.length, `${g.rule} has evidence`).toBeGreaterThan(0);
        for (const e of f?.evidence ?? []) expect(out.decode.text.slice(e.start, e.end)).toBe(e.quote);
        if (g.rule === 'REQUIRED_CONTENT_MISSING') {
          expect(f?.data?.['item']).toBe(ITEM_OF_ABOUT[g.about.split(':')[0] ?? '']);
          continue;
        }
        const cited = squash((f?.evidence ?? []).map((e) => e.quote).join('|'));
        for (const frag of fragments(g.about)) {
          const overlaps = [...Array(Math.max(1, frag.length - 3)).keys()].some((i) => cited.includes(frag.slice(i, i + 4)));
          expect(overlaps, `${g.rule} evidence shows 「${frag}」`).toBe(true);
        }
      }
    });
  }
});

describe.skipIf(!sharedAvailable)(`not a report, through the real chain ${SHARED_SKIP_REASON}`, () => {
  it('the blank 2021 template (docx) is NOT_A_REPORT and invalid, not a crash', async () => {
    const out = await chain('corpus/real/govnianbao/政务公开年报模版.docx');
    expect(out.validate.findings.map((f) => `${f.rule}:${f.severity}`)).toEqual(['NOT_A_REPORT:error']);
    expect(out.validate.status).toBe('invalid');
  });

  it('a random text that slipped in is NOT_A_REPORT and invalid', async () => {
    const text = '红烧肉的做法：五花肉切成三厘米见方的块，冷水下锅焯水，撇去浮沫后捞出沥干。锅中放少许油和冰糖，小火炒出糖色，下肉块翻炒上色，加入料酒、生抽、老抽和没过肉的开水，大火烧开后转小火炖一小时，最后大火收汁即可。';
    const r = await runInProcess({ bytes: new TextEncoder().encode(text), name: 'recipe.txt' });
    expect(r.outputs.validate.findings.map((f) => f.rule)).toEqual(['NOT_A_REPORT']);
    expect(r.outputs.validate.status).toBe('invalid');
  });
});
