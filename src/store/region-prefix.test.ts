import { describe, expect, it } from 'vitest';
import { Kysely, SqliteDialect } from 'kysely';
import Sqlite from 'better-sqlite3';
import { inRegion, placeParts, readByPlace } from './region-prefix.ts';

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

/** A keyset page read part by part against the plain definition: in the region, after the key, in (code, id) order. */
describe('placeParts', () => {
  const sqlite = new Sqlite(':memory:');
  sqlite.exec('create table p (id integer primary key, code text not null)');
  const codes = ['14', '140225', '140225100200', '140225100200', '140225100201', '140225101200', '140226100200', '1402259', '99', '990000'];
  const rows = Array.from({ length: 60 }, (_, i) => ({ id: i + 1, code: codes[(i * 7) % codes.length] }));
  for (const r of rows) sqlite.prepare('insert into p values (?, ?)').run(r.id, r.code);
  const db = new Kysely<any>({ dialect: new SqliteDialect({ database: sqlite }) });
  const byPlace = (a: { id: number; code: string }, b: { id: number; code: string }) => (a.code < b.code ? -1 : a.code > b.code ? 1 : a.id - b.id);

  const keys = [undefined, { code: '140225100200', id: 10 }, { code: '140225100201', id: 0 }, { code: '14', id: 99 }, { code: '140226100200', id: 3 }, { code: '9', id: 1 }];
  for (const prefix of ['', '140225', '1402251', '99']) {
    for (const key of keys) {
      it(`pages "${prefix}" after ${key ? `${key.code}/${key.id}` : 'the start'} as the plain definition does, in parts and as one row-value range`, async () => {
        for (const [limit, rowValues] of [[1, false], [4, false], [100, false], [1, true], [4, true], [100, true]] as const) {
          const got = await readByPlace(placeParts('code', 'id', prefix, key, rowValues), limit, (part, n) =>
            db.selectFrom('p').select(['id', 'code']).where((eb) => eb.and(part(eb))).orderBy('code').orderBy('id').limit(n).execute());
          const want = rows.filter((r) => r.code.startsWith(prefix) && (!key || byPlace(r, key) > 0)).sort(byPlace).slice(0, limit);
          expect(got.map((r) => `${r.code}/${r.id}`)).toEqual(want.map((r) => `${r.code}/${r.id}`));
        }
      });
    }
  }

  it('reads a key inside the region as two index seeks, not a walk from the region start', () => {
    sqlite.exec('create index p_code on p (code, id)');
    const plans = placeParts('code', 'id', '140225', { code: '140225100200', id: 10 }).map((part) => {
      const q = db.selectFrom('p').select('id').where((eb) => eb.and(part(eb))).orderBy('code').orderBy('id').limit(5).compile();
      return (sqlite.prepare(`explain query plan ${q.sql}`).all(...(q.parameters as any[])) as { detail: string }[]).map((r) => r.detail).join(' ');
    });
    expect(plans[0]).toMatch(/code=\? AND (id|rowid)>\?/);
    expect(plans[1]).toMatch(/code>\? AND code<\?/);
  });
});
