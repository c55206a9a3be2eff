import { sql } from 'kysely';
import type { Tx } from '../../app/context.ts';
import type { Reason } from '../../domain/matching/reasons.ts';
import { fromJson, nowIso, toJson } from '../codec.ts';
import { inRegion } from '../region-prefix.ts';

export interface ReferralRecord {
  id: number;
  personId: number;
  postingId: number;
  employerId: number;
  villageCode: string;
  postingScopeCode: string;
  status: string;
  source: string;
  score: number | null;
  reasons: Reason[];
  ownerId: number | null;
  matchRun: string | null;
  lastStepOn: string;
  dueOn: string | null;
  closedOn: string | null;
  createdAt: string;
  createdBy: number;
  updatedAt: string;
  version: number;
}

export interface ReferralStepRecord {
  id: number;
  referralId: number;
  from: string | null;
  to: string;
  on: string;
  at: string;
  actorId: number;
  actorName: string;
  note: string;
}

export type NewReferral = Omit<ReferralRecord, 'id' | 'createdAt' | 'updatedAt' | 'version'>;

export function decodeReferral(r: any): ReferralRecord {
  return {
    id: Number(r.id),
    personId: Number(r.person_id),
    postingId: Number(r.posting_id),
    employerId: Number(r.employer_id),
    villageCode: r.village_code,
    postingScopeCode: r.posting_scope_code,
    status: r.status,
    source: r.source,
    score: r.score == null ? null : Number(r.score),
    reasons: toJson<Reason[]>(r.reasons) ?? [],
    ownerId: r.owner_id == null ? null : Number(r.owner_id),
    matchRun: r.match_run ?? null,
    lastStepOn: r.last_step_on,
    dueOn: r.due_on ?? null,
    closedOn: r.closed_on ?? null,
    createdAt: r.created_at,
    createdBy: Number(r.created_by),
    updatedAt: r.updated_at,
    version: Number(r.version),
  };
}

function encode(r: NewReferral, now: string) {
  return {
    person_id: r.personId,
    posting_id: r.postingId,
    employer_id: r.employerId,
    village_code: r.villageCode,
    posting_scope_code: r.postingScopeCode,
    status: r.status,
    source: r.source,
    score: r.score,
    reasons: fromJson(r.reasons),
    owner_id: r.ownerId,
    match_run: r.matchRun,
    last_step_on: r.lastStepOn,
    due_on: r.dueOn,
    closed_on: r.closedOn,
    created_at: now,
    created_by: r.createdBy,
    updated_at: now,
    version: 1,
  };
}

export interface ReferralFilter {
  /** Staff: the referral's person village or posting scope must lie here ('' = anywhere). */
  within: string;
  /** Employer accounts: only referrals to this company's postings. */
  employerId?: number;
  status?: string[];
  open?: boolean;
  personId?: number;
  postingId?: number;
  source?: string;
  /** The caller's worklist: referrals the caller owns, or that nobody owns yet. */
  ownerOrUnowned?: number;
  /** Referrals whose next step was due before this date. */
  dueBefore?: string;
  afterId?: number;
  /** Worklist order: earliest due first (overdue first), then id. */
  byDue?: boolean;
  offset?: number;
  limit: number;
}

