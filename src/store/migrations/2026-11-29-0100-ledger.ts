import { sql, type Kysely } from 'kysely';
import { boolDefault, boolType, jsonType, withId } from './helpers.ts';

export async function up(db: Kysely<any>): Promise<void> {
  await withId(db, db.schema.createTable('households'))
    .addColumn('household_no', 'text', (c) => c.notNull().unique())
    .addColumn('village_code', 'text', (c) => c.notNull())
    .addColumn('address', 'text')
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('monitored_subtype', 'text')
    .addColumn('relocated', boolType(db), (c) => c.notNull().defaultTo(boolDefault(db, false)))
    .addColumn('income_per_capita_yuan', 'integer')
    .addColumn('member_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('working_age_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('employed_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('zero_employment', boolType(db), (c) => c.notNull().defaultTo(boolDefault(db, false)))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('deleted_at', 'text')
    .execute();
  await db.schema.createIndex('households_village_idx').on('households').columns(['village_code', 'id']).execute();

  await withId(db, db.schema.createTable('household_category_history'))
    .addColumn('household_id', 'integer', (c) => c.notNull().references('households.id').onDelete('cascade'))
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('monitored_subtype', 'text')
    .addColumn('effective_date', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('household_history_idx').on('household_category_history').columns(['household_id', 'id']).execute();

  await withId(db, db.schema.createTable('persons'))
    .addColumn('household_id', 'integer', (c) => c.notNull().references('households.id'))
    .addColumn('village_code', 'text', (c) => c.notNull())
    .addColumn('relation', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('gender', 'text', (c) => c.notNull())
    .addColumn('birth_date', 'text', (c) => c.notNull())
    .addColumn('id_enc', 'text', (c) => c.notNull())
    .addColumn('id_hash', 'text', (c) => c.notNull())
    .addColumn('id_masked', 'text', (c) => c.notNull())
    .addColumn('phone_enc', 'text')
    .addColumn('phone_hash', 'text')
    .addColumn('phone_masked', 'text')
    .addColumn('education', 'text')
    .addColumn('labor_capacity', 'text', (c) => c.notNull())
    .addColumn('skills', jsonType(db), (c) => c.notNull())
    .addColumn('employment_status', 'text', (c) => c.notNull())
    .addColumn('employer_name', 'text')
    .addColumn('monthly_income_yuan', 'integer')
    .addColumn('training_wish', 'text')
    .addColumn('job_wish_types', jsonType(db), (c) => c.notNull())
    .addColumn('available_from', 'text')
    .addColumn('preferred_scope', 'text')
    .addColumn('min_monthly_pay_yuan', 'integer')
    .addColumn('verification_status', 'text', (c) => c.notNull().defaultTo('unverified'))
    .addColumn('verified_at', 'text')
    .addColumn('verified_by', 'integer')
    .addColumn('row_hash', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('deleted_at', 'text')
    .execute();
  // One live person per ID number across the whole database.
  await sql`create unique index persons_id_hash_live on persons (id_hash) where deleted_at is null`.execute(db);
  await db.schema.createIndex('persons_phone_idx').on('persons').column('phone_hash').execute();
  await db.schema.createIndex('persons_household_idx').on('persons').columns(['household_id', 'id']).execute();
  await db.schema.createIndex('persons_village_idx').on('persons').columns(['village_code', 'id']).execute();
  await db.schema.createIndex('persons_name_idx').on('persons').columns(['name', 'id']).execute();
  await db.schema.createIndex('persons_status_idx').on('persons').columns(['employment_status', 'village_code', 'id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['persons', 'household_category_history', 'households']) await db.schema.dropTable(t).execute();
}
