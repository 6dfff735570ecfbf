/**
 * The metric catalogue (DOMAIN.md section 4), as data. From here on this file
 * is the source of truth for metric keys: add a key here when a report needs
 * one. Keys are values in arrays of metric objects, never document field
 * names (MongoDB/FerretDB forbid "." in keys).
 */
import type { Regime } from './segment.types.ts';

/** Canonical units, as the reports write them. */
export const UNITS = ['条', '件', '次', '篇', '人', '人次', '个', '万元', '元', '项'] as const;
export type Unit = (typeof UNITS)[number];

export interface MetricDef {
  key: string;
  unit: Unit;
  /** Chinese labels and synonyms, most specific first. */
  labels: readonly string[];
  /** Regimes in which the metric is reported. */
  regimes: readonly Regime[];
  /** Amounts may be decimal; counts must be integers ≥ 0; deltas may be negative. */
  kind: 'count' | 'amount' | 'delta';
}

/**
 * Arithmetic relations between metrics. `sum`: parent = Σ children when all
 * children are stated (narrative reports may state only some: then Σ ≤ parent).
 * `le`: child ≤ parent.
 */
export interface SumRule {
  id: string;
  kind: 'sum' | 'le';
  parent: string;
  children: readonly string[];
  /** hard: the template guarantees it (B/C tables); soft: narrative, often violated by real reports. */
  strength: 'hard' | 'soft';
  regimes: readonly Regime[];
}

const ALL: readonly Regime[] = ['A', 'B', 'C'];
const A: readonly Regime[] = ['A'];
const BC: readonly Regime[] = ['B', 'C'];

function m(key: string, unit: Unit, labels: readonly string[], regimes: readonly Regime[] = ALL, kind: MetricDef['kind'] = 'count'): MetricDef {
  return { key, unit, labels, regimes, kind };
}

