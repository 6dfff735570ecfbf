/**
 * The title at the top of the body. Among the first lines, the first that is
 * (or whose next one or two lines complete) a year + …报告 heading, after the
 * page's own words in front of it: 标题/名称 labels, 正文, a page number, a list
 * marker (1、), a document number (岚经发〔2021〕17号), table pipes. A title
 * ends its line or is followed by a space or the page's chrome (来源, 发布时间,
 * "- site name"); one that runs on into other words (…报告”集中公开专题页面)
 * is a sentence or a banner, not the title. A short note in brackets after
 * 报告 (（全文）, （摘要）) belongs to the title. A cover letter 关于报送《X》的函
 * is titled by the report it names (X).
 */
export interface TitleHit {
  title: string;
  start: number;
  end: number;
}

const YEAR = '(?:\\d{4}|[〇○零一二三四五六七八九]{4})';
/** A heading: up to 40 name characters, the year, up to 40 more, 报告 (…的函 / …的通知 of a cover letter). */
const TITLE = new RegExp(`^[\\u4e00-\\u9fa5（）()《》“”"·、\\s]{0,40}?${YEAR}\\s*年?\\s*度?[^。，,；;：:|？?!！\\n]{0,40}?报告(?:》?的(?:函|通知)|[（(][\\u4e00-\\u9fa5]{1,8}[）)])?`);
/** What may follow a title on its line. */
const AFTER = /^(?:$|\s|[|｜?？\-_—－]|(?:来源|发布|时间|更新|日期|索引|浏览|作者|字号|点击)[:：\s]|根据|依据|按照|本报告|本年报|本年度|现将|今年|\d{4}年)/;
/** The page's words in front of a title. */
const LEAD = /^(?:[|｜\s]+|标\s*题\s*[:：]?|名\s*称\s*[:：]?|正\s*文\s*[:：]?|第?\d{1,3}页?\s+|\d{1,2}[、.．]\s*|[\u4e00-\u9fa5]{1,6}〔\d{4}〕\d+号\s*)/;
const COVER = /^关于(?:报送|印发)《([^》]{6,80}报告)》的(?:函|通知)$/;
const MAX_LINES = 14;
/** Lines of the page that never begin a title. */
const GENERIC_LINE = /^(?:政府信息公开|信息公开|政务公开|正文|首页.*|当前位置.*)$/;

function clean(s: string): string {
  return s.replace(/\s+/g, '');
}

interface Line {
  s: string;
  start: number;
}

function linesOf(text: string, start: number, end: number): Line[] {
  const lines: Line[] = [];
  let pos = start;
  while (pos < end && lines.length < MAX_LINES) {
    const nl = text.indexOf('\n', pos);
    const e = nl < 0 || nl > end ? end : nl;
    const raw = text.slice(pos, e);
    if (raw.trim()) lines.push({ s: raw, start: pos });
    pos = e + 1;
  }
  return lines;
}

/** The line with the page's lead words removed, and how many characters they took. */
function stripLead(s: string): { s: string; cut: number } {
  let cut = 0;
  let rest = s;
  for (let m = LEAD.exec(rest); m && m[0].length > 0; m = LEAD.exec(rest)) {
    cut += m[0].length;
    rest = rest.slice(m[0].length);
  }
  return { s: rest, cut };
}

/** A title at the start of `s` that ends where a title may end, or null. */
function titleAt(s: string): string | null {
  const m = TITLE.exec(s);
  if (!m) return null;
  // a cover letter's title closes itself (…的函); any other must end where a title may end
  if (!/的(?:函|通知)$/.test(m[0]) && !AFTER.test(s.slice(m[0].length))) return null;
  // the page's words before the title, separated by spaces (登录 注册 无障碍浏览 兴华乡2010年…): the title is the last one or two pieces
  const year = new RegExp(YEAR).exec(m[0]);
  const before = m[0].slice(0, year?.index ?? 0);
  const pieces = before.split(/\s+/);
  const keep = pieces[pieces.length - 1] === '' ? 2 : 1;
  const t = clean(pieces.slice(-keep).join('') + m[0].slice(year?.index ?? 0));
  if (!/公开|年报|年度报告/.test(t) || t.length < 8 || /\d{1,2}月\d{1,2}日|星期/.test(t)) return null;
  return t;
}

export function detectTitle(text: string, start: number, end: number): TitleHit | null {
  const lines = linesOf(text, start, end);
  for (let i = 0; i < lines.length; i++) {
    const first = lines[i] as Line;
    const { s, cut } = stripLead(first.s);
    const at = first.start + cut;
    const alone = titleAt(s);
    if (alone) {
      const cover = COVER.exec(alone);
      const from = at + (s.length - s.trimStart().length);
      // …报告的通知 without its 关于公布 (left on the line before): the report's own title
      const title = cover?.[1] ? clean(cover[1]) : alone.includes('关于') ? alone : alone.replace(/的(?:通知|函)$/, '');
      return { title, start: from, end: first.start + first.s.trimEnd().length };
    }
    // a title split over two or three lines: short lines without sentence punctuation
    if (s.trim().length > 40 || /[。，,；;：:]/.test(s) || GENERIC_LINE.test(s.trim())) continue;
    let joined = s.trim();
    for (let k = 1; k <= 2 && i + k < lines.length; k++) {
      const next = lines[i + k] as Line;
      const part = next.s.trim();
      // the next line a title of its own that names its agency (政府信息公开 / 四川省2014年…): not a continuation
      const own = titleAt(stripLead(next.s).s);
      if (part.length > 60 || (own && (new RegExp(YEAR).exec(joined) || !new RegExp(`^${YEAR}`).test(own)))) break;
      joined += part;
      const t = titleAt(joined);
      if (t && clean(joined).length - t.length <= 2) return { title: t, start: at + (s.length - s.trimStart().length), end: next.start + next.s.trimEnd().length };
      if (/[。，,；;：:]/.test(part)) break;
    }
  }
  return null;
}
