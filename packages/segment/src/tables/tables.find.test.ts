/**
 * 表二/表三/表四 and the 统计表 on tables written here: laid out as the
 * decoder promises (tab-separated rows), flattened into digit runs as the
 * pingtan pages are, and damaged (a page footer inside, a label lost).
 */
import { T3_ROWS } from '@gongkai/core';
import { describe, expect, it } from 'vitest';
import { findTables } from './tables.find.ts';

const LABELS: Record<string, string> = {
  new_received: '一、本年新收政府信息公开申请数量', carried_over: '二、上年结转政府信息公开申请数量', granted: '三、本年度办理结果（一）予以公开',
  partial: '（二）部分公开（区分处理的，只计这一情形，不计其他情形）', 'refused.state_secret': '（三）不予公开1.属于国家秘密',
  'refused.law_forbidden': '2.其他法律行政法规禁止公开', 'refused.three_safety_one_stability': '3.危及“三安全一稳定”', 'refused.third_party': '4.保护第三方合法权益',
  'refused.internal_affairs': '5.属于三类内部事务信息', 'refused.process_info': '6.属于四类过程性信息', 'refused.enforcement_file': '7.属于行政执法案卷',
  'refused.admin_query': '8.属于行政查询事项', 'unable.not_held': '（四）无法提供1.本机关不掌握相关政府信息', 'unable.needs_creation': '2.没有现成信息需要另行制作',
  'unable.unclear_after_amend': '3.补正后申请内容仍不明确', 'not_processed.petition_complaint': '（五）不予处理1.信访举报投诉类申请', 'not_processed.repeat': '2.重复申请',
  'not_processed.publication': '3.要求提供公开出版物', 'not_processed.mass_repeat': '4.无正当理由大量反复申请', 'not_processed.confirm_or_reissue': '5.要求行政机关确认或重新出具已获取信息',
  'other.sum': '（六）其他处理', 'other.no_amend_overdue': '（六）其他处理1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请',
  'other.fee_unpaid': '2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请', 'other.other': '3.其他', total: '（七）总计', carried_forward: '四、结转下年度继续办理',
};

/** A consistent 表三 (2021 rows, or 2019 with a single （六） row). */
function t3Values(variant: '2019' | '2021'): Map<string, number[]> {
  const rows = T3_ROWS.filter((r) => !r.id.endsWith('.sum') || (variant === '2019' && r.id === 'other.sum'))
    .filter((r) => variant === '2021' || !r.id.startsWith('other.') || r.id === 'other.sum');
  const v = new Map<string, number[]>();
  const row = (n: number, c: number) => [n, c, 0, 0, 0, 0, n + c];
  for (const r of rows) v.set(r.id, row(0, 0));
  v.set('granted', row(21, 0));
  v.set('partial', row(8, 1));
  v.set('refused.process_info', row(2, 0));
  v.set('unable.not_held', row(37, 0));
  v.set(variant === '2021' ? 'other.other' : 'other.sum', row(0, 2));
  v.set('total', row(68, 3));
  v.set('new_received', row(67, 3));
  v.set('carried_over', row(1, 0));
  return v;
}

function layout(values: Map<string, number[]>, as: 'tab' | 'run'): string {
  const lines = [...values].map(([id, v]) => (as === 'tab' ? `${LABELS[id]}\t${v.join('\t')}` : `${LABELS[id]}${v.join('')}`));
  const head = '三、收到和处理政府信息公开申请情况（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）申请人情况自然人法人或其他组织总计商业企业科研机构社会公益组织法律服务机构其他';
  return `${head}${as === 'tab' ? '\n' : ''}${lines.join(as === 'tab' ? '\n' : '')}${as === 'tab' ? '\n' : ' '}四、政府信息公开行政复议、行政诉讼情况`;
}

function cellsOf(text: string, kind: string) {
  const t = findTables(text, 0, text.length).find((x) => x.kind === kind);
  if (!t) throw new Error(`no ${kind}`);
  const m = new Map(t.cells.filter((c) => !c.derived).map((c) => [`${c.row}.${c.col}`, c]));
  return { table: t, get: (row: string, col: string) => m.get(`${row}.${col}`) };
}

const COLS = ['natural', 'commercial', 'research', 'public_interest', 'legal_services', 'org_other', 'total'];