// ---------------------------------------------------------------- core (4.1, 4.2)
const CORE: MetricDef[] = [
  m('proactive.total', '条', ['主动公开政府信息数', '主动公开政府信息', '主动公开信息', '政府信息公开总数', '公开发布各类信息', '公开各类信息', '公开信息']),
  m('proactive.normative_docs', '条', ['主动公开规范性文件数', '主动公开规范性文件', '公开规范性文件']),
  m('proactive.normative_docs_issued', '件', ['制发规范性文件总数', '本年度制发规范性文件总数', '制发规范性文件']),
  m('proactive.channel.gazette', '条', ['政府公报公开政府信息数', '政府公报公开', '政府公报']),
  m('proactive.channel.website', '条', ['政府网站公开政府信息数', '政府网站公开', '门户网站', '政府网站']),
  m('proactive.channel.weibo', '条', ['政务微博公开政府信息数', '政务微博']),
  m('proactive.channel.wechat', '条', ['政务微信公开政府信息数', '政务微信']),
  m('proactive.channel.other', '条', ['其他方式公开政府信息数', '其他方式公开']),
  m('response.hotspots', '次', ['回应公众关注热点或重大舆情数', '回应公众关注热点', '重大舆情']),
  m('response.press_conferences', '次', ['参加或举办新闻发布会总次数', '新闻发布会']),
  m('response.press_conferences.by_heads', '次', ['主要负责同志参加新闻发布会次数']),
  m('response.online_interviews', '次', ['政府网站在线访谈次数', '在线访谈']),
  m('response.online_interviews.by_heads', '次', ['主要负责同志参加政府网站在线访谈次数']),
  m('response.interpretations', '篇', ['政策解读稿件发布数', '政策解读稿件', '政策解读']),
  m('response.weibo_wechat', '次', ['微博微信回应事件数']),
  m('response.other', '次', ['其他方式回应事件数']),
  m('requests.received.total', '件', ['收到申请数', '本年新收政府信息公开申请数量', '受理政府信息公开申请', '受理依申请公开', '收到信息公开申请', '依申请公开']),
  m('requests.received.in_person', '件', ['当面申请数', '当面申请', '现场申请']),
  m('requests.received.fax', '件', ['传真申请数', '传真申请']),
  m('requests.received.online', '件', ['网络申请数', '网络申请', '网上申请', '在线申请']),
  m('requests.received.letter', '件', ['信函申请数', '信函申请', '邮寄申请']),
  m('requests.received.email', '件', ['电子邮件申请数', '电子邮件申请', '邮件申请']),
  m('requests.received.other', '件', ['其他形式申请', '其他方式申请']),
  m('requests.carried_over', '件', ['上年结转政府信息公开申请数量', '上年结转'], BC),
  m('requests.closed.total', '件', ['申请办结数', '办结']),
  m('requests.closed.on_time', '件', ['按时办结数', '按时办结', '均在法定期限内办结', '按期办结']),
  m('requests.closed.extended', '件', ['延期办结数', '延期办结']),
  m('requests.outcome.total', '件', ['申请答复数', '总计']),
  m('requests.outcome.already_public', '件', ['属于已主动公开范围数', '属于已主动公开范围'], A),
  m('requests.outcome.granted', '件', ['同意公开答复数', '同意公开答复', '同意公开', '予以公开']),
  m('requests.outcome.partial', '件', ['同意部分公开答复数', '同意部分公开', '部分公开']),
  m('requests.outcome.refused.total', '件', ['不同意公开答复数', '不同意公开', '不予公开']),
  m('requests.outcome.refused.state_secret', '件', ['涉及国家秘密'], A),
  m('requests.outcome.refused.commercial_secret', '件', ['涉及商业秘密'], A),
  m('requests.outcome.refused.privacy', '件', ['涉及个人隐私'], A),
  m('requests.outcome.refused.security_stability', '件', ['危及国家安全、公共安全、经济安全和社会稳定'], A),
  m('requests.outcome.refused.not_gov_info', '件', ['不是《条例》所指政府信息'], A),
  m('requests.outcome.refused.other_legal', '件', ['法律法规规定的其他情形'], A),
  m('requests.outcome.not_this_agency', '件', ['不属于本行政机关公开数', '不属于本行政机关公开', '不属于本机关公开'], A),
  m('requests.outcome.not_exist', '件', ['申请信息不存在数', '申请信息不存在', '信息不存在'], A),
  m('requests.outcome.amend_requested', '件', ['告知作出更改补充数', '告知作出更改补充'], A),
  m('requests.outcome.redirected', '件', ['告知通过其他途径办理数', '告知通过其他途径办理'], A),
  m('requests.outcome.unable.total', '件', ['无法提供'], BC),
  m('requests.outcome.not_processed.total', '件', ['不予处理'], BC),
  m('requests.outcome.other.total', '件', ['其他处理'], BC),
  m('requests.carried_forward', '件', ['结转下年度继续办理'], BC),
  m('review.total', '件', ['行政复议数量', '行政复议案件', '行政复议']),
  m('review.upheld', '件', ['维持具体行政行为', '结果维持', '维持']),
  m('review.corrected', '件', ['被依法纠错', '依法纠错', '结果纠正', '纠错', '纠正']),
  m('review.other', '件', ['其他情形', '其他结果', '其它情形', '驳回']),
  m('review.pending', '件', ['尚未审结'], BC),
  m('litigation.total', '件', ['行政诉讼数量', '行政诉讼案件', '行政诉讼']),
  m('litigation.upheld', '件', ['维持具体行政行为或者驳回原告诉讼请求', '维持具体行政行为', '维持'], A),
  m('litigation.corrected', '件', ['被依法纠错', '依法纠错', '纠错'], A),
  m('litigation.other', '件', ['其他情形', '其它情形'], A),
  m('complaints.total', '件', ['举报投诉数量', '举报投诉', '投诉举报'], A),
  m('complaints.upheld', '件', ['维持具体行政行为'], A),
  m('complaints.corrected', '件', ['被纠错'], A),
  m('complaints.other', '件', ['其他情形'], A),
  m('fees.amount_wan_yuan', '万元', ['依申请公开信息收取的费用', '收费及减免', '收取费用', '信息处理费'], ALL, 'amount'),
  m('org.dedicated_units', '个', ['政府信息公开工作专门机构数', '专门机构']),
  m('org.reading_points', '个', ['设置政府信息公开查阅点数', '查阅点', '查阅场所']),
  m('staff.total', '人', ['从事政府信息公开工作人员数', '从事政府信息公开工作人员', '工作人员']),
  m('staff.fulltime', '人', ['专职人员数', '专职人员']),
  m('staff.parttime', '人', ['兼职人员数', '兼职人员']),
  m('budget.special_funds_wan_yuan', '万元', ['政府信息公开专项经费', '专项经费'], ALL, 'amount'),
  m('training.meetings', '次', ['召开政府信息公开工作会议或专题会议数', '工作会议', '专题会议']),
  m('training.sessions', '次', ['举办各类培训班数', '培训班', '培训']),
  m('training.trainees', '人次', ['接受培训人员数', '参训人数', '参加培训', '培训人员']),
];

