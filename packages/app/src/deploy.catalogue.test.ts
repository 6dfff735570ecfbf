/**
 * The deploy files agree with the stage catalogue (packages/core/src/stage.catalogue.ts):
 * every stage has its docker-compose service, its
 * Kubernetes Deployment and PodDisruptionBudget and its KEDA ScaledObject on
 * its own queue, and nothing is deployed as a stage worker that is not a
 * stage. A stage added to the catalogue and forgotten in one of them fails here.
 */
import { STAGES, STAGE_CATALOGUE, STAGE_WORKER_MAIN, stageDefaults, type StageName } from '@gongkai/core';
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const read = (rel: string) => readFileSync(new URL(`../../../${rel}`, import.meta.url), 'utf8');
const has = (rel: string) => existsSync(new URL(`../../../${rel}`, import.meta.url));

/** The YAML documents of a multi-document file, without comments. */
const documents = (text: string) =>
  text
    .split(/^---$/m)
    .map((d) => d.replace(/^\s*#.*$/gm, '').trim())
    .filter(Boolean);

/** The top-level blocks under `services:` in docker-compose.yml, by name. */
function composeServices(text: string): Map<string, string> {
  const body = text.slice(text.indexOf('\nservices:\n'), text.indexOf('\nvolumes:\n'));
  const out = new Map<string, string>();
  for (const m of body.matchAll(/^ {2}([\w-]+):\n((?: {4}.*\n|\s*\n)*)/gm)) out.set(m[1]!, m[2]!);
  return out;
}

/** How a deploy file starts the worker of a stage: the one worker main, the stage as its argument. */
const main = (stage: StageName) => `"${STAGE_WORKER_MAIN}", "${stage}"`;
const probe = (stage: StageName) => `"services/ops/src/healthcheck.ts", "worker", "${stage}"`;

describe('deploy files against the stage catalogue', () => {
  const compose = composeServices(read('docker-compose.yml'));
  const k8s = documents(read('infra/k8s/workers.yaml'));
  const keda = documents(read('infra/k8s/keda.yaml'));

  it('the worker main runs the stage its argument names', () => {
    expect(has(STAGE_WORKER_MAIN)).toBe(true);
    expect(read(STAGE_WORKER_MAIN)).toMatch(/isStageName\(stage\)[\s\S]*runStageService\(stage, process\.env\)/);
  });

  it.each(STAGES.map((s) => [s, STAGE_CATALOGUE[s].service] as const))('docker-compose runs %s as the service %s', (stage, service) => {
    const block = compose.get(service);
    expect(block, `docker-compose.yml has no service ${service}`).toBeDefined();
    expect(block).toContain(`command: [${main(stage)}]`);
    expect(block).toContain(probe(stage));
    const key = `GONGKAI_${stage.toUpperCase()}_CONCURRENCY`;
    expect(block, `${service} sets ${key} with the catalogue's default`).toContain(`${key}: \${${key}:-${stageDefaults(stage).concurrency}}`);
  });

  it.each(STAGES.map((s) => [s, STAGE_CATALOGUE[s].service] as const))('Kubernetes deploys %s as gongkai-%s, with a disruption budget', (stage, service) => {
    const name = `gongkai-${service}`;
    const deployment = k8s.find((d) => /^kind: Deployment$/m.test(d) && d.includes(`name: ${name}\n`));
    expect(deployment, `infra/k8s/workers.yaml has no Deployment ${name}`).toBeDefined();
    expect(deployment).toContain(`gongkai.io/stage: ${stage} }`);
    expect(deployment).toContain(`args: [${main(stage)}]`);
    expect(deployment).toContain(probe(stage));
    expect(k8s.some((d) => /^kind: PodDisruptionBudget$/m.test(d) && d.includes(`name: ${name}\n`)), `no PodDisruptionBudget ${name}`).toBe(true);
  });

  it.each(STAGES.map((s) => [s, STAGE_CATALOGUE[s].service] as const))('KEDA scales %s (gongkai-%s) on its own queue', (stage, service) => {
    const name = `gongkai-${service}`;
    const scaled = keda.find((d) => /^kind: ScaledObject$/m.test(d) && d.includes(`name: ${name}\n`));
    expect(scaled, `infra/k8s/keda.yaml has no ScaledObject ${name}`).toBeDefined();
    expect(scaled).toMatch(new RegExp(`scaleTargetRef:\\n\\s+name: ${name}\\n`));
    expect(scaled).toContain(`queue="${stage}"`);
  });

  it('deploys no stage worker that the catalogue does not have', () => {
    const workers = [...compose.entries()].filter(([, b]) => b.includes('"worker", "')).map(([n]) => n);
    const services = STAGES.map((s) => STAGE_CATALOGUE[s].service);
    expect(workers.sort()).toEqual([...services].sort());
    const deployments = k8s.filter((d) => /^kind: Deployment$/m.test(d)).map((d) => /name: gongkai-([\w-]+)/.exec(d)?.[1]);
    expect(deployments.sort()).toEqual([...services].sort());
    const scaled = keda.filter((d) => /^kind: ScaledObject$/m.test(d)).map((d) => /name: gongkai-([\w-]+)/.exec(d)?.[1]);
    expect(scaled.sort()).toEqual([...services].sort());
  });
});
