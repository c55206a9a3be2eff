import { maskPhone } from '../../domain/ledger/phone.ts';
import type { PersonCorrections } from '../../domain/field/visit.ts';
import { DomainError, type FieldIssue } from '../../domain/errors.ts';
import { findBuiltinOccupation } from '../../domain/occupations/catalog.ts';
import { fromJson, toJson } from '../../store/codec.ts';
import { occupationsRepository } from '../../store/repositories/occupations.repository.ts';
import type { Tx } from '../context.ts';
import { phoneHash } from '../ledger/person-record.ts';
import { seal } from '../privacy/sealed.ts';
import type { Secrets } from '../secrets.ts';

/** What a verifier sees of a person: the fields to check, phone masked, and the version downloaded. */
export function presentFieldPerson(r: Record<string, any>) {
  return {
    id: Number(r.id),
    householdId: Number(r.household_id),
    name: r.name as string,
    relation: r.relation as string,
    gender: r.gender as string,
    birthDate: r.birth_date as string,
    laborCapacity: r.labor_capacity as string,
    phone: (r.phone_masked ?? null) as string | null,
    employmentStatus: r.employment_status as string,
    employerName: (r.employer_name ?? null) as string | null,
    jobWishTypes: toJson<string[]>(r.job_wish_types) ?? [],
    trainingWish: (r.training_wish ?? null) as string | null,
    availableFrom: (r.available_from ?? null) as string | null,
    preferredScope: (r.preferred_scope ?? null) as string | null,
    minMonthlyPay: r.min_monthly_pay_yuan == null ? null : Number(r.min_monthly_pay_yuan),
    verificationStatus: r.verification_status as string,
    verifiedAt: (r.verified_at ?? null) as string | null,
    version: Number(r.version),
  };
}

/** The checked fields of a person for the audit trail, the phone masked. */
export function auditFieldPerson(r: Record<string, any>) {
  const p = presentFieldPerson(r);
  return {
    employmentStatus: p.employmentStatus,
    employerName: p.employerName,
    jobWishTypes: p.jobWishTypes,
    trainingWish: p.trainingWish,
    availableFrom: p.availableFrom,
    preferredScope: p.preferredScope,
    minMonthlyPay: p.minMonthlyPay,
    phone: p.phone,
    verificationStatus: p.verificationStatus,
    verifiedAt: p.verifiedAt,
    verifiedBy: r.verified_by == null ? null : Number(r.verified_by),
  };
}

/** The person columns a set of corrections writes; a phone is sealed, hashed and masked. */
export function correctionColumns(secrets: Secrets, c: PersonCorrections & { phoneSealed?: string | null }): Record<string, unknown> {
  const set: Record<string, unknown> = {};
  if (c.employmentStatus !== undefined) set.employment_status = c.employmentStatus;
  if (c.employerName !== undefined) set.employer_name = c.employerName;
  if (c.jobWishTypes !== undefined) set.job_wish_types = fromJson(c.jobWishTypes);
  if (c.trainingWish !== undefined) set.training_wish = c.trainingWish;
  if (c.availableFrom !== undefined) set.available_from = c.availableFrom;
  if (c.preferredScope !== undefined) set.preferred_scope = c.preferredScope;
  if (c.minMonthlyPay !== undefined) set.min_monthly_pay_yuan = c.minMonthlyPay;
  if (c.phone !== undefined) {
    set.phone_enc = c.phone ? seal(secrets.key, c.phone) : null;
    set.phone_hash = c.phone ? phoneHash(secrets, c.phone) : null;
    set.phone_masked = c.phone ? maskPhone(c.phone) : null;
  }
  return set;
}

/** Occupation codes must name an occupation of the catalog (built in or imported). */
export async function checkOccupationsExist(db: Tx, entries: { at: string; codes: string[] }[]): Promise<void> {
  const all = entries.flatMap((e) => e.codes);
  if (!all.length) return;
  const stored = await occupationsRepository.findMany(db, all);
  const issues: FieldIssue[] = [];
  for (const e of entries) {
    for (const c of e.codes) {
      if (!stored.has(c) && !findBuiltinOccupation(c)) issues.push({ field: e.at, code: 'occupation_unknown', message: `${c} is not an occupation of the catalog`, messageZh: `${c}不是职业目录中的职业`, params: { value: c } });
    }
  }
  if (issues.length) throw DomainError.invalid(issues);
}
