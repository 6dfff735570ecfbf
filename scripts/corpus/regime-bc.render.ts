/**
 * A 2019+ report (regime B: 2019 format, C: 2021 format): the six fixed
 * sections with 表二/表三/表四 laid out as the official template prints
 * them, figures from bc-tables.model.ts, a short narrative that restates
 * some of them. One inconsistency may be injected on purpose.
 */
import { T3_COLUMNS, T4_COLUMNS, T4_GROUPS, TABLE_TO_CORE } from '@gongkai/core';
import { contactLine, filler, pickAgency } from './agencies.data.ts';
import { agencyIntro } from './bc.narrative.ts';
import { makeT2, makeT3, makeT4, type T3, type Variant } from './bc-tables.model.ts';
import type { CorpusDoc, DocBlock } from './corpus.types.ts';
import type { Rng } from './rng.ts';

const T3_LABELS: ReadonlyArray<readonly [string, string[]]> = [
  ['new_received', ['一、本年新收政府信息公开申请数量']],
  ['carried_over', ['二、上年结转政府信息公开申请数量']],
  ['granted', ['三、本年度办理结果', '（一）予以公开']],
  ['partial', ['（二）部分公开（区分处理的，只计这一情形，不计其他情形）']],
  ['refused.state_secret', ['（三）不予公开', '1.属于国家秘密']],
  ['refused.law_forbidden', ['2.其他法律行政法规禁止公开']],
  ['refused.three_safety_one_stability', ['3.危及“三安全一稳定”']],
  ['refused.third_party', ['4.保护第三方合法权益']],
  ['refused.internal_affairs', ['5.属于三类内部事务信息']],
  ['refused.process_info', ['6.属于四类过程性信息']],
  ['refused.enforcement_file', ['7.属于行政执法案卷']],
  ['refused.admin_query', ['8.属于行政查询事项']],
  ['unable.not_held', ['（四）无法提供', '1.本机关不掌握相关政府信息']],
  ['unable.needs_creation', ['2.没有现成信息需要另行制作']],
  ['unable.unclear_after_amend', ['3.补正后申请内容仍不明确']],
  ['not_processed.petition_complaint', ['（五）不予处理', '1.信访举报投诉类申请']],
  ['not_processed.repeat', ['2.重复申请']],
  ['not_processed.publication', ['3.要求提供公开出版物']],
  ['not_processed.mass_repeat', ['4.无正当理由大量反复申请']],
  ['not_processed.confirm_or_reissue', ['5.要求行政机关确认或重新出具已获取信息']],
  ['other.no_amend_overdue', ['（六）其他处理', '1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请']],
  ['other.fee_unpaid', ['2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请']],
  ['other.other', ['3.其他']],
  ['other.sum', ['（六）其他处理']],
  ['total', ['（七）总计']],
  ['carried_forward', ['四、结转下年度继续办理']],
];

const INJECTIONS = ['T3_BALANCE', 'T3_TOTAL_SUM', 'T4_GROUP_SUM'] as const;

