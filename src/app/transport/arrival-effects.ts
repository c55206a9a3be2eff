import type { Actor } from '../../domain/access/actor.ts';
import { inScope } from '../../domain/access/policy.ts';
import { isDomainError } from '../../domain/errors.ts';
import { employmentStatusFor } from '../../domain/matching/employment.ts';
import { seatShares } from '../../domain/transport/cost-share.ts';
import { transportTravelersRepository } from '../../store/repositories/transport-travelers.repository.ts';
import { tripsRepository, type PassengerRecord, type TripRecord } from '../../store/repositories/trips.repository.ts';
import { writeAudit } from '../audit/audit.ts';
import { inTransaction, type App, type Tx } from '../context.ts';
import { refreshHouseholdFacts } from '../ledger/household-facts.ts';
import { transitionReferral } from '../matching/referrals.ts';
import { createClaim, submitClaim } from '../policy/claims.ts';
import { attachRecordEvidence } from '../policy/evidence.ts';
import { tripFacts } from '../policy/subject-facts.ts';

/** The policy a passenger's arrival claims under. */
export const TRANSPORT_SUBSIDY_POLICY = 'transport-subsidy-shanxi-2020';

/**
 * Each traveller's share of the vehicle: its cost split over everyone who rode (boarded or
 * arrived), exact to the fen.
 */
export function shareOf(trip: TripRecord, passengers: PassengerRecord[], passengerId: number): number {
  const rode = passengers.filter((p) => (p.status === 'boarded' || p.status === 'arrived') && p.seatNo != null);
  const seat = passengers.find((p) => p.id === passengerId)?.seatNo;
  return seat == null ? 0 : (seatShares(trip.costFen, rode.map((p) => p.seatNo!)).get(seat) ?? 0);
}

/**
 * The person is at work, recorded in the ledger alone: for a passenger with no referral to the
 * destination's employer (a trip made by hand, or planned from the ledger), the arrival sets the
 * employment status the way a hire would (county, province or outside, by the work place against
 * the home village) and the employer's name, and refreshes the household's figures.
 */
export async function markAtWorkInLedger(trx: Tx, actor: Actor, trip: TripRecord, p: PassengerRecord): Promise<void> {
  const status = employmentStatusFor(p.villageCode, trip.destination.regionCode, 'regular');
  const person = (await transportTravelersRepository.persons(trx, [p.personId])).get(p.personId);
  if (!person) return;
  const employerName = trip.destination.kind === 'employer' ? trip.destination.name : null;
  await transportTravelersRepository.setAtWork(trx, p.personId, { employmentStatus: status, employerName });
  await refreshHouseholdFacts(trx, [p.householdId]);
  await writeAudit(trx, actor, {
    action: 'person.at_work',
    entity: 'person',
    entityId: p.personId,
    regionCode: p.villageCode,
    before: { employmentStatus: person.employmentStatus },
    after: { employmentStatus: status, employerName, trip: trip.id },
  });
}

/**
 * A township escort is allowed onto the trips of their county that pick up in their township; what
 * arrival files for passengers of the county's other townships (claims, hires) is done in the
 * county's name. The audit trail still names the escort.
 */
export function onBehalfOfCounty(escort: Actor, trip: TripRecord): Actor {
  return inScope(escort, trip.originCounty) ? escort : { ...escort, regionCode: trip.originCounty };
}

export interface HireOutcome {
  passengerId: number;
  referralId: number;
  status: string | null;
  error: string | null;
}

/**
 * Arrival marks the person at work for their hire through the matching module: a hired referral
 * to the destination's employer moves to `at_work`; an intention (interested, interviewed) is
 * hired first, then at work. Matching's use case runs its own transaction, so this runs after the
 * arrival has committed; a referral already at work no longer matches, so a replay does nothing.
 * When the hire cannot be made (the posting is full meanwhile), the ledger records the person at
 * work and the outcome names the reason.
 */
export async function confirmHires(app: App, escort: Actor, tripId: number): Promise<HireOutcome[]> {
  const db = app.database.db;
  const trip = (await tripsRepository.byId(db, tripId))!;
  if (trip.destination.employerId == null) return [];
  const arrived = (await tripsRepository.passengers(db, tripId)).filter((p) => p.status === 'arrived');
  const open = await transportTravelersRepository.openReferrals(db, arrived.map((p) => p.personId), trip.destination.employerId);
  const actor = onBehalfOfCounty(escort, trip);
  const out: HireOutcome[] = [];
  const done = new Set<number>();
  for (const r of open) {
    if (done.has(r.personId)) continue;
    done.add(r.personId);
    const p = arrived.find((x) => x.personId === r.personId)!;
    try {
      if (r.status !== 'hired') await transitionReferral(app, actor, r.id, { to: 'hired', note: `trip ${tripId}` });
      const after = await transitionReferral(app, actor, r.id, { to: 'at_work', note: `arrived on trip ${tripId}` });
      out.push({ passengerId: p.id, referralId: r.id, status: after.status, error: null });
    } catch (e) {
      if (!isDomainError(e)) throw e;
      await inTransaction(app, (trx) => markAtWorkInLedger(trx, escort, trip, p));
      out.push({ passengerId: p.id, referralId: r.id, status: null, error: e.code });
    }
  }
  return out;
}

