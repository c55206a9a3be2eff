import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Kysely, PostgresDialect, type PostgresPool, type PostgresPoolClient } from 'kysely';
import type pg from 'pg';
import copyStreams from 'pg-copy-streams';
import { nowIso } from '../codec.ts';
import type { DB } from '../schema.ts';
import { createIndexSql, SET_ASIDE, worthSettingAside } from './set-aside.ts';
import { PERSON_BULK_COLUMNS, PERSON_BULK_PG_TYPES, type ExistingHousehold, type ExistingPerson, type LedgerBulk, type LedgerBulkTx } from './types.ts';

/** COPY text format: backslash, tab, newline and carriage return escaped; NULL as \N. */
function copyValue(v: unknown): string {
  if (v == null) return '\\N';
  const s = typeof v === 'string' ? v : String(v);
  return /[\\\t\n\r]/.test(s) ? s.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r')) : s;
}

/**
 * PostgreSQL: persons go in by COPY into a session-local staging table, then one
 * `INSERT … SELECT … ON CONFLICT` moves them into place (new people inserted, changed people
 * rewritten); the smaller sets (households, history, audit) go in as one `unnest` statement each.
 * One pooled connection holds the session for the whole import.
 */
export async function postgresLedgerBulk(pool: pg.Pool): Promise<LedgerBulk> {
  const client = await pool.connect();
  // Queries through the builder must run on this session, inside the batch's transaction.
  const session: PostgresPool = { connect: async () => ({ query: client.query.bind(client) as PostgresPoolClient['query'], release: () => {} }), end: async () => {} };
  const kdb = new Kysely<DB>({ dialect: new PostgresDialect({ pool: session }) });
  const cols = PERSON_BULK_COLUMNS.join(', ');
  // `seq` keeps the file's order, so ids follow it as they do on SQLite (exports list people in id order).
  await client.query(`create temp table if not exists ledger_stage (seq bigserial, ${PERSON_BULK_COLUMNS.map((c) => `${c} text`).join(', ')}) on commit delete rows`);
  const castCols = PERSON_BULK_COLUMNS.map((c) => (PERSON_BULK_PG_TYPES[c] === 'text' ? c : `${c}::${PERSON_BULK_PG_TYPES[c]}`)).join(', ');
  const updates = PERSON_BULK_COLUMNS.filter((c) => c !== 'id_hash').map((c) => `${c} = excluded.${c}`).join(', ');
  const upsertSql = `insert into persons (${cols}, created_at, updated_at) select ${castCols}, $1, $1 from ledger_stage order by seq
    on conflict (id_hash) where deleted_at is null do update set ${updates}, version = persons.version + 1, updated_at = excluded.updated_at`;

  const findPersons = async (idHashes: string[]) => {
    const out = new Map<string, ExistingPerson>();
    if (!idHashes.length) return out;
    const r = await client.query({ text: 'select id, id_hash, household_id, row_hash from persons where id_hash = any($1::text[]) and deleted_at is null', values: [idHashes], rowMode: 'array' });
    for (const [id, h, hid, rh] of r.rows) out.set(h, { id: Number(id), householdId: Number(hid), rowHash: rh });
    return out;
  };
  const findHouseholds = async (nos: string[]) => {
    const out = new Map<string, ExistingHousehold>();
    if (!nos.length) return out;
    const r = await client.query('select id, household_no, village_code, category, monitored_subtype, relocated from households where household_no = any($1::text[])', [nos]);
    for (const h of r.rows) out.set(h.household_no, { id: Number(h.id), villageCode: h.village_code, category: h.category, monitoredSubtype: h.monitored_subtype, relocated: h.relocated === true });
    return out;
  };

  const tx = (now: string): LedgerBulkTx => ({
    db: kdb,
    findPersons,
    findHouseholds,
    async personRows(ids) {
      if (!ids.length) return [];
      return (await client.query('select * from persons where id = any($1::bigint[])', [ids])).rows;
    },
    async insertHouseholds(rows) {
      const ids = new Map<string, number>();
      if (!rows.length) return ids;
      const r = await client.query(
        `insert into households (household_no, village_code, category, monitored_subtype, relocated, member_count, working_age_count, employed_count, zero_employment, version, created_at, updated_at)
         select no, v, c, s, rl, m, w, e, z, 1, $10, $10 from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::boolean[], $6::int[], $7::int[], $8::int[], $9::boolean[]) as u(no, v, c, s, rl, m, w, e, z)
         returning id, household_no`,
        [
          rows.map((h) => h.householdNo), rows.map((h) => h.villageCode), rows.map((h) => h.category), rows.map((h) => h.monitoredSubtype), rows.map((h) => h.relocated),
          rows.map((h) => h.members), rows.map((h) => h.workingAge), rows.map((h) => h.employed), rows.map((h) => h.zeroEmployment), now,
        ],
      );
      for (const x of r.rows) ids.set(x.household_no, Number(x.id));
      return ids;
    },
    async updateHouseholds(rows) {
      if (!rows.length) return;
      await client.query(
        `update households h set village_code = u.v, category = u.c, monitored_subtype = u.s, relocated = u.rl, version = h.version + 1, updated_at = $6
         from unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::boolean[]) as u(id, v, c, s, rl) where h.id = u.id`,
        [rows.map((h) => h.id), rows.map((h) => h.villageCode), rows.map((h) => h.category), rows.map((h) => h.monitoredSubtype), rows.map((h) => h.relocated), now],
      );
    },
    async insertHistory(rows) {
      if (!rows.length) return;
      await client.query(
        `insert into household_category_history (household_id, category, monitored_subtype, effective_date, recorded_at, actor_id)
         select h, c, s, d, $5, a from unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $6::int[]) as u(h, c, s, d, a)`,
        [rows.map((h) => h.householdId), rows.map((h) => h.category), rows.map((h) => h.monitoredSubtype), rows.map((h) => h.effectiveDate), now, rows.map((h) => h.actorId)],
      );
    },
    async upsertPersons(rows) {
      if (!rows.length) return;
      const ingest = client.query(copyStreams.from(`copy ledger_stage (${cols}) from stdin`));
      function* text() {
        let buf = '';
        for (const r of rows) {
          let line = copyValue(r[0]);
          for (let i = 1; i < r.length; i++) line += `\t${copyValue(r[i])}`;
          buf += `${line}\n`;
          if (buf.length > 1 << 16) {
            yield buf;
            buf = '';
          }
        }
        if (buf) yield buf;
      }
      await pipeline(Readable.from(text()), ingest);
      await client.query(upsertSql, [now]);
      await client.query('truncate ledger_stage');
    },
    async insertAudits(rows) {
      if (!rows.length) return;
      await client.query(
        `insert into audit_log (at, actor_id, actor_name, action, entity, entity_id, region_code, changes)
         select $1, a, n, ac, e, ei, r, c::jsonb from unnest($2::int[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[]) as u(a, n, ac, e, ei, r, c)`,
        [now, rows.map((a) => a.actorId), rows.map((a) => a.actorName), rows.map((a) => a.action), rows.map((a) => a.entity), rows.map((a) => a.entityId), rows.map((a) => a.regionCode), rows.map((a) => a.changes)],
      );
    },
    async membersOf(ids) {
      if (!ids.length) return [];
      const r = await client.query({ text: 'select household_id, birth_date, employment_status, labor_capacity from persons where household_id = any($1::bigint[]) and deleted_at is null', values: [ids], rowMode: 'array' });
      return r.rows.map((x) => ({ householdId: Number(x[0]), birthDate: x[1], employmentStatus: x[2], laborCapacity: x[3] }));
    },
    async setFacts(rows) {
      if (!rows.length) return;
      await client.query(
        `update households h set member_count = u.m, working_age_count = u.w, employed_count = u.e, zero_employment = u.z
         from unnest($1::bigint[], $2::int[], $3::int[], $4::int[], $5::boolean[]) as u(id, m, w, e, z) where h.id = u.id`,
        [rows.map((f) => f.id), rows.map((f) => f.members), rows.map((f) => f.workingAge), rows.map((f) => f.employed), rows.map((f) => f.zeroEmployment)],
      );
    },
  });

  let released = false;
  let setAside: string[] = [];
  /** Builds any set-aside index that is missing, also after a load that died before its end. */
  const restoreIndexes = async () => {
    for (const name of Object.keys(SET_ASIDE)) await client.query(createIndexSql(name, true));
    setAside = [];
  };
  return {
    read: { findPersons, findHouseholds },
    async beginLoad(expectedRows) {
      await restoreIndexes();
      // Not a whole load: dropping the unique index here would lock every reader of the ledger out until the end.
      const existing = Number((await client.query('select coalesce(max(id), 0) as n from persons')).rows[0].n);
      if (!worthSettingAside(expectedRows, existing)) return { indexesSetAside: [], whole: false };
      const stored = await client.query(`select indexname, indexdef from pg_indexes where schemaname = current_schema() and tablename = 'persons'`);
      const columns = new Map(stored.rows.map((r: { indexname: string; indexdef: string }) => [r.indexname, /USING btree \(([^)]*)\)$/.exec(r.indexdef)?.[1]]));
      const names = Object.keys(SET_ASIDE).filter((n) => columns.get(n) === SET_ASIDE[n].join(', '));
      try {
        // Dropping waits for the queries reading the ledger; rather than hold up those queued behind it, give up.
        await client.query('begin');
        await client.query(`set local lock_timeout = '5s'`);
        for (const n of names) await client.query(`drop index "${n}"`);
        await client.query('commit');
      } catch (e) {
        await client.query('rollback').catch(() => {});
        if ((e as { code?: string }).code === '55P03') return { indexesSetAside: [], whole: false };
        throw e;
      }
      setAside = names;
      return { indexesSetAside: names, whole: false };
    },
    async endLoad() {
      if (setAside.length) await restoreIndexes();
      // Fresh statistics, so the recount that follows a load plans with the new row counts.
      await client.query('analyze households, persons');
    },
    async transaction(fn) {
      await client.query('begin');
      try {
        const r = await fn(tx(nowIso()));
        await client.query('commit');
        return r;
      } catch (e) {
        await client.query('rollback').catch(() => {});
        throw e;
      }
    },
    async close() {
      if (released) return;
      released = true;
      client.release();
    },
  };
}
