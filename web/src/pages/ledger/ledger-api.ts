import {
  EDUCATION, EMPLOYMENT_STATUS, HOUSEHOLD_CATEGORY, LABOR_CAPACITY, LOCATION_SCOPE, MONITORED_SUBTYPE, RELATION, VERIFICATION_STATUS,
  type Term,
} from '../../../../src/domain/ledger/vocabulary.ts';
import { BUILTIN_OCCUPATIONS, builtinOccupation } from '../../../../src/domain/occupations/catalog.ts';
import type { Lang } from '../../i18n/i18n.tsx';

export interface Skill {
  occupation: string;
  certificate: string | null;
  level: string | null;
}

/** A person as the API shows it: ID number and phone masked. */
export interface LedgerPerson {
  id: number;
  householdId: number;
  householdNo: string;
  villageCode: string;
  category: string;
  monitoredSubtype: string | null;
  relocated: boolean;
  relation: string;
  name: string;
  gender: string;
  birthDate: string;
  idNumber: string;
  phone: string | null;
  education: string | null;
  laborCapacity: string;
  skills: Skill[];
  employmentStatus: string;
  employerName: string | null;
  monthlyIncome: number | null;
  trainingWish: string | null;
  jobWishTypes: string[];
  availableFrom: string | null;
  preferredScope: string | null;
  minMonthlyPay: number | null;
  verificationStatus: string;
  verifiedAt: string | null;
  verifiedBy: number | null;
  version: number;
  updatedAt: string;
}

export interface LedgerHousehold {
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

export interface HouseholdDetail extends LedgerHousehold {
  members: LedgerPerson[];
  categoryHistory: { category: string; monitoredSubtype: string | null; effectiveDate: string; recordedAt: string; actorId: number }[];
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** The closed vocabularies the forms and filters offer, labelled in the current language. */
export const VOCAB = {
  category: HOUSEHOLD_CATEGORY.terms,
  monitoredSubtype: MONITORED_SUBTYPE.terms,
  relation: RELATION.terms,
  education: EDUCATION.terms,
  laborCapacity: LABOR_CAPACITY.terms,
  employmentStatus: EMPLOYMENT_STATUS.terms,
  preferredScope: LOCATION_SCOPE.terms,
  verificationStatus: VERIFICATION_STATUS.terms,
} as const;
export type VocabName = keyof typeof VOCAB;

export function termLabel(name: VocabName, value: string | null | undefined, lang: Lang): string {
  if (!value) return '—';
  const term = (VOCAB[name] as readonly Term<string>[]).find((x) => x.value === value);
  return term ? (lang === 'en' ? term.en : term.zh) : value;
}

export function termOptions(name: VocabName, lang: Lang) {
  return (VOCAB[name] as readonly Term<string>[]).map((x) => ({ value: x.value, label: lang === 'en' ? x.en : x.zh }));
}

export function occupationLabel(code: string | null | undefined, lang: Lang): string {
  if (!code) return '—';
  const o = builtinOccupation(code);
  return o ? (lang === 'en' ? o.en : o.zh) : code;
}

/** The built-in occupations, for the wish pickers. */
export function occupationOptions(lang: Lang) {
  return BUILTIN_OCCUPATIONS.map((o) => ({ value: o.code, label: `${lang === 'en' ? o.en : o.zh} (${o.code})` }));
}

/**
 * What a single search box holds: a phone (11 digits, maybe +86), an ID number (15 or 18
 * characters), or else the beginning of a name.
 */
export function searchKind(text: string): { name?: string; idNumber?: string; phone?: string } {
  const s = text.trim();
  if (!s) return {};
  const compact = s.replace(/[\s\-()（）]/g, '').replace(/[\uFF10-\uFF19]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
  if (/^(?:\+86|0086|86)?1[3-9]\d{9}$/.test(compact)) return { phone: compact };
  if (/^\d{15}$|^\d{17}[\dXx]$/.test(compact)) return { idNumber: compact };
  return { name: s };
}
