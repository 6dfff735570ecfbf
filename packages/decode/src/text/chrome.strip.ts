import type { PageMeta } from '@gongkai/core';
import { filterLines, type LineDecision, type TrackedText } from './tracked-text.ts';
import { metaFieldOf, setMeta } from './page-meta.parse.ts';

/** Labels of page metadata printed around an article (longest first). */
const META_LABEL = /(文章来源|信息来源|发布机构|发布单位|公开单位|发布日期|发布时间|发文日期|成文日期|公开日期|来源|时间|日期|作者|浏览次数|点击次数|点击数|访问量|阅读量|字号)\s*[:：]/g;
const BREADCRUMB = /^\s*(?:当前位置|您现在的位置|您当前的位置|您的位置|所在位置|当前所在位置)\s*[:：]/;
const BREADCRUMB_END = /相关链接\s*[:：]?\s*(?:-->)?|-->/g;
/** Tool/share words that make up a chrome line on their own. */
const TOOL_WORDS =
  /分享到|新浪微博|腾讯微博|QQ空间|QQ好友|人人网|豆瓣|微信|微博|打印本页|打印|关闭窗口|关闭本页|关闭|返回顶部|返回|加入收藏|收藏|全真版|文字版|文件下载|相关链接|手机扫一扫|扫一扫|字号|默认|上一篇|下一篇|-->|[大中小【】[\]|、：:·\s]/g;
const ATTACHMENT_CHROME = /^\s*(?:相关)?附件\s*[:：]?\s*(?:[[【]?\s*(?:点击下载|点击查看|下载)\s*[\]】]?)?\s*$|^\s*附件下载\s*$/;
/**
 * Where a trailing "  附件下载" (after whitespace) starts, or -1. By hand
 * because /\s+附件下载\s*$/ is quadratic on a long run of spaces.
 */
function trailingAttachmentAt(line: string): number {
  const end = line.trimEnd();
  if (!end.endsWith('附件下载')) return -1;
  const before = end.slice(0, -'附件下载'.length);
  const start = before.trimEnd().length;
  return start < before.length ? start : -1;
}
const EDITOR = /^\s*(?:责任编辑|编辑|责编|审核|审校|校对|供稿|撰稿|文字|摄影)\s*[:：]\s*\S{0,20}\s*$/;
const FOOTER =
  /^\s*(?:(?:版权所有|主办单位|主办|承办单位|承办|技术支持|网站标识码)\s*[:：©]|(?:网站地图|联系我们|关于我们)\s*$|Copyright\b|©)|ICP备\s*\d|公网安备/i;
const PAGE_NUMBER = /^\s*(?:[-－—–]\s*\d{1,3}\s*[-－—–]|第\s*\d{1,3}\s*页(?:\s*[/／,，]?\s*共\s*\d{1,3}\s*页)?|\d{1,3}\s*[/／]\s*\d{1,3})\s*$/;
const WORD_MARKUP = /<!--\[if [^\]]*\]-->|<!--\[endif\]-->|<!\[if [^\]]*\]>|<!\[endif\]>/g;
const CRAWLER_SEPARATOR = /^\s*={3,}\s*正文\s*={3,}\s*$/;
const HEADER_FIELD = /^\s*([^:：\s]{1,12})\s*[:：]\s*(.*)$/;
const TITLE_LIKE = /^.{4,60}(?:报告|年报)$/;

export interface ChromeResult {
  text: TrackedText;
  meta: PageMeta;
}

/** Reads `label:value` pairs from a metadata line into `meta`. */
function readMetaFields(line: string, meta: PageMeta): void {
  const hits = [...line.matchAll(META_LABEL)];
  hits.forEach((hit, i) => {
    const field = metaFieldOf(hit[1] ?? '');
    if (!field) return;
    const from = (hit.index ?? 0) + hit[0].length;
    const to = hits[i + 1]?.index ?? line.length;
    const value = line.slice(from, to).trim();
    setMeta(meta, field, field === 'source' ? (value.split(/\s+/)[0] ?? '') : value);
  });
}

/** Index of the crawler's `==== 正文 ====` line among the first 30 lines, or -1. */
function crawlerSeparator(lines: string[]): number {
  return lines.findIndex((l) => CRAWLER_SEPARATOR.test(l));
}