describe('表三', () => {
  for (const variant of ['2019', '2021'] as const) {
    for (const as of ['tab', 'run'] as const) {
      it(`${variant} rows laid out as ${as === 'tab' ? 'tab-separated cells' : 'digit runs on one line'}`, () => {
        const values = t3Values(variant);
        const text = layout(values, as);
        const { table, get } = cellsOf(text, 't3');
        expect(table.variant).toBe(variant);
        expect(table.unparsed).toEqual([]);
        for (const [row, v] of values) {
          COLS.forEach((col, i) => {
            const c = get(row, col);
            expect(c?.value, `${row}.${col}`).toBe(v[i]);
            expect(text.slice(c!.start, c!.end)).toBe(String(v[i]));
          });
        }
      });
    }
  }

  it('derives the sub-totals the template does not print', () => {
    const t = findTables(layout(t3Values('2021'), 'tab'), 0, 99999).find((x) => x.kind === 't3')!;
    const unable = t.cells.find((c) => c.row === 'unable.sum' && c.col === 'total');
    expect(unable).toMatchObject({ value: 37, derived: true });
    expect(t.cells.find((c) => c.row === 'other.sum' && c.col === 'commercial')).toMatchObject({ value: 2, derived: true });
  });

  it('ignores a page footer between rows', () => {
    const text = layout(t3Values('2021'), 'tab').replace('\n2.没有现成', '\n-4-\n2.没有现成');
    const { table, get } = cellsOf(text, 't3');
    expect(table.unparsed).toEqual([]);
    expect(get('unable.not_held', 'total')?.value).toBe(37);
  });

  it('keeps rows it cannot place out of the cells when a label is lost', () => {
    const text = layout(t3Values('2021'), 'run').replace('2.重复申请', '');
    const { table, get } = cellsOf(text, 't3');
    expect(get('not_processed.petition_complaint', 'total')).toBeUndefined();
    expect(get('not_processed.repeat', 'total')).toBeUndefined();
    expect(table.unparsed.map((u) => u.reason).join(' ')).toMatch(/not_processed.repeat: row label not found/);
    expect(get('granted', 'total')?.value).toBe(21);
  });

  it('uses the column identities to choose between splits of a run', () => {
    // 101000011 reads as 1,0,10,0,0,0,11 or 10,1,0,0,0,0,11; only the second keeps 总计 = the sum of the outcomes
    const v = t3Values('2021');
    v.set('refused.state_secret', [10, 1, 0, 0, 0, 0, 11]);
    v.set('total', [78, 4, 0, 0, 0, 0, 82]);
    v.set('carried_forward', [0, 0, 0, 0, 0, 0, 0]);
    v.set('new_received', [77, 4, 0, 0, 0, 0, 81]);
    const { get } = cellsOf(layout(v, 'run'), 't3');
    expect(get('refused.state_secret', 'natural')).toMatchObject({ value: 10 });
    expect(get('refused.state_secret', 'commercial')?.ambiguous).toBeUndefined();
  });

  it('marks a split the table cannot decide as ambiguous, with its candidates, and keeps the raw row', () => {
    const v = t3Values('2021');
    v.set('refused.state_secret', [10, 1, 0, 0, 0, 0, 11]);
    const text = layout(v, 'run').replace(/（七）总计\d+/, '（七）总计');
    const { table, get } = cellsOf(text, 't3');
    expect(get('refused.state_secret', 'natural')).toMatchObject({ value: null, ambiguous: true, candidates: [1, 10] });
    expect(get('refused.state_secret', 'total')).toMatchObject({ value: 11 });
    expect(table.unparsed.some((u) => u.raw === '101000011')).toBe(true);
  });
});

describe('表四', () => {
  const head = '四、政府信息公开行政复议、行政诉讼情况行政复议行政诉讼结果维持结果纠正其他结果尚未审结总计未经复议直接起诉复议后起诉结果维持结果纠正其他结果尚未审结总计结果维持结果纠正其他结果尚未审结总计';
  it('splits a run of the three groups', () => {
    const { get } = cellsOf(`${head}25380363300630003 五、存在的主要问题及改进情况`, 't4');
    expect(['upheld', 'corrected', 'other', 'pending', 'total'].map((c) => get('review', c)?.value)).toEqual([25, 3, 8, 0, 36]);
    expect(get('litigation_direct', 'total')?.value).toBe(6);
    expect(get('litigation_after_review', 'upheld')?.value).toBe(3);
  });
  it('reads a tab row as printed, even when a group does not add up', () => {
    const { get, table } = cellsOf(`${head}\n10\t1\t0\t0\t0\t0\t0\t0\t0\t0\t5\t0\t0\t0\t0\n五、存在的主要问题`, 't4');
    expect(get('review', 'upheld')?.value).toBe(10);
    expect(get('review', 'total')?.value).toBe(0);
    expect(table.unparsed).toEqual([]);
  });
  it('is not taken from a narrative sentence about review cases', () => {
    const text = '政府信息公开行政复议 351 件，其中结果维持 72 件，结果纠正 64 件，其他结果 178 件，尚未审结 37 件。';
    expect(findTables(text, 0, text.length).find((t) => t.kind === 't4')).toBeUndefined();
  });
});

