import type { Actor } from '../../domain/access/actor.ts';
import { authorize, inScope, scopeRegion } from '../../domain/access/policy.ts';
import { DomainError, type FieldIssue } from '../../domain/errors.ts';
import { regionDepth } from '../../domain/regions/region-code.ts';
import { assertCapacity, assertEditable, assertSeat, checkTrip, freeSeats, type Destination, type Pickup, type TripDraft } from '../../domain/transport/trip-rules.ts';
import { SEATED, type Department, type DestinationKind, type PickupKind, type TripMode } from '../../domain/transport/vocabulary.ts';
import { demandRegionsRepository } from '../../store/repositories/demand-regions.repository.ts';
import { transportTravelersRepository } from '../../store/repositories/transport-travelers.repository.ts';
import { isDoubleBooking, isSeatTaken, tripsRepository, type TripFields, type TripRecord } from '../../store/repositories/trips.repository.ts';
import { writeAudit } from '../audit/audit.ts';
import { inTransaction, type App, type Tx } from '../context.ts';
import { decodeCursor, encodeCursor, loadTrip, presentPassenger, presentTrip, tripAuditView, versionConflict } from './common.ts';

export interface PickupInput {
  regionCode: string;
  kind?: PickupKind;
  name?: string;
  time: string;
}

export interface DestinationInput {
  kind?: DestinationKind;
  regionCode?: string;
  name?: string;
  employerId?: number | null;
}

export interface TripInput {
  mode?: TripMode;
  vehicleType?: string;
  capacity?: number;
  costFen?: number;
  originCounty?: string;
  pickups?: PickupInput[];
  destination?: DestinationInput;
  travelDate?: string;
  departments?: Department[];
  escortName?: string;
  vehiclePlate?: string;
  notes?: string;
}

export interface PassengerInput {
  personId: number;
  seatNo?: number;
  pickupIndex?: number;
}

function invalid(field: string, code: string, message: string, messageZh: string): DomainError {
  return DomainError.invalid([{ field, code, message, messageZh }]);
}

/** Names of the regions a trip shows: its county and destination. */
async function namesOf(db: Tx, trips: TripRecord[]): Promise<Map<string, string>> {
  return demandRegionsRepository.names(db, trips.flatMap((t) => [t.originCounty, t.destination.regionCode]));
}

/** Fills what the records know (employer site, pickup names), then checks the whole draft. */
async function resolveDraft(db: Tx, actor: Actor, base: TripFields | undefined, input: TripInput): Promise<TripFields> {
  const originCounty = input.originCounty ?? base?.originCounty ?? (regionDepth(actor.regionCode) === 3 ? actor.regionCode : '');
  const d = input.destination;
  let destination: Destination = base?.destination ?? { kind: 'city', regionCode: '', name: '', employerId: null };
  if (d) {
    const employerId = d.employerId ?? (d.kind === 'city' ? null : destination.employerId);
    const kind: DestinationKind = d.kind ?? (employerId != null ? 'employer' : 'city');
    destination = { kind, regionCode: d.regionCode ?? '', name: d.name ?? '', employerId: kind === 'employer' ? (employerId ?? null) : null };
    if (kind === 'employer' && employerId != null) {
      const e = await db.selectFrom('employers').select(['id', 'name', 'region_code']).where('id', '=', employerId).executeTakeFirst();
      if (!e) throw invalid('destination.employerId', 'employer_unknown', `no employer ${employerId} is registered`, '该用人单位未登记');
      destination = { kind, employerId, regionCode: d.regionCode ?? e.region_code, name: d.name ?? e.name };
    } else if (!destination.name && destination.regionCode) {
      destination.name = (await demandRegionsRepository.resolve(db, destination.regionCode))?.name ?? '';
    }
    if (destination.regionCode && regionDepth(destination.regionCode) > 0 && !(await demandRegionsRepository.resolve(db, destination.regionCode))) {
      throw invalid('destination.regionCode', 'region_unknown', `no region with code ${destination.regionCode} exists`, `区划代码${destination.regionCode}不存在`);
    }
  }
  let pickups: Pickup[] = base?.pickups ?? [];
  if (input.pickups) {
    const names = await transportTravelersRepository.regionNames(db, input.pickups.map((p) => p.regionCode));
    pickups = input.pickups.map((p) => ({
      regionCode: p.regionCode,
      kind: p.kind ?? (p.regionCode.length === 6 ? 'county_seat' : 'township'),
      name: p.name ?? names.get(p.regionCode) ?? p.regionCode,
      time: p.time,
    }));
  }
  const draft: TripDraft = {
    mode: input.mode ?? base?.mode ?? ('' as TripMode),
    vehicleType: input.vehicleType ?? base?.vehicleType ?? input.mode ?? '',
    capacity: input.capacity ?? base?.capacity ?? 0,
    costFen: input.costFen ?? base?.costFen ?? -1,
    originCounty,
    pickups,
    destination,
    travelDate: input.travelDate ?? base?.travelDate ?? '',
    departments: input.departments ?? base?.departments ?? ['human_resources', 'transport', 'public_security', 'health'],
    escortName: input.escortName ?? base?.escortName ?? '',
    vehiclePlate: input.vehiclePlate ?? base?.vehiclePlate ?? '',
    notes: input.notes ?? base?.notes ?? '',
  };
  const issues: FieldIssue[] = checkTrip(draft);
  if (regionDepth(originCounty) === 3 && !inScope(actor, originCounty)) {
    issues.push({ field: 'originCounty', code: 'out_of_scope', message: `county ${originCounty} is outside your region ${actor.regionCode}`, messageZh: '出发县超出本账号的管辖范围' });
  }
  if (issues.length) throw DomainError.invalid(issues);
  return draft;
}

