/**
 * The segment stage: decode's normalized text in; metadata, the section
 * tree, paragraphs and sentences, labelled non-report spans and the uniform
 * tables out. Pure and deterministic; every offset indexes `decode.text`.
 */
import type { DecodeResult, LabelledSpan, PageMeta, SegmentResult, Section } from '@gongkai/core';
import type { AgencyRename } from '@gongkai/core';
import { BUNDLED_RENAMES } from './meta/agency.renames.ts';
import { extractMeta } from './meta/meta.extract.ts';
import { detectRegime } from './meta/regime.detect.ts';
import { detectTitle } from './meta/title.detect.ts';
import { detectChrome } from './structure/chrome.detect.ts';
import { detectHeadings } from './structure/headings.detect.ts';
import { splitParagraphs } from './structure/paragraphs.split.ts';
import { bestChain, buildSections } from './structure/sections.build.ts';
import { detectAddressee, detectTrailer } from './structure/trailer.detect.ts';
import { findTables } from './tables/tables.find.ts';

function starts(sections: readonly Section[]): number[] {
  return sections.flatMap((s) => [s.start, ...starts(s.children)]);
}

export interface SegmentOptions {
  /** Agency renames besides the bundled ones (agency.renames.json): the user's GONGKAI_AGENCY_RENAMES file. */
  renames?: readonly AgencyRename[];
}

export function segment(input: { decode: DecodeResult }, options: SegmentOptions = {}): SegmentResult {
  const { text } = input.decode;
  const chrome = detectChrome(text, input.decode.pageMeta);
  const pageMeta: PageMeta = { ...chrome.pageMeta };
  for (const [k, v] of Object.entries(input.decode.pageMeta) as Array<[keyof PageMeta, string | undefined]>) if (v) pageMeta[k] = v;
  const { bodyStart, bodyEnd } = chrome;
  const spans: LabelledSpan[] = [...chrome.spans];

  const tables = findTables(text, bodyStart, bodyEnd, input.decode.grids);
  const title = detectTitle(text, bodyStart, bodyEnd);
  let contentStart = title ? title.end : bodyStart;
  for (const s of chrome.spans) if (s.start >= contentStart && s.start < contentStart + 200 && s.label === 'chrome') contentStart = Math.max(contentStart, s.end);
  const addressee = detectAddressee(text, contentStart, bodyEnd);
  if (addressee) {
    spans.push({ label: 'addressee', start: addressee.start, end: addressee.end, text: text.slice(addressee.start, addressee.end) });
    contentStart = addressee.end;
  }

  const excluded = tables.map((t): [number, number] => [t.start, t.end]);
  const candidates = detectHeadings(text, contentStart, bodyEnd, excluded);
  const top = bestChain(candidates.filter((c) => c.level === 1));
  const lastTop = top[top.length - 1];
  const tailFrom = lastTop ? lastTop.titleEnd : Math.round(contentStart + 0.6 * (bodyEnd - contentStart));
  const stats = tables.find((t) => t.kind === 'stats');
  const attached = stats && lastTop && !/统计表|附件|附表/.test(lastTop.title) ? stats.start : undefined;
  const trailer = detectTrailer(text, contentStart, bodyEnd, tailFrom, attached);
  spans.push(...trailer.spans);
  const sections = buildSections(text, candidates, contentStart, trailer.contentEnd);

  const regime = detectRegime(text.slice(bodyStart, bodyEnd), tables);
  const { meta, contactSpans } = extractMeta({
    text, bodyStart, bodyEnd, title, pageMeta, bodyDate: trailer.date?.iso ?? null, addressee: addressee?.name ?? null, regime,
    renames: options.renames?.length ? [...BUNDLED_RENAMES, ...options.renames] : BUNDLED_RENAMES,
  });
  spans.push(...contactSpans);
  spans.sort((a, b) => a.start - b.start || a.end - b.end);

  const cuts = [...starts(sections), ...tables.flatMap((t) => [t.start, t.end]), ...spans.filter((s) => s.label !== 'contact').flatMap((s) => [s.start, s.end])];
  if (title) cuts.push(title.start, title.end);
  const chromeRanges = chrome.spans.map((s): [number, number] => [s.start, s.end]);
  const paragraphs = splitParagraphs(text, bodyStart, bodyEnd, cuts, chromeRanges);
  return { meta, sections, paragraphs, spans, tables };
}
