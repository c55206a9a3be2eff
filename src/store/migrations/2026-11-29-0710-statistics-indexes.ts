import type { Kysely } from 'kysely';

/**
 * Statistics recount the records of the regions a transaction touched; each family groups by one
 * region column, which needs an index where the owning module did not already lead one with it.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('postings_region_stats_idx').on('postings').columns(['region_code']).execute();
  await db.schema.createIndex('event_intentions_village_idx').on('event_intentions').columns(['village_code']).execute();
  await db.schema.createIndex('claims_region_idx').on('claims').columns(['region_code']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const i of ['postings_region_stats_idx', 'event_intentions_village_idx', 'claims_region_idx']) await db.schema.dropIndex(i).execute();
}
