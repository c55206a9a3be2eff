import { sql, type Expression, type ExpressionBuilder, type SelectQueryBuilder, type SqlBool } from 'kysely';
import type { Tx } from '../../app/context.ts';
import { placeParts, readByPlace, type PlaceKey } from '../region-prefix.ts';
import { fromBool, nowIso, toBool } from '../codec.ts';
import type { HouseholdDataFields } from './households.repository.ts';
import type { PersonTable } from '../tables/ledger.tables.ts';
import { isPostgres } from '../engine.ts';
import { lockedHouseholds } from '../household-locks.ts';
import { compiledByKey } from '../compiled-by-key.ts';
import { reusableQuery } from '../reusable-query.ts';
import { currentVersion, softDelete, versionedUpdate } from '../versioned.ts';

/** What a list of people may be narrowed by. Hashes are the keyed hashes of the normalized values. */
export interface PersonFilter {
  /** Region code prefix the village must lie in (empty = anywhere). */
  within: string;
  householdId?: number;
  householdNo?: string;
  /** Name prefix. */
  name?: string;
  idHash?: string;
  phoneHash?: string;
  employmentStatus?: string;
  /** Occupation code. */
  trainingWish?: string;
  /** Occupation code that must be among the job wishes. */
  jobWishType?: string;
  preferredScope?: string;
  verificationStatus?: string;
  /** Facts of the household. */
  category?: string;
  monitoredSubtype?: string;
  relocated?: boolean;
  zeroEmployment?: boolean;
}

/** A stored person with the household facts members share (category, relocation). */
export type PersonRow = Omit<PersonTable, 'id'> & {
  id: number;
  household_no: string;
  household_category: string;
  household_subtype: string | null;
  household_relocated: number | boolean;
};

/** The columns a person is written with (everything but the id and the bookkeeping). */
export type PersonWrite = Omit<PersonTable, 'id' | 'version' | 'created_at' | 'updated_at' | 'deleted_at'>;

const PERSON_COLUMNS = [
  'p.id', 'p.household_id', 'p.village_code', 'p.relation', 'p.name', 'p.gender', 'p.birth_date', 'p.id_enc', 'p.id_hash', 'p.id_masked',
  'p.phone_enc', 'p.phone_hash', 'p.phone_masked', 'p.education', 'p.labor_capacity', 'p.skills', 'p.employment_status', 'p.employer_name',
  'p.monthly_income_yuan', 'p.training_wish', 'p.job_wish_types', 'p.available_from', 'p.preferred_scope', 'p.min_monthly_pay_yuan',
  'p.verification_status', 'p.verified_at', 'p.verified_by', 'p.row_hash', 'p.version', 'p.created_at', 'p.updated_at', 'p.deleted_at',
] as const;

/** What a list shows of a person: no sealed values, hashes or bookkeeping, which a page never needs and which cost a read. */
const LISTED_COLUMNS = [
  'p.id', 'p.household_id', 'p.village_code', 'p.relation', 'p.name', 'p.gender', 'p.birth_date', 'p.id_masked', 'p.phone_masked',
  'p.education', 'p.labor_capacity', 'p.skills', 'p.employment_status', 'p.employer_name', 'p.monthly_income_yuan', 'p.training_wish',
  'p.job_wish_types', 'p.available_from', 'p.preferred_scope', 'p.min_monthly_pay_yuan', 'p.verification_status', 'p.verified_at',
  'p.verified_by', 'p.version', 'p.updated_at',
] as const;

/** What says whether a person's row as a list shows it has changed (see `stampOf`). */
const STAMP_COLUMNS = ['p.id', 'p.village_code', 'p.version', 'p.updated_at', 'h.version as household_version'] as const;

/** A person of a list page by id and place, and the stamp of what the list shows of it. */
export interface PersonStamp {
  id: number;
  village_code: string;
  stamp: string;
}

/** A person as a list shows it, with its stamp. */
export type StampedPersonRow = ListedPersonRow & { stamp: string };