// ---------------------------------------------------------------- 2019+ uniform tables (4.3)
/** 表三 columns, in template order. */
export const T3_COLUMNS = [
  { id: 'natural', label: '自然人' },
  { id: 'commercial', label: '商业企业' },
  { id: 'research', label: '科研机构' },
  { id: 'public_interest', label: '社会公益组织' },
  { id: 'legal_services', label: '法律服务机构' },
  { id: 'org_other', label: '其他' },
  { id: 'total', label: '总计' },
] as const;

/** 表三 rows, in template order; `regimes` marks the 2021-only sub-rows of （六）其他处理. */
export const T3_ROWS = [
  { id: 'new_received', label: '本年新收政府信息公开申请数量', regimes: BC },
  { id: 'carried_over', label: '上年结转政府信息公开申请数量', regimes: BC },
  { id: 'granted', label: '予以公开', regimes: BC },
  { id: 'partial', label: '部分公开', regimes: BC },
  { id: 'refused.state_secret', label: '属于国家秘密', regimes: BC },
  { id: 'refused.law_forbidden', label: '其他法律行政法规禁止公开', regimes: BC },
  { id: 'refused.three_safety_one_stability', label: '危及“三安全一稳定”', regimes: BC },
  { id: 'refused.third_party', label: '保护第三方合法权益', regimes: BC },
  { id: 'refused.internal_affairs', label: '属于三类内部事务信息', regimes: BC },
  { id: 'refused.process_info', label: '属于四类过程性信息', regimes: BC },
  { id: 'refused.enforcement_file', label: '属于行政执法案卷', regimes: BC },
  { id: 'refused.admin_query', label: '属于行政查询事项', regimes: BC },
  { id: 'refused.sum', label: '不予公开', regimes: BC },
  { id: 'unable.not_held', label: '本机关不掌握相关政府信息', regimes: BC },
  { id: 'unable.needs_creation', label: '没有现成信息需要另行制作', regimes: BC },
  { id: 'unable.unclear_after_amend', label: '补正后申请内容仍不明确', regimes: BC },
  { id: 'unable.sum', label: '无法提供', regimes: BC },
  { id: 'not_processed.petition_complaint', label: '信访举报投诉类申请', regimes: BC },
  { id: 'not_processed.repeat', label: '重复申请', regimes: BC },
  { id: 'not_processed.publication', label: '要求提供公开出版物', regimes: BC },
  { id: 'not_processed.mass_repeat', label: '无正当理由大量反复申请', regimes: BC },
  { id: 'not_processed.confirm_or_reissue', label: '要求行政机关确认或重新出具已获取信息', regimes: BC },
  { id: 'not_processed.sum', label: '不予处理', regimes: BC },
  { id: 'other.no_amend_overdue', label: '申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请', regimes: ['C'] as readonly Regime[] },
  { id: 'other.fee_unpaid', label: '申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请', regimes: ['C'] as readonly Regime[] },
  { id: 'other.other', label: '其他', regimes: ['C'] as readonly Regime[] },
  { id: 'other.sum', label: '其他处理', regimes: BC },
  { id: 'total', label: '总计', regimes: BC },
  { id: 'carried_forward', label: '结转下年度继续办理', regimes: BC },
] as const;

/** 表四: three groups of five columns. */
export const T4_GROUPS = [
  { id: 'review', label: '行政复议' },
  { id: 'litigation_direct', label: '未经复议直接起诉' },
  { id: 'litigation_after_review', label: '复议后起诉' },
] as const;
export const T4_COLUMNS = [
  { id: 'upheld', label: '结果维持' },
  { id: 'corrected', label: '结果纠正' },
  { id: 'other', label: '其他结果' },
  { id: 'pending', label: '尚未审结' },
  { id: 'total', label: '总计' },
] as const;

