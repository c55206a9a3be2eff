import { EMPLOYMENT_STATUS, LOCATION_SCOPE, VERIFICATION_STATUS } from '../../../../src/domain/ledger/vocabulary.ts';
import { BUILTIN_OCCUPATIONS } from '../../../../src/domain/occupations/catalog.ts';
import type { Lang } from '../../i18n/i18n.tsx';

export interface Round {
  id: number;
  countyCode: string;
  countyName: string | null;
  name: string;
  startsOn: string | null;
  endsOn: string | null;
  status: 'open' | 'closed';
  createdAt: string;
  closedAt: string | null;
  myTeamId: number | null;
  version: number;
}

export interface FieldPerson {
  id: number;
  householdId: number;
  name: string;
  relation: string;
  gender: string;
  birthDate: string;
  laborCapacity: string;
  phone: string | null;
  employmentStatus: string;
  employerName: string | null;
  jobWishTypes: string[];
  trainingWish: string | null;
  availableFrom: string | null;
  preferredScope: string | null;
  minMonthlyPay: number | null;
  verificationStatus: string;
  verifiedAt: string | null;
  version: number;
}

export interface Task {
  id: number;
  teamId: number;
  householdId: number;
  householdNo: string;
  address: string | null;
  category: string;
  villageCode: string;
  villageName: string | null;
  status: 'pending' | 'visited' | 'conflict';
  visitedAt: string | null;
  frozen: boolean;
  persons: FieldPerson[];
}

export interface Team {
  id: number;
  name: string;
  members: { userId: number; username: string; displayName: string; regionCode: string }[];
  villages: string[];
}

export interface Tally {
  households: number;
  visited: number;
  conflicts: number;
  persons: number;
  checked: number;
  outcomes: Record<string, number>;
  visitedPercent: number | null;
  verifiedPercent: number | null;
}

export interface Progress {
  roundId: number;
  status: string;
  total: Tally;
  byVillage: (Tally & { villageCode: string; villageName: string | null; teamId: number; teamName: string | null })[];
  byTeam: (Tally & { teamId: number; teamName: string | null })[];
}

export interface Conflict {
  id: number;
  taskId: number;
  personId: number;
  personName: string | null;
  villageCode: string;
  verifier: string | null;
  visitedAt: string;
  baseVersion: number;
  serverVersion: number;
  currentVersion: number | null;
  status: string;
  fields: { field: string; serverValue: unknown; fieldValue: unknown }[];
}

export const VISIT_OUTCOMES = VERIFICATION_STATUS.values.filter((v) => v !== 'unverified');

const side = (lang: Lang) => (lang === 'en' ? 'en' : 'zh');
export const employmentLabel = (v: string, lang: Lang) => (EMPLOYMENT_STATUS.has(v) ? EMPLOYMENT_STATUS.label(v, side(lang)) : v);
export const scopeLabel = (v: string, lang: Lang) => (LOCATION_SCOPE.has(v) ? LOCATION_SCOPE.label(v, side(lang)) : v);
export const statusLabel = (v: string, lang: Lang) => (VERIFICATION_STATUS.has(v) ? VERIFICATION_STATUS.label(v, side(lang)) : v);
export const occupationLabel = (code: string, lang: Lang) => {
  const o = BUILTIN_OCCUPATIONS.find((x) => x.code === code);
  return o ? (lang === 'en' ? o.en : o.zh) : code;
};

export { BUILTIN_OCCUPATIONS, EMPLOYMENT_STATUS, LOCATION_SCOPE };

/** A value of a person field as words, for lists and the side-by-side conflict view. */
export function fieldValueText(field: string, value: unknown, lang: Lang): string {
  if (value == null || value === '' || (Array.isArray(value) && value.length === 0)) return '—';
  if (field === 'employmentStatus') return employmentLabel(String(value), lang);
  if (field === 'preferredScope') return scopeLabel(String(value), lang);
  if (field === 'verificationStatus') return statusLabel(String(value), lang);
  if (field === 'trainingWish') return occupationLabel(String(value), lang);
  if (field === 'jobWishTypes') return (value as string[]).map((c) => occupationLabel(c, lang)).join('、');
  return String(value);
}
