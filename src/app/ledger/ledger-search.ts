import type { Actor } from '../../domain/access/actor.ts';
import { scopeRegion } from '../../domain/access/policy.ts';
import { DomainError, type FieldIssue } from '../../domain/errors.ts';
import { ID_NUMBER_MESSAGES, parseIdNumber } from '../../domain/ledger/id-number.ts';
import { builtinResolver } from '../../domain/ledger/person.ts';
import { parsePhone, PHONE_MESSAGE } from '../../domain/ledger/phone.ts';
import { EMPLOYMENT_STATUS, HOUSEHOLD_CATEGORY, LOCATION_SCOPE, MONITORED_SUBTYPE, VERIFICATION_STATUS } from '../../domain/ledger/vocabulary.ts';
import type { PersonFilter } from '../../store/repositories/persons.repository.ts';
import type { App } from '../context.ts';
import { idNumberHash, phoneHash } from './person-record.ts';

/** A ledger search as the API takes it: text values, vocabulary labels or codes. */
export interface LedgerQuery {
  region?: string;
  householdId?: number;
  householdNo?: string;
  name?: string;
  idNumber?: string;
  phone?: string;
  category?: string;
  monitoredSubtype?: string;
  relocated?: boolean;
  employmentStatus?: string;
  trainingWish?: string;
  jobWishType?: string;
  preferredScope?: string;
  verificationStatus?: string;
  zeroEmployment?: boolean;
  limit?: number;
  cursor?: string;
}

function vocab<V extends string>(issues: FieldIssue[], field: string, text: string | undefined, voc: { parse(t: string): V | undefined; values: V[] }): V | undefined {
  if (!text) return undefined;
  const v = voc.parse(text);
  if (!v) issues.push({ field, code: 'value_unknown', message: `must be one of ${voc.values.join(', ')}`, messageZh: '筛选条件的取值无效', params: { allowed: voc.values } });
  return v;
}

function occupation(issues: FieldIssue[], field: string, text: string | undefined): string | undefined {
  if (!text) return undefined;
  const code = builtinResolver(text);
  if (!code) issues.push({ field, code: 'occupation_unknown', message: `"${text}" is not a known occupation name or code`, messageZh: `“${text}”不是已知的职业名称或代码` });
  return code;
}

/**
 * Turns a search into repository filters. An ID number or phone is normalized by the same rules
 * as on entry and then looked up by its keyed hash: the clear value is never compared in SQL.
 * The region is narrowed to the actor's scope (a region outside it is refused).
 */
export function ledgerFilter(app: App, actor: Actor, q: LedgerQuery): PersonFilter & { householdNo?: string } {
  const issues: FieldIssue[] = [];
  const f: PersonFilter & { householdNo?: string } = { within: scopeRegion(actor, q.region) };
  if (q.householdId != null) f.householdId = q.householdId;
  if (q.householdNo?.trim()) f.householdNo = q.householdNo.trim();
  if (q.name?.trim()) f.name = q.name.trim();
  if (q.idNumber?.trim()) {
    const id = parseIdNumber(q.idNumber);
    if (id.ok) f.idHash = idNumberHash(app.secrets, id.info.value);
    else issues.push({ field: 'idNumber', code: id.error, message: ID_NUMBER_MESSAGES[id.error].en, messageZh: ID_NUMBER_MESSAGES[id.error].zh });
  }
  if (q.phone?.trim()) {
    const p = parsePhone(q.phone);
    if (!p.ok) issues.push({ field: 'phone', code: 'phone_format', message: PHONE_MESSAGE.en, messageZh: PHONE_MESSAGE.zh });
    else if (p.value) f.phoneHash = phoneHash(app.secrets, p.value);
  }
  f.category = vocab(issues, 'category', q.category, HOUSEHOLD_CATEGORY);
  f.monitoredSubtype = vocab(issues, 'monitoredSubtype', q.monitoredSubtype, MONITORED_SUBTYPE);
  f.employmentStatus = vocab(issues, 'employmentStatus', q.employmentStatus, EMPLOYMENT_STATUS);
  f.preferredScope = vocab(issues, 'preferredScope', q.preferredScope, LOCATION_SCOPE);
  f.verificationStatus = vocab(issues, 'verificationStatus', q.verificationStatus, VERIFICATION_STATUS);
  f.trainingWish = occupation(issues, 'trainingWish', q.trainingWish);
  f.jobWishType = occupation(issues, 'jobWishType', q.jobWishType);
  if (q.relocated != null) f.relocated = q.relocated;
  if (q.zeroEmployment != null) f.zeroEmployment = q.zeroEmployment;
  if (issues.length) throw DomainError.invalid(issues, 'The search is not valid');
  return f;
}
