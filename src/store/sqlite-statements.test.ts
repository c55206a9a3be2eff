import Sqlite from 'better-sqlite3';
import { Kysely, sql, SqliteDialect } from 'kysely';
import { describe, expect, it } from 'vitest';
import { withStatementCache } from './sqlite-statements.ts';

function open() {
  const raw = new Sqlite(':memory:');
  raw.exec(`create table t (id integer primary key, name text, blob blob, n real);
            insert into t values (1, '张三', x'0102', 1.5), (2, 'Li "Si"', null, null), (3, 'x', x'', 0)`);
  return { raw, db: new Kysely<any>({ dialect: new SqliteDialect({ database: withStatementCache(raw) }) }) };
}

describe('SQLite statements kept by text', () => {
  it('reads the same rows as the driver, names, types and order', async () => {
    const { raw, db } = open();
    const text = "select id, name, blob, n, id * 2 as \"we'ird \"\"name\" from t order by id";
    const expected = raw.prepare(text).all();
    expect((await sql.raw(text).execute(db)).rows).toEqual(expected);
    // The second run takes the kept statement.
    expect((await sql.raw(text).execute(db)).rows).toEqual(expected);
    expect(expected[0]).toMatchObject({ id: 1, name: '张三', n: 1.5 });
    await db.destroy();
  });

  it('gives a repeated column name its last value, as the driver does', async () => {
    const { raw, db } = open();
    const text = 'select 1 as a, 2 as a, name from t where id = 1';
    expect((await sql.raw(text).execute(db)).rows).toEqual(raw.prepare(text).all());
    await db.destroy();
  });

  it('streams objects after reading arrays, and writes', async () => {
    const { db } = open();
    await db.insertInto('t').values({ id: 4, name: 'w' }).execute();
    const all = await db.selectFrom('t').select(['id', 'name']).orderBy('id').execute();
    const streamed: unknown[] = [];
    for await (const r of db.selectFrom('t').select(['id', 'name']).orderBy('id').stream()) streamed.push(r);
    expect(streamed).toEqual(all);
    expect(all.map((r) => r.id)).toEqual([1, 2, 3, 4]);
    await db.destroy();
  });
});
