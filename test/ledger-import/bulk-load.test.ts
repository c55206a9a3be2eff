import crypto from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fastBatchSealer } from '../../src/app/ledger/import/fast-crypto.ts';
import { unseal } from '../../src/app/privacy/sealed.ts';
import { hmacWithKey, loadSecrets } from '../../src/app/secrets.ts';
import { openLedgerBulk } from '../../src/store/ledger-bulk/index.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { ENGINES } from '../support/databases.ts';

describe('sealing and hashing a batch at once', () => {
  it('seals in the format unseal reads, whatever the length and characters, with a fresh IV per value', () => {
    const key = crypto.randomBytes(32);
    const seal = fastBatchSealer(key);
    const values: (string | null)[] = [];
    for (let i = 0; i < 3000; i++) {
      const r = i % 10;
      values.push(r === 0 ? null : r === 1 ? '' : r === 2 ? '王建国'.repeat(i % 40) : crypto.randomBytes(i % 70).toString(r % 2 ? 'hex' : 'latin1'));
    }
    const sealed = seal(values);
    values.forEach((v, i) => {
      if (v === null) expect(sealed[i]).toBeNull();
      else expect(unseal(key, sealed[i]!)).toBe(v);
    });
    const twice = seal(['140225198001010011', '140225198001010011']);
    expect(twice[0]).not.toBe(twice[1]);
    expect(twice[0]!.startsWith('v1.')).toBe(true);
    const tampered = `${twice[0]!.slice(0, -2)}${twice[0]!.endsWith('A') ? 'B' : 'A'}A`;
    expect(() => unseal(key, tampered)).toThrow();
  });

  it('hashes exactly as HMAC-SHA-256, under the key of each purpose, whatever the length of the value', () => {
    const hex = crypto.randomBytes(32).toString('hex');
    const secrets = loadSecrets('', hex);
    const purposeKey = (purpose: string) => crypto.createHmac('sha256', Buffer.from(hex, 'hex')).update(`jiuye:${purpose}`).digest();
    const reference = (purpose: string, v: string) => crypto.createHmac('sha256', purposeKey(purpose)).update(v).digest('hex');
    const values = ['13912345678', '', '王'.repeat(500), '140225198001010011', 'x'.repeat(10_000), '王'.repeat(3)];
    for (let i = 0; i < 200; i++) values.push(crypto.randomBytes(1 + (i % 97)).toString(i % 2 ? 'latin1' : 'base64'));
    for (const purpose of ['phone', 'id-number', 'session']) for (const v of values) expect(secrets.hmac(purpose, v), `${purpose} ${v.slice(0, 20)}`).toBe(reference(purpose, v));
    expect(secrets.hmac('phone', '13912345678')).not.toBe(secrets.hmac('id-number', '13912345678'));
    const key = crypto.randomBytes(64);
    const mac = hmacWithKey(key);
    for (const v of values) expect(mac(v)).toBe(crypto.createHmac('sha256', key).update(v).digest('hex'));
    expect(() => hmacWithKey(crypto.randomBytes(65))).toThrow(/longer than the hash block/);
  });
});

describe('a bulk load on SQLite', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('sqlite');
  });
  afterAll(async () => {
    await t?.close();
  });
  const indexes = () => (t.app.database.sqlite!.prepare(`select name from sqlite_master where type = 'index' and tbl_name = 'persons' and sql is not null order by name`).pluck().all() as string[]);

  it('reads without mapping the file, in a small page cache, from the beginning of a load until its session closes', async () => {
    const db = t.app.database.sqlite!;
    const settings = () => ({ mmap: db.pragma('mmap_size', { simple: true }), cache: db.pragma('cache_size', { simple: true }) });
    const before = settings();
    expect(before.mmap).toBeGreaterThan(0);
    const bulk = await openLedgerBulk(t.app.database);
    await bulk.beginLoad(5_000);
    expect(settings()).toEqual({ mmap: 0, cache: -16_384 });
    await bulk.endLoad();
    // The recount of the figures that follows a load still runs with them.
    expect(settings()).toEqual({ mmap: 0, cache: -16_384 });
    await bulk.close();
    expect(settings()).toEqual(before);
  });

  it('sets secondary person indexes aside on an empty ledger and builds them again at its end', async () => {
    const before = indexes();
    const bulk = await openLedgerBulk(t.app.database);
    const r = await bulk.beginLoad(500_000);
    expect(r.indexesSetAside.sort()).toEqual(['persons_name_idx', 'persons_phone_idx', 'persons_status_idx', 'persons_village_idx']);
    expect(indexes()).toEqual(expect.arrayContaining(['persons_id_hash_live', 'persons_household_idx']));
    await bulk.endLoad();
    await bulk.close();
    expect(indexes()).toEqual(before);
  });

  it('rebuilds indexes a load that died midway left set aside, when the next load begins', async () => {
    const before = indexes();
    const dead = await openLedgerBulk(t.app.database);
    await dead.beginLoad(500_000);
    expect(indexes().length).toBeLessThan(before.length);
    const next = await openLedgerBulk(t.app.database);
    await next.beginLoad(10);
    expect(indexes()).toEqual(before);
    await next.endLoad();
    await next.close();
    await dead.close();
  });

  it('leaves the indexes alone for a small load', async () => {
    const bulk = await openLedgerBulk(t.app.database);
    expect((await bulk.beginLoad(5_000)).indexesSetAside).toEqual([]);
    await bulk.endLoad();
    await bulk.close();
  });
});

describe.skipIf(!ENGINES.includes('postgres'))('a bulk load on PostgreSQL', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('postgres');
  });
  afterAll(async () => {
    await t?.close();
  });
  const indexes = async () => (await sql<{ indexname: string; indexdef: string }>`select indexname, indexdef from pg_indexes where schemaname = current_schema() and tablename = 'persons' order by indexname`.execute(t.app.database.db)).rows;

  it('sets secondary person indexes aside on an empty ledger and builds them again, the same, at its end', async () => {
    const before = await indexes();
    const bulk = await openLedgerBulk(t.app.database);
    const r = await bulk.beginLoad(500_000);
    expect(r).toEqual({ indexesSetAside: ['persons_phone_idx', 'persons_village_idx', 'persons_name_idx', 'persons_status_idx'], whole: false });
    expect((await indexes()).map((i) => i.indexname).sort()).toEqual(['persons_household_idx', 'persons_id_hash_live', 'persons_pkey']);
    await bulk.endLoad();
    await bulk.close();
    expect(await indexes()).toEqual(before);
  });

  it('rebuilds indexes a load that died midway left set aside, when the next load begins; a small load sets none aside', async () => {
    const before = await indexes();
    const dead = await openLedgerBulk(t.app.database);
    await dead.beginLoad(500_000);
    await dead.close();
    expect((await indexes()).length).toBeLessThan(before.length);
    const next = await openLedgerBulk(t.app.database);
    expect(await next.beginLoad(5_000)).toEqual({ indexesSetAside: [], whole: false });
    expect(await indexes()).toEqual(before);
    await next.endLoad();
    await next.close();
  });
});
