import type { Tx } from '../../app/context.ts';
import { fromBool, fromJson, nowIso, toBool, toJson } from '../codec.ts';
import { inRegion } from '../region-prefix.ts';

export interface ClaimRecord {
  id: number;
  policyId: string;
  policyVersion: number;
  subjectKind: string;
  subjectId: string;
  personId: number | null;
  employerId: number | null;
  payee: string;
  regionCode: string;
  year: number;
  fundId: string;
  facts: Record<string, unknown>;
  explanation: unknown[];
  eligible: boolean;
  amountFen: number;
  status: string;
  currentStep: number;
  batchId: number | null;
  createdBy: number;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface ClaimStep {
  id: number;
  step: number;
  level: string;
  decision: string;
  reason: string;
  actorId: number;
  actorName: string;
  at: string;
}

function decode(r: any): ClaimRecord {
  return {
    id: Number(r.id),
    policyId: r.policy_id,
    policyVersion: Number(r.policy_version),
    subjectKind: r.subject_kind,
    subjectId: r.subject_id,
    personId: r.person_id == null ? null : Number(r.person_id),
    employerId: r.employer_id == null ? null : Number(r.employer_id),
    payee: r.payee,
    regionCode: r.region_code,
    year: Number(r.year),
    fundId: r.fund_id,
    facts: toJson(r.facts),
    explanation: toJson(r.explanation),
    eligible: toBool(r.eligible),
    amountFen: Number(r.amount_fen),
    status: r.status,
    currentStep: Number(r.current_step),
    batchId: r.batch_id == null ? null : Number(r.batch_id),
    createdBy: Number(r.created_by),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    version: Number(r.version),
  };
}

export interface ClaimFilter {
  within: string;
  status?: string;
  policyId?: string;
  employerId?: number;
  fundId?: string;
  beforeId?: number;
  limit: number;
}

export const claimsRepository = {
  async insert(db: Tx, c: Omit<ClaimRecord, 'id' | 'createdAt' | 'updatedAt' | 'version' | 'currentStep' | 'batchId'>): Promise<ClaimRecord> {
    const now = nowIso();
    const r = await db
      .insertInto('claims')
      .values({
        policy_id: c.policyId,
        policy_version: c.policyVersion,
        subject_kind: c.subjectKind,
        subject_id: c.subjectId,
        person_id: c.personId,
        employer_id: c.employerId,
        payee: c.payee,
        region_code: c.regionCode,
        year: c.year,
        fund_id: c.fundId,
        facts: fromJson(c.facts),
        explanation: fromJson(c.explanation),
        eligible: fromBool(c.eligible),
        amount_fen: c.amountFen,
        status: c.status,
        current_step: 0,
        batch_id: null,
        created_by: c.createdBy,
        created_at: now,
        updated_at: now,
        version: 1,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return decode(r);
  },
  async byId(db: Tx, id: number): Promise<ClaimRecord | undefined> {
    const r = await db.selectFrom('claims').selectAll().where('id', '=', id).executeTakeFirst();
    return r && decode(r);
  },
  async byIds(db: Tx, ids: number[]): Promise<ClaimRecord[]> {
    if (!ids.length) return [];
    return (await db.selectFrom('claims').selectAll().where('id', 'in', ids).orderBy('id').execute()).map(decode);
  },
  async list(db: Tx, f: ClaimFilter): Promise<ClaimRecord[]> {
    const rows = await db
      .selectFrom('claims')
      .selectAll()
      .$if(f.within !== '', (q) => q.where((eb) => inRegion(eb, 'region_code', f.within)))
      .$if(!!f.status, (q) => q.where('status', '=', f.status!))
      .$if(!!f.policyId, (q) => q.where('policy_id', '=', f.policyId!))
      .$if(!!f.fundId, (q) => q.where('fund_id', '=', f.fundId!))
      .$if(f.employerId !== undefined, (q) => q.where('employer_id', '=', f.employerId!))
      .$if(f.beforeId !== undefined, (q) => q.where('id', '<', f.beforeId!))
      .orderBy('id', 'desc')
      .limit(f.limit)
      .execute();
    return rows.map(decode);
  },
  /** Approved claims not yet in a batch, for a fund within a region (oldest first). */
  async payable(db: Tx, fundId: string, within: string, ids?: number[]): Promise<ClaimRecord[]> {
    const rows = await db
      .selectFrom('claims')
      .selectAll()
      .where('status', '=', 'approved')
      .where('fund_id', '=', fundId)
      .where('batch_id', 'is', null)
      .$if(within !== '', (q) => q.where((eb) => inRegion(eb, 'region_code', within)))
      .$if(!!ids, (q) => q.where('id', 'in', ids!.length ? ids! : [-1]))
      .orderBy('id')
      .execute();
    return rows.map(decode);
  },
  /** Moves a claim on, only from the status it was read in; false when someone else moved it first. */
  async transition(db: Tx, id: number, from: string, set: { status?: string; currentStep?: number; batchId?: number | null }): Promise<boolean> {
    const r = await db
      .updateTable('claims')
      .set((eb) => ({
        ...(set.status !== undefined ? { status: set.status } : {}),
        ...(set.currentStep !== undefined ? { current_step: set.currentStep } : {}),
        ...(set.batchId !== undefined ? { batch_id: set.batchId } : {}),
        updated_at: nowIso(),
        version: eb('version', '+', 1),
      }))
      .where('id', '=', id)
      .where('status', '=', from)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  },
  async steps(db: Tx, claimId: number): Promise<ClaimStep[]> {
    const rows = await db.selectFrom('claim_steps').selectAll().where('claim_id', '=', claimId).orderBy('id').execute();
    return rows.map((r) => ({ id: Number(r.id), step: Number(r.step), level: r.level, decision: r.decision, reason: r.reason, actorId: Number(r.actor_id), actorName: r.actor_name, at: r.at }));
  },
  async addStep(db: Tx, s: { claimId: number; step: number; level: string; decision: string; reason: string; actorId: number; actorName: string }): Promise<void> {
    await db.insertInto('claim_steps').values({ claim_id: s.claimId, step: s.step, level: s.level, decision: s.decision, reason: s.reason, actor_id: s.actorId, actor_name: s.actorName, at: nowIso() }).execute();
  },
  /**
   * Takes a limit key for a claim. Returns the id of the claim already holding it, or undefined
   * when taken. On PostgreSQL a concurrent insert of the same key waits for the other transaction
   * and then finds the key taken; SQLite serialises writers.
   */
  async takeLimit(db: Tx, policyId: string, key: string, claimId: number): Promise<number | undefined> {
    const r = await db.insertInto('claim_limits').values({ policy_id: policyId, limit_key: key, claim_id: claimId }).onConflict((oc) => oc.columns(['policy_id', 'limit_key']).doNothing()).returning('claim_id').executeTakeFirst();
    if (r) return undefined;
    const holder = await db.selectFrom('claim_limits').select('claim_id').where('policy_id', '=', policyId).where('limit_key', '=', key).executeTakeFirst();
    return holder ? Number(holder.claim_id) : -1;
  },
  async releaseLimits(db: Tx, claimId: number): Promise<void> {
    await db.deleteFrom('claim_limits').where('claim_id', '=', claimId).execute();
  },
  /** Live claims (submitted, approved, paid) of a person in a year under any of the policies. */
  async liveFor(db: Tx, personId: number, year: number, policyIds: string[]): Promise<ClaimRecord[]> {
    if (!policyIds.length) return [];
    const rows = await db.selectFrom('claims').selectAll().where('person_id', '=', personId).where('year', '=', year).where('policy_id', 'in', policyIds).where('status', 'in', ['submitted', 'approved', 'paid']).execute();
    return rows.map(decode);
  },
  /** Approved-but-unpaid claims of a fund and year within a region, in fen (what a budget has promised). */
  async committedFen(db: Tx, fundId: string, year: number, within: string, excludeId?: number): Promise<number> {
    const r = await db
      .selectFrom('claims')
      .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('amount_fen'), eb.lit(0)).as('s'))
      .where('fund_id', '=', fundId)
      .where('year', '=', year)
      .where('status', '=', 'approved')
      .where((eb) => inRegion(eb, 'region_code', within))
      .$if(excludeId !== undefined, (q) => q.where('id', '!=', excludeId!))
      .executeTakeFirstOrThrow();
    return Number(r.s);
  },
};
