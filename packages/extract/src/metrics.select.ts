/**
 * One metric per key from every statement found: the most authoritative
 * (table cell > core key read off the table > prose > zero statement >
 * inference), then an exact figure over an approximate one, then the first
 * in the text. Every statement stays a mention, so validation can compare.
 */
import { metricDef, type Mention, type Metric, type Regime } from '@gongkai/core';
import type { Found } from './doc.model.ts';

function better(a: Found, b: Found): boolean {
  if (a.rank !== b.rank) return a.rank > b.rank;
  if (a.approx !== b.approx) return !a.approx;
  return a.evidence.start < b.evidence.start;
}

/**
 * Prose keys must exist in the report's regime (litigation.upheld is a 2008-era
 * key; in a 2021 report the outcome split lives in 表四), table keys are the
 * segment stage's call.
 */
function admissible(f: Found, regime: Regime): boolean {
  const def = metricDef(f.key);
  if (!def) return false;
  return f.source === 'table' || f.rank >= 3 || def.regimes.includes(regime);
}

/** Loose statements that a firm statement of the same key contradicts (公开信息1654条 of one field vs 主动公开政府信息13561条). */
function overruled(found: readonly Found[]): Set<Found> {
  const firm = new Map<string, Set<number>>();
  for (const f of found) if (f.stated && !f.weak) firm.set(f.key, (firm.get(f.key) ?? new Set()).add(f.value));
  // a loose channel count above every firm total (截止…门户网站累计…2964条 beside 2017年度…726条) is no part of the year's
  const totals = [...(firm.get('proactive.total') ?? [])];
  const aboveTotal = (f: Found) => f.key.startsWith('proactive.channel.') && totals.length > 0 && totals.every((t) => f.value > t);
  return new Set(found.filter((f) => f.weak && ((firm.has(f.key) && !firm.get(f.key)?.has(f.value)) || aboveTotal(f))));
}

export function selectMetrics(found: readonly Found[], regime: Regime): { metrics: Metric[]; mentions: Mention[] } {
  const best = new Map<string, Found>();
  const mentions: Mention[] = [];
  const seen = new Set<string>();
  const dropped = overruled(found);
  for (const f of found) {
    if (!admissible(f, regime) || dropped.has(f)) continue;
    const cur = best.get(f.key);
    if (!cur || better(f, cur)) best.set(f.key, f);
    const id = `${f.key}@${f.at ?? f.evidence.start}:${f.value}`;
    if (f.stated && !seen.has(id)) {
      seen.add(id);
      mentions.push({ key: f.key, value: f.value, approx: f.approx, evidence: f.evidence, source: f.source, ...(f.resolution ? { resolution: f.resolution } : {}) });
    }
  }
  const metrics = [...best.values()]
    .sort((a, b) => a.evidence.start - b.evidence.start || a.key.localeCompare(b.key))
    .map((f): Metric => ({
      key: f.key, value: f.value, unit: f.unit, approx: f.approx, evidence: f.evidence, source: f.source,
      ...(f.resolution ? { resolution: f.resolution } : {}),
    }));
  mentions.sort((a, b) => a.evidence.start - b.evidence.start || a.key.localeCompare(b.key));
  return { metrics, mentions };
}
