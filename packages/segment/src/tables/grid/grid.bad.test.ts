/** Hostile grids straight into the matcher (as a stored or foreign decode result could hand them over): each ends as a stated outcome. */
import type { GridCell } from '@gongkai/core';
import { describe, expect, it } from 'vitest';
import { findTables } from '../tables.find.ts';
import { matchGrids } from './grid.tables.ts';
import { gridOf } from './grid.testing.ts';

const T3_HEAD = '\t自然人\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\t总计';

describe('bad tables in the template matcher', () => {
  it('ragged rows: rows without seven value cells go to unparsed by name, the rest is read', () => {
    const text = [T3_HEAD, '一、本年新收政府信息公开申请数量\t1\t0\t0\t0\t0\t0\t1', '二、上年结转政府信息公开申请数量\t0\t0', '（一）予以公开\t1\t0\t0\t0\t0\t0\t1', '（二）部分公开\t0\t0\t0\t0\t0\t0\t0', '（七）总计\t1\t0\t0\t0\t0\t0\t1'].join('\n');
    const t3 = matchGrids([gridOf(text)], text).find((t) => t.kind === 't3');
    expect(t3?.unparsed.map((u) => u.reason)).toEqual(['carried_over: not seven value cells']);
    expect(t3?.cells.filter((c) => c.row === 'granted').map((c) => c.value)).toEqual([1, 0, 0, 0, 0, 0, 1]);
  });

  it('10,000 columns, a 1 MB cell and cells of binary junk: no table, quickly', () => {
    const wide = Array.from({ length: 10_000 }, (_, i) => String(i % 10)).join('\t');
    const blob = `规章\t${'9'.repeat(1 << 20)}`;
    const junk = '\u0000\u0001\ufffd\t\ud800\t本年新收\u0007\t\u0000';
    const text = [wide, blob, junk].join('\n');
    const t0 = Date.now();
    const out = matchGrids([gridOf(text), gridOf(text, 'html')], text);
    expect(out).toEqual([]);
    expect(findTables(text, 0, text.length, [gridOf(text)])).toEqual(findTables(text, 0, text.length));
    expect(Date.now() - t0).toBeLessThan(10_000);
  });

  it('a grid that does not fit the text (cut, edited, or from another text) is not read', () => {
    const row = (label: string) => `${label}\t1\t0\t0\t0\t0\t0\t1`;
    const text = [T3_HEAD, row('一、本年新收政府信息公开申请数量'), row('二、上年结转'), row('（一）予以公开'), row('（七）总计'), row('四、结转下年度继续办理')].join('\n');
    const g = gridOf(text);
    expect(matchGrids([g], text).map((t) => t.kind)).toEqual(['t3']);
    expect(matchGrids([g], text.slice(0, 40))).toEqual([]);
    expect(matchGrids([g], text.replace('1', '2'))).toEqual([]);
  });

  it('a grid of more than 200,000 cells is not read past the budget', () => {
    const cells: GridCell[] = Array.from({ length: 250_000 }, (_, i) => ({ row: Math.floor(i / 100), col: i % 100, rowSpan: 1, colSpan: 1, text: '0', start: 0, end: 1 }));
    expect(matchGrids([{ source: 'html', start: 0, end: 1, rows: 2500, cols: 100, cells }], '0')).toEqual([]);
  });
});
