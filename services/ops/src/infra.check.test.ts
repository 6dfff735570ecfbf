/**
 * The deployment files agree with the code: every series the Grafana
 * dashboard and the KEDA triggers query is one /metrics exposes, with labels
 * it has; every variable docker-compose and the Kubernetes ConfigMap set is
 * one the config schema reads.
 */
import { envSchema, stageSettingKeys } from '@gongkai/config';
import { STAGES } from '@gongkai/core';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createMetrics } from './metrics.registry.ts';

const infra = (rel: string) => readFileSync(new URL(`../../../${rel}`, import.meta.url), 'utf8');

/** The series names and their label names, read from a real exposition of the registry. */
async function exposed(): Promise<Map<string, Set<string>>> {
  const zero = { waiting: 0, active: 0, completed: 0, failed: 0, delayed: 0, prioritized: 0 };
  const deps = {
    pipeline: { counts: async () => Object.fromEntries(STAGES.flatMap((s) => [[s, zero], [`${s}-dlq`, zero]])) },
    store: { countByStatus: async () => ({ valid: 1 }), countFindingsByRule: async () => ({ T3_BALANCE: 1 }), countDeadLettersByStage: async () => ({}) },
  } as never;
  const m = createMetrics(deps);
  m.observeStage('decode', 0.1);
  const out = new Map<string, Set<string>>();
  for (const line of (await m.registry.metrics()).split('\n')) {
    const s = /^(\w+)(?:\{(.*)\})? /.exec(line);
    if (!s) continue;
    const labels = out.get(s[1]!) ?? new Set<string>();
    for (const l of (s[2] ?? '').matchAll(/(\w+)="/g)) labels.add(l[1]!);
    out.set(s[1]!, labels);
  }
  return out;
}

/** Each `gongkai_*{…}` selector of a PromQL text: the series name and the label names it matches on. */
function selectors(promql: string): Array<{ name: string; labels: string[] }> {
  return [...promql.matchAll(/\b(gongkai_\w+)(\{([^}]*)\})?/g)].map((m) => ({ name: m[1]!, labels: [...(m[3] ?? '').matchAll(/(\w+)\s*(=~|!=|!~|=)/g)].map((l) => l[1]!) }));
}

describe('infra queries', () => {
  const dashboard = JSON.parse(infra('infra/grafana/gongkai-dashboard.json')) as { panels: Array<{ title: string; targets: Array<{ expr: string }> }> };
  const keda = [...infra('infra/k8s/keda.yaml').matchAll(/query: (.*)/g)].map((m) => m[1]!);

  it.each([
    ...dashboard.panels.flatMap((p) => p.targets.map((t) => [`grafana "${p.title}"`, t.expr] as const)),
    ...keda.map((q) => ['keda', q] as const),
  ])('%s queries only series /metrics exposes: %s', async (_where, expr) => {
    const series = await exposed();
    const used = selectors(expr);
    expect(used.length).toBeGreaterThan(0);
    for (const { name, labels } of used) {
      expect(series.has(name), `${name} is not exposed`).toBe(true);
      for (const l of labels) expect(series.get(name)!.has(l), `${name} has no label ${l}`).toBe(true);
    }
  });

  it('scales every stage worker on its own queue', () => {
    expect(keda.map((q) => /queue="(\w+)"/.exec(q)?.[1])).toEqual([...STAGES]);
  });
});

describe('deployment configuration', () => {
  const known = new Set([...Object.keys(envSchema.shape), ...STAGES.flatMap((s) => stageSettingKeys(s))]);

  it('docker-compose sets only variables the config reads', () => {
    const keys = [...infra('docker-compose.yml').matchAll(/^\s{4,6}(\w+): /gm)].map((m) => m[1]!).filter((k) => /^(GONGKAI_|REDIS_|MONGO_|LOG_|S3_)/.test(k));
    expect(keys.length).toBeGreaterThan(10);
    for (const k of keys) expect(known.has(k), k).toBe(true);
  });

  it('the Kubernetes ConfigMap and Secret set only variables the config reads', () => {
    const keys = [...`${infra('infra/k8s/config.yaml')}\n${infra('infra/k8s/secret.yaml')}`.matchAll(/^ {2}([A-Z][A-Z0-9_]+): /gm)].map((m) => m[1]!);
    expect(keys).toContain('GONGKAI_SHUTDOWN_MS');
    for (const k of keys) expect(known.has(k), k).toBe(true);
  });
});
