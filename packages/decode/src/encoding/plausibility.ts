import { COMMON_CHARS } from './common-chars.data.ts';

/** 1 for the common characters, by BMP code point. */
const COMMON = new Uint8Array(0x10000);
for (let i = 0; i < COMMON_CHARS.length; i++) COMMON[COMMON_CHARS.charCodeAt(i)] = 1;

export interface Plausibility {
  /** Han characters looked at. */
  han: number;
  /** Share of those Han characters that are common ones (0..1; 1 when there are none). */
  commonRatio: number;
  /** Share of all characters that never occur in real text: U+FFFD, C1 controls, private use, stray controls. */
  junkRatio: number;
}

/** How much `text` (or its first `limit` units) looks like real Chinese text. */
export function plausibility(text: string, limit = 65_536): Plausibility {
  const n = Math.min(text.length, limit);
  let han = 0;
  let common = 0;
  let junk = 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x4e00 && c <= 0x9fff) {
      han++;
      common += COMMON[c] ?? 0;
    } else if (c === 0xfffd || (c >= 0x80 && c <= 0x9f) || (c >= 0xe000 && c <= 0xf8ff) || (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d && c !== 0x0c)) {
      junk++;
    }
  }
  return { han, commonRatio: han === 0 ? 1 : common / han, junkRatio: n === 0 ? 0 : junk / n };
}