/** 表二 cells: [row id, row label, column id, column label, variant, kind]. */
const T2_CELLS: ReadonlyArray<readonly [string, string, string, string, '2019' | '2021', MetricDef['kind']]> = [
  ['rules', '规章', 'made', '本年新制作数量', '2019', 'count'],
  ['rules', '规章', 'published', '本年新公开数量', '2019', 'count'],
  ['rules', '规章', 'public_total', '对外公开总数量', '2019', 'count'],
  ['normative_docs', '规范性文件', 'made', '本年新制作数量', '2019', 'count'],
  ['normative_docs', '规范性文件', 'published', '本年新公开数量', '2019', 'count'],
  ['normative_docs', '规范性文件', 'public_total', '对外公开总数量', '2019', 'count'],
  ['rules', '规章', 'issued', '本年制发件数', '2021', 'count'],
  ['rules', '规章', 'repealed', '本年废止件数', '2021', 'count'],
  ['rules', '规章', 'in_force', '现行有效件数', '2021', 'count'],
  ['normative_docs', '行政规范性文件', 'issued', '本年制发件数', '2021', 'count'],
  ['normative_docs', '行政规范性文件', 'repealed', '本年废止件数', '2021', 'count'],
  ['normative_docs', '行政规范性文件', 'in_force', '现行有效件数', '2021', 'count'],
  ['licensing', '行政许可', 'prev_items', '上一年项目数量', '2019', 'count'],
  ['licensing', '行政许可', 'delta', '本年增/减', '2019', 'delta'],
  ['licensing', '行政许可', 'decisions', '处理决定数量', '2019', 'count'],
  ['licensing', '行政许可', 'decisions', '本年处理决定数量', '2021', 'count'],
  ['other_services', '其他对外管理服务事项', 'prev_items', '上一年项目数量', '2019', 'count'],
  ['other_services', '其他对外管理服务事项', 'delta', '本年增/减', '2019', 'delta'],
  ['other_services', '其他对外管理服务事项', 'decisions', '处理决定数量', '2019', 'count'],
  ['penalty', '行政处罚', 'prev_items', '上一年项目数量', '2019', 'count'],
  ['penalty', '行政处罚', 'delta', '本年增/减', '2019', 'delta'],
  ['penalty', '行政处罚', 'decisions', '处理决定数量', '2019', 'count'],
  ['penalty', '行政处罚', 'decisions', '本年处理决定数量', '2021', 'count'],
  ['coercion', '行政强制', 'prev_items', '上一年项目数量', '2019', 'count'],
  ['coercion', '行政强制', 'delta', '本年增/减', '2019', 'delta'],
  ['coercion', '行政强制', 'decisions', '处理决定数量', '2019', 'count'],
  ['coercion', '行政强制', 'decisions', '本年处理决定数量', '2021', 'count'],
  ['admin_fees', '行政事业性收费', 'prev_items', '上一年项目数量', '2019', 'count'],
  ['admin_fees', '行政事业性收费', 'delta', '本年增/减', '2019', 'delta'],
  ['admin_fees', '行政事业性收费', 'amount_wan_yuan', '本年收费金额（单位：万元）', '2021', 'amount'],
  ['procurement', '政府集中采购', 'projects', '采购项目数量', '2019', 'count'],
  ['procurement', '政府集中采购', 'amount', '采购总金额', '2019', 'amount'],
];

/** 2024–2025 reports' table 五、信息处理费收取情况 (DOMAIN.md 2.4): one row of three cells, amounts in 元. */
const T5_CELLS: ReadonlyArray<[key: string, label: string, unit: Unit, kind: MetricDef['kind']]> = [
  ['t5.notified.count', '通知收取件数', '件', 'count'],
  ['t5.notified.amount_yuan', '通知收取金额（元）', '元', 'amount'],
  ['t5.collected.amount_yuan', '实际收取金额（元）', '元', 'amount'],
];

