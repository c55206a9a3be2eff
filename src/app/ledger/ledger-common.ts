import type { Actor } from '../../domain/access/actor.ts';
import { inScope } from '../../domain/access/policy.ts';
import { DomainError, type FieldIssue } from '../../domain/errors.ts';
import type { HouseholdData } from '../../domain/ledger/household.ts';
import type { PersonData } from '../../domain/ledger/person.ts';
import { VERIFICATION_STATUS, type VerificationStatus } from '../../domain/ledger/vocabulary.ts';
import { toBool, toJson } from '../../store/codec.ts';
import type { HouseholdDataFields, HouseholdRecord } from '../../store/repositories/households.repository.ts';
import type { ListedPersonRow, PersonRow } from '../../store/repositories/persons.repository.ts';
import { regionsRepository } from '../../store/repositories/regions.repository.ts';
import type { Tx } from '../context.ts';
import type { Secrets } from '../secrets.ts';
import { unseal } from '../privacy/sealed.ts';
import { contentHash, presentPerson } from './person-record.ts';

export const today = (): string => new Date().toISOString().slice(0, 10);

const cursorInvalid = () => DomainError.invalid([{ field: 'cursor', code: 'cursor_invalid', message: 'is not a cursor this API returned', messageZh: '分页游标无效' }]);

/** An opaque keyset cursor: the last id of the page. */
export function encodeCursor(id: number): string {
  return Buffer.from(`k${id}`).toString('base64url');
}

export function decodeCursor(cursor: string | undefined): number | undefined {
  if (!cursor) return undefined;
  const m = /^k(\d{1,15})$/.exec(Buffer.from(cursor, 'base64url').toString());
  if (!m) throw cursorInvalid();
  return Number(m[1]);
}

/** An opaque keyset cursor of a list ordered by village and id: the last row's village and id. */
export function encodePlaceCursor(code: string, id: number): string {
  return Buffer.from(`v${code}.${id}`).toString('base64url');
}

export function decodePlaceCursor(cursor: string | undefined): { code: string; id: number } | undefined {
  if (!cursor) return undefined;
  const m = /^v(\d{1,12})\.(\d{1,15})$/.exec(Buffer.from(cursor, 'base64url').toString());
  if (!m) throw cursorInvalid();
  return { code: m[1], id: Number(m[2]) };
}

export function pageLimit(limit: number | undefined): number {
  return Math.min(Math.max(limit ?? 50, 1), 200);
}

/** The page of `limit` rows out of `limit + 1` fetched, and the cursor of the next page when there is one. */
export function toPage<T, U>(rows: T[], limit: number, idOf: (r: T) => number, present: (r: T) => U, cursorOf: (r: T) => string = (r) => encodeCursor(idOf(r))) {
  const more = rows.length > limit;
  const items = rows.slice(0, limit);
  return { items: items.map(present), nextCursor: more ? cursorOf(items[items.length - 1]) : null };
}

/** The version an update must start from: the body's `version` or the `If-Match` header, which must agree. */
export function requireVersion(version: number | undefined, required: boolean): number | undefined {
  if (version == null && required) {
    throw DomainError.invalid([{ field: 'version', code: 'version_required', message: 'is required: send the version you read (body field version or an If-Match header)', messageZh: '请提供读取时的版本号（version字段或If-Match请求头）' }]);
  }
  return version;
}

export function versionConflict(what: string, id: number, current: number | undefined): DomainError {
  if (current == null) return DomainError.notFound(what, id);
  return new DomainError('version_conflict', `${what} ${id} was changed by someone else (now at version ${current}); reload it and apply your change again`, { details: { id, currentVersion: current } });
}

export function duplicateIdNumber(field: string): DomainError {
  return new DomainError('id_number_duplicate', `${field}: a person with this ID number is already in the ledger`, {
    issues: [{ field, code: 'id_number_duplicate', message: 'a person with this ID number is already in the ledger (one record per person)', messageZh: '台账中已有该身份证号的人员（每人只能有一条记录）' }],
  });
}

export function duplicateHouseholdNo(field: string, no: string): DomainError {
  return new DomainError('household_no_duplicate', `${field}: household number ${no} is already used`, {
    issues: [{ field, code: 'household_no_duplicate', message: `household number ${no} is already used`, messageZh: `户编号${no}已被使用` }],
  });
}

/** Prefixes the fields of issues, for records nested in a request (`members.2.idNumber`). */
export function prefixIssues(prefix: string, issues: FieldIssue[]): FieldIssue[] {
  return issues.map((i) => ({ ...i, field: `${prefix}${i.field}` }));
}

/** A village that exists among the loaded regions and lies in the actor's scope, or the issue that says why not. */
export async function villageProblem(db: Tx, actor: Actor, field: string, code: string): Promise<FieldIssue | undefined> {
  if (!inScope(actor, code)) return { field, code: 'out_of_scope', message: `village ${code} is outside your region ${actor.regionCode}`, messageZh: '该村不在本账号的管辖范围内' };
  const r = await regionsRepository.find(db, code);
  if (!r || r.level !== 5) return { field, code: 'region_unknown', message: `no village with code ${code} is loaded`, messageZh: `村代码${code}不存在` };
  return undefined;
}