/** A person as a list shows it. */
export type ListedPersonRow = Pick<PersonRow, 'id' | 'household_id' | 'village_code' | 'relation' | 'name' | 'gender' | 'birth_date' | 'id_masked'
  | 'phone_masked' | 'education' | 'labor_capacity' | 'skills' | 'employment_status' | 'employer_name' | 'monthly_income_yuan' | 'training_wish'
  | 'job_wish_types' | 'available_from' | 'preferred_scope' | 'min_monthly_pay_yuan' | 'verification_status' | 'verified_at' | 'verified_by'
  | 'version' | 'updated_at' | 'household_no' | 'household_category' | 'household_subtype' | 'household_relocated'>;

/** A stored person as read for a change: with the rest of what its household's data holds. */
export type StoredPersonRow = PersonRow & { household_village_code: string; household_address: string | null; household_income_per_capita_yuan: number | string | null };

/** What a change to a person needs of its household (its data, which the row fingerprint covers). */
export type PersonHousehold = HouseholdDataFields & { id: number };

/** The household's shared facts a person row carries. */
export type HouseholdFacts = Pick<PersonRow, 'household_no' | 'household_category' | 'household_subtype' | 'household_relocated'>;

const HOUSEHOLD_COLUMNS = ['h.household_no', 'h.category as household_category', 'h.monitored_subtype as household_subtype', 'h.relocated as household_relocated'] as const;

/** Escapes LIKE wildcards in user text (used with `escape '\\'`). */
export function escapeLike(s: string): string {
  return s.replace(/[%_\\]/g, (m) => `\\${m}`);
}

const PERSON_LEVEL: (keyof PersonFilter)[] = ['name', 'idHash', 'phoneHash', 'employmentStatus', 'trainingWish', 'jobWishType', 'preferredScope', 'verificationStatus'];

/** Whether the filter says anything about the people themselves (not only about households). */
export function hasPersonLevelFilter(f: PersonFilter): boolean {
  return PERSON_LEVEL.some((k) => f[k] != null && f[k] !== '');
}

/** Conditions on the people (alias `p`) for the person-level parts of a filter. */
export function personLevelConditions(eb: ExpressionBuilder<any, any>, f: PersonFilter): Expression<SqlBool>[] {
  const c: Expression<SqlBool>[] = [];
  if (f.name) c.push(eb('p.name', 'like', sql<string>`${`${escapeLike(f.name)}%`} escape '\\'`));
  if (f.idHash) c.push(eb('p.id_hash', '=', f.idHash));
  if (f.phoneHash) c.push(eb('p.phone_hash', '=', f.phoneHash));
  if (f.employmentStatus) c.push(eb('p.employment_status', '=', f.employmentStatus));
  if (f.trainingWish) c.push(eb('p.training_wish', '=', f.trainingWish));
  // Job wishes are a JSON array on both engines; its text form holds each code quoted (codes are digits and dashes only).
  if (f.jobWishType) c.push(eb(sql`cast(p.job_wish_types as text)`, 'like', `%"${f.jobWishType}"%`));
  if (f.preferredScope) c.push(eb('p.preferred_scope', '=', f.preferredScope));
  if (f.verificationStatus) c.push(eb('p.verification_status', '=', f.verificationStatus));
  return c;
}

/** Whether an error is a second live person with the same ID number (the partial unique index). */
export function isDuplicateIdNumber(e: unknown): boolean {
  const err = e as { code?: string; constraint?: string; message?: string };
  if (err?.code === '23505') return err.constraint === 'persons_id_hash_live';
  return /^SQLITE_CONSTRAINT/.test(err?.code ?? '') && /persons\.id_hash/.test(err?.message ?? '');
}

/** Numbers as numbers on both engines (PostgreSQL hands bigints over as text); the row is a fresh object of the driver's. */
function decode<T extends { id: unknown; household_id: unknown; version: unknown }>(r: T): T {
  r.id = Number(r.id);
  r.household_id = Number(r.household_id);
  r.version = Number(r.version);
  return r;
}

/** Live people with their household's shared facts, as `p` and `h`: every stored column, or what a list shows. */
function livePeople(db: Tx, columns: typeof PERSON_COLUMNS | typeof LISTED_COLUMNS = PERSON_COLUMNS) {
  return livePeopleOf(db).select(columns).select(HOUSEHOLD_COLUMNS);
}

/** Live people joined to their households, nothing selected yet. */
function livePeopleOf(db: Tx) {
  return db.selectFrom('persons as p').innerJoin('households as h', 'h.id', 'p.household_id').where('p.deleted_at', 'is', null);
}

