import { creditCodeCheckChar } from '../../src/domain/demand/credit-code.ts';

/** A valid credit code whose body ends with the given number (registration and region digits fixed). */
export function creditCode(n: number, region = '140225'): string {
  const body = `91${region}MA${String(n).padStart(7, '0')}`;
  return body + creditCodeCheckChar(body);
}

export function employerBody(n: number, over: Record<string, unknown> = {}) {
  return { name: `测试企业${n}`, creditCode: creditCode(n), regionCode: '140225', address: '浑源县城', industry: '制造业', isSme: true, operatingStatus: 'operating', employeesTotal: 50, poorEmployees: 10, ...over };
}

export function postingBody(employerId: number, over: Record<string, unknown> = {}) {
  return {
    employerId, title: '保洁员', occupationCode: '4-09-08-01', postType: 'regular', openings: 5, payMinFen: 200000, payMaxFen: 260000, regionCode: '140225100218',
    startDate: '2024-03-01', status: 'open', requirements: { ageMin: 18, ageMax: 55, healthCertificate: true }, ...over,
  };
}

import type { App } from '../../src/app/context.ts';
import { idNumberHash, phoneHash } from '../../src/app/ledger/person-record.ts';
import { makeIdNumber, maskIdNumber } from '../../src/domain/ledger/id-number.ts';

let householdSeq = 0;
/** A person in the ledger (with a household of one), written directly so demand tests need no ledger import. */
export async function addPerson(app: App, p: { name: string; village: string; seq: number; phone?: string }): Promise<{ id: number; idNumber: string }> {
  const now = new Date().toISOString();
  const db = app.database.db;
  const h = await db
    .insertInto('households')
    .values({ household_no: `T${p.village}${++householdSeq}${p.seq}`, village_code: p.village, address: null, category: 'lifted', monitored_subtype: null, relocated: 0, income_per_capita_yuan: null, member_count: 1, working_age_count: 1, employed_count: 0, zero_employment: 1, version: 1, created_at: now, updated_at: now, deleted_at: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  const idNumber = makeIdNumber(p.village.slice(0, 6), '1985-05-01', p.seq);
  const r = await db
    .insertInto('persons')
    .values({
      household_id: Number(h.id), village_code: p.village, relation: 'head', name: p.name, gender: 'female', birth_date: '1985-05-01', id_enc: 'x', id_hash: idNumberHash(app.secrets, idNumber), id_masked: maskIdNumber(idNumber),
      phone_enc: p.phone ? 'x' : null, phone_hash: p.phone ? phoneHash(app.secrets, p.phone) : null, phone_masked: p.phone ? `${p.phone.slice(0, 3)}****${p.phone.slice(7)}` : null,
      education: null, labor_capacity: 'full', skills: '[]', employment_status: 'unemployed', employer_name: null, monthly_income_yuan: null, training_wish: null, job_wish_types: '[]', available_from: null,
      preferred_scope: null, min_monthly_pay_yuan: null, verification_status: 'unverified', verified_at: null, verified_by: null, row_hash: 'x', version: 1, created_at: now, updated_at: now, deleted_at: null,
    } as any)
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: Number(r.id), idNumber };
}