/** The facts of the transport subsidy for one arrived passenger (travelCost in yuan, as the policy reads it); the policy module's trip facts. */
export function subsidyFacts(trip: TripRecord, p: PassengerRecord, shareFen: number, claimsThisYear: number): Record<string, unknown> {
  return tripFacts(trip, p, shareFen, claimsThisYear);
}

/**
 * The passenger's entry of the manifest, as the county confirmed it on arrival: the travel receipt
 * of an organised trip, kept as the claim's ticket evidence. No name or id number, only record ids.
 */
export function manifestReceipt(trip: TripRecord, p: PassengerRecord, confirmedBy: string): Buffer {
  return Buffer.from(JSON.stringify({
    document: 'trip-manifest-entry',
    trip: trip.id,
    travelDate: trip.travelDate,
    mode: trip.mode,
    vehicleType: trip.vehicleType,
    vehiclePlate: trip.vehiclePlate,
    originCounty: trip.originCounty,
    destination: { name: trip.destination.name, regionCode: trip.destination.regionCode },
    passenger: p.id,
    personId: p.personId,
    seatNo: p.seatNo,
    status: p.status,
    arrivedAt: p.arrivedAt,
    costShareFen: p.costShareFen,
    confirmedBy,
  }, null, 2));
}

/** What arrival does in the arrival's transaction: the passenger arrives, is at work, and their subsidy facts are kept. */
export async function arriveIn(trx: Tx, actor: Actor, trip: TripRecord, p: PassengerRecord, passengers: PassengerRecord[]): Promise<void> {
  const share = shareOf(trip, passengers, p.id);
  await tripsRepository.setPassengerStatus(trx, p.id, 'arrived');
  // With a referral to the destination's employer, matching records the hire after this commits (confirmHires).
  const referred = trip.destination.employerId != null && (await transportTravelersRepository.openReferrals(trx, [p.personId], trip.destination.employerId)).length > 0;
  if (!referred) await markAtWorkInLedger(trx, actor, trip, p);
  const year = Number(trip.travelDate.slice(0, 4));
  const facts = subsidyFacts(trip, p, share, await transportTravelersRepository.liveClaims(trx, p.personId, TRANSPORT_SUBSIDY_POLICY, year));
  await tripsRepository.setArrivalFacts(trx, p.id, { costShareFen: share, claimId: null, subsidyFacts: facts });
  await writeAudit(trx, actor, { action: 'trip.passenger.arrive', entity: 'trip', entityId: trip.id, regionCode: trip.originCounty, before: { passenger: p.id, status: p.status }, after: { passenger: p.id, status: 'arrived', costShareFen: share } });
}

export interface ClaimOutcome {
  passengerId: number;
  claimId: number | null;
  eligible: boolean | null;
  status: string | null;
  error: string | null;
}

/**
 * Files the transport subsidy claim of each arrived passenger that has none yet, through the
 * policy module's claim use case (which evaluates the rule and keeps the explanation). It runs
 * after the arrival has committed, in its own transactions, since that use case opens its own:
 * an arrival never fails because a claim could not be filed, and a later replay of the same
 * arrival (or the next arrival on the trip) files what is still missing.
 */
export async function fileSubsidyClaims(app: App, escort: Actor, tripId: number): Promise<ClaimOutcome[]> {
  const db = app.database.db;
  const out: ClaimOutcome[] = [];
  const pending = (await tripsRepository.passengers(db, tripId)).filter((p) => p.status === 'arrived' && p.claimId == null && p.subsidyFacts);
  if (pending.length === 0) return out;
  const trip = (await tripsRepository.byId(db, tripId))!;
  const actor = onBehalfOfCounty(escort, trip);
  for (const p of pending) {
    try {
      // The facts come from the records of the seat (see the policy module's trip facts): the
      // household's category, home and work regions, the cost share kept on arrival, the date,
      // and the person's live claims this year, counted now.
      const claim = await createClaim(app, actor, { policy: TRANSPORT_SUBSIDY_POLICY, subjectKind: 'trip', subjectId: `${tripId}:${p.personId}` });
      const facts = claim.facts;
      await inTransaction(app, (trx) => tripsRepository.setArrivalFacts(trx, p.id, { costShareFen: p.costShareFen ?? 0, claimId: claim.id, subsidyFacts: facts }));
      let status = claim.status;
      let error: string | null = null;
      try {
        await attachRecordEvidence(app, actor, claim.id, { kind: 'ticket', name: `trip-${tripId}-seat-${p.seatNo ?? p.id}.json`, contentType: 'application/json', bytes: manifestReceipt(trip, p, escort.username) });
      } catch (e) {
        // The claim stands; its ticket can still be uploaded by hand.
        error = isDomainError(e) ? e.code : 'manifest_not_attached';
      }
      if (claim.eligible) {
        try {
          status = (await submitClaim(app, actor, claim.id)).status;
        } catch (e) {
          // Already claimed this year, say: the draft stays for an officer to look at.
          error = isDomainError(e) ? e.code : 'submit_failed';
        }
      }
      out.push({ passengerId: p.id, claimId: claim.id, eligible: claim.eligible, status, error });
    } catch (e) {
      if (!isDomainError(e)) throw e;
      out.push({ passengerId: p.id, claimId: null, eligible: null, status: null, error: e.code });
    }
  }
  return out;
}
