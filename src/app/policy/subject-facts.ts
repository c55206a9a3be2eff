import type { Actor } from '../../domain/access/actor.ts';
import { authorize } from '../../domain/access/policy.ts';
import { DomainError } from '../../domain/errors.ts';
import { presentEvaluation, previewPolicy } from '../../domain/policy/evaluate.ts';
import { fenToYuan } from '../../domain/policy/money.ts';
import type { CompiledPolicy, SubjectKind } from '../../domain/policy/rule.ts';
import { parseSubject, SUBJECT_FORMATS } from '../../domain/policy/subject.ts';
import { subjectFactsRepository } from '../../store/repositories/subject-facts.repository.ts';
import { tripsRepository, type PassengerRecord, type TripRecord } from '../../store/repositories/trips.repository.ts';
import type { App, Tx } from '../context.ts';
import { loadPolicy } from './catalog.ts';
import { fillLookups } from './facts.ts';
import { demandMinimumWages } from './minimum-wage.ts';

/** A claim's subject as the records hold it: who it is for, where, and the policy's facts the records know. */
export interface SubjectRecord {
  personId: number | null;
  employerId: number | null;
  /** The region the claim is filed in: the employer's for a hire, the person's village otherwise. */
  regionCode: string;
  /** The policy's facts the records hold (lookups such as the minimum wage filled); facts they lack are absent. */
  facts: Record<string, unknown>;
}

/**
 * The facts of the transport subsidy for one passenger of a trip (travelCost in yuan, as the policy
 * reads it): the seat's share of the vehicle's cost, known once the passenger has arrived.
 */
export function tripFacts(trip: TripRecord, p: PassengerRecord, shareFen: number | null, claimsThisYear?: number): Record<string, unknown> {
  return {
    personCategory: p.householdCategory,
    homeRegion: p.villageCode,
    workRegion: trip.destination.regionCode,
    ...(shareFen == null ? {} : { travelCost: fenToYuan(shareFen) }),
    travelDate: trip.travelDate,
    ...(claimsThisYear === undefined ? {} : { claimsThisYear }),
  };
}

interface Found {
  personId: number | null;
  employerId: number | null;
  regionCode: string;
  /** Everything known about the subject, by fact name; the policy keeps the facts it declares. */
  known: Record<string, unknown>;
}

async function findSubject(db: Tx, kind: SubjectKind, subjectId: string): Promise<Found | undefined> {
  const ref = parseSubject(kind, subjectId);
  if (!ref) return undefined;
  switch (ref.kind) {
    case 'hire': {
      const h = await subjectFactsRepository.hire(db, ref.referralId);
      if (!h?.employment) return undefined;
      return {
        personId: h.personId,
        employerId: h.employerId,
        regionCode: h.employerRegion,
        known: {
          employerRegion: h.employerRegion,
          employerSme: h.employerSme,
          newRecruit: h.earlierAtEmployer === 0,
          personCategory: h.category,
          personRelocated: h.relocated,
          hireDate: h.employment.startDate,
          homeRegion: h.villageCode,
          workRegion: h.employment.regionCode,
          monthlyPay: fenToYuan(h.employment.payFen),
        },
      };
    }
    case 'trip': {
      const trip = await tripsRepository.byId(db, ref.tripId);
      if (!trip) return undefined;
      const seats = (await tripsRepository.passengers(db, ref.tripId)).filter((p) => p.personId === ref.personId);
      const p = seats.find((s) => s.status === 'arrived') ?? seats.at(-1);
      if (!p) return undefined;
      return { personId: p.personId, employerId: null, regionCode: p.villageCode, known: tripFacts(trip, p, p.costShareFen) };
    }
    case 'post-month': {
      const r = await subjectFactsRepository.postMonth(db, ref.personId, ref.monthStart, ref.monthEnd);
      // A recorded job decides the months; a post known to the ledger alone (no job recorded) counts for any month.
      if (!r || (!r.post && (r.anyPost || r.employmentStatus !== 'public_welfare'))) return undefined;
      const known: Record<string, unknown> = { personCategory: r.category, personRelocated: r.relocated, homeRegion: r.villageCode };
      if (r.post) {
        known.monthlyPay = fenToYuan(r.post.payFen);
        if (r.post.insuranceFen != null) known.insuranceCoverage = fenToYuan(r.post.insuranceFen);
        known.postRegion = r.post.regionCode;
        // The month's first day, or the day the post began when that is later.
        known.startDate = r.post.startDate > ref.monthStart ? r.post.startDate : ref.monthStart;
      } else {
        // On a post by the ledger alone: its pay is the person's monthly income there; the insurance is not recorded.
        if (r.monthlyIncomeYuan != null) known.monthlyPay = r.monthlyIncomeYuan;
        known.postRegion = r.villageCode;
        known.startDate = ref.monthStart;
      }
      return { personId: r.personId, employerId: null, regionCode: r.villageCode, known };
    }
    case 'course-completion': {
      const e = await subjectFactsRepository.enrollment(db, ref.enrollmentId);
      if (!e) return undefined;
      return {
        personId: e.personId,
        employerId: null,
        regionCode: e.villageCode,
        known: {
          personCategory: e.category,
          personRelocated: e.relocated,
          homeRegion: e.villageCode,
          courseId: e.courseId,
          courseRegion: e.courseRegion,
          courseDesignated: e.subsidyApplies,
          courseHours: e.courseHours,
          hoursAttended: e.hoursAttended,
          hasCertificate: e.certificateNo != null,
          completedOn: e.status === 'completed' ? e.completedOn : null,
        },
      };
    }
  }
}

