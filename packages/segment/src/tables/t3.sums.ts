/**
 * 表三's group sums the 2021 template does not print (不予公开, 无法提供,
 * 不予处理, （六）其他处理): the sum of the sub-rows, marked `derived`.
 * Shared by the grid matcher and the text parser.
 */
import { T3_COLUMNS, type ReportTable, type TableCell } from '@gongkai/core';
import { T3_GROUPS } from './solve/t3.identities.ts';

const GROUP_LABELS: Record<string, string> = { refused: '（三）不予公开', unable: '（四）无法提供', not_processed: '（五）不予处理', other: '（六）其他处理' };

export function deriveSums(table: ReportTable, variant: '2019' | '2021'): void {
  const byKey = new Map(table.cells.map((c) => [`${c.row}|${c.col}`, c]));
  for (const [g, subs] of Object.entries(T3_GROUPS)) {
    if (g === 'other' && variant === '2019') continue;
    for (const { id: col, label } of T3_COLUMNS) {
      if (byKey.has(`${g}.sum|${col}`)) continue;
      const cells = subs.map((s) => byKey.get(`${g}.${s}|${col}`));
      if (!cells.every((c): c is TableCell => c !== undefined && c.value !== null)) continue;
      table.cells.push({
        row: `${g}.sum`, col, value: cells.reduce((x, c) => x + (c.value as number), 0), raw: '',
        start: Math.min(...cells.map((c) => c.start)), end: Math.max(...cells.map((c) => c.end)), derived: true,
        // as sure as the least sure of its parts
        how: cells.every((c) => (c.how ?? 'structure') === 'structure') ? 'structure' : 'solver-unique',
        rowLabel: GROUP_LABELS[g] ?? g, colLabel: label,
      });
    }
  }
}
