import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { RULE_IDS, RULES } from './rules.catalogue.ts';

const readme = readFileSync(join(dirname(fileURLToPath(import.meta.url)), '..', 'README.md'), 'utf8');
const rows = [...readme.matchAll(/^\| `([A-Z0-9_]+)` \| (error|warning|info) \|/gm)].map((m) => [m[1], m[2]] as const);

describe('rule catalogue and README', () => {
  it('the README documents every rule with its severity', () => {
    for (const id of RULE_IDS) expect(rows, id).toContainEqual([id, RULES[id].severity]);
  });

  it('the README documents no rule the code lacks', () => {
    for (const [id] of rows) expect(RULE_IDS, String(id)).toContain(id);
  });

  it('covers the DOMAIN.md 4.4 ids the stage can check on one report', () => {
    const domain = ['T3_BALANCE', 'T3_TOTAL_SUM', 'T3_SUBSUMS', 'T3_ROW_SUM', 'T4_GROUP_SUM', 'NONNEG_INT', 'A_CHILD_SUM', 'A_CHILD_LE', 'TEXT_VS_TABLE', 'FEES_EXPLAINED', 'EMPTY_OR_SLASH'];
    for (const id of domain) expect(RULE_IDS).toContain(id);
  });
});
