/**
 * Everything a rule reads, built once per report: the text, the effective
 * regime, evidence helpers, table cells by metric key, narrative mentions.
 */
import { isMetricKey } from '@gongkai/core';
import type {
  DecodeResult, Evidence, NeighbourReport, ExtractResult, Finding, Mention, Metric, Regime, ReportTable, Section, SectionKind, SegmentResult,
} from '@gongkai/core';
import { rangeSet, tabLines } from './offsets.index.ts';
import { RULES, type RuleId } from './rules.catalogue.ts';

export interface ValidateInput {
  decode: DecodeResult;
  segment: SegmentResult;
  extract: ExtractResult;
  /**
   * The same agency's reports of neighbouring years (stage context, loaded by
   * the worker): the cross-year rules read the year before. Absent or empty:
   * those rules find nothing.
   */
  neighbours?: NeighbourReport[];
}

/** One 表三/表四 cell (or its metric when the segment stage placed no table). */
export interface CellRef {
  key: string;
  value: number | null;
  raw: string;
  start: number;
  end: number;
  ambiguous: boolean;
  /** A sum the segment stage computed because the report prints none (never compared with its own parts). */
  derived: boolean;
}

/** A request count must be about disclosure requests: said so in its sentence or under a heading about them. */
export const REQUEST_CONTEXT = /信息公开[^。；，]{0,6}申请|依申请|公开[^。；，]{0,8}申请|申请公开/;

/** A statement that there were none (未发生…), as opposed to a stated count of 0 (`source` is optional in the contract). */
export function isNoneStatement(m: Mention): boolean {
  return m.source === 'zero' || (m.value === 0 && !/\d/.test(m.evidence.quote));
}

export interface RuleContext {
  input: ValidateInput;
  text: string;
  regime: Regime;
  /** 2019 or 2021 uniform-table template (null for regime A). */
  variant: '2019' | '2021' | null;
  year: number | null;
  /** [start, end) of every sentence (split at 。！？ and line breaks). */
  sentences: Array<[number, number]>;
  /** 表三/表四 cells by metric key ("t3.total.natural"). */
  cells: Map<string, CellRef>;
  /** Evidence for [start, end) of the text. */
  ev(start: number, end: number): Evidence;
  /** True when the offset lies inside a table (a placed table, or a tab-separated row). */
  inTable(offset: number): boolean;
  /** True when the offset lies inside a uniform 表二/表三/表四. */
  inUniformTable(offset: number): boolean;
  /** Kinds (kind and alsoKinds) of the innermost sub-section (level ≥ 2) holding an offset; empty when none does. */
  subsectionKindsAt(offset: number): SectionKind[];
  /** Title of the innermost heading above an offset (segment's section tree, else the last 一、/（一） heading in the text). */
  headingAt(offset: number): string;
  /** The sentence [start, end) around an offset. */
  sentenceAt(offset: number): [number, number];
  /** `re.test` on the sentence around an offset, memoized per sentence (`re` neither global nor sticky). */
  sentenceMatches(re: RegExp, offset: number): boolean;
  /**
   * The last match of `re` (global) in the sentence around an offset that ends at
   * or before it (index absolute in the text): the sentence is scanned once per
   * regex, memoized, so many figures in one long sentence cost linear time.
   */
  lastMatchBefore(re: RegExp, offset: number): RegExpMatchArray | undefined;
  /** Mentions outside the uniform tables, by key, in text order, one per evidence position; request counts only when about disclosure requests. */
  narrative: Map<string, Mention[]>;
  metric(key: string): Metric | undefined;
}

const T3_MARKER = /本年新收政府信息公开申请数量/;

function effectiveRegime(segment: SegmentResult, text: string): { regime: Regime; variant: '2019' | '2021' | null } {
  const uniform = segment.tables.find((t) => t.kind === 't3' || t.kind === 't4' || t.kind === 't2');
  let regime = segment.meta.regime;
  // The segment stage decides the regime; a 表三 in the text overrides a narrative verdict.
  if (regime === 'A' && (uniform || T3_MARKER.test(text))) regime = /本年制发件数|逾期不补正/.test(text) ? 'C' : 'B';
  if (regime === 'A') return { regime, variant: null };
  const t3 = segment.tables.find((t) => t.kind === 't3');
  const variant = t3?.variant === '2019' || t3?.variant === '2021' ? t3.variant : regime === 'B' ? '2019' : '2021';
  return { regime, variant };
}

function splitSentences(text: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '。' || ch === '！' || ch === '？' || ch === '!' || ch === '?' || ch === '\n') {
      if (i + 1 > start) out.push([start, i + 1]);
      start = i + 1;
    }
  }
  if (start < text.length) out.push([start, text.length]);
  return out;
}

function topLevelSectionAt(sections: readonly Section[], offset: number): string | null {
  for (const s of sections) if (offset >= s.start && offset < s.end) return s.number;
  return null;
}

const HEADING = /(?:^|[\s。；：:])(?:[（(][一二三四五六七八九十]{1,3}[)）]|[一二三四五六七八九十]{1,3}、)\s*([^。；\n]{2,24})/g;

function innermost(sections: readonly Section[], offset: number): Section | null {
  let found: Section | null = null;
  let list = sections;
  for (;;) {
    const s = list.find((x) => offset >= x.start && offset < x.end);
    if (!s) return found;
    found = s;
    list = s.children;
  }
}

function headingIn(sections: readonly Section[], text: string, offset: number): string {
  const s = innermost(sections, offset);
  if (s) return s.title;
  const before = text.slice(Math.max(0, offset - 800), offset);
  return [...before.matchAll(HEADING)].at(-1)?.[1] ?? '';
}

