/**
 * The text as the extractors see it: sentences, clauses, number tokens and
 * section context, computed once per report.
 */
import type { Evidence, Metric, Resolution, Section } from '@gongkai/core';
import { itemMarks, type ItemMarks } from './item-marks.index.ts';
import { findNumbers, type NumberToken } from './numbers.parse.ts';
import { sectionIndex, type SectionContext, type SectionIndex } from './sections.context.ts';
import { indexAt, spanAt, splitSentences, type Sentence, type Span } from './text.split.ts';

export interface Doc {
  text: string;
  sentences: readonly Sentence[];
  /** Number tokens of each sentence (same index as `sentences`). */
  tokens: ReadonlyArray<readonly NumberToken[]>;
  sections: SectionIndex;
  /** Ranges that are not prose (tables), sorted and merged: narrative rules skip them. */
  skip: readonly Span[];
  /** Line starts and the items of enumerated paragraphs (一是…二是…). */
  items: ItemMarks;
}

/** A statement found while extracting, before one value per key is chosen. */
export interface Found {
  key: string;
  value: number;
  unit: string;
  approx: boolean;
  evidence: Evidence;
  source: Metric['source'];
  /**
   * How authoritative the statement is when a key is stated more than once:
   * 4 a table cell, 3 a core key read off one table cell, 2 prose, 1 a zero
   * statement, 0 derived from other metrics.
   */
  rank: number;
  /** A website statement that stands for the total when no other total is stated. */
  orTotal?: boolean;
  /** Read from loose wording: yields to a firmer statement of the same key. */
  weak?: boolean;
  /** Whether this is a statement (a mention) or only an inference. */
  stated: boolean;
  /** Offset of the number, for statements read from prose. */
  at?: number;
  /** How a run-together table row was split (kept on the metric and its mention). */
  resolution?: Resolution;
}

/** The ranges sorted and merged (overlapping or touching ranges become one; empty ones go): same coverage, binary-searchable. */
function mergeRanges(ranges: readonly Span[]): Span[] {
  const sorted = ranges.filter((r) => r.end > r.start).sort((a, b) => a.start - b.start);
  const out: Span[] = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last && r.start <= last.end) last.end = Math.max(last.end, r.end);
    else out.push({ start: r.start, end: r.end });
  }
  return out;
}

export function buildDoc(text: string, sections: readonly Section[], skip: readonly Span[]): Doc {
  const index = sectionIndex(text, sections);
  const sentences = splitSentences(text, 0, text.length, index.breaks);
  const tokens = sentences.map((s) => findNumbers(text, s.start, s.end));
  return { text, sentences, tokens, sections: index, skip: mergeRanges(skip), items: itemMarks(text) };
}

export function inSkip(doc: Doc, at: number): boolean {
  return spanAt(doc.skip, at) !== undefined;
}

/** Index of the sentence containing `at`, or -1. */
export function sentenceIndexAt(doc: Doc, at: number): number {
  return indexAt(doc.sentences, at);
}

export function evidenceOf(doc: Doc, span: Span): Evidence {
  const ctx: SectionContext = doc.sections.at(span.start);
  return { quote: doc.text.slice(span.start, span.end), start: span.start, end: span.end, section: ctx.number };
}
