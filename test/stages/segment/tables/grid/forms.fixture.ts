/**
 * Test support (not part of the package API): the national forms filled
 * with numbers that satisfy their identities, as logical tables (cells with
 * spans), and renderers into the formats users have: HTML as Word exports it,
 * DOCX (w:gridSpan, w:vMerge), Markdown as PDF converters write it, and
 * column-aligned plain text. Expected cells are `${kind}.${row}.${col}` → value.
 */
import JSZip from 'jszip';

export interface FormCell {
  text: string;
  rowSpan?: number;
  colSpan?: number;
  /** Template row id this cell's row holds (data rows only). */
  row?: string;
}
export type FormRow = FormCell[];
export interface Form {
  kind: 't2' | 't3' | 't4' | 't5';
  rows: FormRow[];
  expected: Map<string, number | null>;
}

const c = (text: string | number, colSpan = 1, rowSpan = 1): FormCell => ({ text: String(text), colSpan, rowSpan });

/** 表二, 2021 form (with or without the 规章 row) or 2019 form. */
export function formT2(variant: '2019' | '2021', opts: { noRules?: boolean; procurementUnit?: '元' | '万元' } = {}): Form {
  const expected = new Map<string, number | null>();
  const rows: FormRow[] = [];
  const data = (id: string, label: string, cols: string[], values: Array<number | string>, spans: number[] = cols.map(() => 1)) => {
    rows.push([{ ...c(label), row: id }, ...values.map((v, i) => ({ ...c(v, spans[i]), row: id }))]);
    cols.forEach((col, i) => {
      const v = values[i] as number | string;
      expected.set(`t2.${id}.${col}`, typeof v === 'number' ? v : Number(String(v).replace(/[^\d.+-]/g, '')));
    });
  };
  const section = (n: string) => rows.push([c(`第二十条第（${n}）项`, 4)]);
  if (variant === '2021') {
    section('一');
    rows.push([c('信息内容'), c('本年制发件数'), c('本年废止件数'), c('现行有效件数')]);
    if (!opts.noRules) data('rules', '规章', ['issued', 'repealed', 'in_force'], [1, 0, 7]);
    data('normative_docs', '行政规范性文件', ['issued', 'repealed', 'in_force'], [12, 3, 40]);
    section('五');
    rows.push([c('信息内容'), c('本年处理决定数量', 3)]);
    data('licensing', '行政许可', ['decisions'], [396], [3]);
    section('六');
    rows.push([c('信息内容'), c('本年处理决定数量', 3)]);
    data('penalty', '行政处罚', ['decisions'], [1288], [3]);
    data('coercion', '行政强制', ['decisions'], [4], [3]);
    section('八');
    rows.push([c('信息内容'), c('本年收费金额（单位：万元）', 3)]);
    data('admin_fees', '行政事业性收费', ['amount_wan_yuan'], [56.78], [3]);
  } else {
    section('一');
    rows.push([c('信息内容'), c('本年新制作数量'), c('本年新公开数量'), c('对外公开总数量')]);
    data('rules', '规章', ['made', 'published', 'public_total'], [0, 0, 2]);
    data('normative_docs', '规范性文件', ['made', 'published', 'public_total'], [5, 5, 31]);
    section('五');
    rows.push([c('信息内容'), c('上一年项目数量'), c('本年增/减'), c('处理决定数量')]);
    data('licensing', '行政许可', ['prev_items', 'delta', 'decisions'], [41, -2, 1288]);
    data('other_services', '其他对外管理服务事项', ['prev_items', 'delta', 'decisions'], [7, 0, 3]);
    section('六');
    rows.push([c('信息内容'), c('上一年项目数量'), c('本年增/减'), c('处理决定数量')]);
    data('penalty', '行政处罚', ['prev_items', 'delta', 'decisions'], [410, 3, 100]);
    data('coercion', '行政强制', ['prev_items', 'delta', 'decisions'], [12, 0, 9]);
    section('八');
    rows.push([c('信息内容'), c('上一年项目数量'), c('本年增/减', 2)]);
    data('admin_fees', '行政事业性收费', ['prev_items', 'delta'], [3, 1], [1, 2]);
    section('九');
    const unit = opts.procurementUnit ?? '元';
    rows.push([c('信息内容'), c('采购项目数量'), c(`采购总金额（${unit}）`, 2)]);
    data('procurement', '政府集中采购', ['projects', 'amount'], [39, 17260.5], [1, 2]);
    expected.set('t2.procurement.amount', unit === '万元' ? 172605000 : 17260.5);
  }
  return { kind: 't2', rows, expected };
}

