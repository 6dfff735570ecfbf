/**
 * The reporting agency, from what the report says, in order of trust: the
 * title (河南省交通运输厅2017年…; 平山县2017年… → 平山县人民政府; a cover
 * letter 关于报送《X2015年…》的函 → X), the signature (落款) at the end, the
 * opening sentences (由X编制, 现公布X2011年…, 结合X工作实际, 2019年，X认真…),
 * the name the text repeats (weighted by how the report calls itself: 我局,
 * 我镇…), the page header's 发布机构. Names are whole (agency.name.ts); short
 * forms become aliases of the full name the text gives (江西省民宗局 →
 * 江西省民族宗教事务局; 县乡村振兴局 → 青川县乡村振兴局 when the text names
 * 青川县); predecessor names stay as written.
 */
import type { AdminLevel, ReportMeta } from '@gongkai/core';
import { BARE_LEVEL, PLACE_END, isAgencyName, nameEndingAt, namesIn, runEndingAt, trimLead } from './agency.name.ts';
import { divisionAt, divisionChain, divisionPrefix, divisionsNamed, isMunicipality, type Division } from './divisions.data.ts';

export interface AgencyResult {
  agency: string | null;
  aliases: string[];
  level: AdminLevel | null;
  region: ReportMeta['region'];
  /** Region + agency, normalized (see agencyKeyOf). */
  agencyKey: string | null;
}

const HAN = '\\u4e00-\\u9fa5';
const NAME_RUN = `[${HAN}（）()·]`;
const YEAR = /(?:\d{4}|[〇○零一二三四五六七八九]{4})\s*年?度?/g;
const GOV_SUFFIXES = ['人民政府', '管理委员会', '管委会', '街道办事处', '办事处'];

function count(text: string, s: string): number {
  let n = 0;
  for (let i = text.indexOf(s); i >= 0; i = text.indexOf(s, i + s.length)) n++;
  return n;
}

/** True when the letters of `short` occur in `full` in order (省政府法制办 in 河南省人民政府法制办公室). */
function abbreviates(short: string, full: string): boolean {
  let i = 0;
  for (const ch of full) if (ch === short[i]) i++;
  return i === short.length;
}

/** A bare place name (平山县, 鹤游镇, 前进街道) → its government as the text names it. */
function governmentOf(place: string, text: string): string {
  const named = GOV_SUFFIXES.map((s) => place + s).filter((n) => text.includes(n));
  named.sort((a, b) => count(text, b) - count(text, a));
  if (named[0]) return named[0];
  if (/(实验区|试验区|开发区|新区|高新区|园区)$/.test(place) && text.includes('管委会')) return `${place}管委会`;
  if (/街道$/.test(place)) return place;
  return `${place}人民政府`;
}

/** The agency a title names: before the year (…关于报送《X2015年…》的函 → X), or after it (2017年度X政府信息公开…). */
function fromTitle(title: string): string | null {
  const t = title.replace(/\s+/g, '');
  const inner = new RegExp(`关于(?:报送|公布|印发|发布)《?(${NAME_RUN}{2,30}?)(?:关于)?(?:\\d{4}|[〇○零一二三四五六七八九]{4})年?`).exec(t);
  if (inner?.[1] && isAgencyName(trimLead(inner[1]), true)) return trimLead(inner[1]);
  const before = new RegExp(`^(${NAME_RUN}{2,40}?)(?:关于(?:报送|公布|印发|发布)?《?)?(?:\\d{4}|[〇○零一二三四五六七八九]{4})年?`).exec(t);
  if (before?.[1]) {
    const name = trimLead(before[1].replace(/关于(?:报送|公布|印发|发布)?《?$/, ''));
    if (isAgencyName(name, true)) return name;
  }
  const after = new RegExp(`^\\d{4}年度?(${NAME_RUN}{2,30}?)(?:政府信息公开|信息公开|政务公开)`).exec(t);
  if (after?.[1] && isAgencyName(after[1], true)) return after[1];
  return null;
}

/** The signature: the name right before the date that ends the body (not an 印发 line). */
function fromSignature(text: string): string | null {
  const tail = text.slice(Math.max(0, text.length - 400));
  const dates = [...tail.matchAll(/(?:\d{4}|[〇○零一二三四五六七八九]{4})\s*年\s*[\d〇○零一二三四五六七八九十]{1,3}\s*月\s*[\d〇○零一二三四五六七八九十]{1,3}\s*日(?!\s*印发)/g)];
  for (const d of dates.reverse()) {
    let end = d.index ?? 0;
    while (end > 0 && /\s/.test(tail[end - 1] as string)) end--;
    const name = nameEndingAt(tail, end);
    if (name) return name;
  }
  return null;
}

