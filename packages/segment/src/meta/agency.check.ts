/**
 * Is an agency name a fragment? Checked against the division list and the
 * report's own text, independently of how the name was found:
 *  - cut place: where the text writes the name, one to three characters
 *    before it complete a longer division than the name starts with
 *    (江县Y乡… written as X江县Y乡…);
 *  - sentence word: the name starts with a word of the sentence around it
 *    (请与…, 年…, 现就…) and a division or the name's own text follows;
 *  - words before a place: 标题西藏自治区…, or a place the list does not know
 *    (a banner's short name) that the text only ever writes after other characters;
 *  - unanchored: the name is neither written in the text nor starts with a
 *    division, a zone or a township.
 * Returns the reason, or null when the name is whole.
 */
import { divisionAt } from './divisions.data.ts';

const SENTENCE_WORD = /^(?:请与|请|现就|现将|现|年度|年|月|日|由|在|做好|根据|按照|关于|以及|结合|汇总|制定了|编制了|向|对|与|和|及|将|为|是|经|的|了)/;
const ANCHOR = /^[\u4e00-\u9fa5]{2,12}?(?:综合实验区|实验区|试验区|新区|开发区|高新区|管理区|街道|苏木|镇|乡)|^(?:省|市|县|区|州|旗|盟)|^(?:国家|国务院|中华人民共和国|中国|全国)/;

function placeLength(s: string): number {
  return divisionAt(s, 0)?.name.length ?? 0;
}

export function fragmentReason(name: string, text: string): string | null {
  const own = placeLength(name);
  for (let i = text.indexOf(name); i >= 0; i = text.indexOf(name, i + 1)) {
    for (let k = 1; k <= 3 && i - k >= 0; k++) {
      const longer = placeLength(text.slice(i - k, i + name.length));
      // a division that starts before the name and ends inside it
      if (longer > k && longer - k > own && /[\u4e00-\u9fa5]/.test(text[i - k] as string)) {
        return `cut place: the text writes ${text.slice(i - k, i + longer - k)}…`;
      }
    }
  }
  const word = SENTENCE_WORD.exec(name);
  if (word && own === 0) {
    const rest = name.slice(word[0].length);
    if (placeLength(rest) > 0 || ANCHOR.test(rest)) return `sentence word: starts with ${word[0]}`;
  }
  // a place the list does not know (科右前旗, a banner's short name): cut when the text never writes it after a boundary
  const token = /^[\u4e00-\u9fa5]{1,4}?[省市县区旗州盟]/.exec(name)?.[0];
  if (own === 0 && token && text.includes(token)) {
    let bounded = false;
    for (let i = text.indexOf(token); i >= 0 && !bounded; i = text.indexOf(token, i + 1)) {
      const before = i > 0 ? (text[i - 1] as string) : '';
      bounded = !/[\u4e00-\u9fa5]/.test(before) || SENTENCE_WORD.test(before) || /[、和及与]/.test(before);
    }
    if (!bounded) return `cut place: ${token} is always written after other characters`;
  }
  // words in front of a known place (标题西藏自治区…, 工作的地市…); 中共 of a party organ is its name
  for (let j = name.startsWith('中共') ? 99 : 1; own === 0 && j <= 4 && j < name.length - 2; j++) {
    const inner = divisionAt(name, j);
    if (inner && inner.name.length >= 3) return `words before the place ${inner.name}: ${name.slice(0, j)}`;
  }
  if (!text.includes(name) && own === 0 && !ANCHOR.test(name)) return 'unanchored: not in the text and starts with no place';
  return null;
}
