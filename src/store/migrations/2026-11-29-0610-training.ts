import type { Kysely } from 'kysely';
import { boolDefault, boolType, jsonType, withId } from './helpers.ts';

/**
 * Training: providers (with the trainer accounts that act for them), courses, enrollments and the
 * attendance that makes up an enrollment's progress in hours.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await withId(db, db.schema.createTable('training_providers'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('credit_code', 'text')
    .addColumn('region_code', 'text', (c) => c.notNull())
    .addColumn('address', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('contact_name', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('contact_phone', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex('training_providers_region_idx').on('training_providers').columns(['region_code', 'id']).execute();

  // A trainer account acts for exactly one provider.
  await db.schema
    .createTable('training_provider_accounts')
    .addColumn('user_id', 'integer', (c) => c.primaryKey())
    .addColumn('provider_id', 'integer', (c) => c.notNull().references('training_providers.id'))
    .addColumn('linked_at', 'text', (c) => c.notNull())
    .execute();

  await withId(db, db.schema.createTable('courses'))
    .addColumn('provider_id', 'integer', (c) => c.notNull().references('training_providers.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('occupation_code', 'text', (c) => c.notNull())
    .addColumn('mode', 'text', (c) => c.notNull())
    .addColumn('hours', 'integer', (c) => c.notNull())
    .addColumn('starts_on', 'text', (c) => c.notNull())
    .addColumn('ends_on', 'text', (c) => c.notNull())
    .addColumn('schedule', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('place', 'text')
    .addColumn('online_platform', 'text')
    .addColumn('region_code', 'text', (c) => c.notNull())
    .addColumn('capacity', 'integer', (c) => c.notNull())
    .addColumn('subsidy_applies', boolType(db), (c) => c.notNull().defaultTo(boolDefault(db, false)))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_by', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex('courses_region_idx').on('courses').columns(['region_code', 'id']).execute();
  await db.schema.createIndex('courses_provider_idx').on('courses').columns(['provider_id', 'id']).execute();

  await withId(db, db.schema.createTable('enrollments'))
    .addColumn('course_id', 'integer', (c) => c.notNull().references('courses.id'))
    .addColumn('person_id', 'integer', (c) => c.notNull().references('persons.id'))
    .addColumn('village_code', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('hours_attended', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('enrolled_at', 'text', (c) => c.notNull())
    .addColumn('completed_on', 'text')
    .addColumn('certificate_no', 'text')
    .addColumn('certificate_level', 'text')
    .addColumn('dropped_on', 'text')
    .addColumn('drop_reason', 'text')
    .addColumn('claim_ref', jsonType(db))
    .addColumn('created_by', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addUniqueConstraint('enrollments_course_person', ['course_id', 'person_id'])
    .execute();
  await db.schema.createIndex('enrollments_person_idx').on('enrollments').columns(['person_id']).execute();
  await db.schema.createIndex('enrollments_village_idx').on('enrollments').columns(['village_code', 'id']).execute();

  await withId(db, db.schema.createTable('enrollment_attendance'))
    .addColumn('enrollment_id', 'integer', (c) => c.notNull().references('enrollments.id'))
    .addColumn('on_date', 'text', (c) => c.notNull())
    .addColumn('hours', 'integer', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('recorded_by', 'integer', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('enrollment_attendance_idx').on('enrollment_attendance').columns(['enrollment_id', 'id']).execute();
}
