/**
 * A report model → the web page a government site serves: Word-exported
 * markup (MsoNormal paragraphs, <td> holding <p><span> with inline styles,
 * &nbsp; in empty cells and between words, rowspan/colspan on merged cells),
 * inside site chrome and an older CMS's layout table. What users save as `page.html`.
 */
import type { GridCell, GridTable, ReportModel } from './grid.types.ts';

const esc = (s: string) => s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');

/**
 * A cell's text as Word exports it: a long label split over two spans (a
 * font or revision boundary, with the author's padding space as &nbsp;), a
 * figure in a span of its own with lang="EN-US".
 */
function spans(text: string): string {
  const style = 'font-size:10.5pt;font-family:仿宋_GB2312;mso-bidi-font-family:宋体';
  if (/^[\d.+-]+$/u.test(text)) return `<span lang="EN-US" style="${style}">${esc(text)}<o:p></o:p></span>`;
  if (text.length < 8) return `<span style="${style}">${esc(text)}</span>`;
  const cut = Math.floor(text.length / 2);
  // a hand-padded label: Word keeps the author's space as &nbsp; at the span boundary
  return `<span style="${style}">${esc(text.slice(0, cut))}&nbsp;</span><span style="${style};letter-spacing:-.2pt">${esc(text.slice(cut))}</span>`;
}

function tdHtml(c: GridCell, width: number): string {
  const span = `${c.rowspan && c.rowspan > 1 ? ` rowspan="${c.rowspan}"` : ''}${c.colspan && c.colspan > 1 ? ` colspan="${c.colspan}"` : ''}`;
  const style = `width:${width}pt;border:solid windowtext 1.0pt;padding:0cm 5.4pt 0cm 5.4pt`;
  const inner = c.text === '' ? '<span lang="EN-US" style="font-size:10.5pt;font-family:仿宋_GB2312">&nbsp;<o:p></o:p></span>' : spans(c.text);
  return `<td${span} width="${Math.round(width * 1.33)}" valign="center" style="${style}"><p class="MsoNormal" align="center" style="text-align:center;line-height:15.0pt">${inner}</p></td>`;
}

function tableHtml(t: GridTable): string {
  const rows = t.rows.map((r) => `<tr style="height:20.0pt">\n${r.map((c) => tdHtml(c, c.label ? 80 : 36)).join('\n')}\n</tr>`).join('\n');
  return `<div align="center"><table class="MsoNormalTable" border="1" cellspacing="0" cellpadding="0" style="border-collapse:collapse;border:none;mso-border-alt:solid windowtext .5pt">\n<tbody>\n${rows}\n</tbody></table></div>`;
}

/** Prose with a few &nbsp; between words, as Word's HTML export leaves them. */
const prose = (s: string) => esc(s).replace(/，/gu, '，&nbsp;').replace(/^/u, '&nbsp;&nbsp;&nbsp;&nbsp;');

export function renderHtml(model: ReportModel): Uint8Array {
  const body = model.blocks
    .map((b) => {
      if (b.kind === 'table') return tableHtml(b.table);
      if (b.kind === 'title') return `<p class="MsoNormal" align="center" style="text-align:center"><b><span style="font-size:22.0pt;font-family:方正小标宋简体">${esc(b.text)}</span></b></p>`;
      if (b.kind === 'h') return `<p class="MsoNormal" style="text-indent:32.0pt"><b><span style="font-size:16.0pt;font-family:黑体">${esc(b.text)}</span></b></p>`;
      return `<p class="MsoNormal" style="text-indent:32.0pt;line-height:28.0pt"><span style="font-size:16.0pt;font-family:仿宋_GB2312">${prose(b.text)}</span></p>`;
    })
    .join('\n');
  const page = `<!DOCTYPE html>
<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"><title>${esc(model.title)}</title></head>
<body>
<div class="header"><ul class="nav"><li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li><li><a href="/hdjl/">互动交流</a></li></ul></div>
<div class="position">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; 政府信息公开年报</div>
<div class="article">
<h1 class="article-title">${esc(model.title)}</h1>
<div class="article-info">发布时间：2023-01-20 09:30 来源：本站</div>
<table width="100%" border="0" cellspacing="0" cellpadding="0" class="layout"><tr><td class="content">
<div class="TRS_Editor"><div class="WordSection1">
${body}
</div></div>
</td></tr></table>
</div>
<div class="footer">主办单位：人民政府办公室 &nbsp; 网站标识码：3501000001 &nbsp; 闽ICP备00000000号</div>
</body></html>
`;
  return new Uint8Array(Buffer.from(page, 'utf8'));
}
