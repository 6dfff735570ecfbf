import type { PageMeta } from '@gongkai/core';

const DATE = /(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[T\s]*(\d{1,2})\s*[:：]\s*(\d{2})(?:\s*[:：]\s*(\d{2}))?)?/;

const pad = (s: string) => s.padStart(2, '0');

/** "2018-02-28 13:20" → "2018-02-28T13:20"; "2018年1月15日" → "2018-01-15"; null when there is no date. */
export function parseStatedDate(text: string): string | null {
  const m = DATE.exec(text);
  if (!m) return null;
  const [, y, mo, d, h, mi, s] = m;
  if (!y || !mo || !d) return null;
  let out = `${y}-${pad(mo)}-${pad(d)}`;
  if (h && mi) out += `T${pad(h)}:${mi}${s ? `:${s}` : ''}`;
  return out;
}

/** Which PageMeta field a label such as 发布日期 or 文章来源 fills. */
export function metaFieldOf(label: string): keyof PageMeta | null {
  const l = label.replace(/\s+/g, '');
  if (/^(标题|题名|文章标题|title)$/i.test(l)) return 'title';
  if (/^(发布日期|发布时间|发文日期|成文日期|印发日期|公开日期|时间|日期|date)$/i.test(l)) return 'publishedAt';
  if (/^(来源|文章来源|信息来源|发布机构|发布单位|发文机关|发文单位|公开单位|source)$/i.test(l)) return 'source';
  if (/^(原文链接|原文地址|链接|网址|url)$/i.test(l)) return 'url';
  return null;
}

/** Sets `field` from a raw value unless it is already set or the value is empty. */
export function setMeta(meta: PageMeta, field: keyof PageMeta, raw: string): void {
  const value = raw.trim();
  if (value === '' || meta[field] !== undefined) return;
  if (field === 'publishedAt') {
    const date = parseStatedDate(value);
    if (date) meta.publishedAt = date;
  } else {
    meta[field] = value;
  }
}
