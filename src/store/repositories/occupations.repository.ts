import type { Tx } from '../../app/context.ts';
import { bulkUpsert } from '../bulk.ts';
import type { Database } from '../database.ts';
import { toBool } from '../codec.ts';

export interface OccupationRow {
  code: string;
  nameZh: string;
  nameEn: string | null;
  parentCode: string | null;
  level: number;
  builtin: boolean;
}

function decode(r: any): OccupationRow {
  return { code: r.code, nameZh: r.name_zh, nameEn: r.name_en, parentCode: r.parent_code, level: Number(r.level), builtin: toBool(r.builtin) };
}

const BULK = {
  table: 'occupations',
  columns: [
    { name: 'code', pgType: 'text' },
    { name: 'name_zh', pgType: 'text' },
    { name: 'name_en', pgType: 'text' },
    { name: 'parent_code', pgType: 'text' },
    { name: 'level', pgType: 'int' },
  ],
  key: ['code'],
};

export const occupationsRepository = {
  async find(db: Tx, code: string): Promise<OccupationRow | undefined> {
    const r = await db.selectFrom('occupations').selectAll().where('code', '=', code).executeTakeFirst();
    return r && decode(r);
  },
  async findMany(db: Tx, codes: string[]): Promise<Map<string, OccupationRow>> {
    const out = new Map<string, OccupationRow>();
    const unique = [...new Set(codes)];
    for (let i = 0; i < unique.length; i += 500) {
      for (const r of await db.selectFrom('occupations').selectAll().where('code', 'in', unique.slice(i, i + 500)).execute()) out.set(r.code, decode(r));
    }
    return out;
  },
  /** Children of a node; without a parent, the nodes whose parent is not in the table (the roots). */
  async children(db: Tx, parent: string | null): Promise<(OccupationRow & { childCount: number })[]> {
    const rows = await db
      .selectFrom('occupations as o')
      .selectAll('o')
      .select((eb) => eb.selectFrom('occupations as c').whereRef('c.parent_code', '=', 'o.code').select(eb.fn.countAll<number>().as('n')).as('child_count'))
      .$if(parent != null, (qb) => qb.where('o.parent_code', '=', parent!))
      .$if(parent == null, (qb) => qb.where((eb) => eb.or([eb('o.parent_code', 'is', null), eb.not(eb.exists(eb.selectFrom('occupations as p').whereRef('p.code', '=', 'o.parent_code').select('p.code')))])))
      .orderBy('o.code')
      .limit(2000)
      .execute();
    return rows.map((r) => ({ ...decode(r), childCount: Number((r as any).child_count) }));
  },
  async search(db: Tx, q: string, limit: number, like: 'like' | 'ilike'): Promise<OccupationRow[]> {
    const text = q.replace(/[%_]/g, '');
    const rows = await db
      .selectFrom('occupations')
      .selectAll()
      .where((eb) => eb.or([eb('name_zh', like, `%${text}%`), eb('name_en', like, `%${text}%`), eb('code', 'like', `${text}%`)]))
      .orderBy('level', 'desc')
      .orderBy('code')
      .limit(limit)
      .execute();
    return rows.map(decode);
  },
  /** Writes imported nodes; English names of codes already present are kept when the file has none. */
  async upsertMany(database: Database, db: Tx, rows: { code: string; nameZh: string; nameEn: string | null; parentCode: string | null; level: number }[]): Promise<number> {
    const existing = await this.findMany(db, rows.map((r) => r.code));
    return bulkUpsert(database, BULK, rows.map((r) => [r.code, r.nameZh, r.nameEn ?? existing.get(r.code)?.nameEn ?? null, r.parentCode, r.level]));
  },
  async count(db: Tx): Promise<number> {
    const r = await db.selectFrom('occupations').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return Number(r.n);
  },
};
