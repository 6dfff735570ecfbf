/**
 * Fields the stages hand each other but nobody queries (offset maps,
 * paragraphs, every mention of a metric…) are stored as one JSON string
 * each. FerretDB keeps a type schema beside every nested value and decodes
 * the whole document on every read and update: a 2021-format report with
 * its mentions, offsets and paragraphs as BSON is ~360 KB of FerretDB JSON,
 * read and rewritten by each stage (measured: 60 ms per findOne, 36 ms per
 * update; packed: 24 and 17 ms). The contract fields (meta, sections,
 * tables, metrics, findings, status…) stay documents, so they can be queried.
 * Decode's table grids and OCR regions were added later (a finished report
 * was still ~200 KB of FerretDB JSON, a third of it the grids' schema).
 */
export const PACKED_FIELDS = ['offsetMap', 'paragraphs', 'spans', 'mentions', 'breakdowns', 'pageMeta', 'grids', 'regions'] as const;

const MARK = '__json';

export interface PackedValue {
  [MARK]: string;
}

const isPacked = (v: unknown): v is PackedValue =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && typeof (v as PackedValue)[MARK] === 'string' && Object.keys(v).length === 1;

/** Replaces the packed fields of an (already storable-encoded) update by their JSON. */
export function packFields(fields: Record<string, unknown>): Record<string, unknown> {
  const out = { ...fields };
  for (const k of PACKED_FIELDS) {
    if (out[k] !== undefined) out[k] = { [MARK]: JSON.stringify(out[k]) } satisfies PackedValue;
  }
  return out;
}

/** Puts packed fields of a stored document back (documents written before packing pass unchanged). */
export function unpackFields<T extends Record<string, unknown>>(doc: T): T {
  let out: Record<string, unknown> | null = null;
  for (const k of PACKED_FIELDS) {
    const v = doc[k];
    if (isPacked(v)) (out ??= { ...doc })[k] = JSON.parse(v[MARK]);
  }
  return (out ?? doc) as T;
}
