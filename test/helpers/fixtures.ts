/**
 * Fixtures the project owns, made at test time: re-encoded copies of the
 * shared seeds, and bad inputs built byte by byte.
 */
import iconv from 'iconv-lite';
import { deflateSync } from 'node:zlib';

export const encodeAs = {
  gb18030: (text: string) => new Uint8Array(iconv.encode(text, 'gb18030')),
  big5: (text: string) => new Uint8Array(iconv.encode(text, 'big5')),
  utf16le: (text: string, bom: boolean) => new Uint8Array(iconv.encode(text, 'utf-16le', { addBOM: bom })),
  utf8bom: (text: string) => new Uint8Array(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')])),
  /** The text as an HTML page in `charset`, one <p> per line, with page chrome around it. */
  html: (text: string, charset: 'gbk' | 'utf-8') => {
    const esc = (s: string) => s.replaceAll('&', '&amp;').replaceAll('<', '&lt;');
    const page = `<!DOCTYPE html><html><head><meta charset="${charset}"><title>年度报告</title></head><body>
<div class="nav">首页 | 政务公开 | 信息公开年报</div><div class="crumb">当前位置: 首页 &gt; 政务公开 &gt; 政府信息公开年报</div>
<div class="article">${text.split('\n').map((l) => `<p>${esc(l)}</p>`).join('\n')}</div>
<div class="footer">主办单位：某某人民政府办公室 ICP备案号</div></body></html>`;
    return new Uint8Array(charset === 'gbk' ? iconv.encode(page, 'gbk') : Buffer.from(page, 'utf8'));
  },
};

/** A short narrative report (an overview, applications, problems) every stage can read: a county, 2018. */
export const smallReportText = [
  '某某县人民政府2018年政府信息公开工作年度报告',
  '一、概述',
  '2018年，我县主动公开政府信息3456条，其中规范性文件12件。',
  '二、依申请公开情况',
  '全年共受理政府信息公开申请87件，其中当面申请20件，网络申请67件。',
  '三、存在的问题和改进措施',
  '工作中还存在一些不足。',
].join('\n');

/** A PNG header and a few random bytes: binary content with a .txt name. */
export const pngBytes = () => new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, ...Array.from({ length: 200 }, (_, i) => (i * 37) % 256)]);

/** A valid one-page PDF whose only content is a filled rectangle: a "scanned" PDF with no text layer. */
export function pdfWithoutText(): Uint8Array {
  const content = deflateSync(Buffer.from('0.5 g 72 72 451 698 re f\n'));
  const objs = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << >> >>',
  ];
  const parts: Buffer[] = [Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  const offsets: number[] = [];
  let len = parts[0]!.length;
  const push = (b: Buffer) => {
    parts.push(b);
    len += b.length;
  };
  objs.forEach((o, i) => {
    offsets.push(len);
    push(Buffer.from(`${i + 1} 0 obj\n${o}\nendobj\n`, 'latin1'));
  });
  offsets.push(len);
  push(Buffer.concat([Buffer.from(`4 0 obj\n<< /Length ${content.length} /Filter /FlateDecode >>\nstream\n`, 'latin1'), content, Buffer.from('\nendstream\nendobj\n', 'latin1')]));
  const xref = len;
  push(Buffer.from(`xref\n0 5\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}trailer\n<< /Size 5 /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`, 'latin1'));
  return new Uint8Array(Buffer.concat(parts));
}
