import type { App } from '../../src/app/context.ts';
import { fromBool, fromJson, nowIso } from '../../src/store/codec.ts';
import { regionPrefixes } from '../../src/store/repositories/postings.repository.ts';

let serial = 0;

/** Inserts a household and one member straight into the ledger tables (the sealed fields hold placeholders). */
export async function seedPerson(app: App, over: {
  villageCode?: string; name?: string; birthDate?: string; laborCapacity?: string; employmentStatus?: string; jobWishTypes?: string[];
  skills?: { occupation: string; certificate: string | null; level: string | null }[]; availableFrom?: string | null; preferredScope?: string | null;
  minMonthlyPay?: number | null; category?: string; relocated?: boolean; zeroEmployment?: boolean;
} = {}): Promise<number> {
  const db = app.database.db;
  const now = nowIso();
  const n = ++serial;
  const village = over.villageCode ?? '140225100218';
  const h = await db
    .insertInto('households')
    .values({ household_no: `T${process.pid}-${n}`, village_code: village, address: null, category: over.category ?? 'lifted', monitored_subtype: over.category === 'monitored' ? 'marginal' : null, relocated: fromBool(over.relocated ?? false), income_per_capita_yuan: null, member_count: 1, working_age_count: 1, employed_count: 0, zero_employment: fromBool(over.zeroEmployment ?? false), version: 1, created_at: now, updated_at: now, deleted_at: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  const p = await db
    .insertInto('persons')
    .values({
      household_id: Number(h.id), village_code: village, relation: 'head', name: over.name ?? `张${n}`, gender: 'male', birth_date: over.birthDate ?? '1990-05-01',
      id_enc: 'sealed', id_hash: `hash-${process.pid}-${n}-${Math.random()}`, id_masked: '1402**********0011', phone_enc: null, phone_hash: null, phone_masked: null,
      education: null, labor_capacity: over.laborCapacity ?? 'full', skills: fromJson(over.skills ?? []), employment_status: over.employmentStatus ?? 'seeking', employer_name: null,
      monthly_income_yuan: null, training_wish: null, job_wish_types: fromJson(over.jobWishTypes ?? ['4-09-08-01']), available_from: over.availableFrom ?? null,
      preferred_scope: over.preferredScope === undefined ? 'county' : over.preferredScope, min_monthly_pay_yuan: over.minMonthlyPay === undefined ? 2000 : over.minMonthlyPay,
      verification_status: 'unverified', verified_at: null, verified_by: null, row_hash: 'x', version: 1, created_at: now, updated_at: now, deleted_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(p.id);
}

export async function seedEmployer(app: App, over: { regionCode?: string; scopeCode?: string; name?: string } = {}): Promise<number> {
  const now = nowIso();
  const n = ++serial;
  const region = over.regionCode ?? '140225';
  const r = await app.database.db
    .insertInto('employers')
    .values({ name: over.name ?? `测试企业${n}`, credit_code: `91140225TEST${String(n).padStart(6, '0')}`, region_code: region, scope_code: over.scopeCode ?? region, address: '', industry: '', is_sme: 0, contact_name: '', contact_phone: '', operating_status: 'operating', status_date: null, employees_total: 10, poor_employees: 0, is_workshop: 0, workshop_recognized_on: null, created_at: now, updated_at: now, version: 1 })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(r.id);
}

export async function seedPosting(app: App, employerId: number, over: {
  occupationCode?: string; regionCode?: string; scopeCode?: string; openings?: number; filled?: number; payMinYuan?: number; payMaxYuan?: number; status?: string;
  startDate?: string; postType?: string; weakLaborOk?: boolean; requirements?: Record<string, unknown>; title?: string;
} = {}): Promise<number> {
  const now = nowIso();
  const region = over.regionCode ?? '140225100';
  const r = await app.database.db
    .insertInto('postings')
    .values({
      employer_id: employerId, external_no: null, title: over.title ?? '保洁员', occupation_code: over.occupationCode ?? '4-09-08-01', post_type: over.postType ?? 'regular',
      openings: over.openings ?? 2, filled: over.filled ?? 0, pay_min_fen: (over.payMinYuan ?? 2500) * 100, pay_max_fen: (over.payMaxYuan ?? over.payMinYuan ?? 3000) * 100,
      region_code: region, ...regionPrefixes(region), scope_code: over.scopeCode ?? region.slice(0, 6), address: '工业园区1号', start_date: over.startDate ?? '2026-01-01', end_date: null, hours: '',
      requirements: fromJson(over.requirements ?? {}), board: 0, lodging: 0, weak_labor_ok: fromBool(over.weakLaborOk ?? false), status: over.status ?? 'open',
      accident_insurance_fen: null, description: '', created_at: now, updated_at: now, version: 1,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(r.id);
}
