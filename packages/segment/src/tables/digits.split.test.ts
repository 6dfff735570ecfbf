/** Splitting flattened digit runs, on runs copied from the pingtan pages (and variants written here). */
import { describe, expect, it } from 'vitest';
import { allOf, splitTokens, sumRule } from './digits.split.ts';
import type { NumToken } from './numbers.scan.ts';

function tokens(s: string): NumToken[] {
  const out: NumToken[] = [];
  for (const m of s.matchAll(/\S+/g)) out.push({ text: m[0], start: m.index, end: m.index + m[0].length });
  return out;
}
const values = (s: string, count: number, check = sumRule(0, count - 1)) => splitTokens(tokens(s), count, { check }).map((p) => p.map((x) => x.value));

describe('表三 rows: seven cells, 总计 = the six before it', () => {
  const cases: Array<[string, number[]]> = [
    ['713000074', [71, 3, 0, 0, 0, 0, 74]],
    ['200 000121', [20, 0, 0, 0, 0, 1, 21]],
    ['20 0 00 0 121', [20, 0, 0, 0, 0, 1, 21]],
    ['370000037', [37, 0, 0, 0, 0, 0, 37]],
    ['21710000218', [217, 1, 0, 0, 0, 0, 218]],
    ['640020470', [64, 0, 0, 2, 0, 4, 70]],
    ['0 0 00 00 0', [0, 0, 0, 0, 0, 0, 0]],
  ];
  for (const [run, want] of cases) {
    it(`${run} → ${want.join(',')}`, () => expect(values(run, 7)).toEqual([want]));
  }

  it('reports every consistent split when the arithmetic leaves several', () => {
    // 1,0,10,0,0,0,11 and 10,1,0,0,0,0,11 both add up
    const got = values('101000011', 7);
    expect(got.length).toBeGreaterThan(1);
    for (const v of got) expect(v.slice(0, 6).reduce((a, b) => a! + b!, 0)).toBe(v[6]);
  });

  it('never puts a leading zero on a number or crosses a space', () => {
    for (const v of values('10 0000010', 7)) {
      expect(v).toEqual([10, 0, 0, 0, 0, 0, 10]);
    }
  });
});

describe('表四: fifteen cells in three groups of five', () => {
  const t4 = allOf(sumRule(0, 4), sumRule(5, 9), sumRule(10, 14));
  const cases: Array<[string, number[]]> = [
    ['10203120001200000', [1, 0, 2, 0, 3, 12, 0, 0, 0, 12, 0, 0, 0, 0, 0]],
    ['25380363300630003', [25, 3, 8, 0, 36, 3, 3, 0, 0, 6, 3, 0, 0, 0, 3]],
    ['21317000001324019', [2, 1, 3, 1, 7, 0, 0, 0, 0, 0, 13, 2, 4, 0, 19]],
    ['000000000000000', new Array(15).fill(0)],
  ];
  for (const [run, want] of cases) {
    it(`${run}`, () => expect(values(run, 15, t4)).toEqual([want]));
  }
});

describe('decimals and signs', () => {
  it('keeps the decimal point inside the last number of a token', () => {
    const got = splitTokens(tokens('13575394432.52'), 2).map((p) => p.map((x) => x.value));
    expect(got).toContainEqual([135, 75394432.52]);
    expect(got.every((p) => Number.isInteger(p[0]))).toBe(true);
  });
  it('keeps a sign at the start of its token', () => {
    expect(splitTokens(tokens('35 -15'), 2).map((p) => p.map((x) => x.value))).toEqual([[35, -15]]);
  });
  it('records offsets of each piece in the run', () => {
    const [first] = splitTokens([{ text: '713000074', start: 100, end: 109 }], 7, { check: sumRule(0, 6) });
    expect(first!.map((p) => [p.start, p.end])).toEqual([[100, 102], [102, 103], [103, 104], [104, 105], [105, 106], [106, 107], [107, 109]]);
  });
});
