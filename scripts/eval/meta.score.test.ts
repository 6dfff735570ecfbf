/** The meta-only scoring: accepted names and titles, null titles, floors. */
import type { ReportMeta } from '@gongkai/core';
import { describe, expect, it } from 'vitest';
import { metaBelow, scoreMetaRow, type MetaGold, type MetaMiss, type MetaSplit } from './meta.score.ts';

const empty = (): MetaSplit => ({ agency: { right: 0, total: 0 }, title: { right: 0, total: 0 }, year: { right: 0, total: 0 }, level: { right: 0, total: 0 } });
const meta = (m: Partial<ReportMeta>): ReportMeta => ({ title: null, agency: null, level: null, region: null, year: null, period: null, publishedAt: null, addressee: null, contact: {}, regime: 'A', ...m });
const gold: MetaGold = { file: 'corpus/real/x.txt', agency: ['上海市静安区人民政府', '静安区人民政府'], title: [null, '静安区2011年政府信息公开工作年度报告'], year: 2011, level: 'district' };

describe('scoreMetaRow', () => {
  it('accepts any listed name (also as an alias), a listed title without spaces, or none when null is listed', () => {
    const split = empty();
    const misses: MetaMiss[] = [];
    scoreMetaRow(gold, meta({ agency: '某区人民政府', agencyAliases: ['静安区人民政府'], title: '静安区 2011年政府信息公开工作年度报告', year: 2011, level: 'district' }), split, misses);
    scoreMetaRow(gold, meta({ agency: '上海市静安区人民政府', title: null, year: 2011, level: 'district' }), split, misses);
    expect(misses).toEqual([]);
    expect(split.agency).toEqual({ right: 2, total: 2 });
  });
  it('counts each wrong field once, and a file that failed as wrong on all four', () => {
    const split = empty();
    const misses: MetaMiss[] = [];
    scoreMetaRow(gold, meta({ agency: '区人民政府', title: '政府信息公开', year: 2012, level: 'city' }), split, misses);
    scoreMetaRow(gold, null, split, misses);
    expect(misses.map((m) => m.field)).toEqual(['agency', 'title', 'year', 'level', 'agency', 'year', 'level']);
    expect(split.title).toEqual({ right: 1, total: 2 });
  });
});

describe('metaBelow', () => {
  it('names each field under its floor, over all meta-only tables together', () => {
    const s = empty();
    s.agency = { right: 9, total: 10 };
    s.title = { right: 10, total: 10 };
    expect(metaBelow(empty(), [{ set: 'a', files: 10, split: s, misses: [] }], { goldFiles: { agency: 1 }, metaOnly: { agency: 0.98, title: 0.98 } })).toEqual(['meta-only meta agency 0.9000 < 0.98']);
  });
});
