/**
 * Where an agency name starts and whether a string is one. Names are read
 * leftwards from where they end (an organisation word such as 局, 人民政府,
 * 办公室, or a place word when a title names a place): the run of name
 * characters back to punctuation, a digit or a space. The run is then trimmed
 * of the words of the sentence around it (现就, 请与, 做好, 年 of 2016年…),
 * never of a place: a run that starts with a known division (the national
 * list, divisions.data.ts) or a township (by suffix) is kept whole, so
 * X江县Y乡人民政府 stays whole and 请与X区人民政府 loses only 请与.
 */
import { divisionAt, divisionPrefix } from './divisions.data.ts';

const HAN = /[\u4e00-\u9fa5·]/;
/** Characters that never occur inside an agency name: a run stops before them. */
const NEVER_IN_NAME = /[的了]/;

/** How an agency name ends: an organisation word, optionally a parenthesised second name (民族事务委员会（宗教事务局）). */
export const ORG_END = /(?:人民政府|政府|管理委员会|管委会|街道办事处|办事处|行政公署|办公厅|办公室|委员会|总局|局|厅|委|办|中心|署|院|站|队|馆|所|部|海关|联合社)(?:[（(][\u4e00-\u9fa5]{2,12}(?:局|委员会|委|办|厅)[）)])?$/;
/** How a bare place ends (a title or a sentence names a place: 平山县2017年…, 2019年度,科右前旗索伦镇根据…). */
export const PLACE_END = /(?:省|自治区|市|自治州|州|地区|盟|县|区|旗|镇|乡|街道|苏木)$/;
/** A township-level place by its suffix: townships are not in the division list. */
export const TOWNSHIP = /^[\u4e00-\u9fa5]{2,6}?(?:街道|苏木|镇|乡)(?:人民政府|政府|街道办事处|办事处)?$/;
/** Zones run by a management committee, named like places (平潭综合实验区, 浦东新区). */
const ZONE_SHORT = /^[\u4e00-\u9fa5]{2,3}(?:新区|开发区|高新区|管理区)/;
/** A short form that starts from the level word alone (市科委, 县乡村振兴局, 区管委会办公室): expanded from the text. */
export const BARE_LEVEL = /^(?:省|市|县|区|州|旗|盟)(?!委员会$|政府$|人民政府$)/;
const NATIONAL = /^(?:国家|国务院|中华人民共和国|中国|全国)/;
/** Not a name whatever its ending: sentence words inside. */
const NOT_A_NAME = /通过|主动|开展|推进|加强|落实|贯彻|政府网|门户|关于|报送|根据|按照|要求|编制|报告|条例|年度|以下|简称|负责|领导下|工作的|门户网站|网站|联系|地址|电话|通知|意见|办法|规定|制度/;

/** Words of the sentence that precede a name (longest first where one is the start of another). */
const LEAD_WORDS = [
  '如对本报告有任何疑问', '如对本报告有疑问', '如有任何疑问', '如有疑问', '特向社会公布', '现予以公布', '现予公布', '现将', '现就', '现对', '现予', '现', '根据', '按照', '结合', '汇总', '制定了', '制定', '编制了', '编制', '做好', '请与', '请', '以及',
  '认真', '切实', '进一步', '积极', '附件', '附表', '抄送', '关于', '报送', '公布', '发布', '印发', '转发', '同时', '截至', '截止', '年度', '年', '月', '日', '就', '在', '由', '与', '以', '对', '经', '向', '将', '为', '是', '和', '及', '并', '从', '据', '按', '于', '至', '止', '即', '全', '本', '该', '各', '其', '此', '系', '把', '被', '使', '让', '给', '同', '跟', '到', '等',
];

/** The run of name characters (Han, ·, balanced parentheses) that ends at `end`, at most `max` long. */
export function runEndingAt(text: string, end: number, max = 40): string {
  let i = end;
  let depth = 0;
  while (i > 0 && end - i < max) {
    const ch = text[i - 1] as string;
    if (ch === '）' || ch === ')') depth++;
    else if (ch === '（' || ch === '(') {
      if (depth === 0) break;
      depth--;
    } else if (!HAN.test(ch) || NEVER_IN_NAME.test(ch)) {
      if (depth === 0) break;
    }
    i--;
  }
  return text.slice(i, end);
}

