import type { Kysely, Transaction } from 'kysely';
import type { Config } from '../config.ts';
import type { Database } from '../store/database.ts';
import type { DB } from '../store/schema.ts';
import { flushRegionChanges } from './region-changes.ts';
import type { Secrets } from './secrets.ts';

/** Everything a use case may depend on, built once at start-up. */
export interface App {
  config: Config;
  database: Database;
  secrets: Secrets;
  /** Progress and notices for operators; never receives personal data. */
  log: (msg: string) => void;
}

export type Tx = Transaction<DB> | Kysely<DB>;

/**
 * Runs `fn` in one transaction: all of it is written, or none. Figures kept per region are brought
 * up to date for the regions `fn` changed before the transaction commits.
 */
export function inTransaction<T>(app: App, fn: (trx: Transaction<DB>) => Promise<T>): Promise<T> {
  return app.database.db.transaction().execute(async (trx) => {
    const result = await fn(trx);
    await flushRegionChanges(trx);
    return result;
  });
}
