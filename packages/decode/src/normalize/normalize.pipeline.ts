import type { PageMeta, Script } from '@gongkai/core';
import { stripChrome } from '../text/chrome.strip.ts';
import type { TrackedText } from '../text/tracked-text.ts';
import { normalizeInvisible } from './invisible.normalize.ts';
import { joinBrokenLines, splitFlattened } from './lines.structure.ts';
import { removePinyin } from './pinyin.normalize.ts';
import { detectScript, isTraditionalChar } from './script.detect.ts';
import { normalizeSpaces } from './spaces.normalize.ts';
import { simplifyStrays, toSimplified } from './t2s.convert.ts';
import { foldWidth } from './width.normalize.ts';

export interface NormalizeOptions {
  /** The text carries table rows ("\t" between cells) from HTML/PDF/DOCX; plain text never does. */
  structured: boolean;
}

export interface Normalized {
  text: TrackedText;
  meta: PageMeta;
  script: Script;
  converted: boolean;
  pinyinRemoved: number;
}

/**
 * The normalization steps of the issue, in order (invisible characters run
 * first so that every other step sees clean input), then page chrome:
 * invisible → pinyin → t2s → width → chrome/metadata → flattened headings
 * (plain text only) → spaces → broken lines.
 */
export function normalize(input: TrackedText, options: NormalizeOptions): Normalized {
  let t = normalizeInvisible(input, { keepTabs: options.structured });
  const pinyin = removePinyin(t);
  t = pinyin.text;
  const { script, traditional } = detectScript(t.text);
  let converted = false;
  if (script !== 'simplified') {
    t = toSimplified(t);
    converted = true;
  } else if (traditional > 0) {
    const strays = simplifyStrays(t, isTraditionalChar);
    converted = strays !== t;
    t = strays;
  }
  t = foldWidth(t);
  const chrome = stripChrome(t);
  // only plain text arrives flattened (a crawled page body on one line); structured formats have real paragraphs
  t = options.structured ? chrome.text : splitFlattened(chrome.text);
  t = normalizeSpaces(t);
  t = joinBrokenLines(t);
  return { text: t, meta: chrome.meta, script, converted, pinyinRemoved: pinyin.removed };
}
