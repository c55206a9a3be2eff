import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Tx } from '../../src/app/context.ts';
import { reusableQuery } from '../../src/store/reusable-query.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { ENGINES } from '../support/databases.ts';

const regionByCode = reusableQuery((db: Tx, code: string) => db.selectFrom('regions').select(['code', 'name', 'level']).where('code', '=', code).where('level', '<=', 5));

describe.each(ENGINES)('queries compiled once on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine);
  });
  afterAll(async () => t?.close());

  it('answers each call with its own arguments, as the builder would', async () => {
    const db = t.app.database.db;
    for (const code of ['140225', '14', '140225100', '999999']) {
      const direct = await db.selectFrom('regions').select(['code', 'name', 'level']).where('code', '=', code).where('level', '<=', 5).execute();
      expect(await regionByCode.all(db, code)).toEqual(direct);
    }
    expect((await regionByCode.all(db, '140225'))[0]).toMatchObject({ code: '140225', name: '浑源县' });
  });

  it('runs inside a transaction on its connection', async () => {
    const names = await t.app.database.db.transaction().execute(async (trx) => {
      expect((await regionByCode.all(trx, '140225'))[0]?.name).toBe('浑源县');
      expect(await regionByCode.all(trx, '140226')).not.toEqual(await regionByCode.all(trx, '140225'));
      if (engine !== 'postgres') return [];
      const { rows } = await sql<{ name: string; statement: string }>`select name, statement from pg_prepared_statements`.execute(trx);
      return rows.filter((r) => r.statement.includes('"regions"'));
    });
    // On PostgreSQL the lookup is a named prepared statement of the connection.
    if (engine === 'postgres') expect(names.map((n) => n.name)).toEqual([expect.stringMatching(/^jiuye_/)]);
  });

  it('refuses a builder that turns an argument into a literal', async () => {
    const literal = reusableQuery((db: Tx, code: string) => db.selectFrom('regions').select('code').where('code', '=', sql.lit(code)));
    await expect(literal.all(t.app.database.db, '14')).rejects.toThrow(/did not become parameters/);
  });
});
