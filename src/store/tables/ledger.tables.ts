import type { Generated } from 'kysely';

export interface HouseholdTable {
  id: Generated<number>;
  household_no: string;
  village_code: string;
  address: string | null;
  category: string;
  monitored_subtype: string | null;
  relocated: number | boolean;
  income_per_capita_yuan: number | null;
  member_count: number;
  working_age_count: number;
  employed_count: number;
  zero_employment: number | boolean;
  version: number;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
}

export interface HouseholdCategoryHistoryTable {
  id: Generated<number>;
  household_id: number;
  category: string;
  monitored_subtype: string | null;
  effective_date: string;
  recorded_at: string;
  actor_id: number;
}

export interface PersonTable {
  id: Generated<number>;
  household_id: number;
  village_code: string;
  relation: string;
  name: string;
  gender: string;
  birth_date: string;
  /** AES-256-GCM sealed (src/app/privacy/sealed.ts); found by `id_hash` (HMAC), shown as `id_masked`. */
  id_enc: string;
  id_hash: string;
  id_masked: string;
  phone_enc: string | null;
  phone_hash: string | null;
  phone_masked: string | null;
  education: string | null;
  labor_capacity: string;
  /** JSON: [{occupation, certificate, level}] */
  skills: unknown;
  employment_status: string;
  employer_name: string | null;
  monthly_income_yuan: number | null;
  training_wish: string | null;
  /** JSON: occupation codes */
  job_wish_types: unknown;
  available_from: string | null;
  preferred_scope: string | null;
  min_monthly_pay_yuan: number | null;
  verification_status: string;
  verified_at: string | null;
  verified_by: number | null;
  /** Hash of the person's and household's imported content, so a re-import can tell `unchanged` cheaply. */
  row_hash: string;
  version: number;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
}

declare module '../schema.ts' {
  interface DB {
    households: HouseholdTable;
    household_category_history: HouseholdCategoryHistoryTable;
    persons: PersonTable;
  }
}
