import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // Regions whose figures a bulk load has changed and not yet recounted; written in the loading
  // transaction, so a crash can never lose them.
  await db.schema.createTable('stats_pending').addColumn('region_code', 'text', (c) => c.primaryKey()).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('stats_pending').execute();
}
