import type { Actor } from '../../domain/access/actor.ts';
import { authorize } from '../../domain/access/policy.ts';
import { DomainError } from '../../domain/errors.ts';
import { assertMayArrive, assertMayBoard, assertMayCheck, checkReading, toTenths } from '../../domain/transport/boarding.ts';
import { assertTransition } from '../../domain/transport/trip-rules.ts';
import type { TripStatus } from '../../domain/transport/vocabulary.ts';
import { tripsRepository, type TripRecord } from '../../store/repositories/trips.repository.ts';
import { writeAudit } from '../audit/audit.ts';
import { inTransaction, type App, type Tx } from '../context.ts';
import { arriveIn, confirmHires, fileSubsidyClaims, type ClaimOutcome, type HireOutcome } from './arrival-effects.ts';
import { loadPassenger, loadTrip, versionConflict } from './common.ts';
import { tripDetail } from './trips.ts';

/** Idempotency keys: what a phone generates per action (a UUID or similar). */
const KEY = /^[\w.:-]{8,100}$/;

interface Keyed {
  key?: string;
}

function isKeyTaken(e: unknown): boolean {
  const m = String((e as { message?: string })?.message ?? '');
  return (e as { constraint?: string })?.constraint === 'trip_actions_pkey' || /trip_actions\.key|trip_actions_pkey/.test(m);
}

/**
 * Runs an escort action once per key. The phone may send an action again when the answer was
 * lost; the second time nothing changes and the answer is the trip as it now stands. A key sent
 * again for a different action or record is refused.
 */
async function once(app: App, actor: Actor, key: string | undefined, what: { tripId: number; passengerId: number | null; action: string }, run: (trx: Tx) => Promise<void>): Promise<boolean> {
  if (key !== undefined && !KEY.test(key)) {
    throw DomainError.invalid([{ field: 'key', code: 'key_format', message: 'must be 8 to 100 letters, digits, dots, colons, dashes or underscores', messageZh: '幂等键格式不正确' }]);
  }
  const replay = async (db: Tx): Promise<boolean> => {
    if (!key) return false;
    const prior = await tripsRepository.findAction(db, key);
    if (!prior) return false;
    if (prior.tripId !== what.tripId || prior.passengerId !== what.passengerId || prior.action !== what.action) {
      throw DomainError.conflict('idempotency_key_reused', `Key ${key} was used for ${prior.action} on trip ${prior.tripId}; send a new key for a new action`, { key });
    }
    return true;
  };
  try {
    return await inTransaction(app, async (trx) => {
      if (await replay(trx)) return true;
      if (key) await tripsRepository.insertAction(trx, { key, ...what, actorId: actor.userId });
      await run(trx);
      return false;
    });
  } catch (e) {
    // Two sends of one action at once: the key's primary key lets one through; the other is a replay.
    if (key && isKeyTaken(e) && (await replay(app.database.db))) return true;
    throw e;
  }
}

async function answer(app: App, tripId: number, replayed: boolean, effects: { hires: HireOutcome[]; claims: ClaimOutcome[] } = { hires: [], claims: [] }) {
  const db = app.database.db;
  return { ...(await tripDetail(db, (await tripsRepository.byId(db, tripId))!)), replayed, ...effects };
}

/** What arrival does once committed: hires confirmed at work (matching), subsidy claims filed (policy). */
async function afterArrival(app: App, actor: Actor, tripId: number) {
  const hires = await confirmHires(app, actor, tripId);
  const claims = await fileSubsidyClaims(app, actor, tripId);
  return { hires, claims };
}

/** Who may move a trip to each status: escorts run the day, managers cancel. */
const TRANSITION_ACTION: Record<TripStatus, string> = { planned: 'trip.manage', boarding: 'trip.escort', departed: 'trip.escort', arrived: 'trip.escort', cancelled: 'trip.manage' };

async function moveTrip(trx: Tx, actor: Actor, trip: TripRecord, to: TripStatus, reason?: string): Promise<void> {
  assertTransition(trip.status, to);
  const passengers = await tripsRepository.passengers(trx, trip.id);
  if (to === 'departed') {
    if (!passengers.some((p) => p.status === 'boarded')) throw new DomainError('trip_nobody_boarded', 'No passenger has boarded; confirm boarding passenger by passenger before departure (尚无乘客登车)');
    await tripsRepository.markAbsent(trx, trip.id);
  }
  if (to === 'cancelled') {
    if (!reason?.trim()) throw DomainError.invalid([{ field: 'reason', code: 'reason_required', message: 'a cancellation must say why', messageZh: '取消须说明原因' }]);
    await tripsRepository.releaseTrip(trx, trip.id);
  }
  if (!(await tripsRepository.setStatus(trx, trip.id, trip.version, to, { cancelReason: reason?.trim() }))) throw versionConflict(trip.id, undefined);
  if (to === 'arrived') {
    const moved = { ...trip, status: 'arrived' as const };
    for (const p of passengers.filter((x) => x.status === 'boarded')) await arriveIn(trx, actor, moved, p, passengers);
  }
  await writeAudit(trx, actor, { action: `trip.${to}`, entity: 'trip', entityId: trip.id, regionCode: trip.originCounty, before: { status: trip.status }, after: { status: to, ...(reason ? { reason } : {}) } });
}

