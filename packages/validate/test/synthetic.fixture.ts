/**
 * Hand-built stage outputs for unit tests: a report text written by the test,
 * with the sections, table cells, mentions and breakdowns the upstream stages
 * would produce, each located in the text by its quote (so offsets are real).
 */
import {
  T3_COLUMNS, T4_COLUMNS, T4_GROUPS, type Breakdown, type DecodeResult, type Evidence, type ExtractResult, type Metric,
  type Mention, type Regime, type ReportMeta, type ReportTable, type Section, type SectionKind, type SegmentResult,
} from '@gongkai/core';

type CellInput = number | null | string;

export interface SyntheticOptions {
  regime?: Regime;
  year?: number | null;
  meta?: Partial<ReportMeta>;
  warnings?: string[];
  pageMeta?: DecodeResult['pageMeta'];
}

export class SyntheticReport {
  private text: string;
  private readonly opts: SyntheticOptions;
  private readonly sectionSpecs: Array<{ heading: string; kind: SectionKind; level: number; alsoKinds: SectionKind[] }> = [];
  private readonly tables: ReportTable[] = [];
  private readonly mentionSpecs: Array<{ key: string; value: number; quote: string; nth: number; approx: boolean; source: Metric['source'] }> = [];
  private readonly breakdownSpecs: Array<{ total: [string, number, string?]; parts: Array<[string, number, string?]>; complete: boolean }> = [];

  constructor(text: string, opts: SyntheticOptions = {}) {
    this.text = text;
    this.opts = opts;
  }

  /**
   * A section starting at `heading` (e.g. "一、概述", level 1, or "（一）数量", level 2) and running
   * to the next heading of its level or above; a level-2 section nests in the level-1 one before it.
   */
  section(heading: string, kind: SectionKind, level = 1, alsoKinds: SectionKind[] = []): this {
    this.sectionSpecs.push({ heading, kind, level, alsoKinds });
    return this;
  }

  /** A statement of `key` read from `quote` (its `nth` occurrence, 0-based). */
  mention(key: string, value: number, quote: string, o: { nth?: number; approx?: boolean; source?: Metric['source'] } = {}): this {
    this.mentionSpecs.push({ key, value, quote, nth: o.nth ?? 0, approx: o.approx ?? false, source: o.source ?? 'text' });
    return this;
  }

  /** A 其中 list: [quote, value, key?] for the total and each part. */
  breakdown(total: [string, number, string?], parts: Array<[string, number, string?]>, complete = true): this {
    this.breakdownSpecs.push({ total, parts, complete });
    return this;
  }

  /** Appends 表三 as tab-separated rows (7 cells each: the T3_COLUMNS order) and places its cells. */
  t3(rows: Record<string, CellInput[]>, o: { variant?: '2019' | '2021'; ambiguous?: string[] } = {}): this {
    const cols = T3_COLUMNS.map((c) => c.id);
    return this.appendTable('t3', o.variant ?? '2021', Object.entries(rows).map(([row, vals]) => ({ row, cells: vals.map((v, i) => [cols[i] ?? '?', v] as const) })), o.ambiguous ?? []);
  }

  /** Appends 表四 as one tab-separated row of 15 cells (review, direct, after review × upheld…total). */
  t4(values: CellInput[]): this {
    return this.appendTable('t4', '2021', T4_GROUPS.map((g, gi) => ({
      row: g.id, cells: T4_COLUMNS.map((c, ci) => [c.id, values[gi * 5 + ci] ?? null] as const),
    })), []);
  }

  private appendTable(kind: 't3' | 't4', variant: string, rows: Array<{ row: string; cells: ReadonlyArray<readonly [string, CellInput]> }>, ambiguous: string[]): this {
    const table: ReportTable = { kind, variant, start: this.text.length, end: 0, cells: [], unparsed: [] };
    this.text += '\n';
    for (const r of rows) {
      this.text += `${r.row}`;
      for (const [col, v] of r.cells) {
        this.text += '\t';
        const raw = v === null ? '' : String(v);
        const start = this.text.length;
        this.text += raw;
        const value = typeof v === 'number' ? v : null;
        table.cells.push({ row: r.row, col, value, raw, start, end: this.text.length, ...(ambiguous.includes(`${r.row}.${col}`) ? { ambiguous: true } : {}) });
      }
      this.text += '\n';
    }
    table.end = this.text.length;
    this.tables.push(table);
    return this;
  }

  private find(quote: string, nth = 0): Evidence {
    let at = -1;
    for (let i = 0; i <= nth; i++) {
      at = this.text.indexOf(quote, at + 1);
      if (at === -1) throw new Error(`quote not in text: ${quote} (#${nth})`);
    }
    return { quote, start: at, end: at + quote.length, section: null };
  }

