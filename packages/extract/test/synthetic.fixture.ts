/**
 * Stage inputs for unit tests, built from a text the test writes: the decode
 * result, and a segment result whose sections and table cells are located in
 * that text (so every offset is real).
 */
import type { DecodeResult, ExtractResult, Regime, ReportTable, Section, SectionKind, SegmentResult, TableCell } from '@gongkai/core';
import { extract } from '../src/extract.stage.ts';

export function decodeOf(text: string): DecodeResult {
  return {
    decode: { format: 'txt', encoding: 'utf-8', confidence: 1, script: 'simplified', converted: false, pinyinRemoved: 0, warnings: [] },
    text, pageMeta: {}, offsetMap: [],
  };
}

export function segmentOf(o: { regime?: Regime; sections?: Section[]; tables?: ReportTable[] } = {}): SegmentResult {
  return {
    meta: {
      title: null, agency: null, level: null, region: null, year: 2017, period: null, publishedAt: null,
      addressee: null, contact: {}, regime: o.regime ?? 'A',
    },
    sections: o.sections ?? [], paragraphs: [], spans: [], tables: o.tables ?? [],
  };
}

/** Top-level sections starting at each heading (e.g. "三、依申请公开情况") and running to the next. */
export function sectionsOf(text: string, headings: ReadonlyArray<readonly [string, SectionKind]>): Section[] {
  const starts = headings.map(([h]) => text.indexOf(h));
  return headings.map(([h, kind], i) => ({
    number: h.split('、')[0] ?? '', title: h.split('、')[1] ?? h, kind, level: 1,
    start: starts[i] ?? 0, end: starts[i + 1] ?? text.length, children: [],
  }));
}

/**
 * A section tree from headings with levels (1 = 一、, 2 = （一）), each running to the next heading of the
 * same or a higher level, children nested under their parent.
 */
export function treeOf(text: string, headings: ReadonlyArray<readonly [string, SectionKind, number]>): Section[] {
  const flat = headings.map(([h, kind, level]) => {
    const start = text.indexOf(h);
    const number = /^[（(]?([一二三四五六七八九十]+)/u.exec(h)?.[1] ?? '';
    return { number, title: h.replace(/^[（(]?[一二三四五六七八九十]+[、）)]/u, ''), kind, level, start, end: text.length, children: [] as Section[] };
  });
  const roots: Section[] = [];
  const open: Section[] = [];
  flat.forEach((s, i) => {
    const next = flat.slice(i + 1).find((n) => n.level <= s.level);
    s.end = next?.start ?? text.length;
    while (open.length > 0 && (open[open.length - 1] as Section).level >= s.level) open.pop();
    (open.length > 0 ? (open[open.length - 1] as Section).children : roots).push(s);
    open.push(s);
  });
  return roots;
}

/** A table starting at the line that begins with 表, whose cells are located at their raw text, left to right. */
export function tableOf(text: string, kind: ReportTable['kind'], cells: ReadonlyArray<readonly [string, string, number | null, string?]>, o: { ambiguous?: string[] } = {}): ReportTable {
  const line = /(?:^|\n)表/u.exec(text);
  const start = line ? line.index + line[0].length - 1 : 0;
  let pos = start;
  const placed: TableCell[] = cells.map(([row, col, value, raw]) => {
    const r = raw ?? (value === null ? '' : String(value));
    const at = r === '' ? pos : text.indexOf(r, pos);
    pos = r === '' ? pos : at + r.length;
    const cell: TableCell = { row, col, value, raw: r, start: at, end: at + r.length };
    if (o.ambiguous?.includes(`${row}.${col}`)) cell.ambiguous = true;
    return cell;
  });
  return { kind, variant: '2021', start, end: text.length, cells: placed, unparsed: [] };
}

export function run(
  text: string,
  o: { regime?: Regime; headings?: ReadonlyArray<readonly [string, SectionKind]>; tree?: ReadonlyArray<readonly [string, SectionKind, number]>; tables?: ReportTable[] } = {},
): ExtractResult {
  const sections = o.tree ? treeOf(text, o.tree) : o.headings ? sectionsOf(text, o.headings) : [];
  return extract({ decode: decodeOf(text), segment: segmentOf({ regime: o.regime, sections, tables: o.tables }) });
}

/** The metrics as key → value (approximate values marked with ~). */
export function values(r: ExtractResult): Record<string, number | string> {
  return Object.fromEntries(r.metrics.map((m) => [m.key, m.approx ? `~${m.value}` : m.value]));
}
