/**
 * The reporting agency: from the title when there is one (河南省交通运输厅2017年…,
 * 平山县2017年… → 平山县人民政府), otherwise from how the report names itself
 * (我办 … 省政府法制办 … 河南省人民政府法制办公室; 我区 … 卫滨区). Short forms
 * the text uses become aliases of the full name it gives once.
 */
import type { AdminLevel, ReportMeta } from '@gongkai/core';
import { isKnownCity, provinceAt, provinceOfCity } from './places.data.ts';

export interface AgencyResult {
  agency: string | null;
  aliases: string[];
  level: AdminLevel | null;
  region: ReportMeta['region'];
}

const HAN = '\\u4e00-\\u9fa5';
const PLACE_END = /(省|市|县|区|州|旗|盟|镇|乡)$/;
const GOV_SUFFIXES = ['人民政府', '管理委员会', '管委会'];
const GENERIC_PLACE = /^(全|我|本|各|辖|城|该|片|分|园|小|社|景|新|老|市|县|省|地|山|矿|两|三|湾|库|灾|林|牧|农|港|保税|开发|实验|试验|综合实验|示范|功能|自贸|行政|街|市辖|本辖)/;

function count(text: string, s: string): number {
  let n = 0;
  for (let i = text.indexOf(s); i >= 0; i = text.indexOf(s, i + s.length)) n++;
  return n;
}

function mostFrequent(text: string, re: RegExp, accept: (s: string) => boolean = () => true): string | null {
  const counts = new Map<string, number>();
  for (const m of text.matchAll(re)) {
    const s = m[1] ?? m[0];
    if (accept(s)) counts.set(s, (counts.get(s) ?? 0) + 1);
  }
  let best: string | null = null;
  let bestN = 0;
  for (const [s, n] of counts) if (n > bestN || (n === bestN && best !== null && s.length > best.length)) [best, bestN] = [s, n];
  return best;
}

/** True when the letters of `short` occur in `full` in order (省政府法制办 in 河南省人民政府法制办公室). */
function abbreviates(short: string, full: string): boolean {
  let i = 0;
  for (const ch of full) if (ch === short[i]) i++;
  return i === short.length;
}

/** A bare place name (平山县) → its government as the text names it. */
function governmentOf(place: string, text: string): string {
  const named = GOV_SUFFIXES.map((s) => place + s).filter((n) => text.includes(n));
  named.sort((a, b) => count(text, b) - count(text, a));
  if (named[0]) return named[0];
  // a zone run by a management committee (平潭综合实验区 … 管委会)
  if (/(实验区|试验区|开发区|新区|高新区|园区)$/.test(place) && text.includes('管委会')) return `${place}管委会`;
  return `${place}人民政府`;
}

/** The agency named by a title: what precedes the year (or follows it: 2017年度XX局政府信息公开…). */
function fromTitle(title: string): string | null {
  const t = title.replace(/\s+/g, '');
  const before = new RegExp(`^([${HAN}（）()·]{2,30}?)(?:关于)?\\d{4}年`).exec(t);
  if (before?.[1]) return before[1];
  const after = new RegExp(`^\\d{4}年度?([${HAN}]{2,30}?)(?:政府信息公开|信息公开|政务公开)`).exec(t);
  return after?.[1] ?? null;
}

/** Self-references such as 我办, 我厅, 我区: the most frequent one's last character. */
function selfReference(text: string): string | null {
  return mostFrequent(text, /我(办|厅|局|委|区|县|市|镇|乡|省|中心|院|署)/g);
}

function fromSelfReference(text: string): { agency: string; aliases: string[] } | null {
  const self = selfReference(text);
  if (!self) return null;
  if (PLACE_END.test(self)) {
    const place = mostFrequent(text, new RegExp(`([${HAN}]{2,4}${self})`, 'g'), (s) => !GENERIC_PLACE.test(s) && !s.includes('我'));
    if (!place) return null;
    return { agency: governmentOf(place, text), aliases: [place] };
  }
  const short = mostFrequent(text, new RegExp(`((?:[${HAN}]{2,3}[省市县区])?[省市县区](?:人民)?政府[${HAN}]{1,5}?${self})(?!公)`, 'g'))
    ?? mostFrequent(text, new RegExp(`((?:[${HAN}]{2,3}省|[${HAN}]{2,4}市)[${HAN}]{2,8}?${self})(?!公)`, 'g'));
  if (!short) return null;
  const fulls = [...text.matchAll(new RegExp(`[${HAN}]{2,4}[省市县区]人民政府[${HAN}]{1,8}?(?:办公室|办公厅|${self})`, 'g'))]
    .map((m) => m[0])
    .filter((f) => f !== short && abbreviates(short, f) && f.endsWith(self === '办' ? '办公室' : self));
  const full = fulls.sort((a, b) => count(text, b) - count(text, a))[0];
  return full ? { agency: full, aliases: [short] } : { agency: short, aliases: [] };
}