/** The not-found error of a subject, naming it and how its id is written. */
export function subjectNotFound(kind: SubjectKind, subjectId: string): DomainError {
  return new DomainError('not_found', `No ${kind} ${subjectId} was found in your region (a ${kind} is named by ${SUBJECT_FORMATS[kind]})`, { details: { what: kind, id: subjectId } });
}

/**
 * Reads a claim's subject from the records and returns the facts the policy declares that they
 * hold: the hire, its posting's employer and the person's household (hire); the seat on a trip
 * (trip); the person's public-welfare job in the month (post-month); the enrollment and its course
 * (course-completion). `claimsThisYear`, when the policy has it, counts the person's live claims
 * under the policy in the year of its date fact. A subject that does not exist gives undefined;
 * one outside the actor's region (or, for an employer account, of another company) is reported
 * as not found.
 */
export async function gatherSubject(app: App, actor: Actor, policy: CompiledPolicy, kind: SubjectKind, subjectId: string, action = 'claim.create', db: Tx = app.database.db): Promise<SubjectRecord | undefined> {
  const found = await findSubject(db, kind, subjectId);
  if (!found) return undefined;
  authorize(actor, action, actor.role === 'employer' ? { employerId: kind === 'hire' ? found.employerId : null } : { regionCode: found.regionCode }, `${kind} ${subjectId}`);
  const rule = policy.rule;
  const facts: Record<string, unknown> = {};
  for (const name of Object.keys(rule.facts)) {
    const v = found.known[name];
    if (v !== undefined && v !== null) facts[name] = v;
  }
  if (Object.hasOwn(rule.facts, 'claimsThisYear') && found.personId != null) {
    const m = typeof facts[rule.dateFact] === 'string' ? /^(\d{4})-/.exec(facts[rule.dateFact] as string) : null;
    if (m) facts.claimsThisYear = await subjectFactsRepository.liveClaims(db, found.personId, rule.id, Number(m[1]));
  }
  return { personId: found.personId, employerId: found.employerId, regionCode: found.regionCode, facts: fillLookups(policy, facts, { minimumWage: await demandMinimumWages(db) }) };
}

/** Facts the policy needs (read by a condition or the amount, or not optional) that are absent. */
export function factsMissing(policy: CompiledPolicy, facts: Record<string, unknown>): string[] {
  return Object.entries(policy.rule.facts)
    .filter(([name, spec]) => (policy.required.includes(name) || !spec.optional) && (facts[name] === undefined || facts[name] === null))
    .map(([name]) => name);
}

/**
 * What a claim for a subject would be, from the records alone, without writing anything: the
 * facts found, those the records do not hold, and the evaluation (conditions that read a missing
 * fact are shown as not passed). The claim form fills itself from this.
 */
export async function previewSubjectFacts(app: App, actor: Actor, q: { policy: string; subjectKind: SubjectKind; subjectId: string }) {
  authorize(actor, 'claim.create');
  const policy = await loadPolicy(app, q.policy);
  if (q.subjectKind !== policy.rule.subjectKind) {
    throw DomainError.invalid([{ field: 'subjectKind', code: 'subject_kind_mismatch', message: `policy ${policy.rule.id} pays for a ${policy.rule.subjectKind}, not a ${q.subjectKind}`, messageZh: '补贴对象类型与政策不符' }]);
  }
  const s = await gatherSubject(app, actor, policy, q.subjectKind, q.subjectId);
  if (!s) throw subjectNotFound(q.subjectKind, q.subjectId);
  return {
    policy: policy.rule.id,
    subjectKind: q.subjectKind,
    subjectId: q.subjectId,
    personId: s.personId,
    employerId: s.employerId,
    regionCode: s.regionCode,
    facts: s.facts,
    missing: factsMissing(policy, s.facts),
    evaluation: presentEvaluation(previewPolicy(policy, s.facts)),
  };
}
