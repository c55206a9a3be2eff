import { sql } from 'kysely';
import type { Database } from '../database.ts';
import { bulkUpsert } from '../bulk.ts';
import type { Tx } from '../../app/context.ts';

export interface RegionRow {
  code: string;
  name: string;
  level: number;
  parentCode: string | null;
}

const REGION_BULK = {
  table: 'regions',
  columns: [
    { name: 'code', pgType: 'text' },
    { name: 'name', pgType: 'text' },
    { name: 'level', pgType: 'int' },
    { name: 'parent_code', pgType: 'text' },
    { name: 'initials', pgType: 'text' },
  ],
  key: ['code'],
};

const cols = ['code', 'name', 'level', 'parent_code as parentCode'] as const;

export const regionsRepository = {
  /** Writes a batch of regions; existing codes are updated in place. */
  upsertMany(database: Database, rows: { code: string; name: string; level: number; parentCode: string | null; initials: string }[]) {
    return bulkUpsert(database, REGION_BULK, rows.map((r) => [r.code, r.name, r.level, r.parentCode, r.initials]));
  },

  async find(db: Tx, code: string): Promise<RegionRow | undefined> {
    return db.selectFrom('regions').select(cols).where('code', '=', code).executeTakeFirst();
  },

  async findMany(db: Tx, codes: string[]): Promise<RegionRow[]> {
    if (!codes.length) return [];
    return db.selectFrom('regions').select(cols).where('code', 'in', codes).orderBy('code').execute();
  },

  async children(db: Tx, code: string): Promise<(RegionRow & { childCount: number })[]> {
    return db
      .selectFrom('regions as r')
      .select(['r.code', 'r.name', 'r.level', 'r.parent_code as parentCode'])
      .select((eb) => eb.selectFrom('regions as c').whereRef('c.parent_code', '=', 'r.code').select(eb.fn.countAll<number>().as('n')).as('childCount'))
      .where('r.parent_code', '=', code)
      .orderBy('r.code')
      .execute() as Promise<(RegionRow & { childCount: number })[]>;
  },

  async roots(db: Tx): Promise<RegionRow[]> {
    return db.selectFrom('regions').select(cols).where('level', '=', 1).orderBy('code').execute();
  },

  /** Name prefix, then name substring, or pinyin-initials prefix; within a code prefix (empty = anywhere). */
  async search(db: Tx, q: string, within: string, limit: number): Promise<RegionRow[]> {
    const like = q.replace(/[%_\\]/g, (m) => `\\${m}`);
    const lower = q.toLowerCase();
    return db
      .selectFrom('regions')
      .select(cols)
      .where((eb) =>
        eb.or([
          eb('name', 'like', sql<string>`${`%${like}%`} escape '\\'`),
          eb('initials', 'like', sql<string>`${`${lower.replace(/[%_\\]/g, '')}%`}`),
          eb('code', '=', q),
        ]),
      )
      .$if(within !== '', (qb) => qb.where('code', 'like', `${within}%`))
      .orderBy(sql`case when name = ${q} then 0 when name like ${`${like}%`} then 1 when initials = ${lower} then 2 else 3 end`)
      .orderBy('level')
      .orderBy('code')
      .limit(limit)
      .execute();
  },

  async countByLevel(db: Tx, prefix: string): Promise<Record<number, number>> {
    const rows = await db
      .selectFrom('regions')
      .select(['level', (eb) => eb.fn.countAll<number>().as('n')])
      .$if(prefix !== '', (qb) => qb.where('code', 'like', `${prefix}%`))
      .groupBy('level')
      .execute();
    return Object.fromEntries(rows.map((r) => [r.level, Number(r.n)]));
  },
};
