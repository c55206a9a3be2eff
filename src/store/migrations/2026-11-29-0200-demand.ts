import { sql, type Kysely } from 'kysely';
import { BUILTIN_OCCUPATIONS } from '../../domain/occupations/catalog.ts';
import { boolDefault, boolType, jsonType, withId } from './helpers.ts';

/**
 * Demand: occupations, the minimum-wage table, employers and postings. The occupation seed reads the
 * built-in catalog, which only ever grows; codes already present are left alone.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('occupations')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('name_zh', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text')
    .addColumn('parent_code', 'text')
    .addColumn('level', 'integer', (c) => c.notNull())
    .addColumn('builtin', boolType(db), (c) => c.notNull().defaultTo(boolDefault(db, false)))
    .execute();
  await db.schema.createIndex('occupations_parent_idx').on('occupations').columns(['parent_code', 'code']).execute();
  await db.schema.createIndex('occupations_name_idx').on('occupations').column('name_zh').execute();
  for (const o of BUILTIN_OCCUPATIONS) {
    const parts = o.code.split('-');
    await db
      .insertInto('occupations')
      .values({ code: o.code, name_zh: o.zh, name_en: o.en, parent_code: parts.length > 1 ? parts.slice(0, -1).join('-') : null, level: parts.length, builtin: sql`${boolDefault(db, true)}` })
      .execute();
  }

  await db.schema
    .createTable('minimum_wage_tables')
    .addColumn('province_code', 'text', (c) => c.notNull())
    .addColumn('effective_from', 'text', (c) => c.notNull())
    .addColumn('classes_fen', jsonType(db), (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull().defaultTo(''))
    .addPrimaryKeyConstraint('minimum_wage_tables_pk', ['province_code', 'effective_from'])
    .execute();
  const shanxi = [
    ['2017-10-01', [170000, 160000, 150000, 140000], '山西省最低工资标准 2017'],
    ['2021-10-01', [188000, 176000, 163000], '山西省最低工资标准 2021'],
    ['2023-01-01', [198000, 188000, 178000], '山西省最低工资标准 2023'],
  ] as const;
  for (const [from, classes, source] of shanxi) {
    await db.insertInto('minimum_wage_tables').values({ province_code: '14', effective_from: from, classes_fen: JSON.stringify(classes), source }).execute();
  }
  await db.schema
    .createTable('minimum_wage_counties')
    .addColumn('county_code', 'text', (c) => c.primaryKey())
    .addColumn('wage_class', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  const now = new Date().toISOString();
  for (const [key, value] of [['demand.minimum_wage_default_class', 3], ['demand.poverty_line_yuan_per_year', 4000]] as const) {
    await db.insertInto('settings').values({ key, value: JSON.stringify(value), updated_at: now }).execute();
  }

  await withId(db, db.schema.createTable('employers'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('credit_code', 'text', (c) => c.notNull().unique())
    .addColumn('region_code', 'text', (c) => c.notNull())
    .addColumn('scope_code', 'text', (c) => c.notNull())
    .addColumn('address', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('industry', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('is_sme', boolType(db), (c) => c.notNull().defaultTo(boolDefault(db, false)))
    .addColumn('contact_name', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('contact_phone', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('operating_status', 'text', (c) => c.notNull())
    .addColumn('status_date', 'text')
    .addColumn('employees_total', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('poor_employees', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('is_workshop', boolType(db), (c) => c.notNull().defaultTo(boolDefault(db, false)))
    .addColumn('workshop_recognized_on', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex('employers_scope_idx').on('employers').columns(['scope_code', 'id']).execute();
  await db.schema.createIndex('employers_region_idx').on('employers').columns(['region_code']).execute();

  await withId(db, db.schema.createTable('postings'))
    .addColumn('employer_id', 'integer', (c) => c.notNull().references('employers.id'))
    .addColumn('external_no', 'text')
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('occupation_code', 'text', (c) => c.notNull())
    .addColumn('post_type', 'text', (c) => c.notNull())
    .addColumn('openings', 'integer', (c) => c.notNull())
    .addColumn('filled', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('pay_min_fen', 'bigint', (c) => c.notNull())
    .addColumn('pay_max_fen', 'bigint', (c) => c.notNull())
    // The work place, and its county/city/province prefixes so the board can filter any level on an index.
    .addColumn('region_code', 'text', (c) => c.notNull())
    .addColumn('county_code', 'text')
    .addColumn('city_code', 'text')
    .addColumn('province_code', 'text', (c) => c.notNull())
    .addColumn('scope_code', 'text', (c) => c.notNull())
    .addColumn('address', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('start_date', 'text', (c) => c.notNull())
    .addColumn('end_date', 'text')
    .addColumn('hours', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('requirements', jsonType(db), (c) => c.notNull())
    .addColumn('board', boolType(db), (c) => c.notNull().defaultTo(boolDefault(db, false)))
    .addColumn('lodging', boolType(db), (c) => c.notNull().defaultTo(boolDefault(db, false)))
    .addColumn('weak_labor_ok', boolType(db), (c) => c.notNull().defaultTo(boolDefault(db, false)))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('accident_insurance_fen', 'bigint')
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex('postings_employer_idx').on('postings').columns(['employer_id', 'id']).execute();
  await db.schema.createIndex('postings_external_idx').on('postings').columns(['employer_id', 'external_no']).unique().execute();
  await db.schema.createIndex('postings_scope_idx').on('postings').columns(['scope_code', 'id']).execute();
  // The public board lists open postings newest first; each region level has its own keyset index.
  const open = sql<boolean>`status = 'open'`;
  await db.schema.createIndex('postings_open_idx').on('postings').column('id').where(open).execute();
  await db.schema.createIndex('postings_open_province_idx').on('postings').columns(['province_code', 'id']).where(open).execute();
  await db.schema.createIndex('postings_open_city_idx').on('postings').columns(['city_code', 'id']).where(open).execute();
  await db.schema.createIndex('postings_open_county_idx').on('postings').columns(['county_code', 'id']).where(open).execute();
  await db.schema.createIndex('postings_open_occupation_idx').on('postings').columns(['occupation_code', 'id']).where(open).execute();
  await db.schema.createIndex('postings_open_type_idx').on('postings').columns(['post_type', 'id']).where(open).execute();
}
