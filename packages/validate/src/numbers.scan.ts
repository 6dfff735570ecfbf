/** Numbers with a counting unit, found in a stretch of the text (for rules that read the text directly). */

export interface CountedNumber {
  value: number;
  /** Offsets of the number with its unit (and 约/余 qualifiers). */
  start: number;
  end: number;
  /** Offset of the first digit. */
  digitsAt: number;
  unit: string;
  /** 约/近/余/多: not an exact count. */
  approx: boolean;
}

/** (?<!\d): digits are read from the start of their run (a tail glued to a digit is skipped anyway), so a long run is walked once. */
const COUNTED = /(约|近|超过)?(?<!\d)(\d+(?:\.\d+)?)\s*(余|多)?\s*(人次|万元|件|条|人|次|篇|个|项|元|起|宗|期|份|家)/g;

/** Every counted number in text[from, to), in order. A digit run glued to a preceding digit or letter is skipped. */
export function countedNumbers(text: string, from: number, to: number): CountedNumber[] {
  const out: CountedNumber[] = [];
  const slice = text.slice(from, to);
  for (const m of slice.matchAll(COUNTED)) {
    const at = from + (m.index ?? 0);
    const digitsAt = at + (m[1]?.length ?? 0);
    const before = text[digitsAt - 1] ?? '';
    if (/[\d.A-Za-z〔\[]/.test(before)) continue;
    out.push({
      value: Number(m[2]),
      start: at,
      end: at + m[0].length,
      digitsAt,
      unit: m[4] ?? '',
      approx: Boolean(m[1] || m[3]),
    });
  }
  return out;
}

/** Number of decimals written in a numeric literal ("98.69" → 2). */
export function decimalsOf(literal: string): number {
  const dot = literal.indexOf('.');
  return dot === -1 ? 0 : literal.length - dot - 1;
}

/** A percentage rounded (or truncated) to `decimals` places agrees with the exact ratio. */
export function percentAgrees(stated: number, decimals: number, part: number, base: number): boolean {
  if (base <= 0) return false;
  const exact = (part / base) * 100;
  return Math.abs(exact - stated) < 10 ** -decimals + 1e-9;
}
