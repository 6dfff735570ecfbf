/** The encodings the decoder reports (canonical lower-case labels). */
export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030' | 'big5';

/** Maps a declared charset (meta tag, HTTP header) to the encoding to decode with; GB2312/GBK decode as their superset GB18030. */
export function canonicalCharset(label: string): TextEncoding | null {
  const l = label.trim().toLowerCase().replace(/_/g, '-');
  if (/^(utf-?8|unicode-1-1-utf-8)$/.test(l)) return 'utf-8';
  if (/^(gb2312|gbk|x-gbk|gb18030|cp936|windows-936|ms936|euc-cn|csgb2312|chinese|iso-ir-58)$/.test(l)) return 'gb18030';
  if (/^(big5|big5-hkscs|x-x-big5|cn-big5|csbig5|cp950|windows-950)$/.test(l)) return 'big5';
  if (/^(utf-16|utf-16le|unicode|ucs-2)$/.test(l)) return 'utf-16le';
  if (l === 'utf-16be') return 'utf-16be';
  return null;
}

const META_CHARSET = /<meta[^>]*?charset\s*=\s*["']?\s*([\w-]+)/i;

/** The charset an HTML page declares in its first 4 KB (`<meta charset>` or http-equiv), if any. */
export function htmlCharsetHint(bytes: Uint8Array): TextEncoding | null {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 4096));
  const m = META_CHARSET.exec(head);
  return m?.[1] ? canonicalCharset(m[1]) : null;
}