/** Seats people on a trip: each from the trip's county, none on another live trip that day, never over capacity. */
export async function seatPassengers(trx: Tx, trip: TripRecord, people: PassengerInput[]): Promise<void> {
  if (people.length === 0) return;
  const ids = people.map((p) => p.personId);
  if (new Set(ids).size !== ids.length) throw invalid('passengers', 'person_repeated', 'lists a person twice', '同一人重复列入');
  const persons = await transportTravelersRepository.persons(trx, ids);
  for (const [i, p] of people.entries()) {
    const person = persons.get(p.personId);
    if (!person) throw invalid(`passengers.${i}.personId`, 'person_unknown', `no person ${p.personId} is in the ledger`, '台账中没有此人');
    if (!person.villageCode.startsWith(trip.originCounty)) {
      throw invalid(`passengers.${i}.personId`, 'passenger_outside_county', `person ${p.personId} does not live in the trip's county ${trip.originCounty}`, '乘客不是本县劳动力');
    }
    if (p.pickupIndex !== undefined && (p.pickupIndex < 0 || p.pickupIndex >= trip.pickups.length)) {
      throw invalid(`passengers.${i}.pickupIndex`, 'pickup_unknown', `must be the index of one of the trip's ${trip.pickups.length} pickup points`, '上车点序号无效');
    }
  }
  const current = (await tripsRepository.passengers(trx, trip.id)).filter((p) => SEATED.has(p.status));
  const known = new Set(current.map((p) => p.personId));
  const again = ids.find((id) => known.has(id));
  if (again) throw DomainError.conflict('person_double_booked', `Person ${again} is already on this trip`, { personId: again, tripId: trip.id });
  const busy = await tripsRepository.seatedOnDate(trx, ids, trip.travelDate, trip.id);
  if (busy.length) {
    throw DomainError.conflict('person_double_booked', `Person ${busy[0].personId} is already on trip ${busy[0].tripId} on ${trip.travelDate}; a person travels on one trip a day`, { personId: busy[0].personId, tripId: busy[0].tripId });
  }
  assertCapacity(trip.capacity, current.length + people.length);
  const taken = current.map((p) => p.seatNo!).filter((s) => s != null);
  const chosen = people.filter((p) => p.seatNo !== undefined).map((p) => p.seatNo!);
  for (const s of chosen) assertSeat(trip.capacity, [...taken, ...chosen.filter((x) => x !== s)], s);
  const auto = freeSeats(trip.capacity, [...taken, ...chosen], people.filter((p) => p.seatNo === undefined).length);
  let k = 0;
  const countySeat = Math.max(0, trip.pickups.findIndex((p) => p.kind === 'county_seat'));
  const rows = people.map((p) => ({ personId: p.personId, seatNo: p.seatNo ?? auto[k++], pickupIndex: p.pickupIndex ?? townshipPickup(trip, persons.get(p.personId)!.villageCode) ?? countySeat }));
  try {
    await tripsRepository.insertPassengers(trx, trip.id, trip.travelDate, rows);
  } catch (e) {
    if (isDoubleBooking(e)) throw DomainError.conflict('person_double_booked', `A person is already on another trip on ${trip.travelDate}`, { tripId: trip.id });
    if (isSeatTaken(e)) throw DomainError.conflict('seat_taken', 'A seat was taken meanwhile; reload the manifest', { tripId: trip.id });
    throw e;
  }
}

