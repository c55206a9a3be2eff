import { describe, expect, it } from 'vitest';
import { Kysely, SqliteDialect } from 'kysely';
import Sqlite from 'better-sqlite3';
import { inRegion } from './region-prefix.ts';

/** The subtree condition against the plain prefix test it replaces, on real codes and edge prefixes. */
describe('inRegion', () => {
  const sqlite = new Sqlite(':memory:');
  sqlite.exec(`create table r (code text); insert into r values ('14'), ('140225'), ('140225100200'), ('140226'), ('1402259'), ('140229999999'), ('140230'), ('99'), ('990000'), ('15')`);
  const db = new Kysely<any>({ dialect: new SqliteDialect({ database: sqlite }) });
  const codes = ['14', '140225', '140225100200', '140226', '1402259', '140229999999', '140230', '99', '990000', '15'];

  for (const prefix of ['', '14', '140225', '140229', '1402259', '149999', '99', '9']) {
    it(`selects the codes starting with "${prefix}"`, async () => {
      const rows = await db.selectFrom('r').select('code').where((eb) => inRegion(eb, 'code', prefix)).orderBy('code').execute();
      expect(rows.map((r) => r.code)).toEqual(codes.filter((c) => c.startsWith(prefix)).sort());
    });
  }
});
