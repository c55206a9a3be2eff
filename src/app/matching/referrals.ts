import type { Transaction } from 'kysely';
import type { Actor } from '../../domain/access/actor.ts';
import { authorize, inScope, scopeRegion } from '../../domain/access/policy.ts';
import { DomainError } from '../../domain/errors.ts';
import { employmentStatusFor } from '../../domain/matching/employment.ts';
import { evaluatePair } from '../../domain/matching/evaluate.ts';
import type { FitFailureCode } from '../../domain/matching/fit.ts';
import {
  assertTransition, CLOSED_STATES, dueAfter, EMPLOYER_STATES, INITIAL_STATE, isReferralState, REFERRAL_SOURCES,
  type ReferralSource, type ReferralState,
} from '../../domain/matching/referral-states.ts';
import { nowIso } from '../../store/codec.ts';
import { employmentsRepository, isSecondCurrentEmployment, type EmploymentRecord } from '../../store/repositories/employments.repository.ts';
import { matchingRepository } from '../../store/repositories/matching.repository.ts';
import { referralsRepository, type ReferralFilter, type ReferralRecord } from '../../store/repositories/referrals.repository.ts';
import type { DB } from '../../store/schema.ts';
import { writeAudit } from '../audit/audit.ts';
import { inTransaction, type App, type Tx } from '../context.ts';
import { noteRegionsChanged } from '../region-changes.ts';
import { decodeCursor, page } from '../demand/common.ts';
import { refreshHouseholdFacts } from '../ledger/household-facts.ts';
import { isCommissioner, seesRecord, stepDate, today } from './common.ts';
import { presentReferral } from './present.ts';

function auditView(r: ReferralRecord) {
  return { personId: r.personId, postingId: r.postingId, status: r.status, source: r.source, score: r.score, ownerId: r.ownerId, lastStepOn: r.lastStepOn, dueOn: r.dueOn, closedOn: r.closedOn };
}

async function present(db: Tx, actor: Actor, list: ReferralRecord[], withSteps = false) {
  const names = await matchingRepository.names(db, list.map((r) => r.personId), list.map((r) => r.postingId));
  const steps = withSteps ? await referralsRepository.steps(db, list.map((r) => r.id)) : undefined;
  return list.map((r) => presentReferral(r, actor, names, steps?.get(r.id) ?? (withSteps ? [] : undefined)));
}

async function loadReferral(db: Tx, actor: Actor, action: string, id: number): Promise<ReferralRecord> {
  authorize(actor, action);
  const r = await referralsRepository.byId(db, id);
  if (!r || !seesRecord(actor, r)) throw new DomainError('not_found', `Referral ${id} was not found in your region`, { details: { what: 'Referral', id } });
  return r;
}

/** Preferences a person overrides by choosing a posting themselves (at a fair, or by applying). */
const OWN_CHOICE_OVERRIDES: ReadonlySet<FitFailureCode> = new Set(['occupation_mismatch', 'pay_below_minimum', 'outside_preferred_scope', 'not_available', 'not_seeking']);

export interface CreateReferralInput {
  personId: number;
  postingId: number;
  source?: Exclude<ReferralSource, 'batch'>;
  note?: string;
}

/**
 * A commissioner refers one person to one posting. The pair must fit; when the person chose the
 * posting (a fair intention, an application), their choice stands in for the recorded wishes, but
 * the posting must still be open and the person eligible (age, certificate, capacity).
 */
