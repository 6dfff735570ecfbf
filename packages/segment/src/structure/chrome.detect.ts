/**
 * Page chrome the decoder may have left in the text (the stub decoder keeps
 * everything; the real one promises to move it into pageMeta): crawler
 * headers, breadcrumbs, share bars, 发布日期 lines, download links. Found
 * spans are labelled `chrome`, and what they say fills in page metadata.
 */
import type { LabelledSpan, PageMeta } from '@gongkai/core';
import { parseDate } from '../text/dates.parse.ts';

export interface ChromeResult {
  spans: LabelledSpan[];
  /** Page metadata read from chrome found in the text (only fills gaps in decode.pageMeta). */
  pageMeta: PageMeta;
  /** Offsets of the body: text outside leading/trailing chrome. */
  bodyStart: number;
  bodyEnd: number;
}

const CRAWLER_KEY = /^(标题|发布时间|文号|发布机构|栏目|原文链接|本地目录)[:：] ?(.*)$/;
const CRAWLER_OTHER = /^(页面链接与图片详见.*|=+\s*正文\s*=+)$/;

function span(text: string, label: LabelledSpan['label'], start: number, end: number): LabelledSpan {
  return { label, start, end, text: text.slice(start, end) };
}

/** Leading crawler header lines ("标题: …" … "==== 正文 ===="). */
function crawlerHeader(text: string, meta: PageMeta): number {
  let pos = 0;
  let seen = 0;
  while (pos < text.length && seen < 20) {
    const nl = text.indexOf('\n', pos);
    const end = nl < 0 ? text.length : nl;
    const line = text.slice(pos, end).trim();
    const m = CRAWLER_KEY.exec(line);
    if (m) {
      const v = (m[2] ?? '').trim();
      if (v && m[1] === '标题') meta.title ??= v;
      if (v && m[1] === '发布时间') meta.publishedAt ??= parseDate(v) ?? undefined;
      if (v && m[1] === '发布机构') meta.source ??= v;
      if (v && m[1] === '原文链接') meta.url ??= v;
    } else if (!CRAWLER_OTHER.test(line) && line !== '') break;
    seen++;
    pos = nl < 0 ? text.length : nl + 1;
  }
  return seen >= 3 ? pos : 0;
}

const BREADCRUMB = /当前位置\s*[:：][^\n]*?(?:相关链接\s*[:：]\s*-->|(?=\n)|$)/y;
const SOURCE_TIME = /来源\s*[:：]\s*(\S+)\s+时间\s*[:：]\s*(\d{4}-\d{2}-\d{2}(?:\s+\d{2}:\d{2})?)/;
const PUBLISHED_LINE = /^[ \t]*发布日期\s*[:：]\s*(\d{4}-\d{1,2}-\d{1,2}(?:\s+\d{1,2}:\d{2})?)(?:\s+(?:文章)?来源\s*[:：]\s*(\S+))?[^\n]*$/m;

export function detectChrome(text: string, given: PageMeta): ChromeResult {
  const meta: PageMeta = {};
  const spans: LabelledSpan[] = [];
  let bodyStart = crawlerHeader(text, meta);
  if (bodyStart > 0) spans.push(span(text, 'chrome', 0, bodyStart));

  // breadcrumb within the first lines of the body
  const lead = /^[\s]*/.exec(text.slice(bodyStart))?.[0].length ?? 0;
  BREADCRUMB.lastIndex = bodyStart + lead;
  const bc = BREADCRUMB.exec(text);
  if (bc) {
    const st = SOURCE_TIME.exec(bc[0]);
    if (st) {
      meta.source ??= st[1];
      meta.publishedAt ??= parseDate(st[2] ?? '') ?? undefined;
    }
    spans.push(span(text, 'chrome', bc.index, bc.index + bc[0].length));
    bodyStart = bc.index + bc[0].length;
  }

  // 发布日期 line near the top (seed 004)
  const head = text.slice(bodyStart, bodyStart + 600);
  const pl = PUBLISHED_LINE.exec(head);
  if (pl) {
    meta.publishedAt ??= parseDate(pl[1] ?? '') ?? undefined;
    if (pl[2]) meta.source ??= pl[2];
    spans.push(span(text, 'chrome', bodyStart + pl.index, bodyStart + pl.index + pl[0].length));
  }

  // trailing download links
  let bodyEnd = text.length;
  const tail = /(?:\s*(?:附件下载|附件\s*[:：]\s*\[点击下载\]|相关附件|【打印本页】|【关闭窗口】|\[打印本页\]|\[关闭窗口\]))+\s*$/.exec(text);
  if (tail && tail.index >= bodyStart) {
    const s = tail.index + (/^\s*/.exec(tail[0])?.[0].length ?? 0);
    spans.push(span(text, /附件/.test(tail[0]) ? 'attachment' : 'chrome', s, text.length));
    bodyEnd = tail.index;
  }

  for (const k of ['title', 'publishedAt', 'source', 'url'] as const) {
    if (given[k]) delete meta[k];
  }
  return { spans, pageMeta: meta, bodyStart, bodyEnd };
}
