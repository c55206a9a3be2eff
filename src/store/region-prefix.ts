import type { Expression, ExpressionBuilder, SqlBool } from 'kysely';

/**
 * Records whose region code column starts with `prefix` (a region's whole subtree), written as a
 * range an index serves: SQLite never uses an index for LIKE (it ignores case), and PostgreSQL does
 * so only under the C collation. Codes are digits, so the subtree of 140225 is every code of at
 * least six digits from "140225" up to, not including, "140226", in byte order and in any collation
 * of digits alike. With `above`, only the codes after it (a keyset position's code).
 */
export function inRegion(eb: ExpressionBuilder<any, any>, column: string, prefix: string, above?: string): Expression<SqlBool> {
  const next = regionEnd(prefix);
  if (!next) {
    const like = eb(column, 'like', `${prefix}%`);
    return above === undefined ? like : eb.and([like, eb(column, '>', above)]);
  }
  // Codes above a code inside (or past) the region start there: one lower bound, so an index range starts at it.
  const lower = above !== undefined && above >= prefix ? eb(column, '>', above) : eb(column, '>=', prefix);
  // A shorter code can fall inside the range (the province "15" between "149999" and "150000").
  return eb.and([lower, eb(column, '<', next), eb(eb.fn('length', [eb.ref(column)]), '>=', prefix.length)]);
}

/** The first code after the subtree of `prefix` in byte order; '' for anything but a run of digits that does not carry over ('', '99'). */
function regionEnd(prefix: string): string {
  const next = /^\d+$/.test(prefix) ? (BigInt(prefix) + 1n).toString().padStart(prefix.length, '0') : '';
  return next.length === prefix.length ? next : '';
}

/** A keyset position in an order by (region code, id): the last row of a page. */
export interface PlaceKey {
  code: string;
  id: number;
}

/** Conditions of one part of a keyset page (see `placeParts`). */
export type PlacePart = (eb: ExpressionBuilder<any, any>) => Expression<SqlBool>[];

/**
 * The rows of region `prefix` after `key` in the order (code, id), as the parts to read in turn
 * until a page is full: the rest of the key's own code (code = key's, id above key's), then the codes
 * after it (code above key's, below the region's end). Each part is one range of an index on
 * (…, code, id) that SQLite seeks to. Put as one row-value comparison beside the region's bounds,
 * SQLite started at the region's first row and walked every row up to the key, so that a page deep
 * in a town cost twenty times the first. PostgreSQL seeks an index to a row value (`rowValues`): for
 * it the one part is the region and the row-value comparison, one round trip. Without a key, the one
 * part is the region.
 */
export function placeParts(codeColumn: string, idColumn: string, prefix: string, key: PlaceKey | undefined, rowValues = false): PlacePart[] {
  const region: PlacePart = (eb) => (prefix === '' ? [] : [inRegion(eb, codeColumn, prefix)]);
  if (!key) return [region];
  if (rowValues) return [(eb) => [...region(eb), eb(eb.refTuple(codeColumn as any, idColumn as any), '>', eb.tuple(key.code, key.id))]];
  const parts: PlacePart[] = [];
  if (key.code.startsWith(prefix)) parts.push((eb) => [eb(codeColumn, '=', key.code), eb(idColumn, '>', key.id)]);
  parts.push((eb) => [prefix === '' ? eb(codeColumn, '>', key.code) : inRegion(eb, codeColumn, prefix, key.code)]);
  return parts;
}

/**
 * Reads a keyset page part by part (see `placeParts`): `read` runs one part with the room left on
 * the page, and the parts' rows, each in order and after the one before, make the page.
 */
export async function readByPlace<R>(parts: PlacePart[], limit: number, read: (part: PlacePart, limit: number, index: number) => Promise<R[]>): Promise<R[]> {
  const rows: R[] = [];
  for (const [i, part] of parts.entries()) {
    if (rows.length >= limit) break;
    rows.push(...(await read(part, limit - rows.length, i)));
  }
  return rows;
}
