import { z } from 'zod';
import { DomainError } from '../../domain/errors.ts';
import { registerErrorStatuses } from '../errors.ts';
import { idParam } from '../params.ts';

registerErrorStatuses({ id_number_duplicate: 409, household_no_duplicate: 409, household_not_empty: 409 });

/**
 * Ledger bodies take text, numbers or booleans per field and leave the rules to the domain
 * validators, so a client gets one coded, bilingual issue per field instead of a schema error.
 */
const value = z.union([z.string().max(1000), z.number(), z.boolean()]).nullable().optional();
const skill = z.strictObject({ occupation: z.string().max(100), certificate: z.string().max(100).nullable().optional(), level: z.string().max(40).nullable().optional() });

export const personFields = {
  relation: value,
  name: value,
  idNumber: value,
  gender: value,
  birthDate: value,
  phone: value,
  education: value,
  laborCapacity: value,
  skills: z.union([z.string().max(2000), z.array(skill).max(50)]).nullable().optional(),
  employmentStatus: value,
  employerName: value,
  monthlyIncome: value,
  trainingWish: value,
  jobWishTypes: z.union([z.string().max(1000), z.array(z.string().max(100)).max(50)]).nullable().optional(),
  availableFrom: value,
  preferredScope: value,
  minMonthlyPay: value,
  verificationStatus: value,
};

export const householdFields = {
  householdNo: value,
  villageCode: value,
  address: value,
  category: value,
  monitoredSubtype: value,
  relocated: value,
  incomePerCapita: value,
  categoryEffectiveDate: value,
};

export const version = z.number().int().positive().optional();

const flag = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1').optional();
const text = (max: number) => z.string().max(max).optional();

export const ledgerQuery = z.strictObject({
  region: z.string().regex(/^\d{2,12}$/).optional(),
  householdId: idParam.optional(),
  householdNo: text(40),
  name: text(50),
  idNumber: text(40),
  phone: text(30),
  category: text(40),
  monitoredSubtype: text(40),
  relocated: flag,
  employmentStatus: text(40),
  trainingWish: text(60),
  jobWishType: text(60),
  preferredScope: text(40),
  verificationStatus: text(40),
  zeroEmployment: flag,
  limit: z.coerce.number().int().min(1).max(200).optional(),
  cursor: z.string().max(100).optional(),
});

export const personView = z.object({
  id: z.number(),
  householdId: z.number(),
  householdNo: z.string(),
  villageCode: z.string(),
  category: z.string(),
  monitoredSubtype: z.string().nullable(),
  relocated: z.boolean(),
  relation: z.string(),
  name: z.string(),
  gender: z.string(),
  birthDate: z.string(),
  idNumber: z.string(),
  phone: z.string().nullable(),
  education: z.string().nullable(),
  laborCapacity: z.string(),
  skills: z.array(z.object({ occupation: z.string(), certificate: z.string().nullable(), level: z.string().nullable() })),
  employmentStatus: z.string(),
  employerName: z.string().nullable(),
  monthlyIncome: z.number().nullable(),
  trainingWish: z.string().nullable(),
  jobWishTypes: z.array(z.string()),
  availableFrom: z.string().nullable(),
  preferredScope: z.string().nullable(),
  minMonthlyPay: z.number().nullable(),
  verificationStatus: z.string(),
  verifiedAt: z.string().nullable(),
  verifiedBy: z.number().nullable(),
  version: z.number(),
  updatedAt: z.string(),
});

export const householdView = z.object({
  id: z.number(),
  householdNo: z.string(),
  villageCode: z.string(),
  villageName: z.string().nullable(),
  address: z.string().nullable(),
  category: z.string(),
  monitoredSubtype: z.string().nullable(),
  relocated: z.boolean(),
  incomePerCapita: z.number().nullable(),
  memberCount: z.number(),
  workingAgeCount: z.number(),
  employedCount: z.number(),
  zeroEmployment: z.boolean(),
  version: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const householdDetail = householdView.extend({
  members: z.array(personView),
  categoryHistory: z.array(z.object({ category: z.string(), monitoredSubtype: z.string().nullable(), effectiveDate: z.string(), recordedAt: z.string(), actorId: z.number() })),
});

export const deleted = z.object({ id: z.number(), deleted: z.literal(true) });

/**
 * The version a write starts from: the body's `version`, or an `If-Match: "<version>"` header
 * (weak or strong). When both are sent they must agree.
 */
export function versionOf(body: { version?: number } | undefined, ifMatch: string | string[] | undefined): number | undefined {
  const header = Array.isArray(ifMatch) ? ifMatch[0] : ifMatch;
  let fromHeader: number | undefined;
  if (header != null && header.trim() !== '') {
    const m = /^\s*(?:W\/)?"?(\d{1,12})"?\s*$/.exec(header);
    if (!m) throw DomainError.invalid([{ field: 'If-Match', code: 'if_match_format', message: 'must be the version in quotes, as "3"', messageZh: 'If-Match请求头应为带引号的版本号，如"3"' }]);
    fromHeader = Number(m[1]);
  }
  const fromBody = body?.version;
  if (fromBody != null && fromHeader != null && fromBody !== fromHeader) {
    throw DomainError.invalid([{ field: 'version', code: 'version_mismatch', message: `the body says version ${fromBody} and If-Match says ${fromHeader}`, messageZh: '请求体与If-Match中的版本号不一致' }]);
  }
  return fromBody ?? fromHeader;
}
