import { PostgresAdapter, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { Tx } from '../app/context.ts';

/**
 * Records whose region code column starts with `prefix` (a region's whole subtree), written so an
 * index on the column serves it. SQLite never uses an index for LIKE (it ignores case), so there it
 * is the range [prefix, prefix + ':'): region codes are digits and ':' follows '9'. PostgreSQL's
 * planner turns a LIKE prefix into the same range itself where the collation allows.
 */
export function inRegion(db: Tx, eb: ExpressionBuilder<any, any>, column: string, prefix: string): Expression<SqlBool> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) return eb(column, 'like', `${prefix}%`);
  return eb.and([eb(column, '>=', prefix), eb(column, '<', `${prefix}:`)]);
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
