/**
 * Runs the real four-stage chain (decode → segment → extract → validate) on a
 * shared file's bytes, optionally mutated at test time, for the seed and
 * mutation tests. The shared data is read in place, never copied.
 */
import type { Finding, StageOutputs } from '@gongkai/core';
import { runInProcess } from '@gongkai/stages';
import { readShared } from '@gongkai/testkit';

export interface Mutation {
  /** Exact text to change, and what to put instead. */
  find: string;
  replace: string;
  /** Which occurrence of `find` (0-based). @defaultValue 0 */
  nth?: number;
}

export function mutate(bytes: Uint8Array, m: Mutation): Uint8Array {
  const text = new TextDecoder().decode(bytes);
  let at = -1;
  for (let i = 0; i <= (m.nth ?? 0); i++) {
    at = text.indexOf(m.find, at + 1);
    if (at === -1) throw new Error(`mutation target not found: ${m.find} (#${m.nth ?? 0})`);
  }
  return new TextEncoder().encode(text.slice(0, at) + m.replace + text.slice(at + m.find.length));
}

const cache = new Map<string, Promise<StageOutputs>>();

/** The four stages' outputs for a shared file (memoized per file and mutation). */
export function chain(rel: string, m?: Mutation): Promise<StageOutputs> {
  const id = `${rel}|${m ? JSON.stringify(m) : ''}`;
  let p = cache.get(id);
  if (!p) {
    const raw = readShared(rel);
    p = runInProcess({ bytes: m ? mutate(raw, m) : raw, name: rel.split('/').pop() ?? rel }).then((r) => r.outputs);
    cache.set(id, p);
  }
  return p;
}

export const ruleIds = (findings: readonly Finding[]): string[] => findings.map((f) => f.rule);

/** Whitespace- and punctuation-free form, for comparing quotes across normalizations. */
export function squash(s: string): string {
  return s.normalize('NFKC').replace(/[\s\p{P}\p{S}]/gu, '');
}
