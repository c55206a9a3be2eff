import type { Kysely, Selectable, Updateable } from 'kysely';
import type { Tx } from '../app/context.ts';
import { nowIso } from './codec.ts';
import type { DB } from './schema.ts';
import { executeByKey } from './reusable-query.ts';

/** Tables whose rows carry an optimistic-lock `version` and the time of their last change. */
export type VersionedTable = { [T in keyof DB]: DB[T] extends { id: unknown; version: unknown; updated_at: unknown } ? T : never }[keyof DB];

/** Versioned tables whose rows are marked deleted (`deleted_at`) rather than removed. */
export type SoftDeletedTable = { [T in VersionedTable]: DB[T] extends { deleted_at: unknown } ? T : never }[VersionedTable];

/**
 * Every soft-deleted table, so that a deleted row is never updated. A table that gains
 * `deleted_at` and is not listed here does not compile.
 */
const SOFT_DELETED: Record<SoftDeletedTable, true> = { households: true, persons: true };

function isSoftDeleted(table: VersionedTable): table is SoftDeletedTable {
  return Object.prototype.hasOwnProperty.call(SOFT_DELETED, table);
}

/**
 * Writes `patch` to row `id` when it is still at `expectedVersion` (and not deleted), moving it to
 * the next version and stamping `updated_at`. Returns the row as written, or undefined when the
 * version has moved on or the row is gone: the caller tells those apart and answers 412 or 404.
 */
export async function versionedUpdate<T extends VersionedTable>(db: Tx, table: T, id: number, expectedVersion: number, patch: Updateable<DB[T]>): Promise<Selectable<DB[T]> | undefined> {
  // Kysely cannot follow column names through a table chosen by a type parameter; the signature keeps callers typed.
  const q = (db as unknown as Kysely<any>)
    .updateTable(table as string)
    .set({ ...patch, updated_at: nowIso(), version: expectedVersion + 1 })
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .$if(isSoftDeleted(table), (q) => q.where('deleted_at', 'is', null))
    .returningAll();
  return (await executeByKey(db, q)).rows[0] as Selectable<DB[T]> | undefined;
}

/** The version row `id` is at; undefined when there is no such row or it is deleted. */
export async function currentVersion(db: Tx, table: VersionedTable, id: number): Promise<number | undefined> {
  const r = await (db as unknown as Kysely<any>)
    .selectFrom(table)
    .select('version')
    .where('id', '=', id)
    .$if(isSoftDeleted(table), (q) => q.where('deleted_at', 'is', null))
    .executeTakeFirst();
  return r ? Number(r.version) : undefined;
}

/** Marks row `id` deleted when it is still at `expectedVersion` and live; false when it is not. */
export async function softDelete(db: Tx, table: SoftDeletedTable, id: number, expectedVersion: number): Promise<boolean> {
  const now = nowIso();
  const r = await (db as unknown as Kysely<any>)
    .updateTable(table)
    .set({ deleted_at: now, updated_at: now, version: expectedVersion + 1 })
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}
