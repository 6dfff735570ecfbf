import { describe, expect, it } from 'vitest';
import { assembleParagraphs, layoutLines } from './pdf-lines.layout.ts';
import type { TextBox } from './pdf-page.types.ts';

const box = (str: string, x: number, y: number, size = 10): TextBox => ({ str, x, y, width: str.length * size, size });

describe('lines without rulings', () => {
  it('reads wide gaps between figures as cells of a table row', () => {
    const [row] = layoutLines([box('行政许可', 70, 100), box('396', 250, 100), box('0', 330, 100), box('181', 400, 100)]);
    expect(row).toMatchObject({ text: '行政许可\t396\t0\t181', row: true });
  });

  it('keeps an ordinary sentence (narrow gaps, or only one figure) as text', () => {
    const lines = layoutLines([box('全年受理申请', 70, 100), box('41', 132, 100), box('件，其中网上申请', 153, 100), box('第二行', 70, 80)]);
    expect(lines.map((l) => [l.text, l.row])).toEqual([
      ['第二行', false],
      ['全年受理申请41件，其中网上申请', false],
    ]);
    const oneFigure = layoutLines([box('附件', 70, 100), box('1', 300, 100)]);
    expect(oneFigure[0]).toMatchObject({ text: '附件 1', row: false });
  });

  it('joins wrapped lines into paragraphs and starts a new one at a heading or an indent', () => {
    const full = '一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十';
    const page = layoutLines([
      box(`（一）${full}`, 70, 100),
      box(`${full}末尾。`, 70, 115),
      box(`　${full}`, 90, 130),
      box('二、下一节', 70, 145),
    ]);
    expect(assembleParagraphs([page])).toBe(`（一）${full}${full}末尾。\n${full}\n二、下一节`);
  });
});