export async function createReferral(app: App, actor: Actor, input: CreateReferralInput) {
  authorize(actor, 'referral.create');
  const source = input.source ?? 'manual';
  if (!(REFERRAL_SOURCES as readonly string[]).includes(source) || source === ('batch' as string)) {
    throw DomainError.invalid([{ field: 'source', code: 'value_unknown', message: 'must be manual, fair_intention or application (batch referrals come from a match run)', messageZh: '来源应为人工推荐、招聘会意向或本人申请' }]);
  }
  return inTransaction(app, async (trx) => {
    const person = await matchingRepository.personById(trx, input.personId);
    if (!person || !inScope(actor, person.villageCode)) throw new DomainError('not_found', `Person ${input.personId} was not found in your region`, { details: { what: 'Person', id: input.personId } });
    const posting = await matchingRepository.postingById(trx, input.postingId);
    if (!posting) throw DomainError.notFound('Posting', input.postingId);
    const on = today();
    const e = evaluatePair(person, posting, { on });
    const failures = source === 'manual' ? e.failures : e.failures.filter((f) => !OWN_CHOICE_OVERRIDES.has(f.code));
    if (failures.length) {
      throw DomainError.invalid(failures.map((f) => ({ field: 'postingId', code: f.code, message: f.en, messageZh: f.zh, params: f.params })), 'The person does not fit this posting');
    }
    const existing = await referralsRepository.openFor(trx, person.id, posting.id);
    if (existing) throw DomainError.conflict('referral_exists', `Person ${person.id} already has open referral ${existing.id} to posting ${posting.id}`, { referralId: existing.id });
    const status = INITIAL_STATE[source];
    const r = await referralsRepository.insert(trx, {
      personId: person.id, postingId: posting.id, employerId: posting.employerId, villageCode: person.villageCode, postingScopeCode: posting.scopeCode,
      status, source, score: e.score?.total ?? null, reasons: e.reasons, ownerId: isCommissioner(actor) ? actor.userId : null, matchRun: null,
      lastStepOn: on, dueOn: dueAfter(status, on), closedOn: null, createdBy: actor.userId,
    });
    await referralsRepository.addStep(trx, { referralId: r.id, from: null, to: status, on, at: nowIso(), actorId: actor.userId, actorName: actor.username, note: input.note ?? '' });
    await writeAudit(trx, actor, { action: 'referral.create', entity: 'referral', entityId: r.id, regionCode: r.villageCode, after: auditView(r) });
    return (await present(trx, actor, [r], true))[0];
  });
}

export async function getReferral(app: App, actor: Actor, id: number) {
  const db = app.database.db;
  const r = await loadReferral(db, actor, 'referral.read', id);
  return (await present(db, actor, [r], true))[0];
}

export interface ReferralQuery {
  region?: string;
  status?: string;
  open?: boolean;
  personId?: number;
  postingId?: number;
  source?: string;
  /** The caller's worklist: open referrals they own or nobody owns, earliest due first. */
  mine?: boolean;
  overdue?: boolean;
  cursor?: string;
  limit?: number;
}

/** Referrals within the caller's reach, filtered; the worklist (`mine`) puts overdue follow-ups first. */
export async function listReferrals(app: App, actor: Actor, q: ReferralQuery) {
  authorize(actor, 'referral.read');
  const limit = Math.min(Math.max(q.limit ?? 50, 1), 500);
  const statuses = q.status ? q.status.split(',').map((s) => s.trim()).filter(Boolean) : undefined;
  for (const s of statuses ?? []) {
    if (!isReferralState(s)) throw DomainError.invalid([{ field: 'status', code: 'value_unknown', message: `"${s}" is not a referral state`, messageZh: '推荐状态无效' }]);
  }
  const employer = actor.role === 'employer';
  const within = employer ? '' : scopeRegion(actor, q.region);
  const byDue = q.mine === true || q.overdue === true;
  // The worklist is ordered by due date, so it pages by offset (the cursor encodes it); other lists page by id.
  const offset = byDue ? (decodeCursor(q.cursor) ?? 0) : undefined;
  const f: ReferralFilter = {
    within,
    employerId: employer ? (actor.employerId ?? -1) : undefined,
    status: statuses,
    open: q.mine || q.overdue ? true : q.open,
    personId: q.personId,
    postingId: q.postingId,
    source: q.source,
    ownerOrUnowned: q.mine && !employer ? actor.userId : undefined,
    dueBefore: q.overdue ? today() : undefined,
    afterId: byDue ? undefined : decodeCursor(q.cursor),
    byDue,
    offset,
    limit: limit + 1,
  };
  const db = app.database.db;
  const rows = await referralsRepository.list(db, f);
  const p = byDue ? { items: rows.slice(0, limit), nextCursor: rows.length > limit ? Buffer.from(String((offset ?? 0) + limit)).toString('base64url') : null } : page(rows, limit);
  return { items: await present(db, actor, p.items), nextCursor: p.nextCursor };
}

