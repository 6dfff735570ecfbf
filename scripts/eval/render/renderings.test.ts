import { inflateSync } from 'node:zlib';
import { T3_COLUMNS, T3_ROWS, T4_COLUMNS, T4_GROUPS } from '@gongkai/core';
import type { GoldFile, GoldMetric } from '@gongkai/testkit';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { expandGrid } from './grid.types.ts';
import { typedLabel } from './docx.render.ts';
import { renderGold } from './renderings.ts';
import { reportModel } from './report.model.ts';

/** A full 2021-form gold: every 表三 cell (sums as optional, as the form does not print them), 表二, 表四, 表五. */
function fullGold(regime: 'B' | 'C'): GoldFile {
  const metrics: GoldMetric[] = [];
  let n = 0;
  for (const r of T3_ROWS) {
    if (regime === 'B' && /^other\.(?!sum)/u.test(r.id)) continue;
    const sum = /\.sum$/u.test(r.id) && !(regime === 'B' && r.id === 'other.sum');
    for (const c of T3_COLUMNS) metrics.push({ key: `t3.${r.id}.${c.id}`, value: n++ % 7, unit: '件', quote: '', ...(sum ? { optional: true } : {}) });
  }
  for (const g of T4_GROUPS) for (const c of T4_COLUMNS) metrics.push({ key: `t4.${g.id}.${c.id}`, value: n++ % 3, unit: '件', quote: '' });
  const t2 = regime === 'C'
    ? ['rules.issued', 'rules.repealed', 'rules.in_force', 'normative_docs.issued', 'licensing.decisions', 'admin_fees.amount_wan_yuan']
    : ['rules.made', 'normative_docs.public_total', 'licensing.delta', 'procurement.projects', 'procurement.amount'];
  t2.forEach((k, i) => metrics.push({ key: `t2.${k}`, value: k.endsWith('delta') ? -3 : i + 10, unit: '件', quote: '' }));
  if (regime === 'C') for (const k of ['notified.count', 'notified.amount_yuan', 'collected.amount_yuan']) metrics.push({ key: `t5.${k}`, value: 0, unit: '件', quote: '' });
  return { file: 'corpus/real/x.page.txt', regime, meta: { year: 2024, agency: ['某某局'] }, sections: [], metrics, absent: [], breakdowns: [], findings: [] };
}

const HEADINGS = ['一、总体情况', '二、主动公开政府信息情况', '三、收到和处理政府信息公开申请情况', '四、政府信息公开行政复议、行政诉讼情况'];

describe('report model', () => {
  it.each(['B', 'C'] as const)('regime %s: every table row covers its full width once spans are expanded', (regime) => {
    const tables = reportModel(fullGold(regime)).blocks.flatMap((b) => (b.kind === 'table' ? [b.table] : []));
    expect(tables.map((t) => t.width)).toEqual(regime === 'C' ? [4, 10, 15, 4] : [4, 10, 15]);
    for (const t of tables) for (const row of expandGrid(t)) expect(row.every((s) => s !== null)).toBe(true);
  });

  it('prints every stated 表三 row and no sum row the form leaves out (2021: （六） as three sub-rows)', () => {
    const t3 = reportModel(fullGold('C')).blocks.flatMap((b) => (b.kind === 'table' && b.table.width === 10 ? [b.table] : []))[0]!;
    expect(t3.rows.length).toBe(3 + 25);
    const labels = t3.rows.flat().filter((c) => c.label).map((c) => c.text);
    expect(labels).toContain('3.其他');
    expect(labels.filter((l) => l === '（三）不予公开')).toHaveLength(1);
  });
});

describe('merged figures', () => {
  it('sub-rows the gold implies as 0 below a stated sub-row: the stated row\'s figures merge down over them (as page 97007 prints （六）)', () => {
    const g = fullGold('C');
    const implied = (k: string) => /^t3\.other\.(fee_unpaid|other)\./u.test(k);
    g.metrics = g.metrics.map((m) => (implied(m.key) ? { ...m, value: 0, optional: true } : m));
    const t3 = reportModel(g).blocks.flatMap((b) => (b.kind === 'table' && b.table.width === 10 ? [b.table] : []))[0]!;
    const row = t3.rows.find((r) => r.some((c) => c.text.startsWith('1.申请人无正当理由')))!;
    expect(row.filter((c) => !c.label).map((c) => c.rowspan)).toEqual([3, 3, 3, 3, 3, 3, 3]);
    const below = t3.rows.find((r) => r.some((c) => c.text === '3.其他'))!;
    expect(below).toHaveLength(1);
    for (const r of expandGrid(t3)) expect(r.every((x) => x !== null)).toBe(true);
  });
});

describe('typedLabel', () => {
  it.each([
    ['1.属于国家秘密', '1．属于国家秘密'], ['（二）部分公开（区分处理的，只计这一情形，不计其他情形）', '(二)部分公开（区分处理的，只计这一情形，不计其他情形）'],
    ['社会公益组织', '社会公益 组织'], ['其他', '其它'], ['3.其他', '3．其他'], ['行政规范性文件', '规范性文件'], ['总计', '总计'],
  ])('%s → %s', (form, typed) => expect(typedLabel(form)).toBe(typed));
});

