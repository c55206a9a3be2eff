import { sql, type CreateTableBuilder, type Kysely } from 'kysely';
import { isPostgres } from '../engine.ts';

export { isPostgres };

export function boolType(db: Kysely<any>) {
  return isPostgres(db) ? sql`boolean` : sql`integer`;
}

export function jsonType(db: Kysely<any>) {
  return isPostgres(db) ? sql`jsonb` : sql`text`;
}

/** Adds an auto-incrementing integer primary key named `id`. */
export function withId<T extends string>(db: Kysely<any>, t: CreateTableBuilder<T, never>): CreateTableBuilder<T, 'id'> {
  return isPostgres(db)
    ? t.addColumn('id', 'bigserial', (c) => c.primaryKey())
    : t.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement());
}

/** A boolean column default in the engine's own spelling. */
export function boolDefault(db: Kysely<any>, v: boolean) {
  return isPostgres(db) ? sql.raw(v ? 'true' : 'false') : sql.raw(v ? '1' : '0');
}
