import { describe, expect, it } from 'vitest';
import { escapeHtml, highlightText, type Highlight } from './evidence.highlight.ts';

const text = '全年主动公开政府信息120条，其中规范性文件3条。收到申请<5>件';
const at = (quote: string, id: string, label = id): Highlight => {
  const start = text.indexOf(quote);
  return { start, end: start + quote.length, id, label };
};
/** The marked pieces, in order. */
const marked = (html: string) => [...html.matchAll(/<mark[^>]*>(.*?)<\/mark>/g)].map((m) => m[1]);
/** The text back from the HTML (tags removed, entities decoded). */
const plain = (html: string) => html.replace(/<[^>]+>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

describe('highlightText', () => {
  it.each<[string, Highlight[], Array<string | undefined>]>([
    ['one figure', [at('主动公开政府信息120条', 'm-0')], ['主动公开政府信息120条']],
    ['two apart', [at('120条', 'm-0'), at('3条', 'm-1')], ['120条', '3条']],
    ['nested (a part inside its total)', [at('全年主动公开政府信息120条，其中规范性文件3条', 'm-0'), at('3条', 'm-1')], ['全年主动公开政府信息120条，其中规范性文件', '3条']],
    ['the same stretch twice', [at('120条', 'm-0', 'proactive.total'), at('120条', 'm-1', 'proactive.website')], ['120条']],
    ['text that looks like markup is escaped', [at('<5>件', 'm-0')], ['&lt;5&gt;件']],
  ])('%s', (_name, hs, expected) => {
    const html = highlightText(text, hs);
    expect(marked(html)).toEqual(expected);
    expect(plain(html)).toBe(text);
    for (const h of hs) expect(html).toContain(`id="${h.id}"`);
  });

  it('labels a piece with every metric read from it', () => {
    const html = highlightText(text, [at('120条', 'm-0', 'proactive.total'), at('120条', 'm-1', 'proactive.channel.website')]);
    expect(html).toContain('title="proactive.total, proactive.channel.website"');
    expect(html).toContain('data-n="2"');
  });

  it.each([
    ['beyond the end', { start: 10, end: text.length + 5 }],
    ['negative', { start: -1, end: 3 }],
    ['empty', { start: 4, end: 4 }],
    ['reversed', { start: 8, end: 2 }],
    ['fractional', { start: 1.5, end: 3 }],
  ])('leaves out a highlight %s', (_name, range) => {
    const html = highlightText(text, [{ ...range, id: 'x', label: 'x' }]);
    expect(html).toBe(escapeHtml(text));
  });
});
