import type { Metric, ReportTable } from '@gongkai/core';
import { SHARED_SKIP_REASON, sharedAvailable, type GoldFile } from '@gongkai/testkit';
import { describe, expect, it } from 'vitest';
import { checkIdentities } from './identities.check.ts';
import { tableEraFiles } from './identities.run.ts';
import { goldCells } from './render/gold.cells.ts';
import { scoreFile, type Extracted } from './score.ts';
import { rightShare, scoreCells } from './tables.score.ts';

const gold: GoldFile = {
  file: 'corpus/real/x.page.txt', regime: 'C', meta: {}, sections: [], absent: [], breakdowns: [], findings: [],
  metrics: [
    { key: 't4.review.upheld', value: 1, unit: '件', quote: '' },
    { key: 't4.review.total', value: 1, unit: '件', quote: '' },
    { key: 't3.refused.sum.total', value: 2, unit: '件', quote: '', optional: true },
    { key: 'requests.received.total', value: 5, unit: '件', quote: '受理5件' },
  ],
  cells: { 't2.rules.issued': null, 't4.review.corrected': 0, 't4.review.other': 0, 't4.review.pending': 0 },
};

const metric = (key: string, value: number): Metric => ({ key, value, unit: '件', approx: false, evidence: { quote: String(value), start: 0, end: 1, section: null }, source: 'table' });
const table = (cells: ReportTable['cells']): ReportTable => ({ kind: 't4', variant: '2021', start: 0, end: 0, cells, unparsed: [] });

describe('gold cells', () => {
  it('printed = required t-metrics and non-null cells; implied = optional sums; unprinted = null cells; other keys ignored', () => {
    const g = goldCells(gold);
    expect([...g.printed.keys()].sort()).toEqual(['t4.review.corrected', 't4.review.other', 't4.review.pending', 't4.review.total', 't4.review.upheld']);
    expect([...g.implied]).toEqual([['t3.refused.sum.total', 2]]);
    expect([...g.unprinted]).toEqual(['t2.rules.issued']);
  });
});

describe('scoreCells', () => {
  it('right, wrong, missing, ambiguous-left-null, unprinted filled, implied sum checked, extra by source', () => {
    const metrics = [
      metric('t4.review.upheld', 1), metric('t4.review.total', 2), metric('t4.review.other', 0),
      metric('t2.rules.issued', 0), metric('t3.refused.sum.total', 2), metric('t4.litigation_direct.total', 0), metric('requests.received.total', 5),
    ];
    const tables = [table([{ row: 'review', col: 'pending', value: null, raw: '0012', start: 0, end: 4, ambiguous: true, candidates: [0, 1] }])];
    const s = scoreCells(gold, metrics, tables, false);
    expect(s.cells).toBe(5);
    expect(s.right).toBe(2);
    expect(s.wrong).toEqual([{ key: 't4.review.total', want: 1, got: 2 }, { key: 't2.rules.issued', want: null, got: 0 }]);
    expect(s.missing).toEqual([{ key: 't4.review.corrected', want: 0 }]);
    expect(s.ambiguousNull).toEqual([{ key: 't4.review.pending', want: 0 }]);
    expect(s.extra).toEqual([{ key: 't4.litigation_direct.total', want: null, got: 0 }]);
    expect(rightShare(s)).toBeCloseTo(0.4);
    // from a rendering, which prints only the gold's cells, an unknown cell is invented: wrong
    expect(scoreCells(gold, metrics, tables, true).wrong.map((m) => m.key)).toContain('t4.litigation_direct.total');
  });
});

describe('scope: tables', () => {
  const x = (metrics: Metric[]): Extracted => ({ metrics, mentions: [], breakdowns: [], meta: null, sections: [], script: null, findings: null });
  it('scores table keys only: other gold keys are not required, other extracted keys are not false positives', () => {
    const scoped = { ...gold, scope: 'tables' } as GoldFile;
    const s = scoreFile(scoped, x([metric('t4.review.upheld', 1), metric('review.upheld', 1), metric('t4.review.total', 1)]));
    expect(s.required).toBe(5);
    expect(s.missing.map((m) => m.key)).not.toContain('requests.received.total');
    expect(s.falsePositives).toEqual([]);
    const full = scoreFile(gold, x([metric('review.upheld', 1)]));
    expect(full.missing.map((m) => m.key)).toContain('requests.received.total');
    expect(full.falsePositives.map((m) => m.key)).toEqual(['review.upheld']);
  });
});

describe('checkIdentities', () => {
  const t4 = (group: string, v: [number, number, number, number, number]) =>
    ['upheld', 'corrected', 'other', 'pending', 'total'].map((c, i) => metric(`t4.${group}.${c}`, v[i]!));
  it('no table cells → no-tables; a group that does not add up → fail; an unread cell → incomplete', () => {
    expect(checkIdentities([], 'C').status).toBe('no-tables');
    const bad = checkIdentities([...t4('review', [1, 0, 0, 0, 2])], 'C');
    expect(bad.status).toBe('fail');
    expect(bad.failed).toContain('T4_GROUP_SUM.review: 2 ≠ 1');
    const partial = checkIdentities([...t4('review', [1, 0, 0, 0, 1])], 'C');
    expect(partial.status).toBe('incomplete');
    expect(partial.unchecked.length).toBeGreaterThan(0);
  });
});

describe.skipIf(!sharedAvailable)(`the department corpus's table era ${SHARED_SKIP_REASON}`, () => {
  it('SOURCES.md lists 33 table-era reports: 2019-2020 on the 2019 form (B), 2021+ on the 2021 form (C)', () => {
    const files = tableEraFiles();
    expect(files).toHaveLength(33);
    expect(files.find((f) => f.name.startsWith('80575_'))?.regime).toBe('B');
    expect(files.find((f) => f.name.startsWith('97007_'))?.regime).toBe('C');
  });
});
