import type { Report } from '@gongkai/core';
import type { Collection } from 'mongodb';
import type { SourceRecord } from './source.store.ts';

/** A report a reference may mean: its id and the file name it arrived as. */
export interface ReportCandidate {
  id: string;
  name: string;
}

/** The shortest id prefix accepted: 8 hex characters (4 billion values; `status` prints 12). */
export const MIN_ID_PREFIX = 8;

/**
 * A reference that names no report, or more than one. `kind` says which;
 * `candidates` lists (some of) the reports an ambiguous one matches.
 */
export class ReportRefError extends Error {
  constructor(
    readonly ref: string,
    readonly kind: 'unknown' | 'ambiguous',
    readonly candidates: ReportCandidate[] = [],
  ) {
    super(
      kind === 'unknown'
        ? `no report matches "${ref}" (give the id, a prefix of at least ${MIN_ID_PREFIX} hex characters, or a file name)`
        : `"${ref}" matches ${candidates.length === MAX_CANDIDATES ? `${MAX_CANDIDATES} or more` : candidates.length} reports: ${candidates
            .map((c) => `${c.id.slice(0, 12)} (${c.name})`)
            .join(', ')}; give more of the id`,
    );
    this.name = new.target.name;
  }
}

const MAX_CANDIDATES = 5;
const HEX_PREFIX = new RegExp(`^[0-9a-f]{${MIN_ID_PREFIX},64}$`);

/**
 * The one way a person's reference to a report becomes its id, for the CLI,
 * the API and the pages alike: the full sha256, any unique prefix of at
 * least 8 hex characters (case-insensitive), or a file name the content
 * arrived under (its first name or an alias: a duplicate's other names, kept
 * in `sources`). Unknown and ambiguous references throw ReportRefError.
 */
export async function resolveReportRef(reports: Collection<Report>, sources: Collection<SourceRecord>, raw: string): Promise<ReportCandidate> {
  const ref = raw.trim();
  const hex = ref.toLowerCase();
  if (HEX_PREFIX.test(hex)) {
    // a range on _id (its index), not a regex: "prefix" ≤ id < "prefix" + the next character after "f"
    const found = await reports
      .find({ _id: { $gte: hex, $lt: `${hex}g` } }, { projection: { _id: 1, 'source.name': 1 } })
      .limit(MAX_CANDIDATES)
      .toArray();
    if (found.length === 1) return { id: found[0]!._id, name: found[0]!.source.name };
    if (found.length > 1) throw new ReportRefError(ref, 'ambiguous', found.map((r) => ({ id: r._id, name: r.source.name })));
    // no such id: perhaps a file named like hex; the names below decide
  }
  if (ref.length === 0) throw new ReportRefError(ref, 'unknown');
  const [first, other] = await Promise.all([
    reports.find({ 'source.name': ref }, { projection: { _id: 1, 'source.name': 1 } }).limit(MAX_CANDIDATES).toArray(),
    sources.find({ name: ref, uri: { $exists: true } }, { projection: { reportId: 1, name: 1 } }).limit(50).toArray(),
  ]);
  const ids = new Map<string, string>();
  for (const r of first) ids.set(r._id, r.source.name);
  for (const s of other) if (!ids.has(s.reportId)) ids.set(s.reportId, s.name ?? ref);
  const candidates = [...ids].slice(0, MAX_CANDIDATES).map(([id, name]) => ({ id, name }));
  if (candidates.length === 1) return candidates[0]!;
  throw new ReportRefError(ref, candidates.length === 0 ? 'unknown' : 'ambiguous', candidates);
}
