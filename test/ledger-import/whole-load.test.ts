import Sqlite from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyStats } from '../../src/app/stats/maintain.ts';
import { sqlitePath } from '../../src/store/database.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { countyVillages, demoRows, importFile, writeCsv } from './support.ts';

/**
 * `whole: true` (the command line's default): into a ledger with no one in it, the load is one
 * transaction that sets every person index aside, the unique ID-number one included, and builds
 * them once at its end. Nothing shows, and nothing is kept, until it ends well.
 */
describe('a ledger load in one transaction (SQLite)', () => {
  let t: TestApp;
  let villages: string[];
  beforeAll(async () => {
    t = await createTestApp('sqlite');
    villages = await countyVillages(t.app);
  });
  afterAll(async () => {
    await t?.close();
  });
  const db = () => t.app.database.sqlite!;
  const indexes = () => db().prepare(`select name, sql from sqlite_master where type = 'index' and sql is not null order by name`).all();
  const counts = () => db().prepare(`select (select count(*) from persons) as persons, (select count(*) from households) as households, (select count(*) from stats_pending) as pending, (select count(*) from audit_log) as audits`).get() as Record<string, number>;
  /** Whether another connection can take the write lock right now (it does not wait). */
  const canWrite = (other: Sqlite.Database) => {
    try {
      other.exec('begin immediate');
      other.exec('rollback');
      return true;
    } catch (e) {
      if ((e as { code?: string }).code !== 'SQLITE_BUSY') throw e;
      return false;
    }
  };
  // About 23,000 rows: enough for the load to count as a bulk load.
  const rows = () => demoRows(villages, 8_000, 11);

  it('keeps nothing when it fails midway, and every index is there again', async () => {
    const before = { indexes: indexes(), counts: counts() };
    expect(before.counts.persons).toBe(0);
    await expect(importFile(t.app, writeCsv(rows()), { whole: true, batchSize: 2_000, failAfterBatches: 3 })).rejects.toThrow(/stopped after 3 batch/);
    expect(counts()).toEqual(before.counts);
    expect(indexes()).toEqual(before.indexes);
  });

  it('holds the write lock and shows nothing to other connections until it ends, then has everything with unique ID numbers', async () => {
    const list = rows();
    // The same person twice in the file: the second row is rejected, so the unique index can be built.
    const twin = [...list[5]];
    twin[2] = '重复行';
    list.push(twin);
    const before = indexes();
    const other = new Sqlite(sqlitePath(t.app.config.databaseUrl));
    other.pragma('busy_timeout = 0');
    const seen: { persons: number; locked: boolean }[] = [];
    try {
      const r = await importFile(t.app, writeCsv(list), {
        whole: true,
        batchSize: 2_000,
        onProgress: () => {
          seen.push({ persons: Number(other.prepare('select count(*) from persons').pluck().get()), locked: !canWrite(other) });
        },
      });
      expect(r).toMatchObject({ created: list.length - 1, rejected: 1 });
      expect(r.errors).toEqual([expect.objectContaining({ row: list.length + 1, column: '身份证号', code: 'id_number_duplicate' })]);
    } finally {
      other.close();
    }
    expect(seen.length).toBeGreaterThan(3);
    expect(seen.every((s) => s.persons === 0 && s.locked), JSON.stringify(seen.slice(0, 5))).toBe(true);
    expect(indexes()).toEqual(before);
    expect(counts().persons).toBe(list.length - 1);
    expect((await verifyStats(t.app)).ok).toBe(true);
    // Writing the same person again through SQL breaks the rebuilt unique index.
    const one = db().prepare('select * from persons limit 1').get() as Record<string, unknown>;
    const cols = Object.keys(one).filter((c) => c !== 'id');
    expect(() => db().prepare(`insert into persons (${cols.join(', ')}) values (${cols.map(() => '?').join(', ')})`).run(cols.map((c) => one[c]))).toThrow(/UNIQUE/);
  });

  it('is not taken once the ledger holds anyone: a re-import commits batch by batch and finds every row unchanged', async () => {
    const file = writeCsv(rows());
    const persons = counts().persons;
    const other = new Sqlite(sqlitePath(t.app.config.databaseUrl));
    other.pragma('busy_timeout = 0');
    let freeBetweenBatches = 0;
    try {
      const r = await importFile(t.app, file, {
        whole: true,
        batchSize: 2_000,
        onProgress: () => {
          if (canWrite(other)) freeBetweenBatches++;
        },
      });
      expect(r).toMatchObject({ created: 0, unchanged: persons, rejected: 0 });
    } finally {
      other.close();
    }
    expect(freeBetweenBatches).toBeGreaterThan(3);
  });
});