const T3_COLS = ['natural', 'commercial', 'research', 'public_interest', 'legal_services', 'org_other', 'total'];
const GROUPS_2021: Array<[string, string, Array<[string, string]>]> = [
  ['refused', '（三）不予公开', [
    ['state_secret', '1.属于国家秘密'], ['law_forbidden', '2.其他法律行政法规禁止公开'], ['three_safety_one_stability', '3.危及“三安全一稳定”'],
    ['third_party', '4.保护第三方合法权益'], ['internal_affairs', '5.属于三类内部事务信息'], ['process_info', '6.属于四类过程性信息'],
    ['enforcement_file', '7.属于行政执法案卷'], ['admin_query', '8.属于行政查询事项']]],
  ['unable', '（四）无法提供', [['not_held', '1.本机关不掌握相关政府信息'], ['needs_creation', '2.没有现成信息需要另行制作'], ['unclear_after_amend', '3.补正后申请内容仍不明确']]],
  ['not_processed', '（五）不予处理', [
    ['petition_complaint', '1.信访举报投诉类申请'], ['repeat', '2.重复申请'], ['publication', '3.要求提供公开出版物'],
    ['mass_repeat', '4.无正当理由大量反复申请'], ['confirm_or_reissue', '5.要求行政机关确认或重新出具已获取信息']]],
  ['other', '（六）其他处理', [
    ['no_amend_overdue', '1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请'],
    ['fee_unpaid', '2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请'], ['other', '3.其他']]],
];

/** 表三 as the template lays it out (2021: （六） with three sub-rows; 2019: （六） one row). Values satisfy every identity. */
export function formT3(variant: '2019' | '2021'): Form {
  const expected = new Map<string, number | null>();
  let seed = 7;
  const next = () => (seed = (seed * 37 + 11) % 97) % 6;
  const six = () => Array.from({ length: 6 }, next);
  const values = new Map<string, number[]>();
  const put = (id: string, v: number[]) => {
    const row = [...v, v.reduce((a, b) => a + b, 0)];
    values.set(id, row);
    row.forEach((x, i) => expected.set(`t3.${id}.${T3_COLS[i]}`, x));
  };
  put('granted', six());
  put('partial', six());
  const groupRows: string[] = [];
  for (const [g, , subs] of GROUPS_2021) {
    if (g === 'other' && variant === '2019') {
      put('other.sum', six());
      groupRows.push('other.sum');
      continue;
    }
    for (const [s] of subs) put(`${g}.${s}`, six());
    const sum = T3_COLS.slice(0, 6).map((_, i) => subs.reduce((a, [s]) => a + (values.get(`${g}.${s}`)?.[i] ?? 0), 0));
    // the 2021 template prints no group sums: the reader derives them
    for (const [i, col] of T3_COLS.entries()) expected.set(`t3.${g}.sum.${col}`, i < 6 ? (sum[i] as number) : sum.reduce((a, b) => a + b, 0));
    groupRows.push(...subs.map(([s]) => `${g}.${s}`));
  }
  const total = T3_COLS.slice(0, 6).map((_, i) => ['granted', 'partial', ...groupRows].reduce((a, id) => a + (values.get(id)?.[i] ?? 0), 0));
  put('total', total);
  const carriedOver = total.map((t) => Math.min(t, 1));
  const carriedForward = total.map((_, i) => (i % 2 === 0 ? 2 : 0));
  put('carried_over', carriedOver);
  put('carried_forward', carriedForward);
  put('new_received', total.map((t, i) => t + (carriedForward[i] as number) - (carriedOver[i] as number)));

  const cells = (id: string) => (values.get(id) as number[]).map((v) => ({ ...c(v), row: id }));
  const rows: FormRow[] = [
    [c('（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）', 3, 3), c('申请人情况', 7)],
    [c('自然人', 1, 2), c('法人或其他组织', 5), c('总计', 1, 2)],
    [c('商业企业'), c('科研机构'), c('社会公益组织'), c('法律服务机构'), c('其他')],
    [{ ...c('一、本年新收政府信息公开申请数量', 3), row: 'new_received' }, ...cells('new_received')],
    [{ ...c('二、上年结转政府信息公开申请数量', 3), row: 'carried_over' }, ...cells('carried_over')],
  ];
  const resultRows = variant === '2021' ? 22 : 20;
  rows.push([c('三、本年度办理结果', 1, resultRows), { ...c('（一）予以公开', 2), row: 'granted' }, ...cells('granted')]);
  rows.push([{ ...c('（二）部分公开（区分处理的，只计这一情形，不计其他情形）', 2), row: 'partial' }, ...cells('partial')]);
  for (const [g, label, subs] of GROUPS_2021) {
    if (g === 'other' && variant === '2019') {
      rows.push([{ ...c(label, 2), row: 'other.sum' }, ...cells('other.sum')]);
      continue;
    }
    subs.forEach(([s, sub], i) => {
      const id = `${g}.${s}`;
      rows.push([...(i === 0 ? [c(label, 1, subs.length)] : []), { ...c(sub), row: id }, ...cells(id)]);
    });
  }
  rows.push([{ ...c('（七）总计', 2), row: 'total' }, ...cells('total')]);
  rows.push([{ ...c('四、结转下年度继续办理', 3), row: 'carried_forward' }, ...cells('carried_forward')]);
  return { kind: 't3', rows, expected };
}

