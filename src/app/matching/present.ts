import type { Actor } from '../../domain/access/actor.ts';
import { REFERRAL_STATE_NAMES, type ReferralState } from '../../domain/matching/referral-states.ts';
import type { EmploymentRecord } from '../../store/repositories/employments.repository.ts';
import type { ReferralRecord, ReferralStepRecord } from '../../store/repositories/referrals.repository.ts';
import { maskName, today } from './common.ts';

export interface Names {
  persons: Map<number, string>;
  postings: Map<number, { title: string; employerName: string }>;
}

/** The person of a referral or job: an employer gets the name masked, no person id and the county only, not the village. */
function personSeenBy(actor: Actor, names: Names, r: { personId: number; villageCode: string }) {
  const name = names.persons.get(r.personId) ?? '';
  if (actor.role !== 'employer') return { personId: r.personId as number | null, personName: name, villageCode: r.villageCode };
  return { personId: null, personName: maskName(name), villageCode: r.villageCode.slice(0, 6) };
}

/**
 * A referral as a client sees it. Staff see the person by name; an employer sees the name masked
 * and no person id or reasons (they name the household's priority, which is not the employer's business).
 */
export function presentReferral(r: ReferralRecord, actor: Actor, names: Names, steps?: ReferralStepRecord[]) {
  const employer = actor.role === 'employer';
  const posting = names.postings.get(r.postingId);
  return {
    id: r.id,
    ...personSeenBy(actor, names, r),
    postingId: r.postingId,
    postingTitle: posting?.title ?? '',
    employerId: r.employerId,
    employerName: posting?.employerName ?? '',
    status: r.status,
    statusName: REFERRAL_STATE_NAMES[r.status as ReferralState] ?? { zh: r.status, en: r.status },
    source: r.source,
    score: r.score,
    reasons: employer ? [] : r.reasons,
    ownerId: employer ? null : r.ownerId,
    lastStepOn: r.lastStepOn,
    dueOn: r.dueOn,
    overdue: r.dueOn != null && r.dueOn < today(),
    closedOn: r.closedOn,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    version: r.version,
    ...(steps ? { steps: steps.map((s) => ({ from: s.from, to: s.to, on: s.on, at: s.at, by: employer ? null : s.actorName, note: s.note })) } : {}),
  };
}
export type ReferralView = ReturnType<typeof presentReferral>;

export function presentEmployment(e: EmploymentRecord, actor: Actor, names: Names) {
  return {
    id: e.id,
    ...personSeenBy(actor, names, e),
    referralId: e.referralId,
    employerId: e.employerId,
    employerName: e.postingId != null ? (names.postings.get(e.postingId)?.employerName ?? '') : '',
    postingId: e.postingId,
    postingTitle: e.postingId != null ? (names.postings.get(e.postingId)?.title ?? '') : '',
    regionCode: e.regionCode,
    address: e.address,
    startDate: e.startDate,
    endDate: e.endDate,
    payYuan: e.payFen / 100,
    status: e.status,
    employmentStatus: e.employmentStatus,
    createdAt: e.createdAt,
    version: e.version,
  };
}
