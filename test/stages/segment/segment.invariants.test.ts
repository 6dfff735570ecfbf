/**
 * Structural invariants of the output on every real report and on damaged
 * copies made here (cut short, lines joined, spaces dropped): it never
 * throws, every offset lies in the text, sections nest, paragraphs are in
 * order, and a placed cell's digits stand at its offsets.
 */
import type { DecodeResult, Section, SegmentResult } from '@gongkai/core';
import { decode } from '@gongkai/decode';
import { SHARED_SKIP_REASON, readShared, realCorpusFiles, seedFiles, sharedAvailable } from '@gongkai/testkit';
import { describe, expect, it } from 'vitest';
import { segment } from '../../../packages/segment/src/segment.stage.ts';

function checkSections(sections: readonly Section[], lo: number, hi: number, level: number): void {
  let prevEnd = lo;
  for (const s of sections) {
    expect(s.level).toBeGreaterThanOrEqual(level);
    expect(s.start).toBeGreaterThanOrEqual(prevEnd);
    expect(s.end).toBeLessThanOrEqual(hi);
    expect(s.end).toBeGreaterThan(s.start);
    prevEnd = s.end;
    checkSections(s.children, s.start, s.end, s.level + 1);
  }
}

function checkAll(text: string, r: SegmentResult): void {
  checkSections(r.sections, 0, text.length, 1);
  let last = 0;
  for (const p of r.paragraphs) {
    expect(p.start).toBeGreaterThanOrEqual(last);
    expect(p.end).toBeLessThanOrEqual(text.length);
    last = p.end;
    for (const [s, e] of p.sentences) expect(s >= p.start && e <= p.end && s < e).toBe(true);
  }
  for (const sp of r.spans) expect(text.slice(sp.start, sp.end)).toBe(sp.text);
  for (const t of r.tables) {
    for (const c of t.cells) {
      expect(c.start >= 0 && c.end <= text.length && c.start <= c.end).toBe(true);
      if (!c.derived && !c.ambiguous && c.value !== null) expect(text.slice(c.start, c.end).replace(/,/g, '')).toContain(String(Math.abs(c.value)));
    }
  }
}

const damage: Array<[string, (t: string) => string]> = [
  ['as decoded', (t) => t],
  ['cut at 40%', (t) => t.slice(0, Math.floor(t.length * 0.4))],
  ['cut at 85%', (t) => t.slice(0, Math.floor(t.length * 0.85))],
  ['lines joined by spaces', (t) => t.replace(/\n/g, ' ')],
  ['lines joined, spaces dropped', (t) => t.replace(/[\n \t]/g, '')],
  ['tabs turned to spaces', (t) => t.replace(/\t/g, '  ')],
];

describe.skipIf(!sharedAvailable)(`invariants on real reports and damaged copies ${SHARED_SKIP_REASON}`, () => {
  for (const f of sharedAvailable ? [...seedFiles(), ...realCorpusFiles()] : []) {
    it(f.name, async () => {
      const d: DecodeResult = await decode({ bytes: readShared(f.rel), name: f.name }, {});
      for (const [, mutate] of damage) {
        const text = mutate(d.text);
        checkAll(text, segment({ decode: { ...d, text } }));
      }
    });
  }
});

describe('degenerate input', () => {
  const base: Omit<DecodeResult, 'text'> = {
    decode: { format: 'txt', encoding: 'utf-8', confidence: 1, script: 'simplified', converted: false, pinyinRemoved: 0, warnings: [] },
    pageMeta: {}, offsetMap: [],
  };
  it.each(['', ' ', '\n\n', '一、', '（一）', '本年新收政府信息公开申请数量', '1.2.3.4.5.', '一、一、一、二、二、'])('%j', (text) => {
    const r = segment({ decode: { ...base, text } });
    checkAll(text, r);
    expect(r.meta.regime).toMatch(/^[ABC]$/);
  });
});
