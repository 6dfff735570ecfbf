import { replaceTracked, type TrackedText } from '../text/tracked-text.ts';

/**
 * One pass over: CR/CRLF and form/vertical/line/paragraph separators (→ "\n");
 * zero-width and format characters, soft hyphens, BOMs inside the text, C0/C1
 * controls other than \t and \n (→ removed); non-breaking, typographic and
 * ideographic spaces (→ " "); tabs (→ " " unless kept).
 */
const INVISIBLE =
  /\r\n?|[\f\v\u2028\u2029\u0085]|[\u200b-\u200f\u2060-\u2064\u206a-\u206f\ufeff\u00ad\u180e\u034f\u0000-\u0008\u000e-\u001f\u007f-\u0084\u0086-\u009f\ufff9-\ufffb]+|[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\t]/g;
const BREAK = /^(?:\r\n?|[\f\v\u2028\u2029\u0085])$/;
const SPACE_LIKE = /^[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]$/;

export interface InvisibleOptions {
  /**
   * Keep "\t" (the table cell separator of structured formats). Plain text
   * input never keeps tabs: they become spaces.
   * @defaultValue false
   */
  keepTabs?: boolean;
}

/**
 * Step 6 of the issue (run first, so the other steps see clean input):
 * control characters, zero-width characters and non-breaking spaces.
 */
export function normalizeInvisible(input: TrackedText, options: InvisibleOptions = {}): TrackedText {
  return replaceTracked(input, INVISIBLE, (m) => {
    const s = m[0];
    if (s === '\t') return options.keepTabs ? s : ' ';
    if (BREAK.test(s)) return '\n';
    return SPACE_LIKE.test(s) ? ' ' : '';
  });
}
