import type { Database } from '../database.ts';
import { postgresLedgerBulk } from './postgres.ts';
import { sqliteLedgerBulk } from './sqlite.ts';
import type { LedgerBulk } from './types.ts';

export * from './types.ts';

/** The ledger's bulk writer for the engine of `database` (SQLite prepared statements or PostgreSQL COPY). */
export async function openLedgerBulk(database: Database): Promise<LedgerBulk> {
  if (database.sqlite) return sqliteLedgerBulk(database.sqlite, database.db.withoutPlugins());
  if (database.pool) return postgresLedgerBulk(database.pool);
  throw new Error('no raw database handle for the bulk path');
}