/** The opening sentences' ways of naming the author. */
function fromOpening(text: string): string | null {
  const head = text.slice(0, 1500);
  const tries: Array<string | null> = [];
  // 现公布X2011年… / 制定了X2019年度… / 现就X2023年… / 《X2024年…》 (a name or a place right before the year):
  // the report's subject, trusted over who compiled it (由县政府办公室编制的X县2015年度…报告 → X县)
  for (const m of head.matchAll(YEAR)) {
    if (!/^(?:政府信息公开|信息公开|政务公开|政府信息|政务信息|年度政府|工作|度政府)/.test(head.slice((m.index ?? 0) + m[0].length, (m.index ?? 0) + m[0].length + 6))) continue;
    if (inOtherDocument(head, m.index ?? 0)) continue;
    tries.push(nameEndingAt(head, m.index ?? 0, true));
  }
  // 由X编制 / 由X根据…编制
  for (const m of head.matchAll(new RegExp(`由(${NAME_RUN}{3,40}?)(?:编制|根据|按照|依据|依照)`, 'g'))) tries.push(checked(m[1] ?? '', true));
  // X编制了… / X编制完成… (the name right before 编制)
  for (const m of head.matchAll(/编制(?:了|完成|形成)?/g)) tries.push(nameEndingAt(head, m.index ?? 0));
  // 结合X工作实际 / 结合X年度政府信息公开情况
  for (const m of head.matchAll(new RegExp(`结合(${NAME_RUN}{3,40}?)(?:工作实际|实际|年度|信息公开|政府信息)`, 'g'))) tries.push(checked(m[1] ?? '', false));
  // 2019年，X认真… (the subject of the first sentence of the overview)
  const subject = new RegExp(`(?:\\d{4}年度?|\\d{1,2}月\\d{1,2}日|以来|领导下|指导下)[，,、]\\s*(${NAME_RUN}{3,40}?)(?:认真|坚持|根据|按照|严格|高度|深入|继续|进一步|在|以|紧紧|全面|始终|通过|积极|切实|着力|围绕|把|政府信息公开|信息公开|政务公开)`, 'g');
  for (const m of head.matchAll(subject)) tries.push(checked(m[1] ?? '', true));
  return tries.find((t) => t !== null) ?? null;
}

/** True inside the name of another document (《福建省2020年政务公开工作要点》): a 《…》 that is not a report. */
function inOtherDocument(text: string, at: number): boolean {
  const open = text.lastIndexOf('《', at);
  if (open < 0 || text.lastIndexOf('》', at) > open) return false;
  const close = text.indexOf('》', at);
  return close < 0 || !/报告$/.test(text.slice(open + 1, close));
}

function checked(run: string, allowPlace: boolean): string | null {
  const name = trimLead(run);
  return isAgencyName(name, allowPlace) ? name : null;
}

