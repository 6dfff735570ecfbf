/**
 * Accuracy at scale: a report's metrics and findings against the
 * generator's answer. Metric recall = stated values found; precision =
 * filled values that are stated or implied with that value. Injected
 * inconsistencies: recall = injected reports whose findings name the rule;
 * precision = reports with any sum-rule finding that were injected.
 */
import type { Finding, Metric } from '@gongkai/core';
import { SUM_RULE_IDS, type Answer } from './corpus.types.ts';

export interface Tally {
  files: number;
  stated: number;
  found: number;
  filled: number;
  right: number;
  injected: number;
  injectedCaught: number;
  flagged: number;
  flaggedInjected: number;
  /** Most frequent misses and false positives by key (for the notes). */
  misses: Record<string, number>;
  wrongs: Record<string, number>;
  /** Per slice (regime, format, encoding): stated and found. */
  slices: Record<string, { stated: number; found: number; files: number }>;
}

export function emptyTally(): Tally {
  return { files: 0, stated: 0, found: 0, filled: 0, right: 0, injected: 0, injectedCaught: 0, flagged: 0, flaggedInjected: 0, misses: {}, wrongs: {}, slices: {} };
}

const near = (a: number, b: number) => Math.abs(a - b) < 1e-6;

export function scoreReport(t: Tally, answer: Answer, metrics: readonly Pick<Metric, 'key' | 'value'>[], findings: readonly Pick<Finding, 'rule'>[]): void {
  t.files++;
  const got = new Map(metrics.map((m) => [m.key, m.value]));
  let found = 0;
  for (const [key, want] of Object.entries(answer.metrics)) {
    const v = got.get(key);
    if (v !== undefined && near(v, want)) found++;
    else t.misses[key] = (t.misses[key] ?? 0) + 1;
  }
  const stated = Object.keys(answer.metrics).length;
  t.stated += stated;
  t.found += found;
  for (const [key, v] of got) {
    t.filled++;
    const want = answer.metrics[key] ?? answer.implied[key];
    if (want !== undefined && near(v, want)) t.right++;
    else t.wrongs[key] = (t.wrongs[key] ?? 0) + 1;
  }
  const slices = [`regime ${answer.regime}`, `format ${answer.format}`, `encoding ${answer.encoding}`, `script ${answer.script}`, ...answer.damage.map((d) => `damage ${d}`)];
  for (const slice of slices) {
    const s = (t.slices[slice] ??= { stated: 0, found: 0, files: 0 });
    s.stated += stated;
    s.found += found;
    s.files++;
  }
  const sumRules = new Set(findings.map((f) => f.rule).filter((r) => (SUM_RULE_IDS as readonly string[]).includes(r)));
  if (answer.injected) {
    t.injected++;
    if (sumRules.has(answer.injected.rule)) t.injectedCaught++;
  }
  if (sumRules.size > 0) {
    t.flagged++;
    if (answer.injected) t.flaggedInjected++;
  }
}

const pct = (a: number, b: number) => (b === 0 ? 'n/a' : `${((100 * a) / b).toFixed(1)}%`);

export function summarize(t: Tally): Record<string, string | number> {
  return {
    files: t.files,
    'metric recall': pct(t.found, t.stated),
    'metric precision': pct(t.right, t.filled),
    'injected recall': pct(t.injectedCaught, t.injected),
    'injected precision': pct(t.flaggedInjected, t.flagged),
    injected: t.injected,
  };
}

export function topKeys(rec: Record<string, number>, n = 6): string {
  return Object.entries(rec).sort((a, b) => b[1] - a[1]).slice(0, n).map(([k, v]) => `${k}×${v}`).join(', ');
}
