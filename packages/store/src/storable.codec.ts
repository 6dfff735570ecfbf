/**
 * FerretDB (and MongoDB's rules for field names) cannot store everything a
 * stage may produce: no arrays directly inside arrays, no "." in keys, no key
 * starting with "$", no NaN/Infinity. The store owns those limits so stage
 * contracts stay natural: values are encoded on the way in and decoded on the
 * way out. Nested arrays become { __a: [...] }; "." and a leading "$" in keys
 * become full-width ．and ＄.
 */
const ARRAY_BOX = '__a';
const DOT = '\uFF0E';
const DOLLAR = '\uFF04';

export class UnstorableValueError extends Error {
  constructor(path: string, what: string) {
    super(`cannot store ${what} at ${path || '(root)'}`);
    this.name = new.target.name;
  }
}

function isPlainObject(v: object): boolean {
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

function encodeKey(k: string): string {
  let out = k.includes('.') ? k.replaceAll('.', DOT) : k;
  if (out.startsWith('$')) out = DOLLAR + out.slice(1);
  return out;
}

function decodeKey(k: string): string {
  let out = k.includes(DOT) ? k.replaceAll(DOT, '.') : k;
  if (out.startsWith(DOLLAR)) out = `$${out.slice(1)}`;
  return out;
}

export function encodeStorable(value: unknown, path = '', insideArray = false): unknown {
  if (value === null || value === undefined) return value;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new UnstorableValueError(path, String(value));
    return value;
  }
  if (typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    const arr = value.map((v, i) => encodeStorable(v, `${path}[${i}]`, true));
    return insideArray ? { [ARRAY_BOX]: arr } : arr;
  }
  if (!isPlainObject(value)) return value; // Date, Binary, ObjectId, Uint8Array…
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    if (v === undefined) continue;
    out[encodeKey(k)] = encodeStorable(v, path ? `${path}.${k}` : k, false);
  }
  return out;
}

export function decodeStorable(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => decodeStorable(v));
  if (!isPlainObject(value)) return value;
  const entries = Object.entries(value);
  if (entries.length === 1 && entries[0]![0] === ARRAY_BOX && Array.isArray(entries[0]![1])) {
    return (entries[0]![1] as unknown[]).map((v) => decodeStorable(v));
  }
  const out: Record<string, unknown> = {};
  for (const [k, v] of entries) out[decodeKey(k)] = decodeStorable(v);
  return out;
}
