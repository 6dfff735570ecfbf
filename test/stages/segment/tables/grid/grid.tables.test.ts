import type { ReportTable } from '@gongkai/core';
import { decode } from '@gongkai/decode';
import { describe, expect, it } from 'vitest';
import { segment } from '../../../../../packages/segment/src/segment.stage.ts';
import { formT2, formT3, formT4, formT5, toAligned, toDocx, toHtml, toMarkdown, type Form } from './forms.fixture.ts';

const INTRO = '某区2021年政府信息公开工作年度报告\n一、总体情况\n2021年，本区主动公开政府信息123条。\n';
const HEADS: Record<Form['kind'], string> = {
  t2: '二、主动公开政府信息情况',
  t3: '三、收到和处理政府信息公开申请情况',
  t4: '四、政府信息公开行政复议、行政诉讼情况',
  t5: '五、信息处理费收取情况',
};
const OUTRO = '六、存在的主要问题及改进情况\n无。';

async function tablesOf(bytes: Uint8Array | string, name: string): Promise<ReportTable[]> {
  const data = typeof bytes === 'string' ? new TextEncoder().encode(bytes) : bytes;
  const d = await decode({ bytes: data, name });
  return segment({ decode: d }).tables;
}

function cells(tables: readonly ReportTable[]): Map<string, number | null> {
  const out = new Map<string, number | null>();
  for (const t of tables) for (const c of t.cells) out.set(`${t.kind}.${c.row}.${c.col}`, c.value);
  return out;
}

function expectCells(tables: readonly ReportTable[], forms: readonly Form[]): void {
  const got = cells(tables);
  for (const f of forms) {
    for (const [key, value] of f.expected) expect([key, got.get(key)]).toEqual([key, value]);
    const t = tables.find((x) => x.kind === f.kind);
    expect(t?.cells.every((c) => c.how === 'structure' && c.colLabel !== undefined && c.rowLabel !== undefined)).toBe(true);
  }
}

const htmlPage = (forms: Form[]) =>
  `<html><head><meta charset="utf-8"><title>报告</title></head><body><div class="content">${INTRO.split('\n').map((l) => `<p>${l}</p>`).join('')}${forms
    .map((f) => `<p>${HEADS[f.kind]}</p>${toHtml(f)}`)
    .join('\n')}<p>${OUTRO}</p></div></body></html>`;

describe('template matcher on HTML tables (Word-exported markup, rowspan/colspan, &nbsp;)', () => {
  it('reads the 2021 form: 表二, 表三 (derived group sums), 表四 and 表五, every cell from structure', async () => {
    const forms = [formT2('2021'), formT3('2021'), formT4(), formT5()];
    const tables = await tablesOf(htmlPage(forms), 'report.html');
    expect(tables.map((t) => `${t.kind}:${t.variant}`)).toEqual(['t2:2021', 't3:2021', 't4:uniform', 't5:2024']);
    expectCells(tables, forms);
    for (const t of tables) expect(t.unparsed).toEqual([]);
  });

  it('reads the 2019 form in full: 上一年项目数量 / 本年增/减 / 处理决定数量 and 政府集中采购 (万元 converted to 元)', async () => {
    const forms = [formT2('2019', { procurementUnit: '万元' }), formT3('2019'), formT4()];
    const tables = await tablesOf(htmlPage(forms), 'report.html');
    expect(tables.map((t) => `${t.kind}:${t.variant}`)).toEqual(['t2:2019', 't3:2019', 't4:uniform']);
    expectCells(tables, forms);
    expect(cells(tables).get('t2.licensing.delta')).toBe(-2);
  });

  it('reads the 2025 表二 without a 规章 row', async () => {
    const forms = [formT2('2021', { noRules: true }), formT3('2021')];
    const tables = await tablesOf(htmlPage(forms), 'report.html');
    expectCells(tables, forms);
    expect(cells(tables).has('t2.rules.issued')).toBe(false);
  });
});

describe('rows the forms do not have', () => {
  it('an agency\'s own row in 表二 stays unread with an unparsed entry that names it', async () => {
    const t2 = formT2('2021');
    const at = t2.rows.findIndex((r) => r[0]?.text === '行政许可');
    t2.rows.splice(at + 1, 0, [{ text: '行政确认' }, { text: '17', colSpan: 3 }]);
    const tables = await tablesOf(htmlPage([t2, formT3('2021')]), 'report.html');
    expectCells(tables, [t2]);
    const t = tables.find((x) => x.kind === 't2');
    expect(t?.unparsed.map((u) => [u.raw, u.reason])).toEqual([['行政确认 | 17', 'row label is no row of 表二']]);
    expect(t?.cells.some((c) => c.value === 17)).toBe(false);
  });
});

