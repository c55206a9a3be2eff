import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // Counts of the records attached to exactly this region (a village, or e.g. an employer's county).
  await db.schema
    .createTable('stats_own')
    .addColumn('region_code', 'text', (c) => c.notNull())
    .addColumn('indicator', 'text', (c) => c.notNull())
    .addColumn('value', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('stats_own_pk', ['region_code', 'indicator'])
    .execute();
  // The region's own counts plus those of its whole subtree.
  await db.schema
    .createTable('stats_total')
    .addColumn('region_code', 'text', (c) => c.notNull())
    .addColumn('indicator', 'text', (c) => c.notNull())
    .addColumn('value', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('stats_total_pk', ['region_code', 'indicator'])
    .execute();
  // The total at the end of each day a change happened; the value as of a date is the latest row on or before it.
  await db.schema
    .createTable('stats_history')
    .addColumn('region_code', 'text', (c) => c.notNull())
    .addColumn('indicator', 'text', (c) => c.notNull())
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('value', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('stats_history_pk', ['region_code', 'indicator', 'day'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['stats_history', 'stats_total', 'stats_own']) await db.schema.dropTable(t).execute();
}
