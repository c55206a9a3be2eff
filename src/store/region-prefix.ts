import type { Expression, ExpressionBuilder, SqlBool } from 'kysely';

/**
 * Records whose region code column starts with `prefix` (a region's whole subtree), written as a
 * range an index serves: SQLite never uses an index for LIKE (it ignores case), and PostgreSQL does
 * so only under the C collation. Codes are digits, so the subtree of 140225 is every code of at
 * least six digits from "140225" up to, not including, "140226", in byte order and in any collation
 * of digits alike.
 */
export function inRegion(eb: ExpressionBuilder<any, any>, column: string, prefix: string): Expression<SqlBool> {
  // Anything but a run of digits that does not carry over ('', '99') keeps the plain LIKE.
  const next = /^\d+$/.test(prefix) ? (BigInt(prefix) + 1n).toString().padStart(prefix.length, '0') : '';
  if (!next || next.length !== prefix.length) return eb(column, 'like', `${prefix}%`);
  // A shorter code can fall inside the range (the province "15" between "149999" and "150000").
  return eb.and([eb(column, '>=', prefix), eb(column, '<', next), eb(eb.fn('length', [eb.ref(column)]), '>=', prefix.length)]);
}

/** A keyset position in an order by (region code, id): the last row of a page. */
export interface PlaceKey {
  code: string;
  id: number;
}

/** Rows after `key` in the order (region code column, id column). */
export function afterPlace(eb: ExpressionBuilder<any, any>, codeColumn: string, idColumn: string, key: PlaceKey): Expression<SqlBool> {
  // A row-value comparison: both engines walk an index on (code, id) from that point.
  return eb(eb.refTuple(codeColumn as any, idColumn as any), '>', eb.tuple(key.code, key.id));
}
