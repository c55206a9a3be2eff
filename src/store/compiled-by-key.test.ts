import Sqlite from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { Tx } from '../app/context.ts';
import { compiledByKey } from './compiled-by-key.ts';

describe('compiledByKey', () => {
  const sqlite = new Sqlite(':memory:');
  sqlite.exec("create table t (id integer primary key, name text); insert into t values (1, 'a'), (2, 'b'), (3, 'c')");
  const db = new Kysely<any>({ dialect: new SqliteDialect({ database: sqlite }) }) as unknown as Tx;

  it('builds a query once per key and runs the kept one after, keeping at most its size', async () => {
    const run = compiledByKey(2);
    let builds = 0;
    const above = (min: number) =>
      run<{ id: number }>(db, JSON.stringify(['above', min]), () => {
        builds++;
        return (db as unknown as Kysely<any>).selectFrom('t').select('id').where('id', '>', min).orderBy('id');
      });
    expect((await above(1)).map((r) => r.id)).toEqual([2, 3]);
    expect((await above(1)).map((r) => r.id)).toEqual([2, 3]);
    expect(builds).toBe(1);
    expect((await above(2)).map((r) => r.id)).toEqual([3]);
    expect(builds).toBe(2);
    // The rows come from the database each time, not from the keeping.
    sqlite.exec("insert into t values (4, 'd')");
    expect((await above(2)).map((r) => r.id)).toEqual([3, 4]);
    expect(builds).toBe(2);
    // Past its size it starts again.
    await above(0);
    await above(1);
    expect(builds).toBe(4);
  });
});
