import { loadConfig } from '@gongkai/config';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readAgencyRenames } from './agency-renames.read.ts';

describe('GONGKAI_AGENCY_RENAMES', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gongkai-renames-'));
  it('unset: no user renames', () => {
    expect(loadConfig({}).agencyRenames).toBeNull();
    expect(readAgencyRenames(null)).toEqual([]);
  });
  it('a relative path resolves against the working directory, and the file is read and checked', () => {
    writeFileSync(join(dir, 'renames.json'), JSON.stringify({ renames: [{ from: '福建省/福州市/平潭县:财政局', to: '福建省/福州市/平潭县:综合实验区财政金融局', since: 2014 }] }));
    const c = loadConfig({ GONGKAI_AGENCY_RENAMES: 'renames.json' }, dir);
    expect(c.agencyRenames).toBe(join(dir, 'renames.json'));
    expect(readAgencyRenames(c.agencyRenames)).toEqual([{ from: '福建省/福州市/平潭县:财政局', to: '福建省/福州市/平潭县:综合实验区财政金融局', since: 2014 }]);
  });
  it('a missing file or a bad entry fails naming the file', () => {
    expect(() => readAgencyRenames(join(dir, 'none.json'))).toThrow(/none\.json/);
    writeFileSync(join(dir, 'bad.json'), JSON.stringify({ renames: [{ from: '财政局' }] }));
    expect(() => readAgencyRenames(join(dir, 'bad.json'))).toThrow(/bad\.json\[0\]/);
  });
});