export interface TransitionInput {
  to: string;
  note?: string;
  date?: string;
}

/**
 * Moves a referral one step, dated, by the caller, with a note, audited. Hiring creates the
 * employment, sets the person's employment status and takes one opening of the posting, all in
 * this one transaction; the opening is taken by a conditional update, so concurrent hires never
 * fill more than the openings. Undoing a hire (no-show, declined after hiring) or leaving a job
 * gives the opening back and the person returns to looking for work.
 */
export async function transitionReferral(app: App, actor: Actor, id: number, input: TransitionInput) {
  if (!isReferralState(input.to)) throw DomainError.invalid([{ field: 'to', code: 'value_unknown', message: `must be a referral state`, messageZh: '目标状态无效' }]);
  const to = input.to;
  const note = (input.note ?? '').trim();
  return inTransaction(app, async (trx) => {
    const before = await loadReferral(trx, actor, 'referral.transition', id);
    if (actor.role === 'employer' && !EMPLOYER_STATES.has(to)) throw DomainError.forbidden(`An employer account may record ${[...EMPLOYER_STATES].join(', ')}; ${to} is recorded by the labor commissioner`);
    const from = before.status as ReferralState;
    assertTransition(from, to);
    const on = stepDate('date', input.date, before.lastStepOn);
    const closed = CLOSED_STATES.has(to);
    const after = await referralsRepository.transition(trx, id, before.version, from, {
      status: to,
      lastStepOn: on,
      dueOn: closed ? null : dueAfter(to, on),
      closedOn: closed ? on : null,
      ownerId: before.ownerId ?? (isCommissioner(actor) ? actor.userId : null),
    });
    if (!after) throw DomainError.conflict('conflict', `Referral ${id} was changed by someone else meanwhile; reload it and try again`, { id });

    let employment: EmploymentRecord | undefined;
    if (to === 'hired') employment = await hire(trx, actor, after, on);
    else if (to === 'at_work') employment = await confirmAtWork(trx, actor, after);
    else if (from === 'hired' || from === 'at_work') employment = await endWork(trx, actor, after, on, to);

    await referralsRepository.addStep(trx, { referralId: id, from, to, on, at: nowIso(), actorId: actor.userId, actorName: actor.username, note });
    await writeAudit(trx, actor, { action: 'referral.transition', entity: 'referral', entityId: id, regionCode: after.villageCode, before: auditView(before), after: { ...auditView(after), note } });
    const view = (await present(trx, actor, [after], true))[0];
    return { ...view, employmentId: employment?.id ?? null };
  });
}

async function setPersonStatus(trx: Transaction<DB>, actor: Actor, personId: number, status: string, employerName: string | null, incomeYuan: number | null) {
  const before = await trx.selectFrom('persons').select(['employment_status', 'employer_name', 'monthly_income_yuan', 'household_id', 'village_code']).where('id', '=', personId).executeTakeFirstOrThrow();
  await trx
    .updateTable('persons')
    .set((eb) => ({ employment_status: status, employer_name: employerName, monthly_income_yuan: incomeYuan, updated_at: nowIso(), version: eb('version', '+', 1) }))
    .where('id', '=', personId)
    .execute();
  await refreshHouseholdFacts(trx, [Number(before.household_id)], today());
  await writeAudit(trx, actor, {
    action: 'person.employment',
    entity: 'person',
    entityId: personId,
    regionCode: before.village_code,
    before: { employmentStatus: before.employment_status, employerName: before.employer_name, monthlyIncome: before.monthly_income_yuan },
    after: { employmentStatus: status, employerName, monthlyIncome: incomeYuan },
  });
}