function tableMetrics(): MetricDef[] {
  const out = new Map<string, MetricDef>();
  for (const [row, rowLabel, col, colLabel, variant, kind] of T2_CELLS) {
    const key = `t2.${row}.${col}`;
    const regimes: readonly Regime[] = variant === '2019' ? ['B'] : ['C'];
    const prev = out.get(key);
    const unit: Unit = col === 'amount_wan_yuan' ? '万元' : col === 'amount' ? '元' : '件';
    if (prev) out.set(key, { ...prev, labels: [...prev.labels, `${rowLabel}${colLabel}`], regimes: ['B', 'C'] });
    else out.set(key, m(key, unit, [`${rowLabel}${colLabel}`], regimes, kind));
  }
  for (const row of T3_ROWS) {
    for (const col of T3_COLUMNS) {
      const key = `t3.${row.id}.${col.id}`;
      out.set(key, m(key, '件', [`${row.label}${col.label}`], row.regimes));
    }
  }
  for (const g of T4_GROUPS) {
    for (const col of T4_COLUMNS) {
      const key = `t4.${g.id}.${col.id}`;
      out.set(key, m(key, '件', [`${g.label}${col.label}`], BC));
    }
  }
  for (const [key, label, unit, kind] of T5_CELLS) out.set(key, m(key, unit, [`信息处理费收取情况${label}`], ['C'], kind));
  for (const g of ['direct', 'after_review'] as const) {
    for (const col of T4_COLUMNS) {
      const key = `litigation.${g}.${col.id}`;
      out.set(key, m(key, '件', [`${g === 'direct' ? '未经复议直接起诉' : '复议后起诉'}${col.label}`], BC));
    }
  }
  return [...out.values()];
}

export const METRICS: readonly MetricDef[] = Object.freeze([...CORE, ...tableMetrics()]);

const BY_KEY = new Map(METRICS.map((d) => [d.key, d]));

export function metricDef(key: string): MetricDef | undefined {
  return BY_KEY.get(key);
}

export function isMetricKey(key: string): boolean {
  return BY_KEY.has(key);
}

// ---------------------------------------------------------------- relations
const T3_SUB = {
  refused: T3_ROWS.filter((r) => r.id.startsWith('refused.') && r.id !== 'refused.sum').map((r) => r.id),
  unable: T3_ROWS.filter((r) => r.id.startsWith('unable.') && r.id !== 'unable.sum').map((r) => r.id),
  not_processed: T3_ROWS.filter((r) => r.id.startsWith('not_processed.') && r.id !== 'not_processed.sum').map((r) => r.id),
  other: T3_ROWS.filter((r) => r.id.startsWith('other.') && r.id !== 'other.sum').map((r) => r.id),
};

function t3Rules(): SumRule[] {
  const rules: SumRule[] = [];
  for (const col of T3_COLUMNS) {
    const c = col.id;
    rules.push({
      id: `T3_TOTAL_SUM.${c}`, kind: 'sum', parent: `t3.total.${c}`, strength: 'hard', regimes: BC,
      children: ['granted', 'partial', 'refused.sum', 'unable.sum', 'not_processed.sum', 'other.sum'].map((r) => `t3.${r}.${c}`),
    });
    for (const [group, subs] of Object.entries(T3_SUB)) {
      rules.push({
        id: `T3_SUBSUMS.${group}.${c}`, kind: 'sum', parent: `t3.${group}.sum.${c}`, strength: 'hard',
        regimes: group === 'other' ? ['C'] : BC, children: subs.map((r) => `t3.${r}.${c}`),
      });
    }
  }
  for (const row of T3_ROWS) {
    rules.push({
      id: `T3_ROW_SUM.${row.id}`, kind: 'sum', parent: `t3.${row.id}.total`, strength: 'hard', regimes: row.regimes,
      children: T3_COLUMNS.filter((c) => c.id !== 'total').map((c) => `t3.${row.id}.${c.id}`),
    });
  }
  for (const g of T4_GROUPS) {
    rules.push({
      id: `T4_GROUP_SUM.${g.id}`, kind: 'sum', parent: `t4.${g.id}.total`, strength: 'hard', regimes: BC,
      children: ['upheld', 'corrected', 'other', 'pending'].map((c) => `t4.${g.id}.${c}`),
    });
  }
  return rules;
}

