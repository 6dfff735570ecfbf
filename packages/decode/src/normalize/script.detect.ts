import type { Script } from '@gongkai/core';
import { Locale } from 'opencc-js/t2cn';

const TRADITIONAL = 1;
const SIMPLIFIED = 2;

/**
 * Script class of every BMP code point (0, TRADITIONAL or SIMPLIFIED), built
 * once per process from OpenCC's own TSCharacters table, on first use:
 * traditional-only = a source OpenCC maps to something else that is never a
 * target; simplified-only = a target that is never a source. (The few
 * supplementary-plane entries are left out: reports do not use them.)
 */
let classes: Uint8Array | undefined;

function scriptClasses(): Uint8Array {
  if (classes) return classes;
  const table = Locale.to.cn[0]?.[1];
  if (typeof table !== 'string') throw new Error('opencc-js TSCharacters table not found');
  const sources = new Map<number, string>();
  const targets = new Set<number>();
  for (const entry of table.split('|')) {
    const [from, to] = entry.split(' ');
    if (from === undefined || to === undefined || from.length !== 1) continue;
    sources.set(from.charCodeAt(0), to);
    for (let i = 0; i < to.length; i++) targets.add(to.charCodeAt(i));
  }
  const built = new Uint8Array(0x10000);
  for (const [cp, to] of sources) if (to !== String.fromCharCode(cp) && !targets.has(cp)) built[cp] = TRADITIONAL;
  for (const cp of targets) if (!sources.has(cp) && cp < 0x10000) built[cp] = SIMPLIFIED;
  classes = built;
  return built;
}

/** True for a character only traditional text uses (per OpenCC's TSCharacters). */
export function isTraditionalChar(cp: number): boolean {
  return cp < 0x10000 && scriptClasses()[cp] === TRADITIONAL;
}

export interface ScriptStats {
  script: Script;
  traditional: number;
  simplified: number;
}

/**
 * Counts traditional-only and simplified-only characters and classifies the
 * text: `simplified` when it holds at most two traditional-only characters
 * (a stray character is no reason to run a converter over a simplified
 * text: those are converted one by one),
 * `traditional` when at least 80% of the script-specific characters are
 * traditional, `mixed` otherwise.
 */
export function detectScript(text: string): ScriptStats {
  const table = scriptClasses();
  let traditional = 0;
  let simplified = 0;
  for (let i = 0; i < text.length; i++) {
    const k = table[text.charCodeAt(i)];
    if (k === TRADITIONAL) traditional++;
    else if (k === SIMPLIFIED) simplified++;
  }
  let script: Script = 'simplified';
  if (traditional > 2) script = traditional / (traditional + simplified) >= 0.8 ? 'traditional' : 'mixed';
  return { script, traditional, simplified };
}
