/**
 * The one place where engine representations become domain values: SQLite keeps booleans as 0/1
 * and JSON as text; PostgreSQL has boolean and jsonb. Timestamps are ISO-8601 UTC text on both,
 * dates are YYYY-MM-DD text on both, so ordering and comparison work the same everywhere.
 */
export function toBool(v: unknown): boolean {
  return v === true || v === 1 || v === '1' || v === 't';
}

/** Booleans are written as 0/1: SQLite cannot bind booleans and PostgreSQL casts the text '1'/'0' to boolean. */
export function fromBool(v: boolean | null | undefined): number {
  return v ? 1 : 0;
}

export function toJson<T>(v: unknown): T {
  if (v == null) return v as T;
  return (typeof v === 'string' ? JSON.parse(v) : v) as T;
}

export function fromJson(v: unknown): string {
  return JSON.stringify(v ?? null);
}

/** JSON text with every object's keys in order: PostgreSQL hands a JSON column back with its keys reordered. */
const canonicalJson = (v: unknown): string =>
  JSON.stringify(v, (_k, x) => (x && typeof x === 'object' && !Array.isArray(x) ? Object.fromEntries(Object.entries(x).sort(([a], [b]) => (a < b ? -1 : 1))) : x));

/**
 * Whether a column read back from either engine holds the value about to be written. A JSON column
 * is written as text (`fromJson`) and read back as text (SQLite) or as a value (PostgreSQL).
 */
export function sameColumnValue(stored: unknown, written: unknown): boolean {
  return stored === written || (stored !== null && typeof stored === 'object' && typeof written === 'string' && canonicalJson(stored) === canonicalJson(JSON.parse(written)));
}

export function nowIso(): string {
  return new Date().toISOString();
}

/** Normalises a timestamp read from either engine to ISO-8601 text. */
export function toIso(v: unknown): string {
  if (v instanceof Date) return v.toISOString();
  return String(v);
}