export const SUM_RULES: readonly SumRule[] = Object.freeze([
  { id: 'A_CHILD_SUM.requests.received', kind: 'sum', parent: 'requests.received.total', strength: 'soft', regimes: A,
    children: ['in_person', 'fax', 'online', 'letter', 'email', 'other'].map((c) => `requests.received.${c}`) },
  { id: 'A_CHILD_SUM.requests.closed', kind: 'sum', parent: 'requests.closed.total', strength: 'soft', regimes: ALL,
    children: ['requests.closed.on_time', 'requests.closed.extended'] },
  { id: 'A_CHILD_SUM.requests.outcome', kind: 'sum', parent: 'requests.outcome.total', strength: 'soft', regimes: A,
    children: ['already_public', 'granted', 'partial', 'refused.total', 'not_this_agency', 'not_exist', 'amend_requested', 'redirected'].map((c) => `requests.outcome.${c}`) },
  { id: 'A_CHILD_SUM.requests.refused', kind: 'sum', parent: 'requests.outcome.refused.total', strength: 'soft', regimes: A,
    children: ['state_secret', 'commercial_secret', 'privacy', 'security_stability', 'not_gov_info', 'other_legal'].map((c) => `requests.outcome.refused.${c}`) },
  { id: 'A_CHILD_SUM.review', kind: 'sum', parent: 'review.total', strength: 'soft', regimes: ALL,
    children: ['review.upheld', 'review.corrected', 'review.other', 'review.pending'] },
  { id: 'A_CHILD_SUM.litigation', kind: 'sum', parent: 'litigation.total', strength: 'soft', regimes: A,
    children: ['litigation.upheld', 'litigation.corrected', 'litigation.other'] },
  { id: 'A_CHILD_SUM.complaints', kind: 'sum', parent: 'complaints.total', strength: 'soft', regimes: A,
    children: ['complaints.upheld', 'complaints.corrected', 'complaints.other'] },
  { id: 'A_CHILD_SUM.staff', kind: 'sum', parent: 'staff.total', strength: 'soft', regimes: ALL,
    children: ['staff.fulltime', 'staff.parttime'] },
  { id: 'CHILD_LE.normative_docs', kind: 'le', parent: 'proactive.normative_docs_issued', strength: 'soft', regimes: ALL,
    children: ['proactive.normative_docs'] },
  { id: 'CHILD_LE.press_by_heads', kind: 'le', parent: 'response.press_conferences', strength: 'soft', regimes: ALL,
    children: ['response.press_conferences.by_heads'] },
  { id: 'CHILD_LE.interviews_by_heads', kind: 'le', parent: 'response.online_interviews', strength: 'soft', regimes: ALL,
    children: ['response.online_interviews.by_heads'] },
  { id: 'CHILD_LE.requests_closed', kind: 'le', parent: 'requests.received.total', strength: 'soft', regimes: A,
    children: ['requests.closed.total'] },
  ...t3Rules(),
] satisfies SumRule[]);

/**
 * 表三's balance identity, per column: new_received + carried_over = total + carried_forward.
 * Expressed separately because both sides are sums.
 */
export const T3_BALANCE = T3_COLUMNS.map((c) => ({
  id: `T3_BALANCE.${c.id}`,
  left: [`t3.new_received.${c.id}`, `t3.carried_over.${c.id}`],
  right: [`t3.total.${c.id}`, `t3.carried_forward.${c.id}`],
}));

/** Core keys derived from table cells (DOMAIN.md 4.3). */
export const TABLE_TO_CORE: ReadonlyArray<{ core: string; from: readonly string[] }> = [
  { core: 'requests.received.total', from: ['t3.new_received.total'] },
  { core: 'requests.carried_over', from: ['t3.carried_over.total'] },
  { core: 'requests.outcome.total', from: ['t3.total.total'] },
  { core: 'requests.outcome.granted', from: ['t3.granted.total'] },
  { core: 'requests.outcome.partial', from: ['t3.partial.total'] },
  { core: 'requests.outcome.refused.total', from: ['t3.refused.sum.total'] },
  { core: 'requests.outcome.unable.total', from: ['t3.unable.sum.total'] },
  { core: 'requests.outcome.not_processed.total', from: ['t3.not_processed.sum.total'] },
  { core: 'requests.outcome.other.total', from: ['t3.other.sum.total'] },
  { core: 'requests.carried_forward', from: ['t3.carried_forward.total'] },
  { core: 'review.upheld', from: ['t4.review.upheld'] },
  { core: 'review.corrected', from: ['t4.review.corrected'] },
  { core: 'review.other', from: ['t4.review.other'] },
  { core: 'review.pending', from: ['t4.review.pending'] },
  { core: 'review.total', from: ['t4.review.total'] },
  { core: 'litigation.direct.total', from: ['t4.litigation_direct.total'] },
  { core: 'litigation.after_review.total', from: ['t4.litigation_after_review.total'] },
  { core: 'litigation.total', from: ['t4.litigation_direct.total', 't4.litigation_after_review.total'] },
];
