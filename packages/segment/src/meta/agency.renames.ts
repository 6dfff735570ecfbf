/**
 * Renames and 1:1 successions of agencies: a report keyed by a predecessor's
 * agencyKey is grouped under its successor's, so one agency's series spans
 * the rename. The bundled list (agency.renames.json) holds only renames a
 * report's own text establishes; users add theirs (GONGKAI_AGENCY_RENAMES, read
 * by the worker and handed to segment). The name as written stays in
 * `meta.agency`: only the key follows the rename.
 */
import BUNDLED from './agency.renames.json' with { type: 'json' };

export interface AgencyRename {
  /** The predecessor's key, as agencyKeyOf computes it from its name. */
  from: string;
  /** The successor's key. */
  to: string;
  /** The first year reported under the new name, when known (for readers; grouping does not depend on it). */
  since?: number;
  /** What establishes the rename: the report and its words. */
  evidence?: string;
}

/** Checks a renames document ({ renames: [...] } or a bare list); throws a message naming the bad entry. */
export function parseAgencyRenames(doc: unknown, where = 'renames'): AgencyRename[] {
  const list = Array.isArray(doc) ? doc : (doc as { renames?: unknown } | null)?.renames;
  if (!Array.isArray(list)) throw new Error(`${where}: expected { "renames": [ { "from", "to" } … ] }`);
  return list.map((r: unknown, i) => {
    const e = r as Partial<AgencyRename> | null;
    if (!e || typeof e.from !== 'string' || typeof e.to !== 'string' || !e.from.includes(':') || !e.to.includes(':')) {
      throw new Error(`${where}[${i}]: "from" and "to" must be agency keys ("province/city/county:name")`);
    }
    if (e.from === e.to) throw new Error(`${where}[${i}]: "from" and "to" are the same key`);
    return { from: e.from, to: e.to, ...(typeof e.since === 'number' ? { since: e.since } : {}), ...(typeof e.evidence === 'string' ? { evidence: e.evidence } : {}) };
  });
}

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
