/** All tables of a report body: 表二/表三/表四 (2019+), the 2024+ table 五, or a 2008-era 统计表. */
import type { ReportTable } from '@gongkai/core';
import { compact } from '../text/compact.text.ts';
import { parseStats } from './stats.table.ts';
import { parseT2 } from './t2.table.ts';
import { parseT3 } from './t3.table.ts';
import { parseT4 } from './t4.table.ts';
import { parseT5 } from './t5.table.ts';

export function findTables(text: string, start: number, end: number): ReportTable[] {
  const c = compact(text, start, end);
  const out: ReportTable[] = [];
  const t2 = parseT2(text, c, start, end);
  if (t2) out.push(t2);
  const t3 = parseT3(text, c, t2 ? t2.end : start, end);
  if (t3) out.push(t3);
  const t4 = parseT4(text, c, t3 ? t3.end : t2 ? t2.end : start, end);
  if (t4) out.push(t4);
  const t5 = parseT5(text, c, t4 ? t4.end : t3 ? t3.end : start, end);
  if (t5) out.push(t5);
  if (!t3) {
    const stats = parseStats(text, c, start, end);
    if (stats) out.push(stats);
  }
  return out;
}
