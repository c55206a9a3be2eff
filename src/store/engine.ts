import { PostgresAdapter } from 'kysely';

/** Whether a connection or transaction talks to PostgreSQL (else SQLite). */
export function isPostgres(db: { getExecutor(): { adapter: unknown } }): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}