/** Self-references such as 我办, 我厅, 我区: the most frequent one's word. */
function selfReference(text: string): string | null {
  const counts = new Map<string, number>();
  for (const m of text.matchAll(/我(办|厅|局|委|区|县|市|镇|乡|街道|省|中心|院|署)/g)) counts.set(m[1] as string, (counts.get(m[1] as string) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
}

/** The name the text repeats, counting one that fits how the report calls itself double and a contact office half. */
function fromRepetition(text: string, self: string | null): string | null {
  const head = text.slice(0, 4000);
  const scores = new Map<string, number>();
  const add = (name: string, w: number) => scores.set(name, (scores.get(name) ?? 0) + w);
  for (const { name, end } of namesIn(head)) {
    if (BARE_LEVEL.test(name)) continue;
    let w = /^(?:办公室)?联系/.test(head.slice(end, end + 5)) ? 0.5 : 1;
    if (self && fits(name, self)) w *= 2;
    add(name, w);
  }
  if (self && /^(区|县|市|镇|乡|街道|省)$/.test(self)) {
    // a place that calls itself 我镇: the places of that kind the text names
    for (const m of head.matchAll(new RegExp(`${self}(?![${HAN}]*?(?:委|局|厅|办))`, 'g'))) {
      const name = nameEndingAt(head, (m.index ?? 0) + self.length, true);
      if (name && PLACE_END.test(name) && !BARE_LEVEL.test(name)) add(name, 1);
    }
  }
  let best: string | null = null;
  let bestW = 0;
  for (const [n, w] of scores) if (w > bestW || (w === bestW && best !== null && n.length > best.length)) [best, bestW] = [n, w];
  return bestW >= 1.5 ? best : null;
}

function fits(name: string, self: string): boolean {
  if (self === '委') return /(委|委员会)(?:[（(].*[）)])?$/.test(name);
  if (self === '办') return /(办|办公室|办公厅)$/.test(name);
  if (/^(区|县|市|镇|乡|街道|省)$/.test(self)) return new RegExp(`${self}(?:人民政府|政府|办事处|管委会)?$`).test(name);
  return name.endsWith(self);
}

/** 省政府法制办 (the short name a report repeats) → 河南省人民政府法制办公室 (the full name it gives once). */
function fromSelfShortName(text: string, self: string | null): { agency: string; alias: string } | null {
  if (!self || /^(区|县|市|镇|乡|街道|省)$/.test(self)) return null;
  const shorts = new Map<string, number>();
  for (const m of text.matchAll(new RegExp(`((?:[${HAN}]{2,3}[省市县区])?[省市县区](?:人民)?政府[${HAN}]{1,5}?${self})(?!公)`, 'g'))) shorts.set(m[1] as string, (shorts.get(m[1] as string) ?? 0) + 1);
  const short = [...shorts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
  if (!short) return null;
  const full = [...text.matchAll(new RegExp(`[${HAN}]{2,4}[省市县区]人民政府[${HAN}]{1,8}?(?:办公室|办公厅|${self})`, 'g'))]
    .map((m) => trimLead(m[0]))
    .filter((f) => f !== short && abbreviates(short, f) && f.endsWith(self === '办' ? '办公室' : self) && isAgencyName(f))
    .sort((a, b) => count(text, b) - count(text, a))[0];
  return full ? { agency: full, alias: short } : null;
}

/** The government of a place whose disclosure office compiled the report (太原市政府信息公开领导小组办公室 → 太原市人民政府). */
function governmentBehindOffice(name: string, text: string): string {
  const m = /^(.+?)(?:人民政府|政府)?(?:信息公开|政务公开|政府信息公开)(?:工作)?(?:领导小组办公室|领导小组|办公室|办)$/.exec(name);
  if (!m?.[1] || !PLACE_END.test(m[1])) return name;
  return governmentOf(m[1], text);
}

/** A short form that starts from the level word (县乡村振兴局, 市教育局) → the full name the text states, or the text's place of that level + the rest. */
function expandBareLevel(name: string, text: string): string {
  if (!BARE_LEVEL.test(name)) return name;
  const level = name[0] as string;
  const rest = name.slice(1);
  const stated = new Map<string, number>();
  for (let i = text.indexOf(name); i >= 0; i = text.indexOf(name, i + 1)) {
    const full = trimLead(runEndingAt(text, i + name.length));
    if (full.length > name.length && full.endsWith(name) && placeStartsWithLevel(full, level)) stated.set(full, (stated.get(full) ?? 0) + 1);
  }
  const best = [...stated.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
  if (best) return best;
  const place = mostFrequentPlace(text, level);
  return place ? place + rest : name;
}

function placeStartsWithLevel(full: string, level: string): boolean {
  const chain = divisionChain(full);
  const last = chain[chain.length - 1];
  return !!last && full.startsWith(last.name.slice(0, 1)) && last.name.endsWith(level === '州' ? '州' : level);
}

/** The division of a level (县, 市, 区, 省) the text names most often. */
function mostFrequentPlace(text: string, level: string): string | null {
  const counts = new Map<string, number>();
  for (let i = text.indexOf(level); i >= 0; i = text.indexOf(level, i + 1)) {
    for (let len = 6; len >= 3; len--) {
      if (i + 1 - len < 0) continue;
      const name = text.slice(i + 1 - len, i + 1);
      if (divisionsNamed(name).some((d) => d.name === name)) {
        counts.set(name, (counts.get(name) ?? 0) + 1);
        break;
      }
    }
  }
  return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
}

/** The prefecture or province (by full name) the text names most often; a prefecture wins a tie. */
function mostFrequentDivision(text: string): Division | null {
  const counts = new Map<Division, number>();
  for (let i = 0; i < text.length; i++) {
    const hit = divisionAt(text, i);
    const d = hit?.divisions.find((x) => x.name === hit.name && x.level !== 'county');
    if (hit && d) {
      counts.set(d, (counts.get(d) ?? 0) + 1);
      i += hit.name.length - 1;
    }
  }
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0].level === 'city' ? -1 : 1))[0]?.[0] ?? null;
}

/** A short name the text also gives in full (江西省民宗局 … 江西省民族宗教事务局编制): the full one, the short as alias. */
function fullerInText(name: string, text: string): string | null {
  const prefix = divisionAt(name, 0)?.name ?? '';
  if (!prefix) return null;
  if (!/(局|委|办|厅)$/.test(name)) return null;
  const ends = (n: string) => (name.endsWith('委') ? /(?:委员会|委)$/.test(n) : name.endsWith('办') ? /(?:办公室|办)$/.test(n) : n.endsWith(name.slice(-1)));
  let best: string | null = null;
  for (let i = text.indexOf(prefix); i >= 0; i = text.indexOf(prefix, i + 1)) {
    for (const { name: n } of namesIn(text.slice(i, i + 40))) {
      if (n.length > name.length && n.length <= name.length + 10 && n.startsWith(prefix) && ends(n) && abbreviates(name, n) && (!best || count(text, n) > count(text, best))) best = n;
      break;
    }
  }
  return best;
}

/** The divisions that spell all of `place` (福州市晋安区 → 福州市, 晋安区), or null when some of it is not a division. */
function wholeChain(place: string): Division[] | null {
  const { chain, length } = divisionPrefix(place);
  return length === place.length && chain.length > 0 ? chain : null;
}

/** province / city / county / district / township for a government, department for any other agency. */
function levelOf(agency: string): AdminLevel | null {
  if (/(街道办事处|街道|苏木)$/.test(agency)) return 'township';
  const gov = /^(.*?)(人民政府|政府|管理委员会|管委会|行政公署)$/.exec(agency);
  const place = gov ? (gov[1] ?? '') : PLACE_END.test(agency) && !/(局|厅|委|办|中心)/.test(agency) ? agency : null;
  if (place === null) return /(厅|局|委员会|委|办公室|办公厅|办|中心|署|院|所|馆|站|队|部|海关|联合社)(?:[（(].*[）)])?$/.test(agency) ? 'department' : null;
  if (/(镇|乡|街道|苏木)$/.test(place)) return 'township';
  const last = wholeChain(place)?.at(-1);
  if (last) {
    if (last.level === 'province') return 'province';
    if (last.level === 'city') return 'city';
    return /区$/.test(last.name) ? 'district' : 'county';
  }
  if (/(省|自治区)$/.test(place) || isMunicipality(place)) return 'province';
  if (/(县|旗)$/.test(place)) return 'county';
  if (/区$/.test(place)) return 'district';
  if (/(市|州|盟|地区)$/.test(place)) return 'city';
  return null;
}

/** Province, city and county of an agency: from the divisions its name starts with, completed from the list, then from the text. */
function regionOf(agency: string | null, text: string): ReportMeta['region'] {
  const region: NonNullable<ReportMeta['region']> = {};
  const placed = agency?.replace(/^中共/, '') ?? null;
  let chain: Division[] = placed ? divisionChain(placed) : [];
  const first = placed ? divisionAt(placed, 0) : null;
  if (first && new Set(first.divisions.map((d) => d.city ?? d.province)).size > 1) {
    // a name several places share (鼓楼区: Nanjing, Fuzhou, Xuzhou, Kaifeng): the one whose prefecture or province the text names
    const named = mostFrequentDivision(text.slice(0, 6000));
    const d = named ? first.divisions.find((x) => x.city === named.name || x.province === named.province) : undefined;
    chain = d ? [d, ...chain.slice(1)] : [];
    if (!d && first.divisions[0]?.level === 'county') region.county = first.divisions[0].name;
  }
  for (const d of chain) {
    region.province ??= d.province;
    if (d.level === 'city') region.city ??= d.name;
    if (d.level === 'county') {
      region.county ??= d.name;
      if (d.city) region.city ??= d.city;
    }
  }
  if (agency && !region.county) {
    // a county the list does not know (renamed, or written short), right after the known divisions
    const rest = (placed ?? agency).slice(divisionPrefix(placed ?? agency).length);
    const county = new RegExp(`^([${HAN}]{2,6}?(?:县|区|旗))(?:人民政府|政府|$)`).exec(rest)?.[1];
    if (county && !/(实验区|试验区|开发区|新区)$/.test(county)) region.county = county;
  }
  if (region.province && isMunicipality(region.province)) delete region.city;
  if (!region.province) {
    // a name without its superiors (科右前旗索伦镇): the prefecture or province the text names most often
    const d = mostFrequentDivision(text.slice(0, 6000));
    if (d) {
      region.province = d.province;
      if (d.level === 'city' && !isMunicipality(d.province)) region.city ??= d.name;
    }
  }
  return Object.keys(region).length > 0 ? region : null;
}

/**
 * The key that groups one agency's reports across spellings: the region
 * (province/city/county as far as known) and the name without its place
 * prefix, 人民政府 → 政府, a final 管理委员会 → 管委会, brackets half-width, no spaces.
 * 平潭县财政局 and 平潭综合实验区财政金融局 keep different keys: a renamed
 * agency is another name, and the report states which one wrote it.
 */
export function agencyKeyOf(agency: string, region: ReportMeta['region']): string {
  const party = agency.startsWith('中共') ? '中共' : '';
  let rest = agency.replace(/\s+/g, '').slice(party.length);
  rest = party + rest.slice(divisionPrefix(rest).length);
  rest = rest.replace(/人民政府/g, '政府').replace(/管理委员会$/, '管委会').replace(/（/g, '(').replace(/）/g, ')');
  const where = [region?.province, region?.city, region?.county].filter(Boolean).join('/');
  return `${where}:${rest || '政府'}`;
}

/**
 * A body whose name alone is unique in the country (中国证券监督管理委员会福建监管局,
 * 国家税务总局…): keyed without a region. Any other name with no region known
 * (兴华乡人民政府, 北京街道办事处: one of many) gets no key: never guessed.
 */
const NATIONWIDE = /^(?:中国|中华人民共和国|国家|全国|国务院)/;

/** What each source names, in order of trust (for tests and for explaining a result). */
export function agencySources(text: string, title: string | null, pageSource?: string): Record<string, string | null> {
  const self = selfReference(text);
  return {
    title: title ? fromTitle(title) : null,
    signature: fromSignature(text),
    selfShort: fromSelfShortName(text, self)?.agency ?? null,
    opening: fromOpening(text),
    repetition: fromRepetition(text, self),
    pageSource: pageSource && isAgencyName(pageSource.replace(/\s+/g, '')) ? pageSource.replace(/\s+/g, '') : null,
  };
}

export function detectAgency(text: string, title: string | null, pageSource: string | undefined): AgencyResult {
  const self = selfReference(text);
  const aliases: string[] = [];
  let agency: string | null = null;
  const titled = title ? fromTitle(title) : null;
  const selfShort = titled ? null : fromSelfShortName(text, self);
  const source = pageSource && isAgencyName(pageSource.replace(/\s+/g, '')) ? pageSource.replace(/\s+/g, '') : null;
  agency = titled ?? fromSignature(text) ?? selfShort?.agency ?? fromOpening(text) ?? fromRepetition(text, self) ?? source;
  if (selfShort && agency === selfShort.agency) aliases.push(selfShort.alias);
  if (agency) {
    const office = governmentBehindOffice(agency, text);
    if (office !== agency) agency = office;
    const expanded = expandBareLevel(agency, text);
    if (expanded !== agency) {
      aliases.push(agency);
      agency = expanded;
    }
    if (PLACE_END.test(agency) && !/(局|厅|委|办|中心)$/.test(agency)) {
      const gov = governmentOf(agency, text);
      if (gov !== agency) {
        aliases.push(agency);
        agency = gov;
      }
    }
    // X区政府… written short where the text gives X区人民政府…
    const short = /^(.+?[省市县区旗盟州])政府(.*)$/.exec(agency);
    if (short && !agency.includes('人民政府') && text.includes(`${short[1]}人民政府${short[2]}`)) {
      aliases.push(agency);
      agency = `${short[1]}人民政府${short[2]}`;
    }
    const fuller = fullerInText(agency, text);
    if (fuller) {
      aliases.push(agency);
      agency = fuller;
    }
    const parts = /^(.+?(?:省|市|县|区))(?:人民)?政府(.+)$/.exec(agency);
    if (parts && text.includes(`${parts[1]}政府${parts[2]}`)) aliases.push(`${parts[1]}政府${parts[2]}`);
  }
  const region = regionOf(agency, text);
  return {
    agency,
    aliases: [...new Set(aliases)].filter((a) => a !== agency),
    level: agency ? levelOf(agency) : null,
    region,
    agencyKey: agency && (region || NATIONWIDE.test(agency)) ? agencyKeyOf(agency, region) : null,
  };
}
