import type SqliteDatabase from 'better-sqlite3';
import type { Kysely } from 'kysely';
import { nowIso } from '../codec.ts';
import type { DB } from '../schema.ts';
import { createIndexSql, SET_ASIDE, worthSettingAside } from './set-aside.ts';
import { PERSON_BULK_COLUMNS, type ExistingHousehold, type ExistingPerson, type LedgerBulk, type LedgerBulkTx, type PersonBulkRow } from './types.ts';

/** The unique index that matches people by ID number; a whole load (below) sets it aside too, and builds it again as stored. */
const ID_HASH_INDEX = 'persons_id_hash_live';
const sameSql = (a: string, b: string) => a.replace(/["`\s]/g, '').toLowerCase() === b.replace(/["`\s]/g, '').toLowerCase();

/**
 * Session settings of a bulk load, kept until the session closes (after the recount of the figures
 * that follows a load): fewer WAL checkpoints (each one rewrites the same index pages), a 16 MB page
 * cache instead of the connection's 64 MB, and no memory-mapped reads. With the secondary indexes
 * set aside a larger cache saves little, and both the cache and every mapped page the load or the
 * recount touches count against the import's memory: mapped, a 10^6-row load ends holding most of
 * its database file in its resident set. The indexes built at the end of a load are sorted on two
 * threads: by then the reader thread has finished (10^6 rows: 5.3 s against 7.0–9.8 s on one).
 */
const LOAD_PRAGMAS = { wal_autocheckpoint: 16_384, cache_size: -16_384, mmap_size: 0, threads: 2 };

/**
 * SQLite: prepared statements, prepared once per session; each batch one `BEGIN IMMEDIATE`
 * transaction. Lists of keys go in as one JSON array (json_each) instead of thousands of
 * placeholders.
 */
export function sqliteLedgerBulk(db: SqliteDatabase.Database, kdb: Kysely<DB>): LedgerBulk {
  const cols = PERSON_BULK_COLUMNS.join(', ');
  const updates = PERSON_BULK_COLUMNS.filter((c) => c !== 'id_hash').map((c) => `${c} = excluded.${c}`).join(', ');
  const insertPerson = `insert into persons (${cols}, created_at, updated_at) values (${PERSON_BULK_COLUMNS.map(() => '?').join(', ')}, ?, ?)`;
  const s = {
    findPersons: db.prepare(`select id, id_hash, household_id, row_hash from persons where id_hash in (select value from json_each(?)) and deleted_at is null`),
    personRows: db.prepare(`select * from persons where id in (select value from json_each(?))`),
    findHouseholds: db.prepare(`select id, household_no, village_code, category, monitored_subtype, relocated from households where household_no in (select value from json_each(?))`),
    insertHousehold: db.prepare(
      `insert into households (household_no, village_code, category, monitored_subtype, relocated, member_count, working_age_count, employed_count, zero_employment, version, created_at, updated_at)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)`,
    ),
    updateHousehold: db.prepare(`update households set village_code = ?, category = ?, monitored_subtype = ?, relocated = ?, version = version + 1, updated_at = ? where id = ?`),
    insertHistory: db.prepare(`insert into household_category_history (household_id, category, monitored_subtype, effective_date, recorded_at, actor_id) values (?, ?, ?, ?, ?, ?)`),
    upsertPerson: db.prepare(`${insertPerson} on conflict (id_hash) where deleted_at is null do update set ${updates}, version = version + 1, updated_at = excluded.updated_at`),
    insertPerson: db.prepare(insertPerson),
    insertAudit: db.prepare(`insert into audit_log (at, actor_id, actor_name, action, entity, entity_id, region_code, changes) values (?, ?, ?, ?, ?, ?, ?, ?)`),
    membersOf: db.prepare(`select household_id, birth_date, employment_status, labor_capacity from persons where household_id in (select value from json_each(?)) and deleted_at is null`),
    setFacts: db.prepare(`update households set member_count = ?, working_age_count = ?, employed_count = ?, zero_employment = ? where id = ?`),
  };

  /**
   * A whole load: one transaction from `beginLoad` to `endLoad`, begun on a ledger with no one in
   * it, so no one can be found by ID number but the people of the file itself, which the reader
   * passes once each.
   */
  let whole = false;
  /** The unique index's definition as stored, for building it again at the end of a whole load. */
  let idHashIndexSql = '';
  const findPersons = async (idHashes: string[]) => {
    const out = new Map<string, ExistingPerson>();
    if (!idHashes.length || whole) return out;
    for (const r of s.findPersons.raw().all(JSON.stringify(idHashes)) as [number, string, number, string][]) {
      out.set(r[1], { id: r[0], householdId: r[2], rowHash: r[3] });
    }
    return out;
  };
  const findHouseholds = async (nos: string[]) => {
    const out = new Map<string, ExistingHousehold>();
    if (!nos.length) return out;
    for (const r of s.findHouseholds.all(JSON.stringify(nos)) as any[]) {
      out.set(r.household_no, { id: r.id, villageCode: r.village_code, category: r.category, monitoredSubtype: r.monitored_subtype, relocated: r.relocated === 1 });
    }
    return out;
  };

  const tx = (now: string): LedgerBulkTx => ({
    db: kdb,
    findPersons,
    findHouseholds,
    async personRows(ids) {
      return ids.length ? (s.personRows.all(JSON.stringify(ids)) as Record<string, unknown>[]) : [];
    },
    async insertHouseholds(rows) {
      const ids = new Map<string, number>();
      for (const h of rows) {
        const r = s.insertHousehold.run(h.householdNo, h.villageCode, h.category, h.monitoredSubtype, h.relocated ? 1 : 0, h.members, h.workingAge, h.employed, h.zeroEmployment ? 1 : 0, now, now);
        ids.set(h.householdNo, Number(r.lastInsertRowid));
      }
      return ids;
    },
    async updateHouseholds(rows) {
      for (const h of rows) s.updateHousehold.run(h.villageCode, h.category, h.monitoredSubtype, h.relocated ? 1 : 0, now, h.id);
    },
    async insertHistory(rows) {
      for (const h of rows) s.insertHistory.run(h.householdId, h.category, h.monitoredSubtype, h.effectiveDate, now, h.actorId);
    },
    async upsertPersons(rows: PersonBulkRow[]) {
      // Without the unique index there is nothing to conflict on, and nothing would: see `whole`.
      const stmt = whole ? s.insertPerson : s.upsertPerson;
      const n = PERSON_BULK_COLUMNS.length;
      const args = new Array(n + 2);
      args[n] = now;
      args[n + 1] = now;
      for (const r of rows) {
        for (let i = 0; i < n; i++) args[i] = r[i];
        stmt.run(args);
      }
    },
    async insertAudits(rows) {
      for (const a of rows) s.insertAudit.run(now, a.actorId, a.actorName, a.action, a.entity, a.entityId, a.regionCode, a.changes);
    },
    async membersOf(ids) {
      if (!ids.length) return [];
      return (s.membersOf.raw().all(JSON.stringify(ids)) as [number, string, string, string][]).map((r) => ({ householdId: r[0], birthDate: r[1], employmentStatus: r[2], laborCapacity: r[3] }));
    },
    async setFacts(rows) {
      for (const f of rows) s.setFacts.run(f.members, f.workingAge, f.employed, f.zeroEmployment ? 1 : 0, f.id);
    },
  });

  let setAside: string[] = [];
  let saved: Record<string, unknown> | undefined;
  /** Builds any set-aside index that is missing, also after a load that died before its end. */
  const restoreIndexes = () => {
    for (const name of Object.keys(SET_ASIDE)) db.exec(createIndexSql(name, true));
    setAside = [];
  };

  return {
    read: { findPersons, findHouseholds },
    async beginLoad(expectedRows, o = {}) {
      restoreIndexes();
      saved = {};
      for (const [k, v] of Object.entries(LOAD_PRAGMAS)) {
        saved[k] = db.pragma(k, { simple: true });
        db.pragma(`${k} = ${v}`);
      }
      const stored = new Map((db.prepare(`select name, sql from sqlite_master where type = 'index' and tbl_name = 'persons'`).all() as { name: string; sql: string | null }[]).map((r) => [r.name, r.sql ?? '']));
      const names = Object.keys(SET_ASIDE).filter((n) => stored.has(n) && sameSql(stored.get(n)!, createIndexSql(n)));
      db.exec('begin immediate');
      try {
        idHashIndexSql = stored.get(ID_HASH_INDEX) ?? '';
        whole = !!o.whole && idHashIndexSql !== '' && !db.prepare('select 1 from persons where deleted_at is null limit 1').get();
        const existing = Number((db.prepare('select coalesce(max(id), 0) from persons').pluck().get() as number | bigint) ?? 0);
        if (!whole && !worthSettingAside(expectedRows, existing)) {
          db.exec('commit');
          return { indexesSetAside: [], whole: false };
        }
        if (whole) names.push(ID_HASH_INDEX);
        for (const n of names) db.exec(`drop index "${n}"`);
        if (!whole) db.exec('commit');
      } catch (e) {
        whole = false;
        if (db.inTransaction) db.exec('rollback');
        throw e;
      }
      setAside = names;
      return { indexesSetAside: names, whole };
    },
    async endLoad(ok = true) {
      if (whole) {
        whole = false;
        setAside = [];
        if (!ok) {
          // Nothing of the load is kept, and the indexes it set aside come back with the rollback.
          if (db.inTransaction) db.exec('rollback');
          return;
        }
        try {
          db.exec(idHashIndexSql);
          restoreIndexes();
          db.exec('commit');
        } catch (e) {
          if (db.inTransaction) db.exec('rollback');
          throw e;
        }
        // The load went to the write-ahead log as one commit: copy it into the database and give the log's space back.
        db.pragma('wal_checkpoint(TRUNCATE)');
      } else if (setAside.length) restoreIndexes();
      // A load can multiply the ledger: bring the planner's statistics up to date with it.
      db.pragma('optimize = 0x10002');
    },
    async transaction(fn) {
      if (whole) {
        // Inside the load's own transaction: a batch that fails fails the load, which then keeps nothing.
        return fn(tx(nowIso()));
      }
      db.exec('begin immediate');
      try {
        const r = await fn(tx(nowIso()));
        db.exec('commit');
        return r;
      } catch (e) {
        if (db.inTransaction) db.exec('rollback');
        throw e;
      }
    },
    async close() {
      for (const [k, v] of Object.entries(saved ?? {})) db.pragma(`${k} = ${v}`);
      saved = undefined;
    },
  };
}