/** True when a known division or a zone with a short name of its own starts `s` (a zone on a division's name starts with that division). */
export function placeStarts(s: string): boolean {
  return divisionAt(s, 0) !== null || ZONE_SHORT.test(s);
}

/** Trims the sentence words in front of a name; a run that starts with a place keeps it. */
export function trimLead(run: string): string {
  let s = run;
  for (let guard = 0; guard < 8; guard++) {
    if (placeStarts(s)) return s;
    const w = LEAD_WORDS.find((x) => s.startsWith(x) && s.length - x.length >= 3);
    if (!w) break;
    s = s.slice(w.length);
  }
  // a known place (by its full name) inside, after words that are not a name of their own (为认真做好京山市卫生健康局 → 京山市卫生健康局)
  if (BARE_LEVEL.test(s) || (s.startsWith('中共') && placeStarts(s.slice(2)))) return s;
  for (let i = 1; i < s.length - 2 && i <= 8; i++) {
    const hit = divisionAt(s, i);
    if (hit && hit.divisions.some((d) => d.name === hit.name) && !/(?:政府|委员会|局|厅|委|办|公司|中心|[省市县区州旗盟镇乡])/.test(s.slice(0, i))) return s.slice(i);
  }
  return s;
}

/** True when `name` is a whole agency (or place) name: anchored at a place, a level word or the nation, ending as an agency or place does. */
export function isAgencyName(name: string, allowPlace = false): boolean {
  if (name.length < 3 || name.length > 40) return false;
  if (NOT_A_NAME.test(name)) return false;
  if (!ORG_END.test(name) && !(allowPlace && PLACE_END.test(name))) return false;
  // a township: its own name (2 to 6 characters) after the divisions it belongs to
  // a party organ (中共X县委…) is anchored by its place
  const body = name.startsWith('中共') ? name.slice(2) : name;
  return placeStarts(body) || TOWNSHIP.test(body.slice(divisionPrefix(body).length)) || BARE_LEVEL.test(name) || NATIONAL.test(name);
}

/** The name that ends at `end` in `text`, trimmed and checked; null when the run there is not a name. */
export function nameEndingAt(text: string, end: number, allowPlace = false): string | null {
  const run = runEndingAt(text, end);
  // a parenthesis that is not a second name (…办公室（以下简称市府办公室）): the name ends before it
  const paren = /[（(]([^（()）]*)[）)]$/.exec(run);
  if (paren && !/^[\u4e00-\u9fa5]{2,12}(?:局|委员会|委|办|厅)$/.test(paren[1] ?? '')) return nameEndingAt(text, end - run.length + (paren.index ?? 0), allowPlace);
  const name = trimLead(run);
  return isAgencyName(name, allowPlace) ? name : null;
}

/** Every agency name (organisation-ended) in `text` with where it ends, longest ending at each place. */
export function namesIn(text: string): Array<{ name: string; end: number }> {
  const out: Array<{ name: string; end: number }> = [];
  const re = /(?:人民政府|政府|管理委员会|管委会|街道办事处|办事处|办公厅|办公室|委员会|总局|局|厅|委|中心)(?:[（(][\u4e00-\u9fa5]{2,12}(?:局|委员会|委|办|厅)[）)])?/g;
  for (const m of text.matchAll(re)) {
    const end = (m.index ?? 0) + m[0].length;
    // the longest reading at this place: 办公室 over 办, 委员会 over 委; skip an ending that continues (局长, 委托, 政府网站)
    const after = text.slice(end, end + 8);
    if (/^(?:长|员|托|属|系|所|面|部|内|外|网|门户|工作|领导|党组|机关)/.test(after)) continue;
    // 政府 of 政府信息公开, or of a longer name going on to its office (…人民政府外事办公室)
    if (/政府$/.test(m[0]) && /^(?:信息公开|[\u4e00-\u9fa5]{0,6}?(?:办公室|办公厅))/.test(after)) continue;
    const name = nameEndingAt(text, end);
    if (name) out.push({ name, end });
  }
  return out;
}
