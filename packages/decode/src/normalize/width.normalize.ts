import { replaceTracked, type TrackedText } from '../text/tracked-text.ts';

/**
 * Full-width digits and Latin letters, ＠, ％, a full-width point between
 * digits or letters (98．69, 163．com), CJK compatibility ideographs and
 * Kangxi/CJK radicals (PDF fonts emit ⼀ for 一). Chinese punctuation
 * （）：；，。 and 〔〕 are left alone.
 */
const ALNUM = '0-9A-Za-z\\uff10-\\uff19\\uff21-\\uff3a\\uff41-\\uff5a';
const FOLDABLE = new RegExp(`[\\uff10-\\uff19\\uff21-\\uff3a\\uff41-\\uff5a\\uff20\\uff05\\uf900-\\ufaff\\u2e80-\\u2fdf]|(?<=[${ALNUM}])\\uff0e(?=[${ALNUM}])`, 'g');

/** Step 3: NFKC for full-width digits/letters and look-alike ideographs only. */
export function foldWidth(input: TrackedText): TrackedText {
  return replaceTracked(input, FOLDABLE, (m) => m[0].normalize('NFKC'));
}
