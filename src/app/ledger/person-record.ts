import crypto from 'node:crypto';
import type { HouseholdData } from '../../domain/ledger/household.ts';
import { maskIdNumber } from '../../domain/ledger/id-number.ts';
import type { PersonData } from '../../domain/ledger/person.ts';
import { maskPhone } from '../../domain/ledger/phone.ts';
import { fromJson, toJson } from '../../store/codec.ts';
import type { PersonTable } from '../../store/tables/ledger.tables.ts';
import type { Secrets } from '../secrets.ts';
import { seal } from '../privacy/sealed.ts';

/** Keyed hashes used to find a person by ID number or phone without storing either in clear. */
export function idNumberHash(secrets: Secrets, id: string): string {
  return secrets.hmac('id-number', id);
}
export function phoneHash(secrets: Secrets, phone: string): string {
  return secrets.hmac('phone', phone);
}

/**
 * A fingerprint of everything an import row sets (person and household), so that re-importing
 * the same row can be recognised as unchanged without decrypting anything.
 */
export function contentHash(person: PersonData, household: HouseholdData): string {
  return crypto.createHash('sha256').update(JSON.stringify([person, household])).digest('base64url').slice(0, 32);
}

export type PersonColumns = Omit<PersonTable, 'id' | 'household_id' | 'verification_status' | 'verified_at' | 'verified_by' | 'version' | 'created_at' | 'updated_at' | 'deleted_at'>;

/** The sealed values and hashes a person is stored with. */
export type SealedColumns = Pick<PersonTable, 'id_enc' | 'id_hash' | 'phone_enc' | 'phone_hash'>;

/**
 * The stored columns of a person: sensitive values sealed, hashed for lookup and masked for lists.
 * With `stored`, a value whose hash is unchanged keeps its sealed form: sealing it again would only
 * change the nonce, and rewrite the row and its indexes for nothing.
 */
export function personColumns(secrets: Secrets, p: PersonData, villageCode: string, rowHash: string, stored?: SealedColumns): PersonColumns {
  const idHash = idNumberHash(secrets, p.idNumber);
  const phoneHashed = p.phone ? phoneHash(secrets, p.phone) : null;
  return {
    village_code: villageCode,
    relation: p.relation,
    name: p.name,
    gender: p.gender,
    birth_date: p.birthDate,
    id_enc: stored && stored.id_hash === idHash ? stored.id_enc : seal(secrets.key, p.idNumber),
    id_hash: idHash,
    id_masked: maskIdNumber(p.idNumber),
    phone_enc: !p.phone ? null : stored && stored.phone_hash === phoneHashed ? stored.phone_enc : seal(secrets.key, p.phone),
    phone_hash: phoneHashed,
    phone_masked: p.phone ? maskPhone(p.phone) : null,
    education: p.education,
    labor_capacity: p.laborCapacity,
    skills: fromJson(p.skills),
    employment_status: p.employmentStatus,
    employer_name: p.employerName,
    monthly_income_yuan: p.monthlyIncome,
    training_wish: p.trainingWish,
    job_wish_types: fromJson(p.jobWishTypes),
    available_from: p.availableFrom,
    preferred_scope: p.preferredScope,
    min_monthly_pay_yuan: p.minMonthlyPay,
    row_hash: rowHash,
  };
}

/** A person as clients see it: masked ID number and phone, never the sealed values or hashes. */
export function presentPerson(r: Record<string, any>) {
  return {
    id: Number(r.id),
    householdId: Number(r.household_id),
    villageCode: r.village_code as string,
    relation: r.relation as string,
    name: r.name as string,
    gender: r.gender as string,
    birthDate: r.birth_date as string,
    idNumber: r.id_masked as string,
    phone: (r.phone_masked ?? null) as string | null,
    education: r.education ?? null,
    laborCapacity: r.labor_capacity as string,
    skills: toJson<{ occupation: string; certificate: string | null; level: string | null }[]>(r.skills) ?? [],
    employmentStatus: r.employment_status as string,
    employerName: r.employer_name ?? null,
    monthlyIncome: r.monthly_income_yuan == null ? null : Number(r.monthly_income_yuan),
    trainingWish: r.training_wish ?? null,
    jobWishTypes: toJson<string[]>(r.job_wish_types) ?? [],
    availableFrom: r.available_from ?? null,
    preferredScope: r.preferred_scope ?? null,
    minMonthlyPay: r.min_monthly_pay_yuan == null ? null : Number(r.min_monthly_pay_yuan),
    verificationStatus: r.verification_status as string,
    verifiedAt: r.verified_at ?? null,
    verifiedBy: r.verified_by == null ? null : Number(r.verified_by),
    version: Number(r.version),
    updatedAt: r.updated_at as string,
  };
}
