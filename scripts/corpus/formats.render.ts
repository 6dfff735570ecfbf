/**
 * A document model → the bytes of one file: plain text in one of six
 * encodings, an HTML page (UTF-8 or GBK/GB18030, with web chrome around the
 * report), a DOCX or a PDF. Big5 files (and some others) are in
 * traditional characters, as Taiwanese/HK-style reposts of reports are.
 */
import iconv from 'iconv-lite';
import { Converter } from 'opencc-js/cn2t';
import type { DocBlock, Encoding, Format } from './corpus.types.ts';
import { renderDocx } from './docx.render.ts';
import { renderPdf } from './pdf.render.ts';
import type { Rng } from './rng.ts';

const toTraditional = Converter({ from: 'cn', to: 'tw' });

export interface Rendering {
  format: Format;
  encoding: Encoding;
  script: 'simplified' | 'traditional';
}

/** Chooses a format/encoding/script mix close to what crawls of government sites give. */
export function chooseRendering(rng: Rng, formats: readonly Format[]): Rendering {
  const format = rng.weighted(formats.map((f) => [f, f === 'txt' ? 4 : f === 'html' ? 3 : 1.5] as const));
  if (format === 'docx' || format === 'pdf') return { format, encoding: 'utf-8', script: 'simplified' };
  const encoding = format === 'html'
    ? rng.weighted([['utf-8', 3], ['gb18030', 2], ['big5', 0.5]] as const)
    : rng.weighted([['utf-8', 3], ['utf-8-bom', 1], ['gb18030', 2], ['big5', 1], ['utf-16le', 1], ['utf-16be', 0.5]] as const);
  const script = encoding === 'big5' || rng.chance(0.05) ? 'traditional' : 'simplified';
  return { format, encoding, script };
}

function encode(text: string, encoding: Encoding): Uint8Array {
  switch (encoding) {
    case 'utf-8':
      return new Uint8Array(Buffer.from(text, 'utf8'));
    case 'utf-8-bom':
      return new Uint8Array(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]));
    case 'utf-16le':
      return new Uint8Array(iconv.encode(text, 'utf-16le', { addBOM: true }));
    case 'utf-16be':
      return new Uint8Array(iconv.encode(text, 'utf-16be', { addBOM: true }));
    default:
      return new Uint8Array(iconv.encode(text, encoding));
  }
}

export function plainText(blocks: readonly DocBlock[], text: (s: string) => string = (s) => s): string {
  return blocks.map((b) => (b.kind === 'table' ? b.rows.map((r) => r.map(text).join('\t')).join('\n') : text(b.text))).join('\n') + '\n';
}

const esc = (s: string) => s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');

function htmlPage(blocks: readonly DocBlock[], text: (s: string) => string, charset: string): string {
  const title = blocks.find((b) => b.kind === 'title');
  const body = blocks
    .map((b) => {
      if (b.kind === 'table') return `<table border="1" cellspacing="0">${b.rows.map((r) => `<tr>${r.map((c) => `<td>${esc(text(c))}</td>`).join('')}</tr>`).join('\n')}</table>`;
      if (b.kind === 'title') return `<h1 class="title">${esc(text(b.text))}</h1>`;
      return b.kind === 'h' ? `<p><strong>${esc(text(b.text))}</strong></p>` : `<p>${esc(text(b.text))}</p>`;
    })
    .join('\n');
  return `<!DOCTYPE html>\n<html><head><meta http-equiv="Content-Type" content="text/html; charset=${charset}"><title>${title ? esc(text(title.text)) : ''}</title></head><body>
<div class="nav">${esc(text('首页 | 政务公开 | 政府信息公开年报'))}</div>
<div class="crumb">${esc(text('当前位置: 首页 > 政务公开 > 政府信息公开年报'))}</div>
<div class="article">${body}</div>
<div class="footer">${esc(text('主办单位：人民政府办公室 网站标识码 ICP备案'))}</div></body></html>\n`;
}

export function renderFile(blocks: readonly DocBlock[], r: Rendering): Uint8Array {
  const text = r.script === 'traditional' ? (s: string) => toTraditional(s) : (s: string) => s;
  switch (r.format) {
    case 'txt':
      return encode(plainText(blocks, text), r.encoding);
    case 'html': {
      const charset = r.encoding === 'gb18030' ? 'gbk' : r.encoding === 'big5' ? 'big5' : 'utf-8';
      return encode(htmlPage(blocks, text, charset), r.encoding);
    }
    case 'docx':
      return renderDocx(blocks, text);
    case 'pdf':
      return renderPdf(blocks, text, { pageNumbers: true });
  }
}
