import { sql, type Kysely } from 'kysely';
import { jsonType, withId } from './helpers.ts';

/**
 * Matching: referrals and their steps, employments, and the date from which each county counts
 * people as returned to work. Money in fen, dates YYYY-MM-DD text, timestamps ISO text.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await withId(db, db.schema.createTable('referrals'))
    .addColumn('person_id', 'integer', (c) => c.notNull().references('persons.id'))
    .addColumn('posting_id', 'integer', (c) => c.notNull().references('postings.id'))
    .addColumn('employer_id', 'integer', (c) => c.notNull())
    // The person's home village and the posting's managing region: staff of either may follow the referral.
    .addColumn('village_code', 'text', (c) => c.notNull())
    .addColumn('posting_scope_code', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('score', 'real')
    .addColumn('reasons', jsonType(db), (c) => c.notNull())
    .addColumn('owner_id', 'integer')
    .addColumn('match_run', 'text')
    .addColumn('last_step_on', 'text', (c) => c.notNull())
    .addColumn('due_on', 'text')
    .addColumn('closed_on', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  // At most one open referral of a person to a posting: batch re-runs and double taps cannot duplicate it.
  await sql`create unique index referrals_open_pair on referrals (person_id, posting_id) where closed_on is null`.execute(db);
  await db.schema.createIndex('referrals_village_due_idx').on('referrals').columns(['village_code', 'due_on', 'id']).execute();
  await db.schema.createIndex('referrals_scope_idx').on('referrals').columns(['posting_scope_code', 'id']).execute();
  await db.schema.createIndex('referrals_posting_idx').on('referrals').columns(['posting_id', 'status']).execute();
  await db.schema.createIndex('referrals_employer_idx').on('referrals').columns(['employer_id', 'id']).execute();
  await db.schema.createIndex('referrals_owner_idx').on('referrals').columns(['owner_id', 'due_on']).execute();

  await withId(db, db.schema.createTable('referral_steps'))
    .addColumn('referral_id', 'integer', (c) => c.notNull().references('referrals.id').onDelete('cascade'))
    .addColumn('from_status', 'text')
    .addColumn('to_status', 'text', (c) => c.notNull())
    .addColumn('on_date', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'integer', (c) => c.notNull())
    .addColumn('actor_name', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await db.schema.createIndex('referral_steps_referral_idx').on('referral_steps').columns(['referral_id', 'id']).execute();

  await withId(db, db.schema.createTable('employments'))
    .addColumn('person_id', 'integer', (c) => c.notNull().references('persons.id'))
    .addColumn('referral_id', 'integer')
    .addColumn('employer_id', 'integer', (c) => c.notNull())
    .addColumn('posting_id', 'integer')
    .addColumn('village_code', 'text', (c) => c.notNull())
    .addColumn('region_code', 'text', (c) => c.notNull())
    .addColumn('address', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('start_date', 'text', (c) => c.notNull())
    .addColumn('end_date', 'text')
    .addColumn('pay_fen', 'bigint', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('employment_status', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  // One current job per person: two hires of the same person racing each other cannot both land.
  await sql`create unique index employments_current_person on employments (person_id) where end_date is null`.execute(db);
  await db.schema.createIndex('employments_village_idx').on('employments').columns(['village_code', 'start_date']).execute();
  await db.schema.createIndex('employments_employer_idx').on('employments').columns(['employer_id', 'id']).execute();

  await db.schema
    .createTable('return_to_work_dates')
    .addColumn('county_code', 'text', (c) => c.primaryKey())
    .addColumn('since_date', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'integer', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();

  // The recommendation index catches up with changed postings by reading those changed since it last looked.
  await db.schema.createIndex('postings_updated_idx').on('postings').columns(['updated_at', 'id']).execute();
}
