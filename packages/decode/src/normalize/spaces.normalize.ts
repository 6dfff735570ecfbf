import { CJK } from '../text/chars.ts';
import { replaceTracked, type TrackedText } from '../text/tracked-text.ts';

/** Runs of spaces collapse to one. */
const RUNS = / {2,}/g;
/** Spaces at the start or end of a line (or beside a cell separator). */
const EDGES = /^ +| +$|(?<=\t) +| +(?=\t)/gm;
/**
 * A space with a CJK character (Han or Chinese punctuation) on at least one
 * side: `2017 年`, `湛河区 2017`, `建立健全 了`, `邮 编 ：`. Spaces between two
 * digits stay: in flattened tables they are the only cell boundary left.
 */
const CJK_CHAR = new RegExp(`[${CJK}]`);
const SPACE = / /g;

/** Step 4: spaces inside Chinese text and between numbers and CJK. */
export function normalizeSpaces(input: TrackedText): TrackedText {
  let t = replaceTracked(input, RUNS, () => ' ');
  t = replaceTracked(t, EDGES, () => '');
  return replaceTracked(t, SPACE, (m) => {
    const before = m.input[m.index - 1] ?? '';
    const after = m.input[m.index + 1] ?? '';
    return CJK_CHAR.test(before) || CJK_CHAR.test(after) ? '' : ' ';
  });
}
