import { sql } from 'kysely';
import type { Tx } from '../../app/context.ts';
import { fromBool, nowIso, toBool } from '../codec.ts';
import { versionedUpdate } from '../versioned.ts';
import { inRegion } from '../region-prefix.ts';

export interface EmployerRecord {
  id: number;
  name: string;
  creditCode: string;
  regionCode: string;
  scopeCode: string;
  address: string;
  industry: string;
  isSme: boolean;
  contactName: string;
  contactPhone: string;
  operatingStatus: string;
  statusDate: string | null;
  employeesTotal: number;
  poorEmployees: number;
  isWorkshop: boolean;
  workshopRecognizedOn: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export type EmployerFields = Omit<EmployerRecord, 'id' | 'createdAt' | 'updatedAt' | 'version'>;

export function decodeEmployer(r: any): EmployerRecord {
  return {
    id: Number(r.id),
    name: r.name,
    creditCode: r.credit_code,
    regionCode: r.region_code,
    scopeCode: r.scope_code,
    address: r.address,
    industry: r.industry,
    isSme: toBool(r.is_sme),
    contactName: r.contact_name,
    contactPhone: r.contact_phone,
    operatingStatus: r.operating_status,
    statusDate: r.status_date,
    employeesTotal: Number(r.employees_total),
    poorEmployees: Number(r.poor_employees),
    isWorkshop: toBool(r.is_workshop),
    workshopRecognizedOn: r.workshop_recognized_on,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    version: Number(r.version),
  };
}

export function encodeEmployer(e: EmployerFields) {
  return {
    name: e.name,
    credit_code: e.creditCode,
    region_code: e.regionCode,
    scope_code: e.scopeCode,
    address: e.address,
    industry: e.industry,
    is_sme: fromBool(e.isSme),
    contact_name: e.contactName,
    contact_phone: e.contactPhone,
    operating_status: e.operatingStatus,
    status_date: e.statusDate,
    employees_total: e.employeesTotal,
    poor_employees: e.poorEmployees,
    is_workshop: fromBool(e.isWorkshop),
    workshop_recognized_on: e.workshopRecognizedOn,
  };
}

export interface EmployerFilter {
  within: string;
  /** Only this employer (employer accounts). */
  employerId?: number | null;
  q?: string;
  operatingStatus?: string;
  isWorkshop?: boolean;
  afterId?: number;
  limit: number;
  like: 'like' | 'ilike';
}

export const employersRepository = {
  async byId(db: Tx, id: number): Promise<EmployerRecord | undefined> {
    const r = await db.selectFrom('employers').selectAll().where('id', '=', id).executeTakeFirst();
    return r && decodeEmployer(r);
  },
  async byCreditCode(db: Tx, code: string): Promise<EmployerRecord | undefined> {
    const r = await db.selectFrom('employers').selectAll().where('credit_code', '=', code).executeTakeFirst();
    return r && decodeEmployer(r);
  },
  async byCreditCodes(db: Tx, codes: string[]): Promise<Map<string, EmployerRecord>> {
    const out = new Map<string, EmployerRecord>();
    for (let i = 0; i < codes.length; i += 500) {
      const rows = await db.selectFrom('employers').selectAll().where('credit_code', 'in', codes.slice(i, i + 500)).execute();
      for (const r of rows) out.set(r.credit_code, decodeEmployer(r));
    }
    return out;
  },
  async insert(db: Tx, e: EmployerFields): Promise<EmployerRecord> {
    const now = nowIso();
    const r = await db.insertInto('employers').values({ ...encodeEmployer(e), created_at: now, updated_at: now, version: 1 }).returningAll().executeTakeFirstOrThrow();
    return decodeEmployer(r);
  },
  /** Writes the new fields when the stored version is still `version`; undefined when it is not. */
  async update(db: Tx, id: number, version: number, e: EmployerFields): Promise<EmployerRecord | undefined> {
    const r = await versionedUpdate(db, 'employers', id, version, encodeEmployer(e));
    return r && decodeEmployer(r);
  },
  /** Keyset page by id within a scope. */
  async list(db: Tx, f: EmployerFilter): Promise<EmployerRecord[]> {
    const q = f.q?.trim();
    const rows = await db
      .selectFrom('employers')
      .selectAll()
      .$if(f.within !== '', (qb) => qb.where((eb) => inRegion(eb, 'scope_code', f.within)))
      .$if(f.employerId !== undefined, (qb) => qb.where('id', '=', f.employerId ?? -1))
      .$if(!!q, (qb) => qb.where((eb) => eb.or([eb('name', f.like, `%${q!.replace(/[%_]/g, '')}%`), eb('credit_code', '=', q!.toUpperCase())])))
      .$if(!!f.operatingStatus, (qb) => qb.where('operating_status', '=', f.operatingStatus!))
      .$if(f.isWorkshop !== undefined, (qb) => qb.where('is_workshop', '=', fromBool(f.isWorkshop) as any))
      .$if(f.afterId != null, (qb) => qb.where('id', '>', f.afterId!))
      .orderBy('id')
      .limit(f.limit)
      .execute();
    return rows.map(decodeEmployer);
  },
  /** Counts by operating status, grouped by the first `depth` characters of the location code. */
  async statusCounts(db: Tx, within: string, groupLength: number, employerId?: number | null) {
    const group = sql<string>`substr(region_code, 1, ${sql.lit(groupLength)})`;
    const rows = await db
      .selectFrom('employers')
      .select([group.as('region'), 'operating_status', (eb) => eb.fn.countAll<number>().as('n')])
      .$if(within !== '', (qb) => qb.where((eb) => inRegion(eb, 'scope_code', within)))
      .$if(employerId !== undefined, (qb) => qb.where('id', '=', employerId ?? -1))
      .groupBy([group, 'operating_status'])
      .execute();
    return rows.map((r) => ({ region: r.region, status: r.operating_status, n: Number(r.n) }));
  },
};
