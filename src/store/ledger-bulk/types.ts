import type { Kysely } from 'kysely';
import type { DB } from '../schema.ts';

/**
 * The bulk write path of the ledger (imports and the demo county): raw prepared statements on
 * SQLite and COPY on PostgreSQL, one transaction per batch, never the query builder (it costs
 * ~2.7 µs a row, as much as the whole insert).
 */

/** Person columns written by a bulk load, in this order in every row array. */
export const PERSON_BULK_COLUMNS = [
  'household_id', 'village_code', 'relation', 'name', 'gender', 'birth_date',
  'id_enc', 'id_hash', 'id_masked', 'phone_enc', 'phone_hash', 'phone_masked',
  'education', 'labor_capacity', 'skills', 'employment_status', 'employer_name', 'monthly_income_yuan',
  'training_wish', 'job_wish_types', 'available_from', 'preferred_scope', 'min_monthly_pay_yuan', 'row_hash',
] as const;

/** Types of the columns above on PostgreSQL (staging table and casts). */
export const PERSON_BULK_PG_TYPES: Record<(typeof PERSON_BULK_COLUMNS)[number], string> = {
  household_id: 'bigint', village_code: 'text', relation: 'text', name: 'text', gender: 'text', birth_date: 'text',
  id_enc: 'text', id_hash: 'text', id_masked: 'text', phone_enc: 'text', phone_hash: 'text', phone_masked: 'text',
  education: 'text', labor_capacity: 'text', skills: 'jsonb', employment_status: 'text', employer_name: 'text', monthly_income_yuan: 'integer',
  training_wish: 'text', job_wish_types: 'jsonb', available_from: 'text', preferred_scope: 'text', min_monthly_pay_yuan: 'integer', row_hash: 'text',
};

/** A person row for `upsertPersons`: values in PERSON_BULK_COLUMNS order (JSON columns as JSON text). */
export type PersonBulkRow = unknown[];

export interface ExistingPerson {
  id: number;
  householdId: number;
  rowHash: string;
}

export interface ExistingHousehold {
  id: number;
  villageCode: string;
  category: string;
  monitoredSubtype: string | null;
  relocated: boolean;
}

export interface HouseholdInsert {
  householdNo: string;
  villageCode: string;
  category: string;
  monitoredSubtype: string | null;
  relocated: boolean;
  members: number;
  workingAge: number;
  employed: number;
  zeroEmployment: boolean;
}

export interface HouseholdUpdate {
  id: number;
  villageCode: string;
  category: string;
  monitoredSubtype: string | null;
  relocated: boolean;
}

export interface HistoryInsert {
  householdId: number;
  category: string;
  monitoredSubtype: string | null;
  effectiveDate: string;
  actorId: number;
}

export interface AuditInsert {
  actorId: number;
  actorName: string;
  action: string;
  entity: string;
  entityId: string;
  regionCode: string | null;
  /** JSON text of the changed fields (sensitive values masked by the caller). */
  changes: string;
}

export interface MemberRow {
  householdId: number;
  birthDate: string;
  employmentStatus: string;
  laborCapacity: string;
}

export interface FactsUpdate {
  id: number;
  members: number;
  workingAge: number;
  employed: number;
  zeroEmployment: boolean;
}

/** Everything one batch transaction may do; all of it commits together or not at all. */
export interface LedgerBulkTx {
  /** The query builder on the batch's own connection, inside its transaction (figures kept per region are updated through it). */
  readonly db: Kysely<DB>;
  findPersons(idHashes: string[]): Promise<Map<string, ExistingPerson>>;
  /** Full rows of persons about to change, for the audit trail. */
  personRows(ids: number[]): Promise<Record<string, unknown>[]>;
  findHouseholds(householdNos: string[]): Promise<Map<string, ExistingHousehold>>;
  /** Inserts households; returns household number → id. */
  insertHouseholds(rows: HouseholdInsert[]): Promise<Map<string, number>>;
  updateHouseholds(rows: HouseholdUpdate[]): Promise<void>;
  insertHistory(rows: HistoryInsert[]): Promise<void>;
  /** Inserts new persons and rewrites changed ones (matched on the live ID-number hash). */
  upsertPersons(rows: PersonBulkRow[]): Promise<void>;
  insertAudits(rows: AuditInsert[]): Promise<void>;
  /** Live members of the households, for recomputing their facts. */
  membersOf(householdIds: number[]): Promise<MemberRow[]>;
  setFacts(rows: FactsUpdate[]): Promise<void>;
}

export interface LedgerBulk {
  /**
   * Readies the session for a load of about `expectedRows` rows (settings for bulk writing; on a
   * nearly empty ledger, secondary person indexes set aside). Also rebuilds indexes a load that
   * died midway left set aside. Pair with `endLoad`.
   *
   * With `whole`, an engine that can (SQLite) makes a load into a ledger with no one in it one
   * transaction: it holds the write lock until `endLoad`, sets the unique ID-number index aside too
   * and builds every index once at the end; a load that fails or is killed keeps nothing. For a
   * command that owns the load; other writers wait until it ends. `whole` in the result says
   * whether it was taken.
   */
  beginLoad(expectedRows: number, o?: { whole?: boolean }): Promise<{ indexesSetAside: string[]; whole: boolean }>;
  /** Builds what `beginLoad` set aside; call after success and failure alike (`ok` false: a whole load keeps nothing). */
  endLoad(ok?: boolean): Promise<void>;
  transaction<T>(fn: (tx: LedgerBulkTx) => Promise<T>): Promise<T>;
  /** Looks up without a transaction (dry runs). */
  readonly read: Pick<LedgerBulkTx, 'findPersons' | 'findHouseholds'>;
  /** Restores the session's settings `beginLoad` changed and gives the connection back. */
  close(): Promise<void>;
}
