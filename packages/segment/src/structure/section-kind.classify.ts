/**
 * A section's canonical kind, by meaning: keywords in the title first (their
 * order decides the primary kind when a title joins several topics, as in
 * 依申请公开、投诉举报和行政复议情况), then the section's own text when the
 * title names a work theme instead (seed 004: 全面推进重点工作落实).
 */
import type { SectionKind } from '@gongkai/core';

/** Keywords per kind; a leading "~" marks a weak keyword, used only when no strong one matches. */
const KEYWORDS: ReadonlyArray<readonly [SectionKind, readonly string[]]> = [
  ['attachment', ['统计表', '附件', '附表']],
  ['other', ['其他需要报告的事项', '其他需要报告', '其它需要报告', '其他事项']],
  ['overview', ['概述', '总体情况', '基本情况', '概况', '工作情况综述']],
  ['fees', ['收费及减免', '收费和减免', '收费减免', '信息处理费', '收费情况']],
  ['review_litigation', ['行政复议', '行政诉讼', '复议、诉讼', '复议和诉讼']],
  ['complaints', ['投诉举报', '举报投诉', '申诉', '投诉']],
  ['requests', ['依申请公开', '依申请', '申请公开', '收到和处理政府信息公开申请', '处理政府信息公开申请', '不予公开']],
  ['response', ['回应解读', '解读回应', '政策解读', '回应社会关切', '回应关切', '舆情', '~回应', '~解读']],
  ['proactive', ['主动公开', '五公开', '重点领域', '~工作要点', '~重点工作', '~公开内容', '~信息公开情况', '~信息公开工作']],
  ['platform', ['平台建设', '网站建设', '公开平台', '公开载体', '载体建设', '公开方式', '公开形式', '公开渠道', '~网站', '~平台']],
  ['training', ['会议和培训', '培训', '~宣传']],
  ['organization', ['机构建设', '组织领导', '组织机构', '工作机制', '保障经费', '队伍建设', '制度建设', '监督保障', '督促检查', '督查', '考核', '~人员', '~经费', '~机构']],
  ['problems', ['存在的主要问题', '存在的问题', '主要问题', '存在不足', '~不足', '~问题']],
  ['improvements', ['改进措施', '改进情况', '改进', '下一步', '工作措施', '工作计划', '工作打算', '努力方向', '~措施']],
];

interface Hit {
  kind: SectionKind;
  pos: number;
  len: number;
  weak: boolean;
}

function hitsIn(s: string): Hit[] {
  const hits: Hit[] = [];
  for (const [kind, words] of KEYWORDS) {
    for (const raw of words) {
      const weak = raw.startsWith('~');
      const w = weak ? raw.slice(1) : raw;
      const pos = s.indexOf(w);
      if (pos >= 0) hits.push({ kind, pos, len: w.length, weak });
    }
  }
  // a hit inside a longer hit of another kind does not count (申请 inside 因政府信息公开申请行政复议)
  return hits.filter((h) => !hits.some((o) => o.kind !== h.kind && o.len > h.len && o.pos <= h.pos && h.pos + h.len <= o.pos + o.len));
}

/** Kinds whose keywords occur in `s`, by position; 统计表/附件 always first. */
export function kindsIn(s: string): SectionKind[] {
  const all = hitsIn(s);
  // weak keywords (信息公开情况, 问题, 平台…) count only when nothing specific matched
  const strong = all.filter((h) => !h.weak);
  const hits = (strong.length > 0 ? strong : all).sort((a, b) => a.pos - b.pos || b.len - a.len);
  const kinds = [...new Set(hits.map((h) => h.kind))];
  return kinds.includes('attachment') ? ['attachment', ...kinds.filter((k) => k !== 'attachment')] : kinds;
}

/** Kinds ranked by how often their keywords occur in a body text. */
function kindsByFrequency(body: string): Array<[SectionKind, number]> {
  const scores: Array<[SectionKind, number]> = [];
  for (const [kind, words] of KEYWORDS) {
    if (kind === 'attachment' || kind === 'other' || kind === 'overview') continue;
    let n = 0;
    for (const raw of words) {
      const w = raw.replace(/^~/, '');
      for (let i = body.indexOf(w); i >= 0; i = body.indexOf(w, i + w.length)) n += w.length;
    }
    if (n > 0) scores.push([kind, n]);
  }
  return scores.sort((a, b) => b[1] - a[1]);
}

export interface KindResult {
  kind: SectionKind;
  /** Further topics the section covers. */
  also: SectionKind[];
}

/**
 * @param title the heading title
 * @param body the section's text (heading excluded), used when the title alone says nothing
 * @param childTitles titles of the section's sub-headings
 */
export function classifySection(title: string, body: string, childTitles: readonly string[] = []): KindResult {
  const fromTitle = kindsIn(title);
  const fromChildren = [...new Set(childTitles.flatMap((t) => kindsIn(t).slice(0, 1)))];
  if (fromTitle.length > 0) {
    const primary = fromTitle[0] as SectionKind;
    // a broad title (信息公开情况) over sub-sections about several topics
    const also = [...new Set([...fromTitle.slice(1), ...fromChildren])].filter((k) => k !== primary);
    return { kind: primary, also };
  }
  if (fromChildren.length > 0) {
    const primary = fromChildren[0] as SectionKind;
    return { kind: primary, also: fromChildren.slice(1) };
  }
  // a title naming a work theme: the body decides only when one topic clearly dominates
  const freq = kindsByFrequency(body.slice(0, 1500));
  const [top, second] = freq;
  if (top && top[1] >= 8 && (!second || top[1] >= 2 * second[1])) return { kind: top[0], also: [] };
  return { kind: 'other', also: freq.slice(0, 2).map(([k]) => k) };
}

/** Top-level titles of both eras, for titles glued to the text that follows them. */
const KNOWN_TITLES = [
  '总体情况', '主动公开政府信息情况', '收到和处理政府信息公开申请情况', '政府信息公开行政复议、行政诉讼情况',
  '政府信息公开行政法复议、行政诉讼情况', '存在的主要问题及改进情况', '其他需要报告的事项', '概述',
  '主动公开政府信息的情况', '政府信息依申请公开工作情况', '政府信息依申请公开办理情况', '依申请公开政府信息情况',
  '政府信息公开的收费及减免情况', '因政府信息公开申请行政复议、提起行政诉讼的情况', '因政府信息公开申请行政复议、提起行政诉讼情况',
  '政府信息公开工作存在的主要问题及改进情况', '政府信息公开工作存在的主要问题及改进措施', '存在的主要问题和改进措施',
  '存在的主要问题及改进措施', '主要问题和改进措施', '政府信息公开情况统计表', '重点领域政府信息公开情况', '回应解读情况',
].sort((a, b) => b.length - a.length);

/** End offset of a known top-level title starting at `from` (or `from` when none matches). */
export function knownTitleAt(text: string, from: number): number {
  for (const t of KNOWN_TITLES) if (text.startsWith(t, from)) return from + t.length;
  return from;
}
