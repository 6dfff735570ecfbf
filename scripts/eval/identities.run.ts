/**
 * `npm run eval -- --identities [<name filter>…]`: every table-era report
 * (era 2019-2020 or 2021+ in SOURCES.md) of the department corpus
 * shared/corpus/real/pingtan-departments/ goes through the real stages; for
 * each, whether its 表三/表四 pass every identity (identities.check.ts), and
 * the share that do. Issue 13's before/after figure; reads no gold.
 */
import { readFileSync } from 'node:fs';
import type { Regime } from '@gongkai/core';
import { runInProcess } from '@gongkai/stages';
import { departmentSources } from '@gongkai/testkit';
import { checkIdentities, type IdentityResult, type IdentityStatus } from './identities.check.ts';

interface TableEraFile {
  path: string;
  name: string;
  /** The form the era prints: 2019-2020 → the 2019 form (B), 2021+ → the 2021 form (C). */
  regime: Regime;
}

/** The table-era rows of the department corpus's SOURCES.md (testkit's `departmentSources`). */
export function tableEraFiles(): TableEraFile[] {
  return departmentSources()
    .filter((s) => s.era !== '2008-2018')
    .map((s) => ({ path: s.file.path, name: s.file.name.replace(/\.page\.txt$/u, ''), regime: s.era === '2019-2020' ? 'B' : 'C' }));
}

export async function runIdentities(filters: readonly string[]): Promise<string> {
  const files = tableEraFiles().filter((f) => filters.length === 0 || filters.some((x) => f.name.includes(x)));
  const counts: Record<IdentityStatus | 'error', number> = { pass: 0, fail: 0, incomplete: 0, 'no-tables': 0, error: 0 };
  const lines: string[] = [];
  for (const f of files) {
    let result: IdentityResult | null = null;
    let error = '';
    try {
      const { outputs } = await runInProcess({ bytes: new Uint8Array(readFileSync(f.path)), name: `${f.name}.page.txt` });
      result = checkIdentities(outputs.extract.metrics, f.regime);
    } catch (err) {
      error = err instanceof Error ? err.message.split('\n')[0] ?? '' : String(err);
    }
    const status = result ? result.status : 'error';
    counts[status]++;
    const why = result
      ? [
          `${result.checked} checked`,
          ...(result.failed.length ? [`failed: ${result.failed.slice(0, 4).join('; ')}${result.failed.length > 4 ? ` … ${result.failed.length - 4} more` : ''}`] : []),
          ...(result.unchecked.length ? [`unchecked ${result.unchecked.length}: ${result.unchecked.slice(0, 3).join('; ')}${result.unchecked.length > 3 ? ' …' : ''}`] : []),
        ].join(', ')
      : error;
    lines.push(`${status.padEnd(11)} ${f.regime} ${f.name.slice(0, 44).padEnd(46)} ${why}`);
  }
  const n = files.length;
  const share = n === 0 ? 0 : counts.pass / n;
  lines.push(
    '',
    `table-era reports: ${n}; every identity passes: ${counts.pass}/${n} = ${(share * 100).toFixed(1)}%` +
      ` (fail ${counts.fail}, incomplete ${counts.incomplete}, no tables read ${counts['no-tables']}, error ${counts.error})`,
  );
  return lines.join('\n');
}