/** 表四 as the template lays it out: group headers over two rows, fifteen leaf columns, one data row. */
export function formT4(): Form {
  const v = [2, 1, 0, 1, 4, 3, 0, 1, 0, 4, 0, 0, 1, 1, 2];
  const expected = new Map<string, number | null>();
  const leaves = ['upheld', 'corrected', 'other', 'pending', 'total'];
  ['review', 'litigation_direct', 'litigation_after_review'].forEach((g, gi) => leaves.forEach((l, li) => expected.set(`t4.${g}.${l}`, v[gi * 5 + li] as number)));
  const leafCells = (rowSpan: number) => ['结果维持', '结果纠正', '其他结果', '尚未审结', '总计'].map((t) => c(t, 1, rowSpan));
  const rows: FormRow[] = [
    [c('行政复议', 5), c('行政诉讼', 10)],
    [...leafCells(2), c('未经复议直接起诉', 5), c('复议后起诉', 5)],
    [...leafCells(1), ...leafCells(1)],
    v.map((x) => ({ ...c(x), row: 'data' })),
  ];
  return { kind: 't4', rows, expected };
}

/** 五、信息处理费收取情况 (2024+). */
export function formT5(): Form {
  const expected = new Map<string, number | null>([
    ['t5.notified.count', 2], ['t5.notified.amount_yuan', 150], ['t5.collected.amount_yuan', 100],
  ]);
  return { kind: 't5', rows: [[c('通知收取件数'), c('通知收取金额（元）'), c('实际收取金额（元）')], [c(2), c(150), c(100)]], expected };
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');

/** HTML as Word's "save as web page" writes it: cells wrapping <p><span> and <o:p>, &nbsp; in empty cells. */
export function toHtml(form: Form): string {
  const td = (cell: FormCell) => {
    const attrs = `${(cell.colSpan ?? 1) > 1 ? ` colspan="${cell.colSpan}"` : ''}${(cell.rowSpan ?? 1) > 1 ? ` rowspan="${cell.rowSpan}"` : ''}`;
    // as on the agencies' pages: a short header label wrapped over two <p> (商业 / 企业), a trailing &nbsp; span after labels
    const t = cell.text;
    const label = t !== '' && !/^-?\d+(?:\.\d+)?$/.test(t);
    const p = (x: string) => `<p class="MsoNormal" align="center"><span lang="EN-US"><span style="font-family:仿宋_GB2312">${esc(x)}${label ? '<span style="font-family:Calibri">&nbsp;</span>' : ''}</span></span><o:p></o:p></p>`;
    const body = t === '' ? '<p class="MsoNormal">&nbsp;</p>' : label && t.length === 4 ? p(t.slice(0, 2)) + p(t.slice(2)) : p(t);
    return `<td${attrs} valign="center" style="border:solid windowtext 1.0pt">${body}</td>`;
  };
  return `<table class="MsoNormalTable" border="1" cellspacing="0"><tbody>\n${form.rows.map((r) => `<tr>${r.map(td).join('')}</tr>`).join('\n')}\n</tbody></table>`;
}

/** The form laid out on its grid: per grid row, the cell starting at each column, or 'covered' under a span. */
function expand(form: Form): Array<Array<{ cell: FormCell; start: boolean; first: boolean } | undefined>> {
  const out: Array<Array<{ cell: FormCell; start: boolean; first: boolean } | undefined>> = form.rows.map(() => []);
  form.rows.forEach((row, r) => {
    let col = 0;
    for (const cell of row) {
      const line = out[r] as Array<{ cell: FormCell; start: boolean; first: boolean } | undefined>;
      while (line[col] !== undefined) col++;
      for (let dr = 0; dr < (cell.rowSpan ?? 1); dr++) {
        for (let dc = 0; dc < (cell.colSpan ?? 1); dc++) {
          const l = out[r + dr];
          if (l) l[col + dc] = { cell, start: dr === 0, first: dc === 0 };
        }
      }
      col += cell.colSpan ?? 1;
    }
  });
  return out;
}

/** Options of the Markdown rendering: the breakage PDF→Markdown converters produce. */
export interface MarkdownOptions {
  /** Rows (template ids) whose label cells are lost (printed empty). */
  dropLabels?: string[];
  /** An extra empty cell at the start of every row. */
  extraLeading?: boolean;
  /** Repeat the header rows (the first `headerRows`) after this many body rows, as after a page break. */
  repeatHeaderAfter?: number;
  headerRows?: number;
}

/** Markdown pipe table: every grid position one cell, merged cells printed in their first position, labels optionally lost. */
export function toMarkdown(form: Form, opts: MarkdownOptions = {}): string {
  const grid = expand(form);
  const width = Math.max(...grid.map((r) => r.length));
  const lines = grid.map((row) => {
    const cells = Array.from({ length: width }, (_, i) => {
      const p = row[i];
      if (!p || !p.start || !p.first) return '';
      const numeric = /^-?\d+(?:\.\d+)?$/.test(p.cell.text);
      if (!numeric && row.some((x) => x?.cell.row !== undefined && opts.dropLabels?.includes(x.cell.row))) return '';
      return p.cell.text;
    });
    return `| ${[...(opts.extraLeading ? [''] : []), ...cells].join(' | ')} |`;
  });
  const head = opts.headerRows ?? 1;
  const sep = `|${Array.from({ length: width + (opts.extraLeading ? 1 : 0) }, () => '---').join('|')}|`;
  const out = [...lines.slice(0, head), sep];
  lines.slice(head).forEach((l, i) => {
    if (opts.repeatHeaderAfter !== undefined && i === opts.repeatHeaderAfter) out.push('', '第 2 页', '', ...lines.slice(0, head), sep);
    out.push(l);
  });
  return out.join('\n');
}

/** Column-aligned plain text: each row's non-empty cells separated by runs of spaces. */
export function toAligned(form: Form): string {
  return form.rows.map((r) => r.map((x) => x.text).filter((t) => t !== '').join('    ')).join('\n');
}

const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
const para = (text: string) => `<w:p><w:r><w:t xml:space="preserve">${esc(text)}</w:t></w:r></w:p>`;

/** A DOCX whose tables use w:gridSpan and w:vMerge as Word writes them; `paragraphs` go before each table. */
export async function toDocx(parts: Array<string | Form>): Promise<Uint8Array> {
  const body = parts.map((p) => {
    if (typeof p === 'string') return para(p);
    const grid = expand(p);
    const rows = grid.map((row) => {
      const tcs: string[] = [];
      for (let i = 0; i < row.length; i++) {
        const pos = row[i];
        if (!pos || !pos.first) continue;
        const span = pos.cell.colSpan ?? 1;
        const merged = (pos.cell.rowSpan ?? 1) > 1;
        const pr = `<w:tcPr>${span > 1 ? `<w:gridSpan w:val="${span}"/>` : ''}${merged ? (pos.start ? '<w:vMerge w:val="restart"/>' : '<w:vMerge/>') : ''}</w:tcPr>`;
        tcs.push(`<w:tc>${pr}${pos.start ? para(pos.cell.text) : '<w:p/>'}</w:tc>`);
      }
      return `<w:tr>${tcs.join('')}</w:tr>`;
    });
    return `<w:tbl><w:tblGrid>${grid[0]?.map(() => '<w:gridCol w:w="800"/>').join('') ?? ''}</w:tblGrid>${rows.join('')}</w:tbl>`;
  });
  const zip = new JSZip();
  zip.file('[Content_Types].xml', '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>');
  zip.file('_rels/.rels', '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>');
  zip.file('word/document.xml', `<?xml version="1.0"?><w:document ${W}><w:body>${body.join('')}</w:body></w:document>`);
  return zip.generateAsync({ type: 'uint8array' });
}
