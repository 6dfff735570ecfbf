/**
 * Paragraphs and their sentences. Paragraphs are lines; a page flattened
 * onto one line is cut before each heading, at table edges and after a
 * sentence end followed by a space. Sentences come from Intl.Segmenter, one
 * paragraph at a time (its cost grows badly with input length: STACK.md),
 * with very long paragraphs fed in pieces.
 */
import type { Paragraph } from '@gongkai/core';

const SEGMENTER = new Intl.Segmenter('zh', { granularity: 'sentence' });
const CHUNK = 2000;
const LONG_LINE = 200;

function trimRange(text: string, start: number, end: number): [number, number] {
  let s = start;
  let e = end;
  while (s < e && /\s/.test(text[s] as string)) s++;
  while (e > s && /\s/.test(text[e - 1] as string)) e--;
  return [s, e];
}

function sentencesOf(text: string, start: number, end: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let pos = start;
  while (pos < end) {
    let stop = Math.min(end, pos + CHUNK);
    if (stop < end) {
      const cut = text.lastIndexOf('。', stop);
      stop = cut > pos ? cut + 1 : stop;
    }
    for (const seg of SEGMENTER.segment(text.slice(pos, stop))) {
      const [s, e] = trimRange(text, pos + seg.index, pos + seg.index + seg.segment.length);
      if (e > s) out.push([s, e]);
    }
    pos = stop;
  }
  return out;
}

/**
 * @param cuts offsets where a paragraph must start (headings, table edges)
 * @param skip ranges that are not paragraphs (page chrome)
 */
export function splitParagraphs(text: string, start: number, end: number, cuts: readonly number[], skip: ReadonlyArray<[number, number]>): Paragraph[] {
  const sortedCuts = [...new Set(cuts)].filter((c) => c > start && c < end).sort((a, b) => a - b);
  const out: Paragraph[] = [];
  const emit = (s0: number, e0: number) => {
    for (const [a, b] of skip) {
      if (s0 >= a && e0 <= b) return;
    }
    const [s, e] = trimRange(text, s0, e0);
    if (e > s) out.push({ start: s, end: e, sentences: sentencesOf(text, s, e) });
  };
  let ci = 0;
  let pos = start;
  while (pos < end) {
    const nl = text.indexOf('\n', pos);
    const le = nl < 0 || nl > end ? end : nl;
    const points: number[] = [];
    while (ci < sortedCuts.length && (sortedCuts[ci] as number) < le) {
      if ((sortedCuts[ci] as number) > pos) points.push(sortedCuts[ci] as number);
      ci++;
    }
    if (le - pos > LONG_LINE) {
      const re = /(?<=[。！？；!?;”])[ \t\u3000]+(?=\S)/g;
      const line = text.slice(pos, le);
      for (let m = re.exec(line); m; m = re.exec(line)) points.push(pos + m.index);
    }
    points.sort((a, b) => a - b);
    let s = pos;
    for (const p of points) {
      emit(s, p);
      s = p;
    }
    emit(s, le);
    pos = le + 1;
  }
  return out;
}
