import type { Actor } from '../../domain/access/actor.ts';
import { authorize, may } from '../../domain/access/policy.ts';
import { DomainError } from '../../domain/errors.ts';
import { TEMPERATURE_LIMIT_C } from '../../domain/transport/boarding.ts';
import { nextStatuses } from '../../domain/transport/trip-rules.ts';
import { tripsRepository, type PassengerRecord, type TripRecord } from '../../store/repositories/trips.repository.ts';
import type { Tx } from '../context.ts';

/**
 * Region scope of trips: a trip belongs to its pickup county, whose officers plan and run it. The
 * township commissioner of a pickup point may read and escort it (the escort is often the township's
 * labor commissioner); the region of its destination may read it too (the receiving county sees
 * who is coming). Only the pickup county's officers change or cancel it.
 */
export function tripRegions(t: Pick<TripRecord, 'originCounty' | 'destination' | 'pickups'>, action: string): string[] {
  const pickups = t.pickups.map((p) => p.regionCode);
  if (action === 'trip.read') return [t.originCounty, ...pickups, t.destination.regionCode];
  if (action === 'trip.escort') return [t.originCounty, ...pickups];
  return [t.originCounty];
}

export function mayOnTrip(actor: Actor, action: string, t: Pick<TripRecord, 'originCounty' | 'destination' | 'pickups'>): boolean {
  return tripRegions(t, action).some((regionCode) => may(actor, action, { regionCode }));
}

/** The trip, when the actor may do `action` to it; outside the actor's scope it is not found. */
export async function loadTrip(db: Tx, actor: Actor, action: string, id: number): Promise<TripRecord> {
  authorize(actor, action);
  const t = await tripsRepository.byId(db, id);
  if (!t) throw DomainError.notFound('Trip', id);
  if (!mayOnTrip(actor, action, t)) throw new DomainError('not_found', `Trip ${id} was not found in your region`, { details: { action } });
  return t;
}

export async function loadPassenger(db: Tx, trip: TripRecord, passengerId: number): Promise<PassengerRecord> {
  const p = await tripsRepository.passenger(db, trip.id, passengerId);
  if (!p) throw DomainError.notFound(`Passenger of trip ${trip.id}`, passengerId);
  return p;
}

export function versionConflict(id: number, current: number | undefined): DomainError {
  return new DomainError('version_conflict', `Trip ${id} was changed by someone else (now at version ${current ?? '?'}); reload it and apply your change again`, { details: { id, currentVersion: current } });
}

export function encodeCursor(id: number): string {
  return Buffer.from(String(id)).toString('base64url');
}

export function decodeCursor(cursor: string | undefined): number | undefined {
  if (!cursor) return undefined;
  const id = Number(Buffer.from(cursor, 'base64url').toString());
  if (!Number.isInteger(id) || id < 1) throw DomainError.invalid([{ field: 'cursor', code: 'cursor_invalid', message: 'is not a cursor this API returned', messageZh: '分页游标无效' }]);
  return id;
}

/** What a client sees of a trip; money in fen (as the rest of the API) and in yuan for display. */
export function presentTrip(t: TripRecord, names: ReadonlyMap<string, string> = new Map()) {
  return {
    id: t.id,
    mode: t.mode,
    vehicleType: t.vehicleType,
    capacity: t.capacity,
    costFen: t.costFen,
    originCounty: t.originCounty,
    originName: names.get(t.originCounty) ?? null,
    pickups: t.pickups.map((p) => ({ ...p })),
    destination: { ...t.destination, regionName: names.get(t.destination.regionCode) ?? null },
    travelDate: t.travelDate,
    departments: t.departments,
    status: t.status,
    nextStatuses: [...nextStatuses(t.status)],
    escortName: t.escortName,
    vehiclePlate: t.vehiclePlate,
    notes: t.notes,
    planRef: t.planRef,
    cancelReason: t.cancelReason,
    boardingAt: t.boardingAt,
    departedAt: t.departedAt,
    arrivedAt: t.arrivedAt,
    cancelledAt: t.cancelledAt,
    seated: t.seated,
    seatsFree: Math.max(0, t.capacity - t.seated),
    createdAt: t.createdAt,
    updatedAt: t.updatedAt,
    version: t.version,
  };
}
export type TripView = ReturnType<typeof presentTrip>;

/** A manifest line: ID number and phone as masked in the ledger, never in full. */
export function presentPassenger(p: PassengerRecord) {
  const temperature = p.temperatureTenths == null ? null : p.temperatureTenths / 10;
  return {
    id: p.id,
    personId: p.personId,
    name: p.name,
    gender: p.gender,
    idNumber: p.idMasked,
    phone: p.phoneMasked,
    villageCode: p.villageCode,
    householdCategory: p.householdCategory,
    poor: p.householdCategory === 'lifted' || p.householdCategory === 'monitored',
    seatNo: p.seatNo,
    pickupIndex: p.pickupIndex,
    status: p.status,
    check: p.checkedAt
      ? { temperature, healthCertificate: !!p.healthCertificate, kitIssued: !!p.kitIssued, checkedAt: p.checkedAt, mayBoard: temperature != null && temperature <= TEMPERATURE_LIMIT_C && !!p.healthCertificate && !!p.kitIssued }
      : null,
    boardedAt: p.boardedAt,
    arrivedAt: p.arrivedAt,
    costShareFen: p.costShareFen,
    claimId: p.claimId,
  };
}
export type PassengerView = ReturnType<typeof presentPassenger>;

/** The audit view of a trip: its fields, without bookkeeping. */
export function tripAuditView(t: TripRecord) {
  const { createdAt, updatedAt, seated, createdBy, ...rest } = t;
  return rest as Record<string, unknown>;
}