/** A short line that only holds metadata fields (发布日期:… 文章来源:…). */
function isMetaLine(line: string): boolean {
  if (line.length > 200 || /[。；]/.test(line)) return false;
  const rest = line.replace(META_LABEL, '').replace(/[\d\s:：\-/.年月日]/g, '');
  const labels = line.match(META_LABEL)?.length ?? 0;
  return labels >= 2 || (labels === 1 && /^\s*(?:文章来源|信息来源|发布日期|发布时间|来源|时间|日期)/.test(line) && rest.length <= 30);
}

/** Where the chrome at the start of a breadcrumb line ends (0 when the line is not one). */
function breadcrumbEnd(line: string, meta: PageMeta): number {
  if (!BREADCRUMB.test(line)) return 0;
  if (line.length <= 200 && !/[。；]/.test(line)) {
    readMetaFields(line, meta);
    return line.length;
  }
  let end = 0;
  for (const m of line.slice(0, 800).matchAll(BREADCRUMB_END)) end = (m.index ?? 0) + m[0].length;
  if (end === 0) return 0;
  const chrome = line.slice(0, end);
  readMetaFields(chrome, meta);
  if (meta.title === undefined) {
    const before = chrome.slice(0, chrome.search(/来源\s*[:：]|发布|时间\s*[:：]/)).trim().split(/\s+/).pop() ?? '';
    if (TITLE_LIKE.test(before)) meta.title = before;
  }
  return end;
}

/**
 * Removes page chrome (the crawler header, breadcrumbs, share buttons,
 * 附件:[点击下载], editor and footer lines, Word markup, page numbers) and
 * moves page metadata (标题, 发布日期, 文章来源, 原文链接) into `meta`.
 */
export function stripChrome(input: TrackedText): ChromeResult {
  const meta: PageMeta = {};
  const separator = crawlerSeparator(input.text.slice(0, 4000).split('\n', 30));
  let previousKept = '';
  const decide = (line: string, i: number): LineDecision => {
    if (i <= separator) {
      const m = HEADER_FIELD.exec(line);
      const field = m ? metaFieldOf(m[1] ?? '') : null;
      if (m && field) setMeta(meta, field, m[2] ?? '');
      return false;
    }
    if (line.length > 200 && !BREADCRUMB.test(line) && trailingAttachmentAt(line) < 0 && !line.includes('<!')) {
      previousKept = line;
      return true;
    }
    if (PAGE_NUMBER.test(line) || ATTACHMENT_CHROME.test(line) || EDITOR.test(line)) return false;
    if (line.length < 150 && FOOTER.test(line)) return false;
    if (line.trim() !== '' && line.length < 80 && line.replace(TOOL_WORDS, '') === '') return false;
    if (isMetaLine(line)) {
      readMetaFields(line, meta);
      if (meta.title === undefined && TITLE_LIKE.test(previousKept.trim())) meta.title = previousKept.trim();
      return false;
    }
    const start = breadcrumbEnd(line, meta);
    const trailing = trailingAttachmentAt(line);
    const end = trailing >= 0 ? trailing : line.length;
    const ranges = keptRanges(line, start, end);
    if (ranges.length === 1 && ranges[0]?.[0] === 0 && ranges[0][1] === line.length) {
      if (line.trim() !== '') previousKept = line;
      return true;
    }
    if (ranges.length === 0) return false;
    previousKept = ranges.map(([a, b]) => line.slice(a, b)).join('');
    return ranges;
  };
  return { text: filterLines(input, decide), meta };
}

/** [start, end) minus Word conditional-comment markup. */
function keptRanges(line: string, start: number, end: number): Array<[number, number]> {
  if (!line.includes('<!')) return end > start ? [[start, end]] : [];
  const ranges: Array<[number, number]> = [];
  let from = start;
  for (const m of line.matchAll(WORD_MARKUP)) {
    const a = m.index ?? 0;
    if (a < from || a >= end) continue;
    if (a > from) ranges.push([from, a]);
    from = a + m[0].length;
  }
  if (end > from) ranges.push([from, end]);
  return ranges;
}