describe('表二', () => {
  it('2021 columns: single-value rows are exact, a three-cell run is left ambiguous', () => {
    const text = '二、主动公开政府信息情况第二十条第（一）项信息内容本年制发件数本年废止件数现行有效件数规章000行政规范性文件8855698第二十条第（五）项信息内容本年处理决定数量行政许可10690第二十条第（六）项信息内容本年处理决定数量行政处罚2113行政强制0第二十条第（八）项信息内容本年收费金额（单位：万元）行政事业性收费9116.36 三、收到和处理政府信息公开申请情况';
    const { table, get } = cellsOf(text, 't2');
    expect(table.variant).toBe('2021');
    expect(get('rules', 'in_force')?.value).toBe(0);
    expect(get('licensing', 'decisions')?.value).toBe(10690);
    expect(get('admin_fees', 'amount_wan_yuan')?.value).toBe(9116.36);
    expect(get('normative_docs', 'in_force')).toMatchObject({ value: null, ambiguous: true });
    expect(get('normative_docs', 'in_force')?.candidates).toContain(698);
  });
  it('2019 columns with a signed 本年增/减', () => {
    const text = '第二十条第（一）项\n信息内容\t本年新制作数量\t本年新公开数量\t对外公开总数量\n规章\t0\t0\t7\n规范性文件\t77\t77\t166\n第二十条第（五）项\n行政许可\t396\t44\t2278\n第二十条第（六）项\n行政处罚\t2648\t-185\t38\n行政强制\t12\t6\t2629\n第二十条第（八）项\n行政事业性收费\t35\t-15\n第二十条第（九）项\n政府集中采购\t395\t73802895.90元\n三、收到和处理政府信息公开申请情况';
    const { table, get } = cellsOf(text, 't2');
    expect(table.variant).toBe('2019');
    expect(get('penalty', 'delta')?.value).toBe(-185);
    expect(get('procurement', 'amount')).toMatchObject({ value: 73802895.9, raw: '73802895.90元' });
  });
});

describe('统计表 (2008 form)', () => {
  it('reads spaced rows and leaves run-together ones it cannot split', () => {
    const text = '附件1：统计表 指标名称 计量单位 2011年度 历年累计 主动公开信息数 条 425 1516 其中：1.网站公开 条 418 1509 2.政府公报公开 条 77 受理依申请公开信息总数条4251516 行政复议数 件 0 0';
    const { table, get } = cellsOf(text, 'stats');
    expect(table.variant).toBe('cumulative');
    expect(get('主动公开信息数', '2011年度')?.value).toBe(425);
    expect(get('网站公开', '历年累计')?.value).toBe(1509);
    expect(get('政府公报公开', '2011年度')?.value).toBe(7);
    expect(get('受理依申请公开信息总数', '2011年度')).toMatchObject({ value: null, ambiguous: true });
    expect(get('行政复议数', '历年累计')?.value).toBe(0);
  });

  it('reads the national form from tab-separated rows, labels with digits included', () => {
    const text = '政府信息公开情况统计表\n统计指标\t单位\t统计数\n一、主动公开情况\t\t\n（一）主动公开政府信息数（不同渠道和方式公开相同信息计1条）\t条\t1763\n其中：主动公开规范性文件数\t条\t11\n三、依申请公开情况\t\t\n（一）收到申请数\t件\t41\n1.当面申请数\t件\t/\n七、依申请公开信息收取的费用\t万元\t0\n';
    const { table, get } = cellsOf(text, 'stats');
    expect(table.variant).toBe('national');
    expect(get('主动公开政府信息数（不同渠道和方式公开相同信息计1条）', '统计数')?.value).toBe(1763);
    expect(get('主动公开规范性文件数', '统计数')?.value).toBe(11);
    expect(get('收到申请数', '统计数')?.value).toBe(41);
    expect(get('当面申请数', '统计数')?.value).toBeNull();
    expect(get('依申请公开信息收取的费用', '统计数')?.value).toBe(0);
  });
});
