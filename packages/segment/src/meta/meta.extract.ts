/** The report's metadata (PRODUCT.md "meta"), from its body and page metadata. */
import type { AgencyRename } from '@gongkai/core';
import { BUNDLED_RENAMES, renamedKey } from './agency.renames.ts';
import type { PageMeta, ReportMeta } from '@gongkai/core';
import { findDates } from '../text/dates.parse.ts';
import { detectAgency } from './agency.detect.ts';
import { extractContact } from './contact.extract.ts';
import { settleByYear, type RegimeResult } from './regime.detect.ts';
import type { TitleHit } from './title.detect.ts';

export interface MetaInput {
  text: string;
  bodyStart: number;
  bodyEnd: number;
  title: TitleHit | null;
  pageMeta: PageMeta;
  /** ISO date at the end of the body (signature date). */
  bodyDate: string | null;
  addressee: string | null;
  regime: RegimeResult;
  /** Renames to apply to the agency key (the bundled list, plus the user's). */
  renames?: readonly AgencyRename[];
}

const PERIOD = /(?:统计)?(?:期限|时限|时间|期间|区间)(?:为|是)?\s*[:：]?\s*(?:自|从)?\s*(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*(?:起)?\s*(?:至|到|—|-|－|～|~)\s*(?:(\d{4})\s*年)?\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日/;

/** The same period written with dashes (自2015-1-1起至2015-12-31止). */
const PERIOD_DASHED = /(?:统计)?(?:期限|时限|时间|期间|区间)(?:为|是)?\s*[:：]?\s*(?:自|从)?\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*(?:起)?\s*(?:至|到|—|～|~)\s*(?:(\d{4})-)?(\d{1,2})-(\d{1,2})/;

const pad = (n: string) => n.padStart(2, '0');

function period(text: string): [string, string] | null {
  const m = PERIOD.exec(text) ?? PERIOD_DASHED.exec(text);
  if (!m) return null;
  const [, y1, m1, d1, y2, m2, d2] = m as unknown as string[];
  return [`${y1}-${pad(m1 as string)}-${pad(d1 as string)}`, `${y2 ?? y1}-${pad(m2 as string)}-${pad(d2 as string)}`];
}

const CN_DIGITS: Record<string, string> = Object.fromEntries([...'〇○零一二三四五六七八九'].map((c, i) => [c, String(Math.max(0, i - 2))]));

/** 二〇一六年 → 2016年 (a year written in Chinese numerals, digit by digit). */
function arabicYears(s: string): string {
  return s.replace(/[〇○零一二三四五六七八九]{4}(?=\s*年)/g, (y) => [...y].map((c) => CN_DIGITS[c] ?? c).join(''));
}

/** The year the figures are about: title, then period, then the report's own words, then the publication year − 1. */
function reportingYear(text: string, title: string | null, p: [string, string] | null, published: string | null): number | null {
  const fromTitle = title ? /(\d{4})\s*年/.exec(arabicYears(title)) : null;
  if (fromTitle) return Number(fromTitle[1]);
  if (p) return Number(p[1].slice(0, 4));
  const own = /(\d{4})\s*年度?(?:本级|全区|全县|全市|全省|我\S)?(?:政府信息公开|政务公开)?[^。]{0,12}?(?:年度报告|工作报告|报告如下)/.exec(text);
  if (own) return Number(own[1]);
  const head = text.slice(0, 600);
  const counts = new Map<number, number>();
  for (const m of head.matchAll(/(20\d{2}|19\d{2})\s*年/g)) counts.set(Number(m[1]), (counts.get(Number(m[1])) ?? 0) + 1);
  // ties go to the year named first (2013年，… 在2012年…的基础上)
  const best = [...counts.entries()].sort((a, b) => b[1] - a[1])[0];
  if (best) return best[0];
  return published ? Number(published.slice(0, 4)) - 1 : null;
}

/**
 * The date the agency signed with (…统计表 平潭综合实验区农村发展局 2017年1月16日附件…), when the
 * trailer found none because a statistics table follows it: the agency's own name right before a
 * full date, the last such place in the body; never a date that dates a printing (…印发).
 */
function signedDate(body: string, names: ReadonlyArray<string | null>): string | null {
  let best: { at: number; iso: string } | null = null;
  for (const name of names) {
    if (!name) continue;
    for (let i = body.indexOf(name); i >= 0; i = body.indexOf(name, i + 1)) {
      const after = body.slice(i + name.length, i + name.length + 24);
      const lead = /^\s*/.exec(after)?.[0].length ?? 0;
      const d = findDates(after.slice(lead))[0];
      if (!d || d.start !== 0 || !/日$/.test(after.slice(lead, lead + d.end)) || /^\s*印发/.test(after.slice(lead + d.end))) continue;
      if (!best || i > best.at) best = { at: i, iso: d.iso };
    }
  }
  return best?.iso ?? null;
}

export function extractMeta(input: MetaInput): { meta: ReportMeta; contactSpans: ReturnType<typeof extractContact>['spans'] } {
  const { text, bodyStart, bodyEnd, pageMeta } = input;
  const body = text.slice(bodyStart, bodyEnd);
  // a body that states no title takes the page header's (标题) when it names a report, marked as such
  const pageTitle = pageMeta.title && /报告|年报/.test(pageMeta.title) ? pageMeta.title.replace(/\s+/g, '') : null;
  const stated = input.title?.title ?? pageTitle;
  const agency = detectAgency(body, stated, pageMeta.source);
  const p = period(body);
  const publishedAt = input.bodyDate ?? signedDate(body, [agency.agency, ...agency.aliases]) ?? pageMeta.publishedAt ?? null;
  const year = reportingYear(body, stated, p, publishedAt);
  const { contact, spans } = extractContact(text, bodyStart, bodyEnd);
  const regime = settleByYear(input.regime, year);
  const meta: ReportMeta = {
    title: stated,
    ...(stated ? { titleSource: input.title ? ('body' as const) : ('page' as const) } : {}),
    agency: agency.agency,
    level: agency.level,
    region: agency.region,
    year,
    period: p,
    publishedAt,
    addressee: input.addressee,
    contact,
    regime: regime.regime,
    regimeEvidence: regime.evidence,
  };
  if (agency.aliases.length > 0) meta.agencyAliases = agency.aliases;
  // a predecessor's key becomes its successor's (agency.renames.ts); the name stays as written
  if (agency.agencyKey) meta.agencyKey = renamedKey(agency.agencyKey, input.renames ?? BUNDLED_RENAMES);
  if (!stated && agency.agency && year) meta.inferredTitle = `${agency.agency}${year}年政府信息公开工作年度报告`;
  return { meta, contactSpans: spans };
}