describe('template matcher on DOCX tables (w:gridSpan, w:vMerge)', () => {
  it('gives the same cells as the HTML rendering', async () => {
    const forms = [formT2('2021'), formT3('2021'), formT4(), formT5()];
    const parts: Array<string | Form> = [...INTRO.split('\n').filter(Boolean), ...forms.flatMap((f) => [HEADS[f.kind], f]), OUTRO];
    const tables = await tablesOf(await toDocx(parts), 'report.docx');
    expectCells(tables, forms);
  });
});

const mdPage = (parts: string[]) => `${INTRO}${parts.join('\n\n')}\n${OUTRO}\n`;

describe('template matcher on Markdown pipe tables (PDF conversions)', () => {
  it('reads the tables with an extra leading cell on every row and 表三 headers repeated after a page break', async () => {
    const t2 = formT2('2021');
    const t3 = formT3('2021');
    const t4 = formT4();
    const md = mdPage([
      HEADS.t2, toMarkdown(t2, { extraLeading: true }),
      HEADS.t3, toMarkdown(t3, { extraLeading: true, headerRows: 3, repeatHeaderAfter: 12 }),
      HEADS.t4, toMarkdown(t4, { headerRows: 3 }),
    ]);
    const tables = await tablesOf(md, 'report.md');
    expectCells(tables, [t2, t3, t4]);
  });

  it('places rows whose labels were lost by position when exactly one template row fits and the identities hold', async () => {
    const t3 = formT3('2021');
    const md = mdPage([HEADS.t3, toMarkdown(t3, { headerRows: 3, dropLabels: ['new_received', 'partial', 'refused.third_party', 'unable.needs_creation'] })]);
    const tables = await tablesOf(md, 'report.md');
    expectCells(tables, [t3]);
    expect(tables.find((t) => t.kind === 't3')?.unparsed).toEqual([]);
  });

  it('leaves rows it cannot place unread with an unparsed entry, never shifted', async () => {
    const t3 = formT3('2021');
    // two neighbours lost their labels and one of them its row: the gap no longer fits the template
    const md = toMarkdown(t3, { headerRows: 3, dropLabels: ['refused.third_party', 'refused.internal_affairs'] })
      .split('\n')
      .filter((l) => !l.includes('属于四类过程性信息'))
      .join('\n');
    const tables = await tablesOf(mdPage([HEADS.t3, md]), 'report.md');
    const t = tables.find((x) => x.kind === 't3');
    const got = cells(tables);
    expect(got.has('t3.refused.third_party.total')).toBe(false);
    expect(got.has('t3.refused.internal_affairs.total')).toBe(false);
    expect(got.has('t3.refused.process_info.total')).toBe(false);
    expect(t?.unparsed.filter((u) => /no single template row fits/.test(u.reason))).toHaveLength(2);
    // every other row is still read, and right
    for (const [k, v] of t3.expected) if (!/refused\.(?:third_party|internal_affairs|process_info|sum)/.test(k)) expect([k, got.get(k)]).toEqual([k, v]);
  });
});

describe('template matcher on 表二 whose header rows were lost', () => {
  it('tells the 2019 form from its rows, reads the cells in order, and leaves an amount without a stated unit unread', async () => {
    const t2 = formT2('2019');
    const md = toMarkdown(t2).split('\n').filter((l) => !l.includes('信息内容')).join('\n');
    const tables = await tablesOf(mdPage([HEADS.t2, md]), 'report.md');
    const t = tables.find((x) => x.kind === 't2');
    expect(t?.variant).toBe('2019');
    const got = cells(tables);
    for (const [k, v] of t2.expected) if (k !== 't2.procurement.amount') expect([k, got.get(k)]).toEqual([k, v]);
    expect(got.has('t2.procurement.amount')).toBe(false);
    expect(t?.unparsed.map((u) => u.reason)).toEqual([expect.stringMatching(/^procurement\.amount: .*unit/)]);
  });
});

describe('template matcher on column-aligned plain text', () => {
  it('reads 表二 and 表四 from space-aligned rows', async () => {
    const t2 = formT2('2019');
    const t4 = formT4();
    const text = `${INTRO}${HEADS.t2}\n${toAligned(t2)}\n${HEADS.t4}\n${toAligned(t4)}\n${OUTRO}\n`;
    const tables = await tablesOf(text, 'report.txt');
    expectCells(tables, [t2, t4]);
  });
});
