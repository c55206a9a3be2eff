import type { Kysely } from 'kysely';
import { withId } from './helpers.ts';

export async function up(db: Kysely<any>): Promise<void> {
  // Differences counted by single-record writes (person edits), logged in the writing transaction
  // and added into the figures of the region and its ancestors a moment later, or before any read
  // of the figures. Writers then touch no row shared with writers elsewhere in the province.
  await withId(db, db.schema.createTable('stats_delta'))
    .addColumn('region_code', 'text', (c) => c.notNull())
    .addColumn('indicator', 'text', (c) => c.notNull())
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('value', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('stats_delta_region_idx').on('stats_delta').columns(['region_code']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('stats_delta').execute();
}
