/**
 * A rename or 1:1 succession of an agency, as agency keys (ReportMeta.agencyKey):
 * the bundled list is packages/segment/src/meta/agency.renames.json, users add
 * theirs in a file of the same shape (GONGKAI_AGENCY_RENAMES).
 */
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

