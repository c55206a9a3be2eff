import type { Generated } from 'kysely';

export interface OccupationTable {
  code: string;
  name_zh: string;
  name_en: string | null;
  parent_code: string | null;
  level: number;
  builtin: number | boolean;
}

export interface MinimumWageTableRow {
  province_code: string;
  effective_from: string;
  /** JSON array of monthly amounts in fen, class 1 first. */
  classes_fen: unknown;
  source: string;
}

export interface MinimumWageCountyTable {
  county_code: string;
  wage_class: number;
  updated_at: string;
  version: number;
}

export interface EmployerTable {
  id: Generated<number>;
  name: string;
  credit_code: string;
  region_code: string;
  /** The region of the office that manages the record (its scope); the location may lie elsewhere. */
  scope_code: string;
  address: string;
  industry: string;
  is_sme: number | boolean;
  contact_name: string;
  contact_phone: string;
  operating_status: string;
  status_date: string | null;
  employees_total: number;
  poor_employees: number;
  is_workshop: number | boolean;
  workshop_recognized_on: string | null;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface PostingTable {
  id: Generated<number>;
  employer_id: number;
  external_no: string | null;
  title: string;
  occupation_code: string;
  post_type: string;
  openings: number;
  filled: number;
  pay_min_fen: number;
  pay_max_fen: number;
  region_code: string;
  town_code: string | null;
  county_code: string | null;
  city_code: string | null;
  province_code: string;
  scope_code: string;
  address: string;
  start_date: string;
  end_date: string | null;
  hours: string;
  requirements: unknown;
  board: number | boolean;
  lodging: number | boolean;
  weak_labor_ok: number | boolean;
  status: string;
  accident_insurance_fen: number | null;
  description: string;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface CampaignTable {
  id: Generated<number>;
  name: string;
  region_code: string;
  starts_on: string;
  ends_on: string;
  description: string;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface CampaignEventTable {
  id: Generated<number>;
  campaign_id: number;
  kind: string;
  name: string;
  region_code: string;
  place: string;
  held_on: string;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface EventPostingTable {
  event_id: number;
  posting_id: number;
}

export interface EventEmployerTable {
  event_id: number;
  employer_id: number;
}

export interface EventAttendanceTable {
  id: Generated<number>;
  event_id: number;
  person_id: number;
  village_code: string;
  checked_in_at: string;
  checked_in_by: number;
}

export interface EventIntentionTable {
  id: Generated<number>;
  event_id: number;
  person_id: number;
  posting_id: number;
  village_code: string;
  note: string;
  created_at: string;
  created_by: number;
}

declare module '../schema.ts' {
  interface DB {
    occupations: OccupationTable;
    minimum_wage_tables: MinimumWageTableRow;
    minimum_wage_counties: MinimumWageCountyTable;
    employers: EmployerTable;
    postings: PostingTable;
    campaigns: CampaignTable;
    campaign_events: CampaignEventTable;
    event_postings: EventPostingTable;
    event_employers: EventEmployerTable;
    event_attendance: EventAttendanceTable;
    event_intentions: EventIntentionTable;
  }
}