export function renderRegimeBC(rng: Rng, serial: number, regime: 'B' | 'C', inject: boolean): CorpusDoc {
  const variant: Variant = regime === 'B' ? '2019' : '2021';
  const agency = pickAgency(rng);
  const year = regime === 'B' ? rng.int(2019, 2020) : rng.int(2021, 2025);
  const scale = rng.pick([5, 30, 200, 1500]);
  const t2 = makeT2(rng, variant);
  const t3 = makeT3(rng, variant, scale);
  const t4 = makeT4(rng, scale);
  const metrics: Record<string, number> = {};
  const implied: Record<string, number> = {};
  let injected: CorpusDoc['injected'] = null;
  if (inject) injected = injectInto(rng, rng.pick(INJECTIONS), t3, t4);

  for (const r of t2) for (const [col, v] of r.values) metrics[`t2.${r.key}.${col}`] = v;
  for (const [row, vals] of t3) {
    const printed = T3_LABELS.some(([id]) => id === row) && !(row === 'other.sum' && variant === '2021');
    T3_COLUMNS.forEach((c, i) => ((printed ? metrics : implied)[`t3.${row}.${c.id}`] = vals[i] ?? 0));
  }
  T4_GROUPS.forEach((g, gi) => T4_COLUMNS.forEach((c, ci) => (metrics[`t4.${g.id}.${c.id}`] = t4[gi * 5 + ci] ?? 0)));
  for (const { core, from } of TABLE_TO_CORE) {
    const vals = from.map((k) => metrics[k] ?? implied[k]);
    if (vals.every((v) => v !== undefined)) implied[core] = vals.reduce((a: number, b) => a + (b ?? 0), 0);
  }

  const self = agency.self;
  const proactive = rng.int(30, 20_000);
  metrics['proactive.total'] = proactive;
  const received = t3.get('new_received')![6] ?? 0;
  const narrative = `${year}年，${self}共收到政府信息公开申请${received}件，均在法定期限内予以答复。`;
  metrics['requests.received.total'] = received;

  const blocks: DocBlock[] = [
    { kind: 'title', text: `${agency.name}${year}年政府信息公开工作年度报告` },
    { kind: 'p', text: `${agencyIntro(agency.name, year, regime)}${contactLine(rng, agency, serial)}` },
    { kind: 'h', text: '一、总体情况' },
    { kind: 'p', text: filler(rng, rng.int(1, 3)) },
    { kind: 'p', text: `（一）主动公开。${year}年，${self}主动公开政府信息${proactive}条。${filler(rng, rng.int(1, 2))}` },
    { kind: 'p', text: `（二）依申请公开。${narrative}${filler(rng, 1)}` },
    { kind: 'p', text: `（三）政府信息管理。${filler(rng, rng.int(1, 2))}` },
    { kind: 'p', text: `（四）平台建设。${filler(rng, 1)}` },
    { kind: 'p', text: `（五）监督保障。${filler(rng, 1)}` },
    { kind: 'h', text: '二、主动公开政府信息情况' },
    { kind: 'table', rows: t2Rows(t2) },
    { kind: 'h', text: '三、收到和处理政府信息公开申请情况' },
    { kind: 'table', rows: t3Rows(t3, variant) },
    { kind: 'h', text: '四、政府信息公开行政复议、行政诉讼情况' },
    { kind: 'table', rows: t4Rows(t4) },
    { kind: 'h', text: '五、存在的主要问题及改进情况' },
    { kind: 'p', text: filler(rng, rng.int(2, 4)) },
    { kind: 'h', text: '六、其他需要报告的事项' },
    { kind: 'p', text: `${year}年，${self}未收取信息处理费。${filler(rng, 1)}` },
  ];
  metrics['fees.amount_wan_yuan'] = 0;
  return { regime, year, agency: agency.name, blocks, metrics, implied, injected };
}

/** Breaks one identity by `d` while every other identity still holds. */
function injectInto(rng: Rng, rule: (typeof INJECTIONS)[number], t3: T3, t4: number[]): CorpusDoc['injected'] {
  const d = rng.int(1, 3);
  if (rule === 'T3_BALANCE') {
    const row = t3.get('carried_forward')!;
    row[0]! += d;
    row[6]! += d;
    return { rule, detail: `结转下年度 +${d} (自然人, 总计)` };
  }
  if (rule === 'T3_TOTAL_SUM') {
    const row = t3.get('granted')!;
    row[0]! += d;
    row[6]! += d;
    return { rule, detail: `予以公开 +${d} (自然人, 总计) without the 总计 row` };
  }
  const g = rng.int(0, 2);
  t4[g * 5 + 4]! += d;
  return { rule, detail: `表四 group ${T4_GROUPS[g]!.id} 总计 +${d}` };
}

function t2Rows(t2: ReturnType<typeof makeT2>): string[][] {
  const rows: string[][] = [];
  let last = '';
  for (const r of t2) {
    if (r.block !== last) rows.push([r.block], r.header);
    last = r.block;
    rows.push([r.label, ...r.values.map(([, v]) => String(v))]);
  }
  return rows;
}

function t3Rows(t3: T3, variant: Variant): string[][] {
  const rows: string[][] = [
    ['（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）', '申请人情况'],
    ['自然人', '法人或其他组织', '总计'],
    ['商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他'],
  ];
  for (const [id, labels] of T3_LABELS) {
    if (variant === '2021' && id === 'other.sum') continue;
    const vals = t3.get(id);
    if (!vals) continue;
    rows.push([...labels, ...vals.map(String)]);
  }
  return rows;
}

function t4Rows(t4: number[]): string[][] {
  const five = T4_COLUMNS.map((c) => c.label);
  return [
    ['行政复议', '行政诉讼'],
    [...five, '未经复议直接起诉', '复议后起诉'],
    [...five, ...five],
    t4.map(String),
  ];
}
