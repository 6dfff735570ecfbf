/**
 * Which section an offset lies in, and what that section is about. Uses the
 * segment stage's section tree when it has one; otherwise a small fallback
 * scan for 一、/（一） headings in sequence, so that context works before
 * segment lands and on texts it could not structure.
 */
import type { Section, SectionKind } from '@gongkai/core';

export interface SectionSpan {
  number: string;
  title: string;
  level: number;
  start: number;
  end: number;
  /** Every kind the title speaks of (依申请公开、投诉举报和行政复议情况 → requests, complaints, review_litigation). */
  kinds: ReadonlySet<SectionKind>;
}

export interface SectionContext {
  /** Number of the enclosing top-level section, or null outside any. */
  number: string | null;
  /** Kinds of every enclosing section, outermost first. */
  kinds: ReadonlySet<SectionKind>;
  /**
   * Kinds of the deepest enclosing section with a known topic alone: a top-level
   * 总体情况 speaks of every topic, its （二）做大做强问政平台 only of its own.
   */
  innermost: ReadonlySet<SectionKind>;
  /** Where the deepest enclosing section starts (0 outside any). */
  innermostStart: number;
}

const KIND_WORDS: ReadonlyArray<readonly [SectionKind, RegExp]> = [
  ['requests', /依申请|收到和处理|申请公开|申请情况/u],
  ['proactive', /主动公开/u],
  ['fees', /收费|减免|费用/u],
  ['review_litigation', /复议|诉讼/u],
  ['complaints', /投诉|举报|申诉/u],
  ['response', /回应|解读/u],
  ['organization', /机构建设|工作人员|队伍|保障经费/u],
  ['training', /培训|会议/u],
  ['platform', /平台|网站建设/u],
  ['problems', /问题|不足/u],
  ['improvements', /改进|措施|下一步|计划/u],
  ['overview', /概述|总体情况|基本情况|概况/u],
  ['attachment', /统计表|附件|附表/u],
];

/** Section kinds named by a heading title. */
export function kindsOfTitle(title: string): Set<SectionKind> {
  const out = new Set<SectionKind>();
  for (const [kind, re] of KIND_WORDS) if (re.test(title)) out.add(kind);
  return out;
}

const CN_ORDINALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二', '十三', '十四', '十五'];
const HEADING_RE = /(^|[\s。；！？）)”])\s*([（(]?)(十[一二三四五]?|[一二三四五六七八九])([、）)])\s*/gu;

/** Fallback: 一、 and （一） headings that follow each other in order. */
export function scanHeadings(text: string): SectionSpan[] {
  const out: SectionSpan[] = [];
  let top = 0;
  let sub = 0;
  HEADING_RE.lastIndex = 0;
  for (let m = HEADING_RE.exec(text); m; m = HEADING_RE.exec(text)) {
    const [, lead = '', open, num = '', close] = m;
    const start = m.index + lead.length;
    const isTop = !open && close === '、';
    const isSub = Boolean(open) && close !== '、';
    if (!isTop && !isSub) continue;
    const ordinal = CN_ORDINALS.indexOf(num) + 1;
    const titleStart = m.index + m[0].length;
    const title = /^[^。；！？\n，]{1,30}/u.exec(text.slice(titleStart))?.[0] ?? '';
    if (isTop) {
      if (ordinal !== top + 1) continue;
      top = ordinal;
      sub = 0;
      out.push({ number: num, title, level: 1, start, end: text.length, kinds: kindsOfTitle(title.slice(0, 20)) });
    } else {
      if (top === 0 || ordinal !== sub + 1) continue;
      sub = ordinal;
      out.push({ number: num, title, level: 2, start, end: text.length, kinds: kindsOfTitle(title.slice(0, 16)) });
    }
  }
  // close each section at the next heading of the same or a higher level
  for (let i = 0; i < out.length; i++) {
    const s = out[i] as SectionSpan;
    const next = out.slice(i + 1).find((n) => n.level <= s.level);
    if (next) s.end = next.start;
  }
  return out;
}

function flatten(sections: readonly Section[], out: SectionSpan[] = []): SectionSpan[] {
  for (const s of sections) {
    const kinds = kindsOfTitle(s.title);
    kinds.add(s.kind);
    for (const k of s.alsoKinds ?? []) kinds.add(k);
    out.push({ number: s.number, title: s.title, level: s.level, start: s.start, end: s.end, kinds });
    flatten(s.children, out);
  }
  return out;
}

export interface SectionIndex {
  spans: readonly SectionSpan[];
  at(offset: number): SectionContext;
  /** Heading offsets: extra sentence breaks. */
  breaks: readonly number[];
}

export function sectionIndex(text: string, sections: readonly Section[]): SectionIndex {
  const spans = sections.length > 0 ? flatten(sections) : scanHeadings(text);
  const cache = new Map<number, SectionContext>();
  return {
    spans,
    breaks: spans.map((s) => s.start),
    at(offset: number): SectionContext {
      const hit = cache.get(offset);
      if (hit) return hit;
      const enclosing = spans.filter((s) => s.start <= offset && offset < s.end);
      const top = enclosing.find((s) => s.level === 1) ?? enclosing[0];
      const kinds = new Set<SectionKind>();
      for (const s of enclosing) for (const k of s.kinds) kinds.add(k);
      // a sub-section of no known topic (kind 'other' only) speaks of its parent's
      const topical = enclosing.filter((s) => [...s.kinds].some((k) => k !== 'other'));
      const deepest = topical.reduce<SectionSpan | undefined>((a, s) => (!a || s.level > a.level || (s.level === a.level && s.start >= a.start) ? s : a), undefined);
      const ctx = { number: top?.number ?? null, kinds, innermost: deepest?.kinds ?? new Set<SectionKind>(), innermostStart: deepest?.start ?? 0 };
      cache.set(offset, ctx);
      return ctx;
    },
  };
}
