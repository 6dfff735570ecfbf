import { HAN } from '../text/chars.ts';
import { replaceTracked, type TrackedText } from '../text/tracked-text.ts';

const TONED = 'āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ';
const VOWELS = `aeiouü${TONED}`;
/** One pinyin syllable: optional initial, 1–3 vowels, optional final n/ng/r. */
const SYLLABLE = `(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?[${VOWELS}]{1,3}(?:ng|n|r)?`;
/**
 * A parenthesis right after a Han character holding exactly one lower-case
 * pinyin syllable: `公開(kāi)`. A syllable without a tone mark counts only when
 * it has an initial (`的(de)`), so `(a)` enumerations stay; `(一)`, `(OA)`,
 * `(PDF)`, `(以下簡稱…)` never match.
 */
const ANNOTATION = new RegExp(`[(（](${SYLLABLE})[)）]`, 'g');
const HAN_CHAR = new RegExp(`[${HAN}]`);
const HAS_TONE = new RegExp(`[${TONED}]`);
const HAS_INITIAL = /^(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])/;

export interface PinyinResult {
  text: TrackedText;
  removed: number;
}

/** Step 1: removes inline pinyin annotations of machine-converted pages. */
export function removePinyin(input: TrackedText): PinyinResult {
  let removed = 0;
  const text = replaceTracked(input, ANNOTATION, (m) => {
    const syllable = m[1] ?? '';
    if (!HAN_CHAR.test(m.input[m.index - 1] ?? '')) return m[0];
    if (!HAS_TONE.test(syllable) && !HAS_INITIAL.test(syllable)) return m[0];
    removed++;
    return '';
  });
  return { text, removed };
}