function levelOf(agency: string): AdminLevel | null {
  const gov = /^(.*?)(人民政府|政府|管理委员会|管委会)$/.exec(agency);
  if (!gov) return /(厅|局|委员会|委|办公室|办公厅|办|中心|署|院|所|馆)$/.test(agency) ? 'department' : null;
  const place = gov[1] ?? '';
  if (/^(北京|天津|上海|重庆)市$/.test(place) || /(省|自治区)$/.test(place)) return 'province';
  if (/(县|旗)$/.test(place)) return 'county';
  if (/(镇|乡|街道)$/.test(place)) return 'township';
  if (/(区)$/.test(place)) return 'district';
  if (/(市|州|盟|地区)$/.test(place)) return 'city';
  return null;
}

/** The known prefecture-level city the text names most often ("新乡市", "平顶山市"). */
function knownCityIn(text: string): string | null {
  const counts = new Map<string, number>();
  for (let i = text.indexOf('市'); i >= 0; i = text.indexOf('市', i + 1)) {
    for (let len = 4; len >= 2; len--) {
      const name = text.slice(Math.max(0, i - len), i);
      if (name.length === len && isKnownCity(name)) {
        counts.set(`${name}市`, (counts.get(`${name}市`) ?? 0) + 1);
        break;
      }
    }
  }
  return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
}

function regionOf(agency: string | null, text: string): ReportMeta['region'] {
  const region: NonNullable<ReportMeta['region']> = {};
  const name = agency ?? '';
  const province = provinceAt(name);
  if (province) region.province = province;
  const city = new RegExp(`([${HAN}]{2,4}?(?:市|自治州|地区|盟))`).exec(name.replace(region.province ?? '', ''))?.[1];
  if (city && !/^(北京|天津|上海|重庆)市$/.test(city)) region.city = city;
  const county = new RegExp(`([${HAN}]{2,6}?(?:县|区|旗))(?:人民政府|政府|$)`).exec(name.replace(region.province ?? '', '').replace(region.city ?? '', ''))?.[1];
  if (county) region.county = county;
  if (!region.city) {
    // a known city the text names as a superior (新乡市人民政府办公室…, 平顶山市光明路…)
    const c = knownCityIn(text.slice(0, 6000));
    if (c && (region.county || !region.province)) region.city = c;
  }
  if (!region.province && region.city) region.province = provinceOfCity(region.city);
  if (!region.province && name.startsWith('平潭')) region.province = '福建省';
  if (!region.province) {
    const p = mostFrequent(text.slice(0, 6000), /([\u4e00-\u9fa5]{2,3}省)/g, (s) => provinceAt(s) === s);
    if (p) region.province = p;
  }
  return Object.keys(region).length > 0 ? region : null;
}

export function detectAgency(text: string, title: string | null, pageSource: string | undefined): AgencyResult {
  let agency: string | null = null;
  let aliases: string[] = [];
  const named = title ? fromTitle(title) : null;
  if (named) {
    if (PLACE_END.test(named)) {
      agency = governmentOf(named, text);
      aliases = [named];
    } else agency = named;
  } else {
    const self = fromSelfReference(text);
    if (self) ({ agency, aliases } = self);
    else if (pageSource) agency = pageSource;
  }
  if (agency) {
    const parts = /^(.+?(?:省|市|县|区))(?:人民)?政府(.+)$/.exec(agency);
    if (parts && !aliases.includes(`${parts[1]}政府${parts[2]}`) && text.includes(`${parts[1]}政府${parts[2]}`)) aliases.push(`${parts[1]}政府${parts[2]}`);
  }
  return { agency, aliases: aliases.filter((a) => a !== agency), level: agency ? levelOf(agency) : null, region: regionOf(agency, text) };
}