/**
 * Moves a trip along planned → boarding → departed → arrived, or cancels it. Departure leaves
 * behind whoever has not boarded; arrival of the trip confirms every passenger still aboard.
 * `version`, when sent, must be current (412 otherwise); the escort's phone sends a key instead.
 */
export async function transitionTrip(app: App, actor: Actor, id: number, input: Keyed & { to: TripStatus; reason?: string; version?: number }) {
  authorize(actor, TRANSITION_ACTION[input.to] ?? 'trip.manage');
  const replayed = await once(app, actor, input.key, { tripId: id, passengerId: null, action: `trip.${input.to}` }, async (trx) => {
    const trip = await loadTrip(trx, actor, TRANSITION_ACTION[input.to] ?? 'trip.manage', id);
    if (input.version !== undefined && input.version !== trip.version) throw versionConflict(id, trip.version);
    await moveTrip(trx, actor, trip, input.to, input.reason);
  });
  return answer(app, id, replayed, input.to === 'arrived' ? await afterArrival(app, actor, id) : undefined);
}

/** Records a passenger's check before boarding; a later check replaces an earlier one (a second reading). */
export async function recordCheck(app: App, actor: Actor, tripId: number, passengerId: number, input: Keyed & { temperature: number; healthCertificate: boolean; kitIssued: boolean }) {
  authorize(actor, 'trip.escort');
  const check = { temperatureC: input.temperature, healthCertificate: input.healthCertificate, kitIssued: input.kitIssued };
  const issues = checkReading(check);
  if (issues.length) throw DomainError.invalid(issues);
  const replayed = await once(app, actor, input.key, { tripId, passengerId, action: 'passenger.check' }, async (trx) => {
    const trip = await loadTrip(trx, actor, 'trip.escort', tripId);
    const p = await loadPassenger(trx, trip, passengerId);
    assertMayCheck(trip.status, p.status);
    await tripsRepository.recordCheck(trx, passengerId, { temperatureTenths: toTenths(check.temperatureC), healthCertificate: check.healthCertificate, kitIssued: check.kitIssued, by: actor.userId });
    await writeAudit(trx, actor, { action: 'trip.passenger.check', entity: 'trip', entityId: tripId, regionCode: trip.originCounty, after: { passenger: passengerId, temperature: check.temperatureC, healthCertificate: check.healthCertificate, kitIssued: check.kitIssued } });
  });
  return answer(app, tripId, replayed);
}

/** Confirms a passenger aboard: the trip is boarding and their check passed (37.3 °C at most, certificate, kit). */
export async function boardPassenger(app: App, actor: Actor, tripId: number, passengerId: number, input: Keyed = {}) {
  authorize(actor, 'trip.escort');
  const replayed = await once(app, actor, input.key, { tripId, passengerId, action: 'passenger.board' }, async (trx) => {
    const trip = await loadTrip(trx, actor, 'trip.escort', tripId);
    const p = await loadPassenger(trx, trip, passengerId);
    const check = p.checkedAt ? { temperatureC: p.temperatureTenths! / 10, healthCertificate: !!p.healthCertificate, kitIssued: !!p.kitIssued } : null;
    assertMayBoard(trip.status, p.status, check);
    await tripsRepository.setPassengerStatus(trx, passengerId, 'boarded');
    await writeAudit(trx, actor, { action: 'trip.passenger.board', entity: 'trip', entityId: tripId, regionCode: trip.originCounty, before: { passenger: passengerId, status: p.status }, after: { passenger: passengerId, status: 'boarded' } });
  });
  return answer(app, tripId, replayed);
}

/**
 * Confirms one passenger at the destination: they are at work for their hire, and their transport
 * subsidy claim is filed with their seat's share of the vehicle. When the last one aboard is
 * confirmed, the trip has arrived.
 */
export async function arrivePassenger(app: App, actor: Actor, tripId: number, passengerId: number, input: Keyed = {}) {
  authorize(actor, 'trip.escort');
  const replayed = await once(app, actor, input.key, { tripId, passengerId, action: 'passenger.arrive' }, async (trx) => {
    const trip = await loadTrip(trx, actor, 'trip.escort', tripId);
    const passengers = await tripsRepository.passengers(trx, tripId);
    const p = passengers.find((x) => x.id === passengerId);
    if (!p) throw DomainError.notFound(`Passenger of trip ${tripId}`, passengerId);
    assertMayArrive(trip.status, p.status);
    await arriveIn(trx, actor, trip, p, passengers);
    if (trip.status === 'departed' && !passengers.some((x) => x.id !== passengerId && x.status === 'boarded')) {
      if (!(await tripsRepository.setStatus(trx, tripId, trip.version, 'arrived'))) throw versionConflict(tripId, undefined);
      await writeAudit(trx, actor, { action: 'trip.arrived', entity: 'trip', entityId: tripId, regionCode: trip.originCounty, before: { status: trip.status }, after: { status: 'arrived' } });
    }
  });
  return answer(app, tripId, replayed, await afterArrival(app, actor, tripId));
}