async function hire(trx: Transaction<DB>, actor: Actor, r: ReferralRecord, on: string): Promise<EmploymentRecord> {
  const taken = await trx
    .updateTable('postings')
    .set((eb) => ({
      filled: eb('filled', '+', 1),
      status: eb.case().when(eb('filled', '+', 1), '>=', eb.ref('openings')).then('filled').else(eb.ref('status')).end(),
      updated_at: nowIso(),
      version: eb('version', '+', 1),
    }))
    .where('id', '=', r.postingId)
    .where('status', '=', 'open')
    .whereRef('filled', '<', 'openings')
    .executeTakeFirst();
  if (Number(taken.numUpdatedRows) !== 1) {
    const p = await matchingRepository.postingById(trx, r.postingId);
    if (p && p.status === 'open') throw DomainError.conflict('posting_full', `All ${p.openings} openings of posting ${r.postingId} are filled`, { postingId: r.postingId, openings: p.openings });
    throw DomainError.conflict('posting_not_open', `Posting ${r.postingId} is ${p?.status ?? 'gone'}, not open: nobody more can be hired for it`, { postingId: r.postingId, status: p?.status });
  }
  const posting = (await matchingRepository.postingById(trx, r.postingId))!;
  noteRegionsChanged(trx, [posting.regionCode]);
  const status = employmentStatusFor(r.villageCode, posting.regionCode, posting.postType);
  let employment: EmploymentRecord;
  try {
    employment = await employmentsRepository.insert(trx, {
      personId: r.personId, referralId: r.id, employerId: posting.employerId, postingId: posting.id, villageCode: r.villageCode, regionCode: posting.regionCode,
      address: posting.address, startDate: on, payFen: posting.payMinFen, status: 'hired', employmentStatus: status, createdBy: actor.userId,
    });
  } catch (e) {
    if (isSecondCurrentEmployment(e)) throw DomainError.conflict('person_employed', `Person ${r.personId} already has a current job; record that they left it first`, { personId: r.personId });
    throw e;
  }
  await setPersonStatus(trx, actor, r.personId, status, posting.employerName, Math.round(posting.payMinFen / 100));
  await writeAudit(trx, actor, { action: 'employment.create', entity: 'employment', entityId: employment.id, regionCode: r.villageCode, after: { personId: r.personId, postingId: posting.id, employerId: posting.employerId, startDate: on, payFen: posting.payMinFen, regionCode: posting.regionCode, employmentStatus: status } });
  return employment;
}

async function confirmAtWork(trx: Transaction<DB>, actor: Actor, r: ReferralRecord): Promise<EmploymentRecord> {
  const e = await employmentsRepository.byReferral(trx, r.id);
  if (!e) throw DomainError.conflict('employment_missing', `Referral ${r.id} has no current employment to confirm`, { referralId: r.id });
  const after = await employmentsRepository.setStatus(trx, e.id, 'at_work', null);
  await writeAudit(trx, actor, { action: 'employment.at_work', entity: 'employment', entityId: e.id, regionCode: r.villageCode, before: { status: e.status }, after: { status: 'at_work' } });
  return after;
}

async function endWork(trx: Transaction<DB>, actor: Actor, r: ReferralRecord, on: string, to: ReferralState): Promise<EmploymentRecord | undefined> {
  const e = await employmentsRepository.byReferral(trx, r.id);
  if (!e) return undefined;
  const after = await employmentsRepository.setStatus(trx, e.id, 'ended', on);
  // The place is free again for someone else.
  await trx
    .updateTable('postings')
    .set((eb) => ({ filled: eb('filled', '-', 1), status: eb.case().when('status', '=', 'filled').then('open').else(eb.ref('status')).end(), updated_at: nowIso(), version: eb('version', '+', 1) }))
    .where('id', '=', r.postingId)
    .where('filled', '>', 0)
    .execute();
  noteRegionsChanged(trx, [e.regionCode]);
  await setPersonStatus(trx, actor, r.personId, 'seeking', null, null);
  await writeAudit(trx, actor, { action: 'employment.end', entity: 'employment', entityId: e.id, regionCode: r.villageCode, before: { status: e.status, endDate: null }, after: { status: 'ended', endDate: on, reason: to } });
  return after;
}
