/**
 * The damage real crawls show (DOMAIN.md 3.2), applied to the prose of some
 * generated reports so accuracy is measured on text that looks like the real
 * thing: digits spaced from their units, full-width digits, lines broken
 * mid-word with blank lines between. Tables are left intact.
 */
import type { DocBlock } from './corpus.types.ts';
import type { Rng } from './rng.ts';

export const DAMAGES = ['spaced-digits', 'fullwidth-digits', 'broken-lines'] as const;
export type Damage = (typeof DAMAGES)[number];

const FULLWIDTH = (s: string) => s.replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));

function breakLines(rng: Rng, text: string): string {
  const chars = [...text];
  if (chars.length < 40) return text;
  const cuts = new Set(Array.from({ length: rng.int(1, Math.max(1, Math.floor(chars.length / 120))) }, () => rng.int(10, chars.length - 10)));
  return chars.map((ch, i) => {
    const cjk = /\p{Script=Han}/u.test(ch) && /\p{Script=Han}/u.test(chars[i + 1] ?? '');
    return cuts.has(i) && cjk ? `${ch}\n\n` : ch;
  }).join('');
}

export function applyDamage(rng: Rng, blocks: readonly DocBlock[]): { blocks: DocBlock[]; damage: Damage[] } {
  const damage = DAMAGES.filter((d) => rng.chance(d === 'broken-lines' ? 0.2 : d === 'spaced-digits' ? 0.25 : 0.1));
  if (damage.length === 0) return { blocks: [...blocks], damage };
  const out = blocks.map((b): DocBlock => {
    if (b.kind !== 'p') return b;
    let text = b.text;
    if (damage.includes('spaced-digits')) text = text.replace(/(\p{Script=Han})(\d+)(\p{Script=Han})/gu, '$1 $2 $3');
    if (damage.includes('fullwidth-digits')) text = FULLWIDTH(text);
    if (damage.includes('broken-lines')) text = breakLines(rng, text);
    return { kind: 'p', text };
  });
  return { blocks: out, damage };
}
