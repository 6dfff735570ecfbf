/** Character classes shared by the normalization steps (regex source fragments and predicates). */

/** Han ideographs (BMP unified + extension A + compatibility) as a regex class body. */
export const HAN = '\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff';

/** Chinese punctuation and full-width forms that sit inside CJK text. */
export const CJK_PUNCT = '\\u3000-\\u303f\\uff01-\\uff0f\\uff1a-\\uff20\\uff3b-\\uff40\\uff5b-\\uff65\\u2014-\\u2027\\u00b7';

/** "CJK-ish": Han or Chinese punctuation; spaces next to these are stray in Chinese text. */
export const CJK = `${HAN}${CJK_PUNCT}`;

/** Sentence-final (or clause-final) punctuation: a line ending with one of these may end a paragraph. */
export const SENTENCE_END = '。！？；：!?;:…”’」』）)】〕\\]';

/** Chinese numerals used in headings. */
export const CN_NUM = '一二三四五六七八九十百零〇';

const HAN_RE = new RegExp(`[${HAN}]`);

export function isHan(ch: string): boolean {
  return HAN_RE.test(ch);
}

/** Counts Han code units in `text` (fast path over char codes). */
export function countHan(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf) || (c >= 0xf900 && c <= 0xfaff)) n++;
  }
  return n;
}
