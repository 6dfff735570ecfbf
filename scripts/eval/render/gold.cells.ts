/**
 * The table cells a gold file states: its t2./t3./t4./t5. metrics and its
 * `cells` map. A required metric or a non-null `cells` entry is a printed
 * cell the report states; an `optional` metric is a sum the form does not
 * print (表三's 不予公开/无法提供/不予处理 sub-totals), right if filled but
 * not required; a null entry is a cell the report does not print.
 */
import { T3_COLUMNS, T3_ROWS } from '@gongkai/core';
import type { GoldFile } from '@gongkai/testkit';

export const TABLE_PREFIXES = ['t2.', 't3.', 't4.', 't5.'] as const;

export const isTableKey = (key: string): boolean => TABLE_PREFIXES.some((p) => key.startsWith(p));

export interface GoldCells {
  /** Printed cells: key → value. */
  printed: Map<string, number>;
  /** Sums the form implies: key → value (right if filled, never required). */
  implied: Map<string, number>;
  /** Cells the report does not print (must stay unread). */
  unprinted: Set<string>;
}

export function goldCells(gold: GoldFile): GoldCells {
  const out: GoldCells = { printed: new Map(), implied: new Map(), unprinted: new Set() };
  for (const m of gold.metrics) {
    if (!isTableKey(m.key)) continue;
    if (m.optional) out.implied.set(m.key, m.value);
    else out.printed.set(m.key, m.value);
  }
  for (const [key, value] of Object.entries(gold.cells ?? {})) {
    if (!isTableKey(key) || out.printed.has(key) || out.implied.has(key)) continue;
    if (value === null) out.unprinted.add(key);
    else out.printed.set(key, value);
  }
  addImpliedSums(out);
  return out;
}

/** 表三's group sums the gold does not list, when every sub-row of the group is stated: their sum. */
function addImpliedSums(out: GoldCells): void {
  for (const group of ['refused', 'unable', 'not_processed', 'other']) {
    const subs = T3_ROWS.filter((r) => r.id.startsWith(`${group}.`) && r.id !== `${group}.sum`);
    for (const col of T3_COLUMNS) {
      const key = `t3.${group}.sum.${col.id}`;
      if (out.printed.has(key) || out.implied.has(key) || out.unprinted.has(key)) continue;
      const values = subs.map((r) => out.printed.get(`t3.${r.id}.${col.id}`));
      if (values.every((v) => v !== undefined)) out.implied.set(key, values.reduce<number>((a, v) => a + (v ?? 0), 0));
    }
  }
}

/** The gold states at least one printed table cell. */
export function hasTableCells(gold: GoldFile): boolean {
  return goldCells(gold).printed.size > 0;
}
