import { sql } from 'kysely';
import type { Tx } from '../../app/context.ts';
import { nowIso } from '../codec.ts';
import { inRegion } from '../region-prefix.ts';

export interface EmploymentRecord {
  id: number;
  personId: number;
  referralId: number | null;
  employerId: number;
  postingId: number | null;
  villageCode: string;
  regionCode: string;
  address: string;
  startDate: string;
  endDate: string | null;
  payFen: number;
  status: string;
  employmentStatus: string;
  createdAt: string;
  createdBy: number;
  updatedAt: string;
  version: number;
}

export type NewEmployment = Omit<EmploymentRecord, 'id' | 'createdAt' | 'updatedAt' | 'version' | 'endDate'>;

export function decodeEmployment(r: any): EmploymentRecord {
  return {
    id: Number(r.id),
    personId: Number(r.person_id),
    referralId: r.referral_id == null ? null : Number(r.referral_id),
    employerId: Number(r.employer_id),
    postingId: r.posting_id == null ? null : Number(r.posting_id),
    villageCode: r.village_code,
    regionCode: r.region_code,
    address: r.address,
    startDate: r.start_date,
    endDate: r.end_date ?? null,
    payFen: Number(r.pay_fen),
    status: r.status,
    employmentStatus: r.employment_status,
    createdAt: r.created_at,
    createdBy: Number(r.created_by),
    updatedAt: r.updated_at,
    version: Number(r.version),
  };
}

export interface EmploymentFilter {
  within: string;
  employerId?: number;
  personId?: number;
  status?: string;
  startedFrom?: string;
  afterId?: number;
  limit: number;
}

/** Whether an error is a second current employment of one person (the partial unique index). */
export function isSecondCurrentEmployment(e: unknown): boolean {
  const err = e as { code?: string; constraint?: string; message?: string };
  if (err?.code === '23505') return err.constraint === 'employments_current_person';
  return /UNIQUE constraint failed: employments\.person_id/.test(err?.message ?? '');
}

// Literal positions, not parameters: PostgreSQL must see the same expression in SELECT and GROUP BY.
const COUNTY = sql<string>`substr(e.village_code, 1, 6)`;

export const employmentsRepository = {
  async insert(db: Tx, e: NewEmployment): Promise<EmploymentRecord> {
    const now = nowIso();
    const r = await db
      .insertInto('employments')
      .values({
        person_id: e.personId, referral_id: e.referralId, employer_id: e.employerId, posting_id: e.postingId, village_code: e.villageCode, region_code: e.regionCode,
        address: e.address, start_date: e.startDate, end_date: null, pay_fen: e.payFen, status: e.status, employment_status: e.employmentStatus,
        created_at: now, created_by: e.createdBy, updated_at: now, version: 1,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return decodeEmployment(r);
  },
  async byReferral(db: Tx, referralId: number): Promise<EmploymentRecord | undefined> {
    const r = await db.selectFrom('employments').selectAll().where('referral_id', '=', referralId).where('end_date', 'is', null).executeTakeFirst();
    return r && decodeEmployment(r);
  },
  async current(db: Tx, personId: number): Promise<EmploymentRecord | undefined> {
    const r = await db.selectFrom('employments').selectAll().where('person_id', '=', personId).where('end_date', 'is', null).executeTakeFirst();
    return r && decodeEmployment(r);
  },
  async setStatus(db: Tx, id: number, status: string, endDate: string | null): Promise<EmploymentRecord> {
    const r = await db
      .updateTable('employments')
      .set((eb) => ({ status, end_date: endDate, updated_at: nowIso(), version: eb('version', '+', 1) }))
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    return decodeEmployment(r);
  },
  async list(db: Tx, f: EmploymentFilter): Promise<EmploymentRecord[]> {
    const rows = await db
      .selectFrom('employments')
      .selectAll()
      .$if(f.within !== '', (qb) => qb.where((eb) => inRegion(eb, 'village_code', f.within)))
      .$if(f.employerId !== undefined, (qb) => qb.where('employer_id', '=', f.employerId!))
      .$if(f.personId != null, (qb) => qb.where('person_id', '=', f.personId!))
      .$if(!!f.status, (qb) => qb.where('status', '=', f.status!))
      .$if(!!f.startedFrom, (qb) => qb.where('start_date', '>=', f.startedFrom!))
      .$if(f.afterId != null, (qb) => qb.where('id', '>', f.afterId!))
      .orderBy('id')
      .limit(f.limit)
      .execute();
    return rows.map(decodeEmployment);
  },
  /** People at work by home county, counting those whose job started on or after the county's return date. */
  async returnedByCounty(db: Tx, within: string): Promise<{ county: string; atWork: number; returned: number; since: string | null }[]> {
    const rows = await db
      .selectFrom('employments as e')
      .leftJoin('return_to_work_dates as d', (join) => join.on(sql<boolean>`d.county_code = substr(e.village_code, 1, 6)`))
      .select((eb) => [
        COUNTY.as('county'),
        eb.fn.max('d.since_date').as('since'),
        eb.fn.countAll<number>().as('at_work'),
        eb.fn.sum<number>(eb.case().when('e.start_date', '>=', eb.ref('d.since_date')).then(1).else(0).end()).as('returned'),
      ])
      .where('e.status', '=', 'at_work')
      .$if(within !== '', (qb) => qb.where((eb) => inRegion(eb, 'e.village_code', within)))
      .groupBy(COUNTY)
      .orderBy('county')
      .execute();
    return rows.map((r) => ({ county: r.county as string, atWork: Number(r.at_work), returned: Number(r.returned ?? 0), since: (r.since as string | null) ?? null }));
  },
};

export const returnDatesRepository = {
  async get(db: Tx, county: string): Promise<{ countyCode: string; since: string; updatedAt: string; version: number } | undefined> {
    const r = await db.selectFrom('return_to_work_dates').selectAll().where('county_code', '=', county).executeTakeFirst();
    return r && { countyCode: r.county_code, since: r.since_date, updatedAt: r.updated_at, version: Number(r.version) };
  },
  async set(db: Tx, county: string, since: string, actorId: number): Promise<void> {
    const now = nowIso();
    await db
      .insertInto('return_to_work_dates')
      .values({ county_code: county, since_date: since, updated_at: now, updated_by: actorId, version: 1 })
      .onConflict((oc) => oc.column('county_code').doUpdateSet((eb) => ({ since_date: since, updated_at: now, updated_by: actorId, version: eb('return_to_work_dates.version', '+', 1) })))
      .execute();
  },
};
