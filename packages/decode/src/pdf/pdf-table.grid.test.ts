import { describe, expect, it } from 'vitest';
import type { Segment, TextBox } from './pdf-page.types.ts';
import { extractTables } from './pdf-table.grid.ts';

const box = (str: string, x: number, y: number, size = 10): TextBox => ({ str, x, y, width: str.length * size, size });
const h = (at: number, from = 0, to = 300): Segment => ({ at, from, to });
const v = (at: number, from = 0, to = 80): Segment => ({ at, from, to });

describe('ruled tables', () => {
  // columns at x 0 | 100 | 200 | 300, rows at y 0 | 20 | 40 | 60 | 80;
  // the first column of rows 2–4 is one merged cell (no rulings between them there)
  const horizontal = [h(0), h(20), h(40, 100), h(60, 100), h(80)];
  const vertical = [v(0), v(100), v(200), v(300)];
  const boxes = [
    box('项目', 5, 14), box('本年', 105, 14), box('总计', 205, 14),
    box('（三）不予', 5, 45), box('公开', 5, 57),
    box('1.国家秘密', 105, 34), box('2', 205, 34),
    box('2.商业秘密', 105, 54), box('0', 205, 54),
    box('3.个人隐私', 105, 74), box('', 205, 74),
    box('表外的文字', 5, 120),
  ];

  it('makes one line per row, merged cells once in their first row, empty cells kept', () => {
    const { tables, rest } = extractTables(boxes, horizontal, vertical);
    expect(tables).toHaveLength(1);
    expect(tables[0]?.rows.map((r) => r.text)).toEqual(['项目\t本年\t总计', '（三）不予公开\t1.国家秘密\t2', '2.商业秘密\t0', '3.个人隐私\t']);
    expect(rest.map((b) => b.str)).toEqual(['表外的文字']);
  });

  it('does not take a frame around text (one cell) for a table', () => {
    const frame = extractTables([box('框里的一段话', 10, 40)], [h(0), h(80)], [v(0), v(300)]);
    expect(frame.tables).toHaveLength(0);
    expect(frame.rest).toHaveLength(1);
  });
});
