import { sql, type Kysely } from 'kysely';

/**
 * The public board at 500,000 open postings: a town column so that every region level filters by
 * equality, and keyset indexes on (level code, id) that also carry the other filter columns, so a
 * filtered page is read in id order from the index and the table is visited only for rows shown.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('postings').addColumn('town_code', 'text').execute();
  await sql`update postings set town_code = substr(region_code, 1, 9) where length(region_code) >= 9`.execute(db);
  for (const name of ['postings_open_idx', 'postings_open_province_idx', 'postings_open_city_idx', 'postings_open_county_idx', 'postings_open_occupation_idx', 'postings_open_type_idx']) {
    await db.schema.dropIndex(name).execute();
  }
  const open = sql<boolean>`status = 'open'`;
  const filters = ['post_type', 'occupation_code', 'pay_max_fen'];
  const board = (name: string, columns: string[]) => db.schema.createIndex(name).on('postings').columns(columns).where(open).execute();
  await board('postings_open_idx', ['id', ...filters]);
  await board('postings_open_province_idx', ['province_code', 'id', ...filters]);
  await board('postings_open_city_idx', ['city_code', 'id', ...filters]);
  await board('postings_open_county_idx', ['county_code', 'id', ...filters]);
  await board('postings_open_town_idx', ['town_code', 'id', ...filters]);
  await board('postings_open_village_idx', ['region_code', 'id', ...filters]);
  await board('postings_open_occupation_idx', ['occupation_code', 'id', 'post_type', 'pay_max_fen', 'county_code']);
  await board('postings_open_type_idx', ['post_type', 'id', 'pay_max_fen', 'occupation_code', 'county_code']);
}
