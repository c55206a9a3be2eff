import type { Generated } from 'kysely';

export interface PolicyTable {
  id: string;
  name_zh: string;
  name_en: string;
  region_scope: string;
  current_version: number;
  created_at: string;
  updated_at: string;
}

export interface PolicyVersionTable {
  policy_id: string;
  version: number;
  /** JSON: the whole rule as saved (src/domain/policy/rule.ts). */
  rule: unknown;
  effective_from: string;
  effective_to: string | null;
  /** `default-pack` or `admin`. */
  source: string;
  note: string;
  created_by: number;
  created_by_name: string;
  created_at: string;
}

export interface FundTable {
  id: string;
  name_zh: string;
  name_en: string;
  created_at: string;
  updated_at: string;
}

export interface BudgetTable {
  id: Generated<number>;
  fund_id: string;
  region_code: string;
  year: number;
  amount_fen: number;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface ClaimTable {
  id: Generated<number>;
  policy_id: string;
  policy_version: number;
  subject_kind: string;
  subject_id: string;
  person_id: number | null;
  employer_id: number | null;
  payee: string;
  region_code: string;
  year: number;
  fund_id: string;
  /** JSON: the facts the claim was evaluated on, as they were at the time. */
  facts: unknown;
  /** JSON: the explanation lines of that evaluation. */
  explanation: unknown;
  eligible: number | boolean;
  amount_fen: number;
  status: string;
  current_step: number;
  batch_id: number | null;
  created_by: number;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface ClaimStepTable {
  id: Generated<number>;
  claim_id: number;
  step: number;
  level: string;
  decision: string;
  reason: string;
  actor_id: number;
  actor_name: string;
  at: string;
}

export interface ClaimLimitTable {
  policy_id: string;
  limit_key: string;
  claim_id: number;
}

export interface PaymentBatchTable {
  id: Generated<number>;
  fund_id: string;
  region_code: string;
  reference: string;
  entry_date: string;
  total_fen: number;
  entry_count: number;
  created_by: number;
  created_at: string;
}

export interface PaymentEntryTable {
  id: Generated<number>;
  kind: string;
  batch_id: number | null;
  claim_id: number | null;
  policy_id: string | null;
  fund_id: string;
  region_code: string;
  year: number;
  payee: string;
  amount_fen: number;
  entry_date: string;
  reference: string;
  reverses_id: number | null;
  reason: string;
  created_by: number;
  created_at: string;
}

declare module '../schema.ts' {
  interface DB {
    policies: PolicyTable;
    policy_versions: PolicyVersionTable;
    funds: FundTable;
    budgets: BudgetTable;
    claims: ClaimTable;
    claim_steps: ClaimStepTable;
    claim_limits: ClaimLimitTable;
    payment_batches: PaymentBatchTable;
    payment_entries: PaymentEntryTable;
  }
}
