import type { PageMeta } from '@gongkai/core';
import type { ChildNode, Document, Element } from 'domhandler';
import { parseDocument } from 'htmlparser2';
import type { Extracted } from '../decode.stage.ts';
import { htmlCharsetHint } from '../encoding/charset.label.ts';
import { decodeText } from '../encoding/encoding.detect.ts';
import { countHan } from '../text/chars.ts';
import { stripChrome } from '../text/chrome.strip.ts';
import { setMeta } from '../text/page-meta.parse.ts';
import { untracked } from '../text/tracked-text.ts';
import { limitHtmlNesting } from './html-depth.limit.ts';
import { HtmlTextWriter, isElement, isHidden, SKIPPED_TAGS, textOf } from './html-text.walk.ts';

/** Containers whose id/class says they are page chrome, never the article. */
const CHROME_HINT = /(^|[\s_-])(nav|menu|header|footer|foot|breadcrumb|crumb|position|location|share|sidebar|toolbar|copyright|banner|search|login|friend-?links?)([\s_-]|$)/i;

/** Share of the page's plain (non-link) Han text the article container must hold. */
const ARTICLE_SHARE = 0.85;

interface Scored {
  el: Element;
  han: number;
}

/** Han characters outside links and chrome containers, per element (children first). */
function scoreTree(root: Element | Document, out: Scored[]): number {
  let total = 0;
  for (const child of root.children) total += scoreNode(child, out);
  return total;
}

function scoreNode(node: ChildNode, out: Scored[]): number {
  if (node.type === 'text') return countHan(node.data);
  if (!isElement(node) || SKIPPED_TAGS.has(node.name) || isHidden(node) || node.name === 'a') return 0;
  const hint = `${node.attribs['id'] ?? ''} ${node.attribs['class'] ?? ''}`;
  const han = scoreTree(node, out);
  if (CHROME_HINT.test(hint) || node.name === 'footer' || node.name === 'header' || node.name === 'aside') return 0;
  out.push({ el: node, han });
  return han;
}

/** The deepest element holding most of the page's plain text: the article body. */
export function articleRoot(doc: Document): Element | Document {
  const scored: Scored[] = [];
  const total = scoreTree(doc, scored);
  if (total === 0) return doc;
  let best: Scored | null = null;
  // post-order: on equal counts the first (deepest) element wins
  for (const s of scored) {
    if (s.han >= total * ARTICLE_SHARE && (best === null || s.han < best.han)) best = s;
  }
  return best?.el ?? doc;
}

function findAll(node: Document | Element, pred: (el: Element) => boolean, out: Element[] = []): Element[] {
  for (const c of node.children) {
    if (!isElement(c)) continue;
    if (pred(c)) out.push(c);
    findAll(c, pred, out);
  }
  return out;
}

/** The report title from a <title> such as "…年度报告_平潭综合实验区": the part that names the report. */
function cleanTitle(title: string): string {
  const parts = title.split(/\s*[_|｜—–]\s*|\s+-\s+/).map((p) => p.trim()).filter((p) => p.length >= 4);
  return parts.find((p) => /报告|年报/.test(p)) ?? parts[0] ?? title.trim();
}

/** Metadata from <title>, <meta> tags and <link rel=canonical>. */
function headMeta(doc: Document): PageMeta {
  const meta: PageMeta = {};
  const metaTags = findAll(doc, (el) => el.name === 'meta');
  const content = (names: RegExp) => metaTags.find((m) => names.test(m.attribs['name'] ?? m.attribs['property'] ?? ''))?.attribs['content'];
  const articleTitle = content(/^(ArticleTitle|og:title|title|dc\.title)$/i);
  const titleEl = findAll(doc, (el) => el.name === 'title')[0];
  const title = articleTitle ?? (titleEl ? cleanTitle(textOf(titleEl)) : undefined);
  if (title) setMeta(meta, 'title', title);
  const published = content(/^(PubDate|publishdate|pubdate|article:published_time|dc\.date|firstpublishedtime)$/i);
  if (published) setMeta(meta, 'publishedAt', published);
  const source = content(/^(ContentSource|source|dc\.publisher|SiteName)$/i);
  if (source) setMeta(meta, 'source', source);
  const canonical = findAll(doc, (el) => el.name === 'link' && /canonical/i.test(el.attribs['rel'] ?? ''))[0]?.attribs['href'];
  const url = canonical ?? content(/^(og:url|url)$/i);
  if (url) setMeta(meta, 'url', url);
  return meta;
}

/**
 * HTML page → article text: decodes with the BOM / declared charset /
 * detection, keeps the article container (the deepest element holding 85%
 * of the page's plain text), keeps data tables as tab-separated rows, and
 * reads page metadata from <head> and from the chrome around the article.
 */
export function extractHtml(bytes: Uint8Array, name: string): Extracted {
  const decoded = decodeText(bytes, name, htmlCharsetHint(bytes));
  const source = decoded.text;
  const doc = parseDocument(limitHtmlNesting(source), { withStartIndices: true, withEndIndices: true, decodeEntities: true });
  const root = articleRoot(doc);
  const writer = new HtmlTextWriter(source.length);
  if (root.type === 'root') root.children.forEach((c) => writer.write(c));
  else writer.write(root);
  const meta = headMeta(doc);
  if (root.type !== 'root') {
    const page = new HtmlTextWriter(source.length);
    doc.children.forEach((c) => page.write(c));
    const around = stripChrome(untracked(page.result().text)).meta;
    for (const [k, v] of Object.entries(around)) if (v !== undefined) setMeta(meta, k as keyof PageMeta, v);
  }
  return {
    original: source,
    text: writer.result(),
    encoding: decoded.encoding,
    confidence: decoded.confidence,
    meta,
    warnings: [...decoded.warnings, ...writer.refused],
    grids: writer.grids,
  };
}
