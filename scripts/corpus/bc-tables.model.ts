/**
 * Figures of the 2019+ uniform tables (DOMAIN.md 2.1–2.3), self-consistent
 * by construction: 表三 balances per column, every total is its rows' and
 * columns' sum, 表四 groups add up.
 */
import { T3_COLUMNS, T3_ROWS, T4_COLUMNS, T4_GROUPS } from '@gongkai/core';
import type { Rng } from './rng.ts';

export type Variant = '2019' | '2021';
/** 表三: row id → 7 values in T3_COLUMNS order. */
export type T3 = Map<string, number[]>;

const APPLICANT_COLS = T3_COLUMNS.filter((c) => c.id !== 'total');
/** Leaf outcome rows and their weights (how often requests end there). */
const LEAVES_2021: ReadonlyArray<readonly [string, number]> = [
  ['granted', 40], ['partial', 10],
  ['refused.state_secret', 0.5], ['refused.law_forbidden', 1], ['refused.three_safety_one_stability', 0.5], ['refused.third_party', 1],
  ['refused.internal_affairs', 1], ['refused.process_info', 1.5], ['refused.enforcement_file', 1], ['refused.admin_query', 2],
  ['unable.not_held', 18], ['unable.needs_creation', 2], ['unable.unclear_after_amend', 1],
  ['not_processed.petition_complaint', 3], ['not_processed.repeat', 2], ['not_processed.publication', 0.5],
  ['not_processed.mass_repeat', 0.5], ['not_processed.confirm_or_reissue', 0.5],
  ['other.no_amend_overdue', 3], ['other.fee_unpaid', 0.3], ['other.other', 3],
];

export function leafRows(variant: Variant): ReadonlyArray<readonly [string, number]> {
  if (variant === '2021') return LEAVES_2021;
  return [...LEAVES_2021.filter(([r]) => !r.startsWith('other.')), ['other.sum', 6]];
}

const SUM_GROUPS = ['refused', 'unable', 'not_processed', 'other'] as const;

export function makeT3(rng: Rng, variant: Variant, scale: number): T3 {
  const t3: T3 = new Map(T3_ROWS.map((r) => [r.id, new Array<number>(7).fill(0)]));
  const leaves = leafRows(variant);
  const maxima = [scale, scale / 10, scale / 50, scale / 50, scale / 20, scale / 20];
  APPLICANT_COLS.forEach((_, c) => {
    const max = Math.max(1, Math.round(maxima[c] ?? 1));
    const fresh = rng.count(max, c === 0 ? 0.05 : 0.6);
    const carried = rng.chance(0.3) ? rng.int(0, Math.max(1, Math.round(max / 20))) : 0;
    const open = fresh + carried;
    const forward = rng.chance(0.4) ? rng.int(0, Math.floor(open * 0.1)) : 0;
    t3.get('new_received')![c] = fresh;
    t3.get('carried_over')![c] = carried;
    t3.get('carried_forward')![c] = forward;
    for (let i = 0; i < open - forward; i++) t3.get(rng.weighted(leaves))![c]! += 1;
  });
  for (const c of APPLICANT_COLS.keys()) {
    for (const g of SUM_GROUPS) {
      if (g === 'other' && variant === '2019') continue;
      const subs = [...t3.keys()].filter((k) => k.startsWith(`${g}.`) && k !== `${g}.sum`);
      t3.get(`${g}.sum`)![c] = subs.reduce((s, k) => s + (t3.get(k)![c] ?? 0), 0);
    }
    t3.get('total')![c] = ['granted', 'partial', ...SUM_GROUPS.map((g) => `${g}.sum`)].reduce((s, k) => s + (t3.get(k)![c] ?? 0), 0);
  }
  for (const vals of t3.values()) vals[6] = vals.slice(0, 6).reduce((a, b) => a + b, 0);
  if (variant === '2019') for (const k of ['other.no_amend_overdue', 'other.fee_unpaid', 'other.other']) t3.delete(k);
  return t3;
}

/** 表四: 3 groups × (upheld, corrected, other, pending, total). */
export function makeT4(rng: Rng, scale: number): number[] {
  const out: number[] = [];
  for (const _g of T4_GROUPS) {
    const parts = T4_COLUMNS.slice(0, 4).map(() => rng.count(Math.max(1, Math.round(scale / 60)), 0.6));
    out.push(...parts, parts.reduce((a, b) => a + b, 0));
  }
  return out;
}

export interface T2Row {
  block: string;
  header: string[];
  label: string;
  key: string;
  values: Array<[col: string, value: number]>;
}

/** 表二 rows in template order, with random figures (deltas may be negative, amounts decimal). */
export function makeT2(rng: Rng, variant: Variant): T2Row[] {
  const amount = () => (rng.chance(0.3) ? 0 : Math.round(rng.next() * rng.pick([50, 500, 5000]) * 10) / 10);
  if (variant === '2021') {
    const docs = (key: string, label: string): T2Row => {
      const issued = rng.int(0, 30);
      return { block: '第二十条第（一）项', header: ['信息内容', '本年制发件数', '本年废止件数', '现行有效件数'], label, key,
        values: [['issued', issued], ['repealed', rng.int(0, 10)], ['in_force', issued + rng.int(0, 150)]] };
    };
    const decisions = (block: string, key: string, label: string): T2Row => (
      { block, header: ['信息内容', '本年处理决定数量'], label, key, values: [['decisions', rng.count(50_000, 0.1)]] });
    return [
      docs('rules', '规章'), docs('normative_docs', '行政规范性文件'),
      decisions('第二十条第（五）项', 'licensing', '行政许可'),
      decisions('第二十条第（六）项', 'penalty', '行政处罚'), decisions('第二十条第（六）项', 'coercion', '行政强制'),
      { block: '第二十条第（八）项', header: ['信息内容', '本年收费金额（单位：万元）'], label: '行政事业性收费', key: 'admin_fees', values: [['amount_wan_yuan', amount()]] },
    ];
  }
  const docs = (key: string, label: string): T2Row => {
    const made = rng.int(0, 30);
    return { block: '第二十条第（一）项', header: ['信息内容', '本年新制作数量', '本年新公开数量', '对外公开总数量'], label, key,
      values: [['made', made], ['published', made], ['public_total', made + rng.int(0, 150)]] };
  };
  const items = (block: string, key: string, label: string, withDecisions = true): T2Row => {
    const header = ['信息内容', '上一年项目数量', '本年增/减', ...(withDecisions ? ['处理决定数量'] : [])];
    const values: T2Row['values'] = [['prev_items', rng.int(0, 900)], ['delta', rng.int(-20, 20)]];
    if (withDecisions) values.push(['decisions', rng.count(50_000, 0.1)]);
    return { block, header, label, key, values };
  };
  return [
    docs('rules', '规章'), docs('normative_docs', '规范性文件'),
    items('第二十条第（五）项', 'licensing', '行政许可'), items('第二十条第（五）项', 'other_services', '其他对外管理服务事项'),
    items('第二十条第（六）项', 'penalty', '行政处罚'), items('第二十条第（六）项', 'coercion', '行政强制'),
    items('第二十条第（八）项', 'admin_fees', '行政事业性收费', false),
    { block: '第二十条第（九）项', header: ['信息内容', '采购项目数量', '采购总金额'], label: '政府集中采购', key: 'procurement',
      values: [['projects', rng.int(0, 200)], ['amount', amount()]] },
  ];
}