function townshipPickup(trip: TripRecord, villageCode: string): number | undefined {
  const i = trip.pickups.findIndex((p) => p.kind === 'township' && villageCode.startsWith(p.regionCode));
  return i < 0 ? undefined : i;
}

export async function createTrip(app: App, actor: Actor, input: TripInput & { passengers?: PassengerInput[] }) {
  authorize(actor, 'trip.manage');
  return inTransaction(app, async (trx) => {
    const fields = await resolveDraft(trx, actor, undefined, input);
    await tripsRepository.lockCounty(trx, fields.originCounty);
    const id = await tripsRepository.insert(trx, fields, { createdBy: actor.userId, planRef: null });
    const trip = (await tripsRepository.byId(trx, id))!;
    await seatPassengers(trx, trip, input.passengers ?? []);
    const after = (await tripsRepository.byId(trx, id))!;
    await writeAudit(trx, actor, { action: 'trip.create', entity: 'trip', entityId: id, regionCode: after.originCounty, after: { ...tripAuditView(after), passengers: (input.passengers ?? []).map((p) => p.personId) } });
    return detail(trx, after);
  });
}

/** A trip with its manifest, passengers in seat order. */
async function detail(db: Tx, t: TripRecord) {
  const names = await namesOf(db, [t]);
  const passengers = await tripsRepository.passengers(db, t.id);
  return { ...presentTrip(t, names), passengers: passengers.map(presentPassenger) };
}

export async function getTrip(app: App, actor: Actor, id: number) {
  const t = await loadTrip(app.database.db, actor, 'trip.read', id);
  return detail(app.database.db, t);
}

export interface TripQuery {
  region?: string;
  origin?: string;
  destination?: string;
  status?: string;
  from?: string;
  to?: string;
  cursor?: string;
  limit?: number;
}

/**
 * Trips from or to the actor's region, newest first. Below county level (a township commissioner)
 * the county's trips are read and those with a pickup point in the township kept.
 */
export async function listTrips(app: App, actor: Actor, q: TripQuery) {
  authorize(actor, 'trip.read');
  const limit = Math.min(Math.max(q.limit ?? 50, 1), 500);
  const within = scopeRegion(actor, q.region);
  const deep = regionDepth(within) > 3;
  const db = app.database.db;
  const rows = await tripsRepository.list(db, { within: deep ? within.slice(0, 6) : within, origin: q.origin, destination: q.destination, status: q.status, from: q.from, to: q.to, afterId: decodeCursor(q.cursor), limit: limit + 1 });
  const more = rows.length > limit;
  const page = rows.slice(0, limit);
  const items = deep ? page.filter((t) => t.pickups.some((p) => p.regionCode.startsWith(within)) || t.destination.regionCode.startsWith(within)) : page;
  const names = await namesOf(db, items);
  return { items: items.map((t) => presentTrip(t, names)), nextCursor: more ? encodeCursor(page[page.length - 1].id) : null };
}

/** Fields that may still change once boarding has started: who escorts, which plate, notes. */
const LATE_FIELDS = new Set(['escortName', 'vehiclePlate', 'notes', 'version']);

