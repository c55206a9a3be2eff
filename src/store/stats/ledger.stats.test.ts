import Sqlite from 'better-sqlite3';
import { Kysely, sql, SqliteDialect } from 'kysely';
import { describe, expect, it } from 'vitest';
import { householdsFamily, householdsQuery, personsFamily, personsQuery } from './ledger.stats.ts';

const ALIAS = { p: 'persons', h: 'households' } as const;

/** The columns a query text reads, by table (the ledger queries alias persons `p` and households `h`). */
function columnsRead(text: string): Record<'persons' | 'households', Set<string>> {
  const out = { persons: new Set<string>(), households: new Set<string>() };
  for (const m of text.matchAll(/\b([ph])\.([a-z_]+)/g)) out[ALIAS[m[1] as 'p' | 'h']].add(m[2]!);
  return out;
}

describe('ledger figures kept by difference', () => {
  const db = new Kysely<any>({ dialect: new SqliteDialect({ database: new Sqlite(':memory:') }) });

  for (const [family, query] of [[personsFamily, personsQuery], [householdsFamily, householdsQuery]] as const) {
    it(`${family.name}: declares every column its query reads, so an edit of another column may skip counting`, () => {
      const text = query('record')(sql`1 = 1`).compile(db).sql;
      const read = columnsRead(text);
      expect(read.persons.size + read.households.size).toBeGreaterThan(3);
      for (const table of ['persons', 'households'] as const) {
        for (const c of read[table]) expect(family.rows!.reads[table], `${family.name} reads ${table}.${c}`).toContain(c);
      }
    });
  }
});
