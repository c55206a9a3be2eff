import type { Kysely } from 'kysely';
import { boolDefault, boolType, jsonType, withId } from './helpers.ts';

/**
 * Policy: versioned subsidy rules, funds and budgets, claims with their approval steps, and the
 * payment ledger. Money is integer fen. The payment ledger is append-only: a correction is a
 * reversal entry, and `reverses_id` is unique so an entry can be reversed only once.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('policies')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name_zh', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addColumn('region_scope', 'text', (c) => c.notNull())
    .addColumn('current_version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('policy_versions')
    .addColumn('policy_id', 'text', (c) => c.notNull().references('policies.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('rule', jsonType(db), (c) => c.notNull())
    .addColumn('effective_from', 'text', (c) => c.notNull())
    .addColumn('effective_to', 'text')
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_by', 'integer', (c) => c.notNull())
    .addColumn('created_by_name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('policy_versions_pk', ['policy_id', 'version'])
    .execute();

  await db.schema
    .createTable('funds')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name_zh', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  const now = new Date().toISOString();
  await db.insertInto('funds').values({ id: 'employment-subsidy', name_zh: '就业补助资金', name_en: 'Local employment subsidy fund', created_at: now, updated_at: now }).execute();

  await withId(db, db.schema.createTable('budgets'))
    .addColumn('fund_id', 'text', (c) => c.notNull().references('funds.id'))
    .addColumn('region_code', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('amount_fen', 'bigint', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addUniqueConstraint('budgets_key', ['fund_id', 'region_code', 'year'])
    .execute();

  await withId(db, db.schema.createTable('claims'))
    .addColumn('policy_id', 'text', (c) => c.notNull())
    .addColumn('policy_version', 'integer', (c) => c.notNull())
    .addColumn('subject_kind', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'text', (c) => c.notNull())
    .addColumn('person_id', 'integer')
    .addColumn('employer_id', 'integer')
    .addColumn('payee', 'text', (c) => c.notNull())
    .addColumn('region_code', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('fund_id', 'text', (c) => c.notNull())
    .addColumn('facts', jsonType(db), (c) => c.notNull())
    .addColumn('explanation', jsonType(db), (c) => c.notNull())
    .addColumn('eligible', boolType(db), (c) => c.notNull().defaultTo(boolDefault(db, false)))
    .addColumn('amount_fen', 'bigint', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('current_step', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('batch_id', 'integer')
    .addColumn('created_by', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex('claims_status_region_idx').on('claims').columns(['status', 'region_code']).execute();
  await db.schema.createIndex('claims_person_idx').on('claims').columns(['person_id', 'year']).execute();
  await db.schema.createIndex('claims_budget_idx').on('claims').columns(['fund_id', 'year', 'status']).execute();

  await withId(db, db.schema.createTable('claim_steps'))
    .addColumn('claim_id', 'integer', (c) => c.notNull().references('claims.id'))
    .addColumn('step', 'integer', (c) => c.notNull())
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('decision', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('actor_id', 'integer', (c) => c.notNull())
    .addColumn('actor_name', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('claim_steps_claim_idx').on('claim_steps').columns(['claim_id', 'id']).execute();

  // One row per limit a live claim holds (e.g. person 17 in 2020 for a once-a-year policy). The
  // primary key makes the second of two concurrent submissions fail, whatever the engine.
  await db.schema
    .createTable('claim_limits')
    .addColumn('policy_id', 'text', (c) => c.notNull())
    .addColumn('limit_key', 'text', (c) => c.notNull())
    .addColumn('claim_id', 'integer', (c) => c.notNull().references('claims.id'))
    .addPrimaryKeyConstraint('claim_limits_pk', ['policy_id', 'limit_key'])
    .execute();
  await db.schema.createIndex('claim_limits_claim_idx').on('claim_limits').column('claim_id').execute();

  await withId(db, db.schema.createTable('payment_batches'))
    .addColumn('fund_id', 'text', (c) => c.notNull().references('funds.id'))
    .addColumn('region_code', 'text', (c) => c.notNull())
    .addColumn('reference', 'text', (c) => c.notNull().unique())
    .addColumn('entry_date', 'text', (c) => c.notNull())
    .addColumn('total_fen', 'bigint', (c) => c.notNull())
    .addColumn('entry_count', 'integer', (c) => c.notNull())
    .addColumn('created_by', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await withId(db, db.schema.createTable('payment_entries'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('batch_id', 'integer')
    .addColumn('claim_id', 'integer')
    .addColumn('policy_id', 'text')
    .addColumn('fund_id', 'text', (c) => c.notNull().references('funds.id'))
    .addColumn('region_code', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('payee', 'text', (c) => c.notNull())
    .addColumn('amount_fen', 'bigint', (c) => c.notNull())
    .addColumn('entry_date', 'text', (c) => c.notNull())
    .addColumn('reference', 'text', (c) => c.notNull())
    .addColumn('reverses_id', 'integer', (c) => c.unique())
    .addColumn('reason', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_by', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('payment_entries_batch_idx').on('payment_entries').columns(['batch_id', 'id']).execute();
  await db.schema.createIndex('payment_entries_fund_idx').on('payment_entries').columns(['fund_id', 'year', 'region_code']).execute();
  await db.schema.createIndex('payment_entries_claim_idx').on('payment_entries').column('claim_id').execute();
}