/** One live person by id with the rest of its household's data (a `StoredPersonRow`). */
const storedPerson = (db: Tx, id: number) =>
  livePeople(db).select(['h.village_code as household_village_code', 'h.address as household_address', 'h.income_per_capita_yuan as household_income_per_capita_yuan']).where('p.id', '=', id);
/** Built and compiled once: it is the most frequent query of the API. */
const personById = reusableQuery(storedPerson);
/** The same, locking the household's row (PostgreSQL). */
const personByIdLockingHousehold = reusableQuery((db: Tx, id: number) => storedPerson(db, id).forUpdate('h'));
const shownPersonById = reusableQuery((db: Tx, id: number) => livePeople(db, LISTED_COLUMNS).where('p.id', '=', id));

export const personsRepository = {
  /** A live person with its household's shared facts and data. */
  async byId(db: Tx, id: number): Promise<StoredPersonRow | undefined> {
    const r = (await personById.all(db, id))[0];
    return r && decode(r as StoredPersonRow);
  },

  /**
   * A live person as `byId`, its household's row locked until the transaction ends (PostgreSQL): a
   * change that keeps the household and counts its figures then need not lock it apart.
   */
  async byIdLockingHousehold(db: Tx, id: number): Promise<StoredPersonRow | undefined> {
    if (!isPostgres(db)) return this.byId(db, id);
    const r = (await personByIdLockingHousehold.all(db, id))[0];
    if (!r) return undefined;
    const row = decode(r as StoredPersonRow);
    lockedHouseholds(db).add(row.household_id);
    return row;
  },

  /** The household of a person read by `byId`, from the same row: a change that keeps the household need not read it again. */
  householdOf(r: StoredPersonRow): PersonHousehold {
    return {
      id: r.household_id,
      householdNo: r.household_no,
      villageCode: r.household_village_code,
      address: r.household_address ?? null,
      category: r.household_category,
      monitoredSubtype: r.household_subtype ?? null,
      relocated: toBool(r.household_relocated),
      incomePerCapita: r.household_income_per_capita_yuan == null ? null : Number(r.household_income_per_capita_yuan),
    };
  },

  /** A live person as a page shows it: no sealed values, hashes or bookkeeping. */
  async shownById(db: Tx, id: number): Promise<ListedPersonRow | undefined> {
    const r = (await shownPersonById.all(db, id))[0];
    return r && decode(r as ListedPersonRow);
  },

  /** The live person holding an ID number (by keyed hash), if any. */
  async liveIdByIdHash(db: Tx, idHash: string): Promise<number | undefined> {
    const r = await db.selectFrom('persons').select('id').where('id_hash', '=', idHash).where('deleted_at', 'is', null).executeTakeFirst();
    return r ? Number(r.id) : undefined;
  },

  async currentVersion(db: Tx, id: number): Promise<number | undefined> {
    return currentVersion(db, 'persons', id);
  },

  async insert(db: Tx, v: PersonWrite): Promise<number> {
    const now = nowIso();
    const r = await db
      .insertInto('persons')
      .values({ ...v, version: 1, created_at: now, updated_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    return Number(r.id);
  },

  /**
   * Writes the changes when the person is still at `expectedVersion`. Returns the person as written,
   * with the shared facts of the household it now belongs to (which the caller has read), or
   * undefined when the version has moved on: no second read of the row.
   */
  async update(db: Tx, id: number, expectedVersion: number, v: Partial<PersonWrite>, household: HouseholdFacts): Promise<PersonRow | undefined> {
    const r = await versionedUpdate(db, 'persons', id, expectedVersion, v);
    return r && decode(Object.assign(r, household) as unknown as PersonRow);
  },

  async softDelete(db: Tx, id: number, expectedVersion: number): Promise<boolean> {
    return softDelete(db, 'persons', id, expectedVersion);
  },

  /** The live members of a household, by id. */
  async members(db: Tx, householdId: number): Promise<PersonRow[]> {
    const rows = await livePeople(db).where('p.household_id', '=', householdId).orderBy('p.id').execute();
    return rows.map(decode);
  },

  /** Moves the live members of a household to its new village, so members always share it. */
  async setHouseholdVillage(db: Tx, householdId: number, villageCode: string): Promise<void> {
    await db
      .updateTable('persons')
      .set((eb) => ({ village_code: villageCode, updated_at: nowIso(), version: eb('version', '+', 1) }))
      .where('household_id', '=', householdId)
      .where('deleted_at', 'is', null)
      .where('village_code', '!=', villageCode)
      .execute();
  },

  async setRowHash(db: Tx, id: number, rowHash: string): Promise<void> {
    await db.updateTable('persons').set({ row_hash: rowHash }).where('id', '=', id).execute();
  },

  /** Live people within `f.within`, by village and id, after `after`; `limit` rows at most; each with its stamp (see `stampOf`). */
  async list(db: Tx, f: PersonFilter, after: PlaceKey | undefined, limit: number): Promise<StampedPersonRow[]> {
    const rows = await listPage(db, f, after, limit, 'whole', () => livePeople(db, LISTED_COLUMNS).select('h.version as household_version'));
    return rows.map(stamped);
  },

  /**
   * The page `list` would give, as each person's id, village and stamp only: a caller that keeps
   * rows as it last showed them reads in full only those whose stamp moved.
   */
  async listStamps(db: Tx, f: PersonFilter, after: PlaceKey | undefined, limit: number): Promise<PersonStamp[]> {
    const rows = await listPage(db, f, after, limit, 'stamps', () => livePeopleOf(db).select(STAMP_COLUMNS));
    return rows.map((r) => ({ id: Number(r.id), village_code: r.village_code, stamp: stampOf(r) }));
  },

  /** Live people as a list shows them, each with its stamp; the ids of people gone are left out. */
  async shownByIds(db: Tx, ids: number[]): Promise<StampedPersonRow[]> {
    if (!ids.length) return [];
    const rows = await livePeople(db, LISTED_COLUMNS).select('h.version as household_version').where('h.deleted_at', 'is', null).where('p.id', 'in', ids).execute();
    return rows.map(stamped);
  },
};

/** List queries compiled once for the same inputs (see `compiledByKey`). */
const compiledList = compiledByKey();

/**
 * A page of live people matching a filter in list order (village, id), with the columns `people`
 * selects, read part by part (see `placeParts`). Each part's query is compiled once for the same
 * inputs, keyed by everything it is built from: `columns` names what `people` selects.
 */
function listPage<O>(db: Tx, f: PersonFilter, after: PlaceKey | undefined, limit: number, columns: string, people: () => SelectQueryBuilder<any, any, O>): Promise<O[]> {
  return readByPlace(placeParts('p.village_code', 'p.id', f.within, after, isPostgres(db)), limit, (part, n, i) =>
    compiledList(db, JSON.stringify([columns, f, after ?? null, n, i]), () =>
      people()
        .where((eb) => eb.and([...listConditions(eb, f), ...part(eb)]))
        .orderBy('p.village_code')
        .orderBy('p.id')
        .limit(n)));
}

/** The conditions of a list but its place (region and keyset position): live people of live households matching the filter. */
function listConditions(eb: ExpressionBuilder<any, any>, f: PersonFilter): Expression<SqlBool>[] {
  const c: Expression<SqlBool>[] = [eb('h.deleted_at', 'is', null)];
  if (f.householdId != null) c.push(eb('p.household_id', '=', f.householdId));
  if (f.householdNo) c.push(eb('h.household_no', '=', f.householdNo));
  c.push(...personLevelConditions(eb, f));
  if (f.category) c.push(eb('h.category', '=', f.category));
  if (f.monitoredSubtype) c.push(eb('h.monitored_subtype', '=', f.monitoredSubtype));
  if (f.relocated != null) c.push(eb('h.relocated', '=', fromBool(f.relocated)));
  if (f.zeroEmployment != null) c.push(eb('h.zero_employment', '=', fromBool(f.zeroEmployment)));
  return c;
}

/** A listed row with its stamp. */
function stamped(r: ListedPersonRow & { household_version: unknown }): StampedPersonRow {
  return Object.assign(decode(r), { stamp: stampOf(r) });
}

/**
 * What changes with every change to what a list shows of a person: its version and time of change
 * (every write of a person moves both), and its household's version (every change of the household's
 * shared facts moves it). The time also tells apart a row restored from a backup at a version number
 * it once had with other values.
 */
function stampOf(r: { version: unknown; updated_at: string; household_version: unknown }): string {
  return `${Number(r.version)}.${Number(r.household_version)}.${r.updated_at}`;
}

