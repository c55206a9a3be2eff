import type { Generated } from 'kysely';

export interface ReferralTable {
  id: Generated<number>;
  person_id: number;
  posting_id: number;
  employer_id: number;
  village_code: string;
  posting_scope_code: string;
  status: string;
  source: string;
  score: number | null;
  /** JSON: the reasons of the recommendation when it was made [{code, en, zh, points}]. */
  reasons: unknown;
  owner_id: number | null;
  match_run: string | null;
  last_step_on: string;
  due_on: string | null;
  closed_on: string | null;
  created_at: string;
  created_by: number;
  updated_at: string;
  version: number;
}

export interface ReferralStepTable {
  id: Generated<number>;
  referral_id: number;
  from_status: string | null;
  to_status: string;
  on_date: string;
  at: string;
  actor_id: number;
  actor_name: string;
  note: string;
}

export interface EmploymentTable {
  id: Generated<number>;
  person_id: number;
  referral_id: number | null;
  employer_id: number;
  posting_id: number | null;
  village_code: string;
  region_code: string;
  address: string;
  start_date: string;
  end_date: string | null;
  pay_fen: number;
  /** hired · at_work · ended */
  status: string;
  /** The ledger employment status the hire gave the person. */
  employment_status: string;
  created_at: string;
  created_by: number;
  updated_at: string;
  version: number;
}

export interface ReturnToWorkDateTable {
  county_code: string;
  since_date: string;
  updated_at: string;
  updated_by: number;
  version: number;
}

declare module '../schema.ts' {
  interface DB {
    referrals: ReferralTable;
    referral_steps: ReferralStepTable;
    employments: EmploymentTable;
    return_to_work_dates: ReturnToWorkDateTable;
  }
}