export const referralsRepository = {
  async byId(db: Tx, id: number): Promise<ReferralRecord | undefined> {
    const r = await db.selectFrom('referrals').selectAll().where('id', '=', id).executeTakeFirst();
    return r && decodeReferral(r);
  },
  async openFor(db: Tx, personId: number, postingId: number): Promise<ReferralRecord | undefined> {
    const r = await db.selectFrom('referrals').selectAll().where('person_id', '=', personId).where('posting_id', '=', postingId).where('closed_on', 'is', null).executeTakeFirst();
    return r && decodeReferral(r);
  },
  async insert(db: Tx, r: NewReferral): Promise<ReferralRecord> {
    const row = await db.insertInto('referrals').values(encode(r, nowIso())).returningAll().executeTakeFirstOrThrow();
    return decodeReferral(row);
  },
  /**
   * Inserts many referrals, skipping any pair that already has an open referral (the partial unique
   * index decides, so concurrent runs cannot duplicate either). Returns the ids of those inserted.
   */
  async insertMany(db: Tx, list: NewReferral[]): Promise<{ id: number; personId: number; postingId: number }[]> {
    const now = nowIso();
    const out: { id: number; personId: number; postingId: number }[] = [];
    for (let i = 0; i < list.length; i += 500) {
      const rows = await db
        .insertInto('referrals')
        .values(list.slice(i, i + 500).map((r) => encode(r, now)))
        .onConflict((oc) => oc.columns(['person_id', 'posting_id']).where('closed_on', 'is', null).doNothing())
        .returning(['id', 'person_id', 'posting_id'])
        .execute();
      for (const r of rows) out.push({ id: Number(r.id), personId: Number(r.person_id), postingId: Number(r.posting_id) });
    }
    return out;
  },
  /** Moves a referral on, only if it is still in the state and version the caller read. */
  async transition(db: Tx, id: number, version: number, from: string, set: { status: string; lastStepOn: string; dueOn: string | null; closedOn: string | null; ownerId: number | null }): Promise<ReferralRecord | undefined> {
    const r = await db
      .updateTable('referrals')
      .set({ status: set.status, last_step_on: set.lastStepOn, due_on: set.dueOn, closed_on: set.closedOn, owner_id: set.ownerId, updated_at: nowIso(), version: version + 1 })
      .where('id', '=', id)
      .where('version', '=', version)
      .where('status', '=', from)
      .returningAll()
      .executeTakeFirst();
    return r && decodeReferral(r);
  },
  async addStep(db: Tx, s: Omit<ReferralStepRecord, 'id'>): Promise<void> {
    await db.insertInto('referral_steps').values({ referral_id: s.referralId, from_status: s.from, to_status: s.to, on_date: s.on, at: s.at, actor_id: s.actorId, actor_name: s.actorName, note: s.note }).execute();
  },
  async addSteps(db: Tx, steps: Omit<ReferralStepRecord, 'id'>[]): Promise<void> {
    for (let i = 0; i < steps.length; i += 500) {
      await db
        .insertInto('referral_steps')
        .values(steps.slice(i, i + 500).map((s) => ({ referral_id: s.referralId, from_status: s.from, to_status: s.to, on_date: s.on, at: s.at, actor_id: s.actorId, actor_name: s.actorName, note: s.note })))
        .execute();
    }
  },
  async steps(db: Tx, referralIds: number[]): Promise<Map<number, ReferralStepRecord[]>> {
    const out = new Map<number, ReferralStepRecord[]>();
    if (!referralIds.length) return out;
    const rows = await db.selectFrom('referral_steps').selectAll().where('referral_id', 'in', referralIds).orderBy('id').execute();
    for (const r of rows) {
      const s: ReferralStepRecord = { id: Number(r.id), referralId: Number(r.referral_id), from: r.from_status, to: r.to_status, on: r.on_date, at: r.at, actorId: Number(r.actor_id), actorName: r.actor_name, note: r.note };
      (out.get(s.referralId) ?? out.set(s.referralId, []).get(s.referralId)!).push(s);
    }
    return out;
  },
  async list(db: Tx, f: ReferralFilter): Promise<ReferralRecord[]> {
    const rows = await db
      .selectFrom('referrals')
      .selectAll()
      .$if(f.within !== '', (qb) => qb.where((eb) => eb.or([inRegion(eb, 'village_code', f.within), inRegion(eb, 'posting_scope_code', f.within)])))
      .$if(f.employerId !== undefined, (qb) => qb.where('employer_id', '=', f.employerId!))
      .$if(!!f.status?.length, (qb) => qb.where('status', 'in', f.status!))
      .$if(f.open === true, (qb) => qb.where('closed_on', 'is', null))
      .$if(f.open === false, (qb) => qb.where('closed_on', 'is not', null))
      .$if(f.personId != null, (qb) => qb.where('person_id', '=', f.personId!))
      .$if(f.postingId != null, (qb) => qb.where('posting_id', '=', f.postingId!))
      .$if(!!f.source, (qb) => qb.where('source', '=', f.source!))
      .$if(f.ownerOrUnowned != null, (qb) => qb.where((eb) => eb.or([eb('owner_id', '=', f.ownerOrUnowned!), eb('owner_id', 'is', null)])))
      .$if(!!f.dueBefore, (qb) => qb.where('due_on', '<', f.dueBefore!))
      .$if(f.afterId != null, (qb) => qb.where('id', '>', f.afterId!))
      .$if(!!f.byDue, (qb) => qb.orderBy(sql`case when due_on is null then 1 else 0 end`).orderBy('due_on').orderBy('id'))
      .$if(!f.byDue, (qb) => qb.orderBy('id'))
      .$if(f.offset != null, (qb) => qb.offset(f.offset!))
      .limit(f.limit)
      .execute();
    return rows.map(decodeReferral);
  },
};
