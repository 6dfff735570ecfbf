import { parseAgencyRenames, type AgencyRename } from '@gongkai/core';
import { readFileSync } from 'node:fs';

/**
 * The user's agency renames (GONGKAI_AGENCY_RENAMES), added by segment to the
 * bundled ones. A file that cannot be read or has a bad entry stops the
 * worker at start, naming the file: a wrong grouping must not pass unseen.
 */
export function readAgencyRenames(path: string | null): AgencyRename[] {
  if (!path) return [];
  let doc: unknown;
  try {
    doc = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new Error(`GONGKAI_AGENCY_RENAMES: cannot read ${path}: ${(err as Error).message}`);
  }
  return parseAgencyRenames(doc, `GONGKAI_AGENCY_RENAMES ${path}`);
}