function collectCells(tables: readonly ReportTable[], metrics: readonly Metric[]): Map<string, CellRef> {
  const cells = new Map<string, CellRef>();
  for (const t of tables) {
    if (t.kind !== 't3' && t.kind !== 't4') continue;
    for (const c of t.cells) {
      // Row/column ids as the template names them; 表四's single row may carry the group in either field.
      const key = [`${t.kind}.${c.row}.${c.col}`, `${t.kind}.${c.col}`, `${t.kind}.${c.row}`].find(isMetricKey) ?? `${t.kind}.${c.row}.${c.col}`;
      if (!cells.has(key)) cells.set(key, { key, value: c.value, raw: c.raw, start: c.start, end: c.end, ambiguous: c.ambiguous === true, derived: c.derived === true });
    }
  }
  if (cells.size === 0) {
    for (const m of metrics) {
      if (!/^t[34]\./.test(m.key) || m.source !== 'table') continue;
      const e = m.evidence;
      cells.set(m.key, { key: m.key, value: m.value, raw: e.quote, start: e.start, end: e.end, ambiguous: false, derived: false });
    }
  }
  return cells;
}

export function buildContext(input: ValidateInput): RuleContext {
  const { decode, segment, extract } = input;
  const text = decode.text;
  const { regime, variant } = effectiveRegime(segment, text);
  const sentences = splitSentences(text);
  const uniform = segment.tables.filter((t) => t.kind !== 'stats').map((t) => [t.start, t.end] as const);
  const all = segment.tables.map((t) => [t.start, t.end] as const);
  const cells = collectCells(segment.tables, extract.metrics);
  const cellRanges = [...cells.values()].map((c) => [c.start, c.end] as const);
  const inTables = rangeSet(all);
  const inUniformTable = rangeSet([...uniform, ...cellRanges]);
  const inTableOrCell = rangeSet([...all, ...cellRanges]);
  const lineHasTab = tabLines(text);
  const sentenceAt = (o: number): [number, number] => {
    // binary search: sentences are sorted and contiguous
    let lo = 0, hi = sentences.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const [s, e] = sentences[mid] ?? [0, 0];
      if (o < s) hi = mid - 1;
      else if (o >= e) lo = mid + 1;
      else return [s, e];
    }
    return [o, o];
  };
  // A prose request count that says nothing about disclosure requests (收到群众诉求348件) is not one, whatever its key
  // (统计表 rows are labelled by their template).
  // by regex and sentence start: many numbers may share one long sentence
  const sentenceTests = new Map<RegExp, Map<number, boolean>>();
  const sentenceMatches = (re: RegExp, o: number): boolean => {
    const [s, e] = sentenceAt(o);
    let memo = sentenceTests.get(re);
    if (!memo) sentenceTests.set(re, (memo = new Map()));
    let hit = memo.get(s);
    if (hit === undefined) memo.set(s, (hit = re.test(text.slice(s, e))));
    return hit;
  };
  const sentenceScans = new Map<RegExp, Map<number, RegExpMatchArray[]>>();
  const lastMatchBefore = (re: RegExp, o: number): RegExpMatchArray | undefined => {
    const [s, e] = sentenceAt(o);
    let memo = sentenceScans.get(re);
    if (!memo) sentenceScans.set(re, (memo = new Map()));
    let all = memo.get(s);
    if (all === undefined) {
      all = [...text.slice(s, e).matchAll(re)];
      for (const m of all) m.index = (m.index ?? 0) + s;
      memo.set(s, all);
    }
    // matches do not overlap, so their ends increase: binary search for the last one ending by o
    let lo = 0, hi = all.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const m = all[mid] as RegExpMatchArray;
      if ((m.index ?? 0) + m[0].length <= o) lo = mid + 1;
      else hi = mid;
    }
    return all[lo - 1];
  };
  const aboutRequests = (m: Mention) =>
    sentenceMatches(REQUEST_CONTEXT, m.evidence.start) || REQUEST_CONTEXT.test(headingIn(segment.sections, text, m.evidence.start));
  const narrative = new Map<string, Mention[]>();
  const seen = new Set<string>();
  for (const m of extract.mentions) {
    if (m.source === 'derived' || inUniformTable(m.evidence.start)) continue;
    if (m.key.startsWith('requests.') && m.source !== 'table' && !inTables(m.evidence.start) && !aboutRequests(m)) continue;
    const id = `${m.key}@${m.evidence.start}`;
    if (seen.has(id)) continue;
    seen.add(id);
    const list = narrative.get(m.key) ?? [];
    list.push(m);
    narrative.set(m.key, list);
  }
  for (const list of narrative.values()) list.sort((a, b) => a.evidence.start - b.evidence.start);
  const metrics = new Map(extract.metrics.map((m) => [m.key, m]));
  return {
    input,
    text,
    regime,
    variant,
    year: segment.meta.year,
    sentences,
    cells,
    ev: (start, end) => ({ quote: text.slice(start, end), start, end, section: topLevelSectionAt(segment.sections, start) }),
    inTable: (o) => inTableOrCell(o) || lineHasTab(o),
    inUniformTable,
    headingAt: (o) => headingIn(segment.sections, text, o),
    subsectionKindsAt: (o) => {
      const found = innermost(segment.sections, o);
      const s = found && found.level >= 2 ? found : null;
      return s ? [s.kind, ...(s.alsoKinds ?? [])] : [];
    },
    sentenceAt,
    sentenceMatches,
    lastMatchBefore,
    narrative,
    metric: (key) => metrics.get(key),
  };
}

/** A finding of a catalogue rule (severity from the catalogue unless overridden). */
export function finding(rule: RuleId, message: string, evidence: Evidence[], data?: Finding['data'], severity = RULES[rule].severity): Finding {
  return data ? { rule, severity, message, evidence, data } : { rule, severity, message, evidence };
}
