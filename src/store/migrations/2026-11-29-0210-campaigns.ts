import type { Kysely } from 'kysely';
import { withId } from './helpers.ts';

/** Recruitment campaigns, their events (fairs, caravan visits), attendance and intentions. */
export async function up(db: Kysely<any>): Promise<void> {
  await withId(db, db.schema.createTable('campaigns'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('region_code', 'text', (c) => c.notNull())
    .addColumn('starts_on', 'text', (c) => c.notNull())
    .addColumn('ends_on', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex('campaigns_region_idx').on('campaigns').columns(['region_code', 'starts_on']).execute();

  await withId(db, db.schema.createTable('campaign_events'))
    .addColumn('campaign_id', 'integer', (c) => c.notNull().references('campaigns.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('region_code', 'text', (c) => c.notNull())
    .addColumn('place', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('held_on', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex('campaign_events_campaign_idx').on('campaign_events').columns(['campaign_id', 'held_on']).execute();
  await db.schema.createIndex('campaign_events_region_idx').on('campaign_events').columns(['region_code']).execute();

  await db.schema
    .createTable('event_postings')
    .addColumn('event_id', 'integer', (c) => c.notNull().references('campaign_events.id').onDelete('cascade'))
    .addColumn('posting_id', 'integer', (c) => c.notNull().references('postings.id'))
    .addPrimaryKeyConstraint('event_postings_pk', ['event_id', 'posting_id'])
    .execute();
  await db.schema
    .createTable('event_employers')
    .addColumn('event_id', 'integer', (c) => c.notNull().references('campaign_events.id').onDelete('cascade'))
    .addColumn('employer_id', 'integer', (c) => c.notNull().references('employers.id'))
    .addPrimaryKeyConstraint('event_employers_pk', ['event_id', 'employer_id'])
    .execute();

  await withId(db, db.schema.createTable('event_attendance'))
    .addColumn('event_id', 'integer', (c) => c.notNull().references('campaign_events.id').onDelete('cascade'))
    .addColumn('person_id', 'integer', (c) => c.notNull().references('persons.id'))
    .addColumn('village_code', 'text', (c) => c.notNull())
    .addColumn('checked_in_at', 'text', (c) => c.notNull())
    .addColumn('checked_in_by', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('event_attendance_uq').on('event_attendance').columns(['event_id', 'person_id']).unique().execute();
  await db.schema.createIndex('event_attendance_person_idx').on('event_attendance').column('person_id').execute();

  await withId(db, db.schema.createTable('event_intentions'))
    .addColumn('event_id', 'integer', (c) => c.notNull().references('campaign_events.id').onDelete('cascade'))
    .addColumn('person_id', 'integer', (c) => c.notNull().references('persons.id'))
    .addColumn('posting_id', 'integer', (c) => c.notNull().references('postings.id'))
    .addColumn('village_code', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('event_intentions_uq').on('event_intentions').columns(['event_id', 'person_id', 'posting_id']).unique().execute();
  await db.schema.createIndex('event_intentions_posting_idx').on('event_intentions').column('posting_id').execute();
}