/** Changes a trip's fields when it is still at `version` (412 otherwise). */
export async function updateTrip(app: App, actor: Actor, id: number, input: TripInput & { version: number }) {
  return inTransaction(app, async (trx) => {
    const before = await loadTrip(trx, actor, 'trip.manage', id);
    if (before.version !== input.version) throw versionConflict(id, before.version);
    const touched = Object.entries(input).filter(([, v]) => v !== undefined).map(([k]) => k);
    if (touched.some((k) => !LATE_FIELDS.has(k))) assertEditable(before.status);
    else if (before.status === 'arrived' || before.status === 'cancelled') assertEditable(before.status);
    if (input.originCounty !== undefined && input.originCounty !== before.originCounty && before.seated > 0) {
      throw invalid('originCounty', 'origin_locked', 'cannot change while people are on the manifest: they live in the present county', '已有乘客时不能更改出发县');
    }
    const fields = await resolveDraft(trx, actor, before, input);
    const passengers = (await tripsRepository.passengers(trx, id)).filter((p) => SEATED.has(p.status));
    assertCapacity(fields.capacity, passengers.length);
    const highest = Math.max(0, ...passengers.map((p) => p.seatNo ?? 0));
    if (highest > fields.capacity) throw invalid('capacity', 'seat_beyond_capacity', `seat ${highest} is taken; move that passenger before reducing the seats to ${fields.capacity}`, `座位${highest}已有乘客，请先调整座位`);
    const beyond = passengers.find((p) => p.pickupIndex >= fields.pickups.length);
    if (beyond) throw invalid('pickups', 'pickup_in_use', `pickup point ${beyond.pickupIndex} is used by passengers`, '有乘客使用该上车点');
    if (!(await tripsRepository.update(trx, id, input.version, fields))) throw versionConflict(id, (await tripsRepository.byId(trx, id))?.version);
    if (fields.travelDate !== before.travelDate) {
      try {
        await tripsRepository.moveLiveDate(trx, id, fields.travelDate);
      } catch (e) {
        if (isDoubleBooking(e)) throw DomainError.conflict('person_double_booked', `A passenger is already on another trip on ${fields.travelDate}`, { tripId: id });
        throw e;
      }
    }
    const after = (await tripsRepository.byId(trx, id))!;
    await writeAudit(trx, actor, { action: 'trip.update', entity: 'trip', entityId: id, regionCode: after.originCounty, before: tripAuditView(before), after: tripAuditView(after) });
    return detail(trx, after);
  });
}

/** Adds people to a trip's manifest (before boarding ends); bumps the trip's version. */
export async function addPassengers(app: App, actor: Actor, id: number, people: PassengerInput[]) {
  return inTransaction(app, async (trx) => {
    const trip = await loadTrip(trx, actor, 'trip.manage', id);
    if (trip.status !== 'planned' && trip.status !== 'boarding') assertEditable(trip.status);
    await tripsRepository.lockCounty(trx, trip.originCounty);
    await seatPassengers(trx, trip, people);
    if (!(await tripsRepository.touch(trx, id, trip.version))) throw versionConflict(id, undefined);
    await writeAudit(trx, actor, { action: 'trip.passengers.add', entity: 'trip', entityId: id, regionCode: trip.originCounty, after: { passengers: people.map((p) => ({ ...p })) } });
    return detail(trx, (await tripsRepository.byId(trx, id))!);
  });
}

/** Takes a waiting passenger off the manifest; the seat and the date are free again. */
export async function removePassenger(app: App, actor: Actor, id: number, passengerId: number) {
  return inTransaction(app, async (trx) => {
    const trip = await loadTrip(trx, actor, 'trip.manage', id);
    if (trip.status !== 'planned' && trip.status !== 'boarding') assertEditable(trip.status);
    const p = await tripsRepository.passenger(trx, id, passengerId);
    if (!p) throw DomainError.notFound(`Passenger of trip ${id}`, passengerId);
    if (p.status !== 'listed') throw DomainError.conflict('passenger_not_listed', `The passenger is ${p.status}; only a passenger waiting to board can be removed`, { status: p.status });
    await tripsRepository.setPassengerStatus(trx, passengerId, 'removed');
    if (!(await tripsRepository.touch(trx, id, trip.version))) throw versionConflict(id, undefined);
    await writeAudit(trx, actor, { action: 'trip.passengers.remove', entity: 'trip', entityId: id, regionCode: trip.originCounty, before: { passenger: passengerId, personId: p.personId, seatNo: p.seatNo }, after: null });
    return detail(trx, (await tripsRepository.byId(trx, id))!);
  });
}

export { detail as tripDetail };