  private sections(): Section[] {
    const specs = this.sectionSpecs.map((s) => ({ ...s, start: this.find(s.heading).start })).sort((a, b) => a.start - b.start);
    const roots: Section[] = [];
    specs.forEach((s, i) => {
      const next = specs.slice(i + 1).find((x) => x.level <= s.level);
      const m = /^[（(]?([^、）)]+)[、）)]?(.*)$/.exec(s.heading);
      const section: Section = {
        number: m?.[1] ?? '', title: m?.[2] ?? s.heading, kind: s.kind, level: s.level, start: s.start, end: next?.start ?? this.text.length, children: [],
        ...(s.alsoKinds.length > 0 ? { alsoKinds: s.alsoKinds } : {}),
      };
      const parent = s.level > 1 ? roots.at(-1) : undefined;
      if (parent) parent.children.push(section);
      else roots.push(section);
    });
    return roots;
  }

  build(): { decode: DecodeResult; segment: SegmentResult; extract: ExtractResult } {
    const mentions: Mention[] = this.mentionSpecs.map((m) => ({ key: m.key, value: m.value, approx: m.approx, evidence: this.find(m.quote, m.nth) }));
    const metrics: Metric[] = [];
    for (const [i, m] of this.mentionSpecs.entries()) {
      if (metrics.some((x) => x.key === m.key)) continue;
      const ev = mentions[i]?.evidence ?? this.find(m.quote);
      metrics.push({ key: m.key, value: m.value, unit: '件', approx: m.approx, evidence: ev, source: m.source });
    }
    const breakdowns: Breakdown[] = this.breakdownSpecs.map((b) => {
      const total = this.find(b.total[0]);
      const parts = b.parts.map(([q, value, key]) => ({ value, label: q, evidence: this.find(q), ...(key ? { key } : {}) }));
      const end = Math.max(total.end, ...parts.map((p) => p.evidence.end));
      return { total: { value: b.total[1], evidence: total, ...(b.total[2] ? { key: b.total[2] } : {}) }, parts, complete: b.complete, quote: this.text.slice(total.start, end), start: total.start, end };
    });
    const year = this.opts.year === undefined ? 2017 : this.opts.year;
    const meta: ReportMeta = {
      title: null, agency: null, level: null, region: null, year, period: null, publishedAt: null, addressee: null, contact: {},
      regime: this.opts.regime ?? 'A', ...this.opts.meta,
    };
    return {
      decode: {
        decode: { format: 'txt', encoding: 'utf-8', confidence: 1, script: 'simplified', converted: false, pinyinRemoved: 0, warnings: this.opts.warnings ?? [] },
        text: this.text, pageMeta: this.opts.pageMeta ?? {}, offsetMap: [],
      },
      segment: { meta, sections: this.sections(), paragraphs: [], spans: [], tables: this.tables },
      extract: { metrics, mentions, breakdowns },
    };
  }
}

/** A 表三 whose every identity holds (2021 format): 10 new + 2 carried = 11 handled + 1 carried forward. */
export function consistentT3(): Record<string, CellInput[]> {
  const z = [0, 0, 0, 0, 0, 0, 0];
  return {
    new_received: [8, 2, 0, 0, 0, 0, 10], carried_over: [2, 0, 0, 0, 0, 0, 2],
    granted: [4, 1, 0, 0, 0, 0, 5], partial: [1, 0, 0, 0, 0, 0, 1],
    'refused.state_secret': z, 'refused.law_forbidden': z, 'refused.three_safety_one_stability': z, 'refused.third_party': [1, 0, 0, 0, 0, 0, 1],
    'refused.internal_affairs': z, 'refused.process_info': z, 'refused.enforcement_file': z, 'refused.admin_query': z, 'refused.sum': [1, 0, 0, 0, 0, 0, 1],
    'unable.not_held': [2, 1, 0, 0, 0, 0, 3], 'unable.needs_creation': z, 'unable.unclear_after_amend': z, 'unable.sum': [2, 1, 0, 0, 0, 0, 3],
    'not_processed.petition_complaint': z, 'not_processed.repeat': z, 'not_processed.publication': z, 'not_processed.mass_repeat': z,
    'not_processed.confirm_or_reissue': z, 'not_processed.sum': z,
    'other.no_amend_overdue': [1, 0, 0, 0, 0, 0, 1], 'other.fee_unpaid': z, 'other.other': z, 'other.sum': [1, 0, 0, 0, 0, 0, 1],
    total: [9, 2, 0, 0, 0, 0, 11], carried_forward: [1, 0, 0, 0, 0, 0, 1],
  };
}

/** A consistent 表四: 2 reviews (1 upheld, 1 pending), 1 direct lawsuit upheld, none after review. */
export const CONSISTENT_T4: CellInput[] = [1, 0, 0, 1, 2, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0];
