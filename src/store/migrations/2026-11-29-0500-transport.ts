import { sql, type Kysely } from 'kysely';
import { boolType, jsonType, withId } from './helpers.ts';

/**
 * Transport: point-to-point trips, their manifests with the health check of each passenger, and
 * the idempotency keys of escort actions. Money is integer fen; temperatures are tenths of °C.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await withId(db, db.schema.createTable('trips'))
    .addColumn('mode', 'text', (c) => c.notNull())
    .addColumn('vehicle_type', 'text', (c) => c.notNull())
    .addColumn('capacity', 'integer', (c) => c.notNull())
    .addColumn('cost_fen', 'bigint', (c) => c.notNull())
    // The pickup county: the trip's region for scope and reports.
    .addColumn('origin_county', 'text', (c) => c.notNull())
    .addColumn('pickups', jsonType(db), (c) => c.notNull())
    .addColumn('destination_kind', 'text', (c) => c.notNull())
    .addColumn('destination_region', 'text', (c) => c.notNull())
    .addColumn('destination_name', 'text', (c) => c.notNull())
    .addColumn('employer_id', 'integer')
    .addColumn('travel_date', 'text', (c) => c.notNull())
    .addColumn('departments', jsonType(db), (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('escort_name', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('vehicle_plate', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('notes', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('plan_ref', 'text')
    .addColumn('cancel_reason', 'text')
    .addColumn('boarding_at', 'text')
    .addColumn('departed_at', 'text')
    .addColumn('arrived_at', 'text')
    .addColumn('cancelled_at', 'text')
    .addColumn('created_by', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex('trips_origin_date_idx').on('trips').columns(['origin_county', 'travel_date', 'id']).execute();
  await db.schema.createIndex('trips_destination_idx').on('trips').columns(['destination_region', 'travel_date']).execute();
  await db.schema.createIndex('trips_date_idx').on('trips').columns(['travel_date', 'id']).execute();

  await withId(db, db.schema.createTable('trip_passengers'))
    .addColumn('trip_id', 'integer', (c) => c.notNull().references('trips.id'))
    .addColumn('person_id', 'integer', (c) => c.notNull().references('persons.id'))
    .addColumn('seat_no', 'integer')
    .addColumn('pickup_index', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('status', 'text', (c) => c.notNull())
    // The trip's date while the passenger holds a seat on a trip that is not cancelled, else null:
    // the unique index below keeps a person on at most one live trip per date on both engines.
    .addColumn('live_date', 'text')
    .addColumn('temperature_tenths', 'integer')
    .addColumn('health_certificate', boolType(db))
    .addColumn('kit_issued', boolType(db))
    .addColumn('checked_at', 'text')
    .addColumn('checked_by', 'integer')
    .addColumn('boarded_at', 'text')
    .addColumn('arrived_at', 'text')
    .addColumn('cost_share_fen', 'bigint')
    .addColumn('claim_id', 'integer')
    .addColumn('subsidy_facts', jsonType(db))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await sql`create unique index trip_passengers_live_person on trip_passengers (person_id, live_date)`.execute(db);
  await sql`create unique index trip_passengers_seat on trip_passengers (trip_id, seat_no)`.execute(db);
  await db.schema.createIndex('trip_passengers_trip_idx').on('trip_passengers').columns(['trip_id', 'id']).execute();
  await db.schema.createIndex('trip_passengers_person_idx').on('trip_passengers').columns(['person_id', 'status']).execute();

  // An escort's phone may send the same action twice (a retry after a lost answer): the key makes the second a no-op.
  await db.schema
    .createTable('trip_actions')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('trip_id', 'integer', (c) => c.notNull())
    .addColumn('passenger_id', 'integer')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'integer', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['trip_actions', 'trip_passengers', 'trips']) await db.schema.dropTable(t).execute();
}
