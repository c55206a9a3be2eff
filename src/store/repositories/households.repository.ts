import { sql } from 'kysely';
import type { HouseholdFacts, MemberFacts } from '../../domain/ledger/household.ts';
import type { EmploymentStatus, LaborCapacity } from '../../domain/ledger/vocabulary.ts';
import type { Tx } from '../../app/context.ts';
import { placeParts, readByPlace, type PlaceKey } from '../region-prefix.ts';
import { fromBool, nowIso, toBool } from '../codec.ts';
import { currentVersion, softDelete, versionedUpdate } from '../versioned.ts';
import { escapeLike, hasPersonLevelFilter, personLevelConditions, type PersonFilter } from './persons.repository.ts';
import { isPostgres } from '../engine.ts';
import { lockedHouseholds } from '../household-locks.ts';
import { reusableQuery } from '../reusable-query.ts';

export interface HouseholdRecord {
  id: number;
  householdNo: string;
  villageCode: string;
  villageName: string | null;
  address: string | null;
  category: string;
  monitoredSubtype: string | null;
  relocated: boolean;
  incomePerCapita: number | null;
  memberCount: number;
  workingAgeCount: number;
  employedCount: number;
  zeroEmployment: boolean;
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** The household's own data (what an import row or a form sets), without its id, facts or bookkeeping. */
export type HouseholdDataFields = Pick<HouseholdRecord, 'householdNo' | 'villageCode' | 'address' | 'category' | 'monitoredSubtype' | 'relocated' | 'incomePerCapita'>;

export interface HouseholdValues {
  householdNo: string;
  villageCode: string;
  address: string | null;
  category: string;
  monitoredSubtype: string | null;
  relocated: boolean;
  incomePerCapita: number | null;
}

export interface CategoryEntry {
  id: number;
  category: string;
  monitoredSubtype: string | null;
  effectiveDate: string;
  recordedAt: string;
  actorId: number;
}

/** Household-level filters; person-level ones match households with at least one live member that fits them all. */
export interface HouseholdFilter extends PersonFilter {
  householdNo?: string;
}

const columns = [
  'h.id', 'h.household_no', 'h.village_code', 'h.address', 'h.category', 'h.monitored_subtype', 'h.relocated', 'h.income_per_capita_yuan',
  'h.member_count', 'h.working_age_count', 'h.employed_count', 'h.zero_employment', 'h.version', 'h.created_at', 'h.updated_at',
] as const;

function decode(r: any): HouseholdRecord {
  return {
    id: Number(r.id),
    householdNo: r.household_no,
    villageCode: r.village_code,
    villageName: r.village_name ?? null,
    address: r.address ?? null,
    category: r.category,
    monitoredSubtype: r.monitored_subtype ?? null,
    relocated: toBool(r.relocated),
    incomePerCapita: r.income_per_capita_yuan == null ? null : Number(r.income_per_capita_yuan),
    memberCount: Number(r.member_count),
    workingAgeCount: Number(r.working_age_count),
    employedCount: Number(r.employed_count),
    zeroEmployment: toBool(r.zero_employment),
    version: Number(r.version),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

function row(v: HouseholdValues) {
  return {
    household_no: v.householdNo,
    village_code: v.villageCode,
    address: v.address,
    category: v.category,
    monitored_subtype: v.monitoredSubtype,
    relocated: fromBool(v.relocated),
    income_per_capita_yuan: v.incomePerCapita,
  };
}

/** Whether an error is the unique household number being taken (by a live or a deleted household). */
export function isDuplicateHouseholdNo(e: unknown): boolean {
  const err = e as { code?: string; constraint?: string; message?: string };
  if (err?.code === '23505') return err.constraint === 'households_household_no_key';
  return /^SQLITE_CONSTRAINT/.test(err?.code ?? '') && /households\.household_no/.test(err?.message ?? '');
}

/** Live households with their village's name (when the village is loaded), as `h`. */
function liveHouseholds(db: Tx) {
  return db
    .selectFrom('households as h')
    .leftJoin('regions as r', 'r.code', 'h.village_code')
    .select(columns)
    .select('r.name as village_name')
    .where('h.deleted_at', 'is', null);
}

/** One live household by id, built and compiled once: every person write reads its household. */
const householdById = reusableQuery((db: Tx, id: number) => liveHouseholds(db).where('h.id', '=', id));

/** Households' stored facts beside their live members, one row per member (or one with no member). */
const factsWithMembers = (db: Tx) =>
  db
    .selectFrom('households as h')
    .leftJoin('persons as p', (j) => j.onRef('p.household_id', '=', 'h.id').on('p.deleted_at', 'is', null))
    .select(['h.id', 'h.member_count', 'h.working_age_count', 'h.employed_count', 'h.zero_employment', 'p.id as person_id', 'p.birth_date', 'p.employment_status', 'p.labor_capacity']);
/** The same for one household (the usual refresh after an edit), built once. */
const factsOfOne = reusableQuery((db: Tx, id: number) => factsWithMembers(db).where('h.id', '=', id));

export const householdsRepository = {
  /** A live household, with its village name when the village is loaded. */
  async byId(db: Tx, id: number): Promise<HouseholdRecord | undefined> {
    const r = (await householdById.all(db, id))[0];
    return r && decode(r);
  },

  /** Any household with this number, deleted ones included: numbers are never reused. */
  async idByNo(db: Tx, householdNo: string): Promise<number | undefined> {
    const r = await db.selectFrom('households').select('id').where('household_no', '=', householdNo).executeTakeFirst();
    return r ? Number(r.id) : undefined;
  },

  async currentVersion(db: Tx, id: number): Promise<number | undefined> {
    return currentVersion(db, 'households', id);
  },

  async insert(db: Tx, v: HouseholdValues): Promise<number> {
    const now = nowIso();
    const r = await db
      .insertInto('households')
      .values({ ...row(v), member_count: 0, working_age_count: 0, employed_count: 0, zero_employment: fromBool(false), version: 1, created_at: now, updated_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    return Number(r.id);
  },

  /** Writes the new values when the household is still at `expectedVersion`; false when it is not (or gone). */
  async update(db: Tx, id: number, expectedVersion: number, v: HouseholdValues): Promise<boolean> {
    return (await versionedUpdate(db, 'households', id, expectedVersion, row(v))) !== undefined;
  },

  async softDelete(db: Tx, id: number, expectedVersion: number): Promise<boolean> {
    return softDelete(db, 'households', id, expectedVersion);
  },

  /**
   * The derived facts of each household as stored, with what its live members contribute to them
   * (one query): a refresh then writes only the households whose facts moved.
   */
  async factsWithMembers(db: Tx, ids: number[]): Promise<Map<number, { stored: HouseholdFacts; members: MemberFacts[] }>> {
    const rows = ids.length === 1 ? await factsOfOne.all(db, ids[0]!) : await factsWithMembers(db).where('h.id', 'in', ids).execute();
    const out = new Map<number, { stored: HouseholdFacts; members: MemberFacts[] }>();
    for (const r of rows) {
      const id = Number(r.id);
      let h = out.get(id);
      if (!h) {
        h = { stored: { members: Number(r.member_count), workingAge: Number(r.working_age_count), employed: Number(r.employed_count), zeroEmployment: toBool(r.zero_employment) }, members: [] };
        out.set(id, h);
      }
      if (r.person_id != null) h.members.push({ birthDate: r.birth_date!, employmentStatus: r.employment_status as EmploymentStatus, laborCapacity: r.labor_capacity as LaborCapacity });
    }
    return out;
  },

  async setFacts(db: Tx, id: number, f: HouseholdFacts): Promise<void> {
    await db
      .updateTable('households')
      .set({ member_count: f.members, working_age_count: f.workingAge, employed_count: f.employed, zero_employment: fromBool(f.zeroEmployment) })
      .where('id', '=', id)
      .execute();
  },

  /**
   * Locks the households' rows until the transaction ends, those it has not locked yet (PostgreSQL;
   * a SQLite write transaction is alone anyway).
   */
  async lockForChange(db: Tx, ids: number[]): Promise<void> {
    if (!isPostgres(db)) return;
    const held = lockedHouseholds(db);
    const rest = ids.filter((id) => !held.has(id));
    if (!rest.length) return;
    await db.selectFrom('households').select('id').where('id', 'in', rest).forUpdate().execute();
    for (const id of rest) held.add(id);
  },

  async liveMemberCount(db: Tx, id: number): Promise<number> {
    const r = await db
      .selectFrom('persons')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('household_id', '=', id)
      .where('deleted_at', 'is', null)
      .executeTakeFirstOrThrow();
    return Number(r.n);
  },

  async appendCategory(db: Tx, e: { householdId: number; category: string; monitoredSubtype: string | null; effectiveDate: string; actorId: number }): Promise<void> {
    await db
      .insertInto('household_category_history')
      .values({ household_id: e.householdId, category: e.category, monitored_subtype: e.monitoredSubtype, effective_date: e.effectiveDate, recorded_at: nowIso(), actor_id: e.actorId })
      .execute();
  },

  /** The category changes of a household, oldest first. */
  async categoryHistory(db: Tx, householdId: number): Promise<CategoryEntry[]> {
    const rows = await db
      .selectFrom('household_category_history')
      .selectAll()
      .where('household_id', '=', householdId)
      .orderBy('effective_date')
      .orderBy('id')
      .execute();
    return rows.map((r) => ({ id: Number(r.id), category: r.category, monitoredSubtype: r.monitored_subtype ?? null, effectiveDate: r.effective_date, recordedAt: r.recorded_at, actorId: Number(r.actor_id) }));
  },

  /** Live households within `f.within`, by village and id, after `after`; `limit` rows at most. */
  async list(db: Tx, f: HouseholdFilter, after: PlaceKey | undefined, limit: number): Promise<HouseholdRecord[]> {
    const rows = await readByPlace(placeParts('h.village_code', 'h.id', f.within, after, isPostgres(db)), limit, (part, n) =>
      liveHouseholds(db)
        .where((eb) => eb.and(part(eb)))
        .$if(!!f.householdNo, (q) => q.where('h.household_no', 'like', sql<string>`${`${escapeLike(f.householdNo!)}%`} escape '\\'`))
        .$if(!!f.category, (q) => q.where('h.category', '=', f.category!))
        .$if(!!f.monitoredSubtype, (q) => q.where('h.monitored_subtype', '=', f.monitoredSubtype!))
        .$if(f.relocated != null, (q) => q.where('h.relocated', '=', fromBool(f.relocated)))
        .$if(f.zeroEmployment != null, (q) => q.where('h.zero_employment', '=', fromBool(f.zeroEmployment)))
        .$if(hasPersonLevelFilter(f), (q) =>
          q.where((eb) =>
            eb.exists(
              eb
                .selectFrom('persons as p')
                .select(sql.lit(1).as('one'))
                .whereRef('p.household_id', '=', 'h.id')
                .where('p.deleted_at', 'is', null)
                .where((pb) => pb.and(personLevelConditions(pb, f))),
            ),
          ),
        )
        .orderBy('h.village_code')
        .orderBy('h.id')
        .limit(n)
        .execute());
    return rows.map(decode);
  },
};
