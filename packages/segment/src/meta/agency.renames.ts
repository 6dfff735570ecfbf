/**
 * Renames and 1:1 successions of agencies: a report keyed by a predecessor's
 * agencyKey is grouped under its successor's, so one agency's series spans
 * the rename. The bundled list (agency.renames.json) holds only renames a
 * report's own text establishes; users add theirs (GONGKAI_AGENCY_RENAMES, read
 * by the worker and handed to segment). The name as written stays in
 * `meta.agency`: only the key follows the rename.
 */
import { parseAgencyRenames, type AgencyRename } from '@gongkai/core';
import BUNDLED from './agency.renames.json' with { type: 'json' };

export const BUNDLED_RENAMES: readonly AgencyRename[] = parseAgencyRenames(BUNDLED, 'agency.renames.json');

/** The key an agency's series is grouped under: `key` after every rename (a cycle stops where it closes). */
export function renamedKey(key: string, renames: readonly AgencyRename[]): string {
  const next = new Map(renames.map((r) => [r.from, r.to]));
  const seen = new Set<string>([key]);
  let k = key;
  for (let to = next.get(k); to !== undefined && !seen.has(to); to = next.get(k)) {
    seen.add(to);
    k = to;
  }
  return k;
}