describe('renderings', () => {
  const gold = fullGold('C');
  const text = (name: 'html' | 'markdown') => Buffer.from(renderGold(gold, name, 'x').bytes).toString('utf8');

  it('HTML: Word-exported cells, rowspan/colspan on block headers and group labels, &nbsp; in empty cells', () => {
    const raw = text('html');
    expect(raw).toMatch(/<\/span><span style="[^"]*">/u); // long labels split over two spans
    expect(raw).toContain('<o:p></o:p>');
    const html = raw.replace(/(&nbsp;)?<\/span><span[^>]*>/gu, '');
    expect(html).toMatch(/<td colspan="4"[^>]*><p class="MsoNormal"[^>]*><span[^>]*>第二十条第（一）项<\/span><\/p><\/td>/u);
    expect(html).toMatch(/<td rowspan="\d+"[^>]*><p[^>]*><span[^>]*>三、本年度办理结果/u);
    expect(html).toMatch(/<td rowspan="8"[^>]*><p[^>]*><span[^>]*>（三）不予公开/u);
    expect(html).toMatch(/<td rowspan="3"[^>]*><p[^>]*><span[^>]*>（六）其他处理/u);
    expect(html).toContain('&nbsp;<o:p></o:p></span>');
    for (const h of [gold.meta.agency![0]!, ...HEADINGS, '五、信息处理费收取情况', '七、其他需要报告的事项']) expect(html).toContain(h);
  });

  it('DOCX: merged cells as w:gridSpan and w:vMerge restart/continue', async () => {
    const zip = await JSZip.loadAsync(renderGold(gold, 'docx', 'x').bytes);
    const xml = await zip.file('word/document.xml')!.async('string');
    expect(xml).toContain('<w:gridSpan w:val="4"/>');
    expect(xml).toContain('<w:vMerge w:val="restart"/>');
    expect(xml).toContain('<w:vMerge/>');
    const text = xml.replace(/<[^>]+>/gu, '');
    expect(text).toContain('第二十条第（一）项'); // runs split inside the cell, as Word does
    expect(text).toContain('(一)予以公开');
    expect(text).toContain('1．属于国家秘密');
    expect(text).toContain('社会公益 组织');
    expect(xml).toContain('<w:tblHeader/>');
  });

  it('Markdown: a row broken over two lines, a sub-row without labels, extra leading cells, the header repeated after a page break', () => {
    const md = text('markdown').split('\n');
    const width = (l: string | undefined) => (l ?? '').split('|').length - 2;
    const t3 = md.filter((l) => l.startsWith('|') && width(l) >= 4);
    expect(md.some((l, i) => width(l) === 6 && width(md[i + 1]) === 4)).toBe(true); // 3 labels + 3 figures, then 4 figures
    expect(t3.some((l) => /^\| \d+ \| \d+ \| \d+ \| \d+ \| \d+ \| \d+ \| \d+ \|$/u.test(l))).toBe(true); // seven figures, no label
    expect(t3.filter((l) => width(l) === 11).length).toBeGreaterThanOrEqual(1); // 10 columns and an extra leading cell
    const page = md.indexOf('- 2 -');
    expect(page).toBeGreaterThan(0);
    expect(md.slice(page).some((l) => l.startsWith('| （本列数据的勾稽关系为'))).toBe(true);
  });

  it('Markdown: the damage falls on other rows in another report (seeded by the title), never on a row that could not be placed', () => {
    const other = { ...gold, meta: { ...gold.meta, agency: ['另一个局'] } };
    const a = text('markdown');
    const b = Buffer.from(renderGold(other, 'markdown', 'y').bytes).toString('utf8');
    const rows = (md: string) => md.split('\n').filter((l) => l.startsWith('|')).map((l) => l.replace(/另一个局|某某局/gu, ''));
    expect(rows(a)).not.toEqual(rows(b));
    for (const md of [a, b]) {
      const lines = md.split('\n');
      const i = lines.findIndex((l) => /^\| \d+ \| \d+ \| \d+ \| \d+ \| \d+ \| \d+ \| \d+ \|$/u.test(l));
      expect(lines[i - 1]).toMatch(/\| \d\.[^|]+ \|/u); // the sub-rows on either side keep their numbered labels
      expect(lines[i + 1]).toMatch(/\| \d\.[^|]+ \|/u);
    }
  });

  it('PDF: the tables are drawn with ruling lines, 表三 cut by a page break', () => {
    const pdf = Buffer.from(renderGold(gold, 'pdf', 'x').bytes);
    const streams: string[] = [];
    for (let at = pdf.indexOf('stream\n'); at >= 0; at = pdf.indexOf('stream\n', at + 1)) {
      const end = pdf.indexOf('\nendstream', at);
      if (pdf.subarray(at - 3, at).toString('latin1') === 'end') continue;
      streams.push(inflateSync(pdf.subarray(at + 7, end)).toString('latin1'));
    }
    const lines = streams.join('\n').match(/ [\d.]+ [\d.]+ re f/gu) ?? []; // hairline filled rectangles, as Word exports borders
    expect(lines.length).toBeGreaterThan(100);
    const pages = streams.slice(1); // the first stream is the ToUnicode map
    const withT3Rows = pages.filter((p) => /re f/u.test(p) && (p.match(/Tj/gu) ?? []).length > 20);
    expect(withT3Rows.length).toBeGreaterThanOrEqual(2);
  });
});
