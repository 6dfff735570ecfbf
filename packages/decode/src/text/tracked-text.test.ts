import { describe, expect, it } from 'vitest';
import { filterLines, originalOffset, replaceTracked, toOffsetMap, untracked } from './tracked-text.ts';

describe('offset tracking', () => {
  const original = '湛河区 2017 年，规\n\n范信息（kāi）公开';

  it('maps every kept character back to where it came from', () => {
    let t = untracked(original);
    t = replaceTracked(t, /（kāi）/g, () => '');
    t = replaceTracked(t, / /g, () => '');
    t = replaceTracked(t, /\n+/g, () => '');
    expect(t.text).toBe('湛河区2017年，规范信息公开');
    const map = toOffsetMap(t, original);
    for (let i = 0; i < t.text.length; i++) expect(original[originalOffset(map, i)]).toBe(t.text[i]);
    expect(originalOffset(map, t.text.length)).toBe(original.length);
  });

  it('is empty when nothing changed', () => {
    expect(toOffsetMap(untracked(original), original)).toEqual([]);
    expect(originalOffset([], 7)).toBe(7);
  });

  it('keeps line ranges', () => {
    const t = filterLines(untracked('甲\n乙乙乙\n丙'), (line, i) => (i === 0 ? false : i === 1 ? [[1, 3]] : true));
    expect(t.text).toBe('乙乙\n丙');
    const map = toOffsetMap(t, '甲\n乙乙乙\n丙');
    expect(originalOffset(map, 0)).toBe(3);
    expect(originalOffset(map, 3)).toBe(6);
  });
});
