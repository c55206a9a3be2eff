import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql, type Kysely } from 'kysely';
import type { Database } from './database.ts';

const here = fileURLToPath(import.meta.url);
const dir = path.join(path.dirname(here), 'migrations');
// The sources run as .ts, and compiled (bin/build-cli.mjs) as .js beside the same names.
const EXT = path.extname(here);
const NAME = new RegExp(`^\\d{4}-\\d{2}-\\d{2}-\\d{4}-[\\w-]+\\${EXT}$`);

interface MigrationModule {
  up(db: Kysely<any>): Promise<void>;
}

export interface MigrationReport {
  applied: string[];
  total: number;
}

/** Migration files are `YYYY-MM-DD-NNNN-name.ts` in src/store/migrations; their names sort in order. */
export function migrationNames(): string[] {
  return fs.readdirSync(dir).filter((f) => NAME.test(f)).sort().map((f) => f.slice(0, -EXT.length));
}

/**
 * Brings the schema up to date, each migration in its own transaction on both engines (SQLite and
 * PostgreSQL both roll DDL back), so a crash never leaves half a migration. Running it again applies nothing.
 * On PostgreSQL an advisory lock keeps two starting processes from migrating at once.
 */
export async function migrateToLatest(database: Database): Promise<MigrationReport> {
  const names = migrationNames();
  const applied: string[] = [];
  await database.db.connection().execute(async (conn) => {
    const pg = database.caps.engine === 'postgres';
    if (pg) await sql`select pg_advisory_lock(7041994)`.execute(conn);
    try {
      await sql`create table if not exists schema_migrations (name text primary key, applied_at text not null)`.execute(conn);
      const done = new Set((await sql<{ name: string }>`select name from schema_migrations`.execute(conn)).rows.map((r) => r.name));
      for (const name of names) {
        if (done.has(name)) continue;
        const mod = (await import(path.join(dir, `${name}${EXT}`))) as MigrationModule;
        await conn.transaction().execute(async (trx) => {
          await mod.up(trx);
          await sql`insert into schema_migrations (name, applied_at) values (${name}, ${new Date().toISOString()})`.execute(trx);
        });
        applied.push(name);
      }
    } finally {
      if (pg) await sql`select pg_advisory_unlock(7041994)`.execute(conn);
    }
  });
  return { applied, total: names.length };
}
