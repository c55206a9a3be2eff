import type { Skill } from '../ledger/person.ts';

/** What matching needs to know about a person of the ledger (pay wishes in whole yuan). */
export interface PersonFacts {
  id: number;
  /** 12-digit code of the home village. */
  villageCode: string;
  birthDate: string;
  laborCapacity: string;
  employmentStatus: string;
  jobWishTypes: string[];
  skills: Skill[];
  availableFrom: string | null;
  /** A LOCATION_SCOPE value; null when the ledger does not say (read as no limit). */
  preferredScope: string | null;
  minMonthlyPayYuan: number | null;
  household: HouseholdPriorityFacts;
}

/** The household facts that decide priority. */
export interface HouseholdPriorityFacts {
  category: string;
  relocated: boolean;
  zeroEmployment: boolean;
}

/** What matching needs to know about a job posting (money in fen, dates YYYY-MM-DD). */
export interface PostingFacts {
  id: number;
  occupationCode: string;
  /** The work place: a region code of 2 to 12 digits. */
  regionCode: string;
  payMinFen: number;
  payMaxFen: number;
  openings: number;
  filled: number;
  status: string;
  startDate: string;
  endDate: string | null;
  ageMin: number | null;
  ageMax: number | null;
  healthCertificate: boolean;
  weakLaborOk: boolean;
  postType: string;
}

/**
 * A person holds a health certificate (健康证) when one of their ledger skill entries records it as
 * its certificate: the ledger has no separate field, and field teams write the certificate they see
 * next to the work it is for (e.g. 中式烹调师 with 健康证).
 */
export const HEALTH_CERTIFICATE = /健康证|健康合格证|health\s*cert/i;

export function hasHealthCertificate(skills: readonly Skill[]): boolean {
  return skills.some((s) => s.certificate != null && HEALTH_CERTIFICATE.test(s.certificate));
}
