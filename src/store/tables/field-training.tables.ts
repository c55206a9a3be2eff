import type { Generated } from 'kysely';

export interface VerificationRoundTable {
  id: Generated<number>;
  county_code: string;
  name: string;
  starts_on: string | null;
  ends_on: string | null;
  /** open | closed */
  status: string;
  created_by: number;
  created_at: string;
  closed_at: string | null;
  closed_by: number | null;
  version: number;
}

export interface VerificationTeamTable {
  id: Generated<number>;
  round_id: number;
  name: string;
  created_at: string;
}

export interface VerificationTeamMemberTable {
  round_id: number;
  team_id: number;
  user_id: number;
}

export interface VerificationAssignmentTable {
  round_id: number;
  village_code: string;
  team_id: number;
  assigned_at: string;
}

export interface VerificationTaskTable {
  id: Generated<number>;
  round_id: number;
  team_id: number;
  household_id: number;
  village_code: string;
  /** pending | visited | conflict */
  status: string;
  visited_at: string | null;
  visited_by: number | null;
  frozen: number | boolean;
  updated_at: string;
}

export interface VerificationVisitTable {
  id: Generated<number>;
  round_id: number;
  task_id: number;
  village_code: string;
  verifier_id: number;
  idempotency_key: string;
  visited_at: string;
  received_at: string;
  note: string | null;
  applied: number;
  conflicts: number;
  /** JSON: the answer sent to the verifier, returned again for a resend. */
  result: unknown;
}

export interface VerificationCheckTable {
  id: Generated<number>;
  round_id: number;
  task_id: number;
  visit_id: number;
  person_id: number;
  village_code: string;
  outcome: string;
  /** applied | conflict | resolved */
  state: string;
  checked_at: string;
}

export interface VerificationConflictTable {
  id: Generated<number>;
  round_id: number;
  task_id: number;
  visit_id: number;
  person_id: number;
  village_code: string;
  verifier_id: number;
  base_version: number;
  server_version: number;
  /** JSON: what the verifier recorded; a phone is kept sealed with its masked form. */
  field_values: unknown;
  /** open | resolved */
  status: string;
  created_at: string;
  resolved_at: string | null;
  resolved_by: number | null;
  resolution: unknown;
}

export interface IdempotencyKeyTable {
  key: string;
  user_id: number;
  scope: string;
  status: number;
  response: unknown;
  created_at: string;
}

export interface TrainingProviderTable {
  id: Generated<number>;
  name: string;
  credit_code: string | null;
  region_code: string;
  address: string;
  contact_name: string;
  contact_phone: string;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface TrainingProviderAccountTable {
  user_id: number;
  provider_id: number;
  linked_at: string;
}

export interface CourseTable {
  id: Generated<number>;
  provider_id: number;
  title: string;
  occupation_code: string;
  mode: string;
  hours: number;
  starts_on: string;
  ends_on: string;
  schedule: string;
  place: string | null;
  online_platform: string | null;
  region_code: string;
  capacity: number;
  subsidy_applies: number | boolean;
  status: string;
  created_by: number;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface EnrollmentTable {
  id: Generated<number>;
  course_id: number;
  person_id: number;
  village_code: string;
  /** enrolled | completed | dropped */
  status: string;
  hours_attended: number;
  enrolled_at: string;
  completed_on: string | null;
  certificate_no: string | null;
  certificate_level: string | null;
  dropped_on: string | null;
  drop_reason: string | null;
  /** JSON: the training-subsidy claim raised on completion, when one was. */
  claim_ref: unknown;
  created_by: number;
  updated_at: string;
  version: number;
}

export interface EnrollmentAttendanceTable {
  id: Generated<number>;
  enrollment_id: number;
  on_date: string;
  hours: number;
  note: string | null;
  recorded_by: number;
  recorded_at: string;
}

declare module '../schema.ts' {
  interface DB {
    verification_rounds: VerificationRoundTable;
    verification_teams: VerificationTeamTable;
    verification_team_members: VerificationTeamMemberTable;
    verification_assignments: VerificationAssignmentTable;
    verification_tasks: VerificationTaskTable;
    verification_visits: VerificationVisitTable;
    verification_checks: VerificationCheckTable;
    verification_conflicts: VerificationConflictTable;
    idempotency_keys: IdempotencyKeyTable;
    training_providers: TrainingProviderTable;
    training_provider_accounts: TrainingProviderAccountTable;
    courses: CourseTable;
    enrollments: EnrollmentTable;
    enrollment_attendance: EnrollmentAttendanceTable;
  }
}