/** A date of a category change: YYYY-MM-DD and not in the future; today when not given. */
export function effectiveDate(issues: FieldIssue[], field: string, v: unknown): string {
  if (v == null || v === '') return today();
  const s = String(v).trim();
  const d = new Date(`${s}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s) || Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== s) {
    issues.push({ field, code: 'date_format', message: 'must be a date written YYYY-MM-DD', messageZh: '生效日期应为日期，格式YYYY-MM-DD' });
  } else if (s > today()) {
    issues.push({ field, code: 'date_future', message: 'must not be in the future', messageZh: '生效日期不能晚于今天' });
  }
  return s;
}

/** The verification status given with a person, or undefined when the input does not set it. */
export function verificationInput(issues: FieldIssue[], field: string, v: unknown): VerificationStatus | undefined {
  if (v == null || v === '') return undefined;
  const s = VERIFICATION_STATUS.parse(String(v));
  if (!s) issues.push({ field, code: 'value_unknown', message: `must be one of ${VERIFICATION_STATUS.values.join(', ')}`, messageZh: '核实状态的取值无效' });
  return s;
}

/** The stored values of a household as the domain validator returns them. */
export function householdDataOf(h: HouseholdDataFields): HouseholdData {
  return {
    householdNo: h.householdNo,
    villageCode: h.villageCode,
    address: h.address,
    category: h.category as HouseholdData['category'],
    monitoredSubtype: h.monitoredSubtype as HouseholdData['monitoredSubtype'],
    relocated: h.relocated,
    incomePerCapita: h.incomePerCapita,
  };
}

/** The stored values of a person, sensitive ones unsealed: for re-validation of a partial update only. */
export function personDataOf(secrets: Secrets, r: PersonRow): PersonData {
  return {
    relation: r.relation as PersonData['relation'],
    name: r.name,
    idNumber: unseal(secrets.key, r.id_enc),
    gender: r.gender as PersonData['gender'],
    birthDate: r.birth_date,
    phone: r.phone_enc ? unseal(secrets.key, r.phone_enc) : null,
    education: (r.education ?? null) as PersonData['education'],
    laborCapacity: r.labor_capacity as PersonData['laborCapacity'],
    skills: toJson<PersonData['skills']>(r.skills) ?? [],
    employmentStatus: r.employment_status as PersonData['employmentStatus'],
    employerName: r.employer_name ?? null,
    monthlyIncome: r.monthly_income_yuan == null ? null : Number(r.monthly_income_yuan),
    trainingWish: r.training_wish ?? null,
    jobWishTypes: toJson<string[]>(r.job_wish_types) ?? [],
    availableFrom: r.available_from ?? null,
    preferredScope: (r.preferred_scope ?? null) as PersonData['preferredScope'],
    minMonthlyPay: r.min_monthly_pay_yuan == null ? null : Number(r.min_monthly_pay_yuan),
  };
}

/**
 * The import fingerprint of a person edited here. Skills are put in the key order the spreadsheet
 * path of the validator produces, so a record typed in the form and the same record imported from
 * a file hash alike and a re-import reports it unchanged.
 */
export function rowHashOf(p: PersonData, h: HouseholdData): string {
  const person: PersonData = { ...p, skills: p.skills.map((s) => ({ occupation: s.occupation, level: s.level, certificate: s.certificate })) };
  const household: HouseholdData = {
    householdNo: h.householdNo, villageCode: h.villageCode, address: h.address, category: h.category,
    monitoredSubtype: h.monitoredSubtype, relocated: h.relocated, incomePerCapita: h.incomePerCapita,
  };
  return contentHash(person, household);
}

/** A person as clients see it (masked), with the facts its household gives it. */
export function presentLedgerPerson(r: ListedPersonRow) {
  const p = presentPerson(r) as ReturnType<typeof presentPerson> & { householdNo: string; category: string; monitoredSubtype: string | null; relocated: boolean };
  p.householdNo = r.household_no;
  p.category = r.household_category;
  p.monitoredSubtype = r.household_subtype ?? null;
  p.relocated = toBool(r.household_relocated);
  return p;
}
export type LedgerPerson = ReturnType<typeof presentLedgerPerson>;

/** What the audit trail keeps of a person: the masked view, without bookkeeping. */
export function personAuditView(r: PersonRow, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const { version: _v, updatedAt: _u, ...rest } = presentLedgerPerson(r);
  return { ...rest, ...extra };
}

export function presentHousehold(h: HouseholdRecord) {
  return {
    id: h.id,
    householdNo: h.householdNo,
    villageCode: h.villageCode,
    villageName: h.villageName,
    address: h.address,
    category: h.category,
    monitoredSubtype: h.monitoredSubtype,
    relocated: h.relocated,
    incomePerCapita: h.incomePerCapita,
    memberCount: h.memberCount,
    workingAgeCount: h.workingAgeCount,
    employedCount: h.employedCount,
    zeroEmployment: h.zeroEmployment,
    version: h.version,
    createdAt: h.createdAt,
    updatedAt: h.updatedAt,
  };
}
export type LedgerHousehold = ReturnType<typeof presentHousehold>;

export function householdAuditView(h: HouseholdRecord): Record<string, unknown> {
  const { version: _v, updatedAt: _u, createdAt: _c, villageName: _n, ...rest } = presentHousehold(h);
  return rest;
}
