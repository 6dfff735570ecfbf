/**
 * The section tree: at each level, the heading candidates whose numbers run
 * 1, 2, 3… in order (the longest such chain wins, stronger candidates break
 * ties), so stray markers, table row labels and repeated numbers drop out.
 */
import type { Section } from '@gongkai/core';
import type { HeadingCandidate } from './headings.detect.ts';
import { classifySection } from './section-kind.classify.ts';

interface Chain {
  len: number;
  score: number;
  prev: number;
}

/** The best consecutive-numbered chain among candidates (sorted by offset), in one pass. */
export function bestChain(cands: readonly HeadingCandidate[]): HeadingCandidate[] {
  const best: Chain[] = [];
  let top = -1;
  /** For each heading number, the index of the best chain (so far) ending at a candidate with that number: linear, not quadratic. */
  const bestEndingAt = new Map<number, number>();
  const better = (a: Chain, b: Chain | undefined) => !b || a.len > b.len || (a.len === b.len && a.score > b.score);
  for (let i = 0; i < cands.length; i++) {
    const c = cands[i] as HeadingCandidate;
    // extending the best chain that ends at number n-1 beats any other extension (and a chain of one)
    const j = bestEndingAt.get(c.n - 1);
    const pc = j === undefined ? undefined : (best[j] as Chain);
    const chain: Chain = pc
      ? { len: pc.len + 1, score: pc.score + c.strength, prev: j as number }
      : { len: 1, score: c.strength + (c.n === 1 ? 0.5 : 0) - (c.n - 1) * 0.9, prev: -1 };
    best.push(chain);
    const k = bestEndingAt.get(c.n);
    if (better(chain, k === undefined ? undefined : best[k])) bestEndingAt.set(c.n, i);
    if (better(chain, top >= 0 ? best[top] : undefined)) top = i;
  }
  const out: HeadingCandidate[] = [];
  for (let i = top; i >= 0; i = (best[i] as Chain).prev) out.push(cands[i] as HeadingCandidate);
  return out.reverse();
}

/** Builds sections of `level` (and their children) from candidates inside [start, end). */
function build(text: string, cands: readonly HeadingCandidate[], start: number, end: number, minLevel: number): Section[] {
  for (let level = minLevel; level <= 4; level++) {
    const here = cands.filter((c) => c.level === level && c.start >= start && c.start < end);
    const chain = bestChain(here);
    if (chain.length === 0) continue;
    if (chain.length === 1 && ((chain[0] as HeadingCandidate).strength < 3 || level > 1 && minLevel > 1 && (chain[0] as HeadingCandidate).n !== 1)) continue;
    return chain.map((h, i) => {
      const next = chain[i + 1];
      const sEnd = next ? next.start : end;
      const children = build(text, cands, h.titleEnd, sEnd, level + 1);
      const body = text.slice(h.titleEnd, sEnd);
      const { kind, also } = classifySection(h.title, body, children.map((c) => c.title));
      const section: Section = { number: h.number, title: h.title, kind, level, start: h.start, end: trimEnd(text, h.start, sEnd), children };
      if (also.length > 0) section.alsoKinds = also;
      return section;
    });
  }
  return [];
}

function trimEnd(text: string, start: number, end: number): number {
  let e = end;
  while (e > start && /\s/.test(text[e - 1] as string)) e--;
  return e;
}

/** The section tree of text[start, end) from heading candidates. */
export function buildSections(text: string, cands: readonly HeadingCandidate[], start: number, end: number): Section[] {
  return build(text, cands, start, end, 1);
}
