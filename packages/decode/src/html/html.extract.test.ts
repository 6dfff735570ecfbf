import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decode } from '../decode.stage.ts';
import { originalOffset } from '../text/tracked-text.ts';
import { limitHtmlNesting, MAX_HTML_DEPTH } from './html-depth.limit.ts';

/** A government page as such sites print it: menus, breadcrumb, info bar, share buttons, the article, a footer. */
const PAGE = `<!DOCTYPE html><html><head>
<meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<title>某区2019年政府信息公开工作年度报告_某区人民政府门户网站</title>
<meta name="PubDate" content="2020-01-20 15:22"><meta name="ContentSource" content="某区人民政府办公室">
<style>.nav{color:red}</style><script>var s = "政府信息公开年度报告";</script></head>
<body><div class="header"><ul class="nav"><li><a href="/">首页</a></li><li><a href="/zwgk">政务公开</a></li><li><a>政府信息公开年报</a></li></ul></div>
<div class="position">当前位置：<a>首页</a> &gt; <a>政务公开</a> &gt; 政府信息公开年报</div>
<div class="content"><h1>某区2019年政府信息公开工作年度报告</h1>
<div class="info">发布时间：2020-01-20 15:22 &nbsp; 来源：某区人民政府办公室 <span class="share">分享到：微信 微博</span></div>
<div class="TRS_Editor">
<p>　　根据《中华人民共和国政府信息公开条例》要求，编制本报告。本报告所列数据的统计期限自2019年1月1日起至2019年12月31日止。</p>
<p>　　一、总体情况</p>
<p>　　2019年，我区主动公开政府信息２５９９条，其中通过政府网站公开1763条。</p>
<p>　　二、主动公开政府信息情况</p>
<table border="1"><tbody><tr><td colspan="4">第二十条第（一）项</td></tr>
<tr><td>信息内容</td><td>本年新<br>制作数量</td><td><p>本年新</p><p>公开数量</p></td><td>对外公开总数量</td></tr>
<tr><td>规章</td><td>0</td><td>0</td><td>0</td></tr>
<tr><td>规范性文件</td><td>89</td><td>89</td><td>89</td></tr>
<tr><td>行政许可</td><td>396</td><td>&nbsp;</td><td>181</td></tr></tbody></table>
<p>　　三、其他需要报告的事项</p><p>　　无。</p>
<p>附件：<a href="x.doc">[点击下载]</a></p></div></div>
<div class="footer"><p>版权所有：某区人民政府</p><p>地址：某区某路1号 电话：0591-1234567</p><p>闽ICP备12345678号</p></div>
</body></html>`;

describe('HTML pages', () => {
  it('keeps the article, its table rows and the page metadata, and drops the chrome', async () => {
    const r = await decode({ bytes: new Uint8Array(iconv.encode(PAGE, 'gbk')), name: 'report.shtml' });
    expect(r.decode).toMatchObject({ format: 'html', encoding: 'gb18030', script: 'simplified' });
    expect(r.pageMeta).toEqual({
      title: '某区2019年政府信息公开工作年度报告',
      publishedAt: '2020-01-20T15:22',
      source: '某区人民政府办公室',
    });
    expect(r.text.split('\n')).toEqual([
      '某区2019年政府信息公开工作年度报告',
      '根据《中华人民共和国政府信息公开条例》要求，编制本报告。本报告所列数据的统计期限自2019年1月1日起至2019年12月31日止。',
      '一、总体情况',
      '2019年，我区主动公开政府信息2599条，其中通过政府网站公开1763条。',
      '二、主动公开政府信息情况',
      '第二十条第（一）项',
      '信息内容\t本年新制作数量\t本年新公开数量\t对外公开总数量',
      '规章\t0\t0\t0',
      '规范性文件\t89\t89\t89',
      '行政许可\t396\t\t181',
      '三、其他需要报告的事项',
      '无。',
    ]);
  });

  it('points offsets into the HTML source', async () => {
    const source = PAGE.replace('charset=gb2312', 'charset=utf-8');
    const r = await decode({ bytes: new TextEncoder().encode(source), name: 'report.html' });
    for (const needle of ['1763', '规范性文件', '2019年1月1日']) {
      const at = originalOffset(r.offsetMap, r.text.indexOf(needle));
      expect(source.slice(at, at + needle.length)).toBe(needle);
    }
  });

  it('sniffs an HTML page saved as .txt and follows a wrong charset declaration no further than the bytes allow', async () => {
    const html = PAGE.replace('charset=gb2312', 'charset=utf-8');
    const r = await decode({ bytes: new Uint8Array(iconv.encode(html, 'gbk')), name: 'saved.txt' });
    expect(r.decode.format).toBe('html');
    expect(r.decode.encoding).toBe('gb18030');
    expect(r.text).toContain('规范性文件\t89\t89\t89');
  });
});

describe('HTML nested deeper than any real page', () => {
  it('200,000 nested <div>s decode to their text, the deep tags ignored', async () => {
    const n = 200_000;
    const html = `<html><body><p>某县政府信息公开工作年度报告</p>${'<div>'.repeat(n)}主动公开政府信息12条。${'</div>'.repeat(n)}<p>完</p></body></html>`;
    const r = await decode({ bytes: new TextEncoder().encode(html), name: 'deep.html' });
    expect(r.text.split('\n').map((l) => l.trim()).filter(Boolean)).toEqual(['某县政府信息公开工作年度报告', '主动公开政府信息12条。', '完']);
  });

  it('keeps a page within the limit as it is, offsets included', () => {
    const page = `<html><body>${'<div><span>'.repeat(100)}x${'</span></div>'.repeat(100)}${'<p>a'.repeat(2000)}</body></html>`;
    expect(limitHtmlNesting(page)).toBe(page);
    const deep = `${'<div>'.repeat(MAX_HTML_DEPTH + 5)}x${'</div>'.repeat(MAX_HTML_DEPTH + 5)}`;
    const limited = limitHtmlNesting(deep);
    expect(limited.length).toBe(deep.length);
    expect(limited.match(/<div>/g)).toHaveLength(MAX_HTML_DEPTH);
    expect(limited.match(/<\/div>/g)).toHaveLength(MAX_HTML_DEPTH);
    expect(limited.indexOf('x')).toBe(deep.indexOf('x'));
  });
});
