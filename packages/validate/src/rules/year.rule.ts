/**
 * Year consistency: the title's year, the reporting year and the statistical
 * period agree (YEAR_MISMATCH); the report is published after the year it is
 * about (PUBLISHED_BEFORE_YEAR_END) and by the statutory deadline
 * (PUBLISHED_LATE, info); no figure is introduced with an earlier year
 * (FIGURE_YEAR_MISMATCH: a sentence copied from last year's report).
 */
import type { Evidence, Finding } from '@gongkai/core';
import { clip } from '../format.helpers.ts';
import { finding, type RuleContext } from '../validate.context.ts';

const YEAR = /((?:19|20)\d{2})\s*年/;
const PERIOD = /统计(?:期限|时限|期间|区间|时间|口径)[^。]{0,12}?((?:19|20)\d{2})\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日[^。\d]{0,8}?(?:((?:19|20)\d{2})\s*年\s*)?\d{1,2}\s*月\s*\d{1,2}\s*日/;
const CN_DIGIT = ['[〇○零]', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
const CN_CHARS = '〇○零一二三四五六七八九';

interface Dated { year: number; what: string; evidence: Evidence[] }

function locate(ctx: RuleContext, needle: string | null | undefined): Evidence[] {
  if (!needle) return [];
  const at = ctx.text.indexOf(needle);
  return at === -1 ? [] : [ctx.ev(at, at + needle.length)];
}

function statedYears(ctx: RuleContext): Dated[] {
  const out: Dated[] = [];
  const { meta } = ctx.input.segment;
  const title = meta.titleInferred ? null : meta.title ?? ctx.input.decode.pageMeta.title ?? null;
  const ty = title ? YEAR.exec(title) : null;
  if (title && ty) out.push({ year: Number(ty[1]), what: 'title', evidence: locate(ctx, title) });
  const p = PERIOD.exec(ctx.text);
  if (p) {
    const ev = [ctx.ev(p.index, p.index + p[0].length)];
    out.push({ year: Number(p[1]), what: 'statistical period (from)', evidence: ev });
    if (p[2]) out.push({ year: Number(p[2]), what: 'statistical period (to)', evidence: ev });
  } else if (meta.period) {
    out.push({ year: Number(meta.period[0].slice(0, 4)), what: 'statistical period (from)', evidence: [] });
    out.push({ year: Number(meta.period[1].slice(0, 4)), what: 'statistical period (to)', evidence: [] });
  }
  return out.filter((d) => Number.isFinite(d.year));
}

function checkStatedYears(ctx: RuleContext): Finding[] {
  const dated = statedYears(ctx);
  const years = new Set(dated.map((d) => d.year));
  if (years.size < 2) return [];
  const said = dated.map((d) => `${d.what} ${d.year}`).join(', ');
  return [finding('YEAR_MISMATCH', `The report's years disagree: ${said}.`, dated.flatMap((d) => d.evidence), { years: [...years].join(',') })];
}

/** The publication date as written in the text (2018-02-28, 2018年2月27日 or 二○一二年二月…), for evidence. */
function dateEvidence(ctx: RuleContext, iso: string): Evidence[] {
  const [y, m, d] = iso.slice(0, 10).split('-').map(Number);
  const arabic = new RegExp(`${y}\\s*(?:年\\s*0?${m}\\s*月\\s*0?${d}\\s*日|-0?${m}-0?${d}(?!\\d))`);
  const hit = arabic.exec(ctx.text);
  if (hit) return [ctx.ev(hit.index, hit.index + hit[0].length)];
  const cnYear = [...String(y)].map((c) => CN_DIGIT[Number(c)] ?? c).join('');
  const cn = new RegExp(`${cnYear}年[${CN_CHARS}十]{1,3}月[${CN_CHARS}十]{1,3}日`).exec(ctx.text);
  return cn ? [ctx.ev(cn.index, cn.index + cn[0].length)] : [];
}

function checkPublished(ctx: RuleContext): Finding[] {
  const y = ctx.year;
  const published = ctx.input.segment.meta.publishedAt ?? ctx.input.decode.pageMeta.publishedAt ?? null;
  if (!y || !published || !/^\d{4}-\d{2}-\d{2}/.test(published)) return [];
  const day = published.slice(0, 10);
  const evidence = dateEvidence(ctx, published);
  if (day < `${y + 1}-01-01`) {
    return [finding('PUBLISHED_BEFORE_YEAR_END', `A report about ${y} is dated ${day}, before the year it reports on had ended.`, evidence, { year: y, publishedAt: day })];
  }
  const department = ctx.regime !== 'A' && ctx.input.segment.meta.level === 'department';
  const deadline = `${y + 1}-${department ? '01-31' : '03-31'}`;
  if (day > deadline) {
    return [finding('PUBLISHED_LATE', `A report about ${y} published ${day}, after the statutory deadline ${deadline}.`, evidence, { year: y, publishedAt: day, deadline })];
  }
  return [];
}

/** A year that governs the figure (not 较2016年, 自2015年以来, 截至…, a date with 月). */
const GOVERNING_YEAR = /((?:19|20)\d{2})\s*年度?(?!\s*\d{1,2}\s*月)/g;
const NOT_GOVERNING_BEFORE = /(较|比|同比|与|自|从|截至|截止|至|到)\s*$/;
const NOT_GOVERNING_AFTER = /^[^，。；]{0,6}(以来|至今|起|累计|相比|同期)/;

function checkFigureYears(ctx: RuleContext): Finding[] {
  const y = ctx.year;
  if (!y) return [];
  const out: Finding[] = [];
  const seen = new Set<number>();
  for (const mentions of ctx.narrative.values()) {
    for (const m of mentions) {
      const at = m.evidence.start;
      if (ctx.inTable(at) || seen.has(at)) continue;
      seen.add(at);
      const [s] = ctx.sentenceAt(at);
      const digit = ctx.text.slice(at, m.evidence.end).search(/\d/);
      const upto = digit === -1 ? m.evidence.end : at + digit;
      const last = ctx.lastMatchBefore(GOVERNING_YEAR, upto);
      if (!last || last.index === undefined) continue;
      const year = Number(last[1]);
      const end = last.index + last[0].length;
      if (year >= y || NOT_GOVERNING_BEFORE.test(ctx.text.slice(Math.max(s, last.index - 16), last.index))) continue;
      if (NOT_GOVERNING_AFTER.test(ctx.text.slice(end, Math.min(upto, end + 12)))) continue;
      out.push(finding('FIGURE_YEAR_MISMATCH', `In a report about ${y}, ${m.key} = ${m.value} is stated for ${year}: 「${clip(ctx.text.slice(last.index, m.evidence.end), 60)}」.`,
        [ctx.ev(last.index, m.evidence.end)], { key: m.key, value: m.value, year }));
    }
  }
  return out;
}

export function checkYears(ctx: RuleContext): Finding[] {
  return [...checkStatedYears(ctx), ...checkPublished(ctx), ...checkFigureYears(ctx)];
}
