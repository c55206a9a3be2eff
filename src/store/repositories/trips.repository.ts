import { sql } from 'kysely';
import { isPostgres } from '../engine.ts';
import type { Tx } from '../../app/context.ts';
import type { Pickup, TripDraft } from '../../domain/transport/trip-rules.ts';
import type { Department, PassengerStatus, TripStatus } from '../../domain/transport/vocabulary.ts';
import { fromBool, fromJson, nowIso, toBool, toJson } from '../codec.ts';
import { inRegion } from '../region-prefix.ts';

/** The fields of a trip its planner writes: what the rules check (`TripDraft`). */
export type TripFields = TripDraft;

export interface TripRecord extends TripFields {
  id: number;
  status: TripStatus;
  planRef: string | null;
  cancelReason: string | null;
  boardingAt: string | null;
  departedAt: string | null;
  arrivedAt: string | null;
  cancelledAt: string | null;
  createdBy: number;
  createdAt: string;
  updatedAt: string;
  version: number;
  /** Passengers holding a seat (listed, boarded or arrived). */
  seated: number;
}

export interface PassengerRecord {
  id: number;
  tripId: number;
  personId: number;
  seatNo: number | null;
  pickupIndex: number;
  status: PassengerStatus;
  temperatureTenths: number | null;
  healthCertificate: boolean | null;
  kitIssued: boolean | null;
  checkedAt: string | null;
  boardedAt: string | null;
  arrivedAt: string | null;
  costShareFen: number | null;
  claimId: number | null;
  subsidyFacts: Record<string, unknown> | null;
  // From the ledger, for the manifest: masked as stored.
  name: string;
  gender: string;
  idMasked: string;
  phoneMasked: string | null;
  villageCode: string;
  householdId: number;
  householdCategory: string;
}

const SEATED = ['listed', 'boarded', 'arrived'];

function decodeTrip(r: any): TripRecord {
  return {
    id: Number(r.id),
    mode: r.mode,
    vehicleType: r.vehicle_type,
    capacity: Number(r.capacity),
    costFen: Number(r.cost_fen),
    originCounty: r.origin_county,
    pickups: toJson<Pickup[]>(r.pickups) ?? [],
    destination: { kind: r.destination_kind, regionCode: r.destination_region, name: r.destination_name, employerId: r.employer_id == null ? null : Number(r.employer_id) },
    travelDate: r.travel_date,
    departments: toJson<Department[]>(r.departments) ?? [],
    status: r.status,
    escortName: r.escort_name,
    vehiclePlate: r.vehicle_plate,
    notes: r.notes,
    planRef: r.plan_ref ?? null,
    cancelReason: r.cancel_reason ?? null,
    boardingAt: r.boarding_at ?? null,
    departedAt: r.departed_at ?? null,
    arrivedAt: r.arrived_at ?? null,
    cancelledAt: r.cancelled_at ?? null,
    createdBy: Number(r.created_by),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    version: Number(r.version),
    seated: Number(r.seated ?? 0),
  };
}

function encodeTrip(f: TripFields) {
  return {
    mode: f.mode,
    vehicle_type: f.vehicleType,
    capacity: f.capacity,
    cost_fen: f.costFen,
    origin_county: f.originCounty,
    pickups: fromJson(f.pickups),
    destination_kind: f.destination.kind,
    destination_region: f.destination.regionCode,
    destination_name: f.destination.name,
    employer_id: f.destination.employerId,
    travel_date: f.travelDate,
    departments: fromJson(f.departments),
    escort_name: f.escortName,
    vehicle_plate: f.vehiclePlate,
    notes: f.notes,
  };
}

function decodePassenger(r: any): PassengerRecord {
  return {
    id: Number(r.id),
    tripId: Number(r.trip_id),
    personId: Number(r.person_id),
    seatNo: r.seat_no == null ? null : Number(r.seat_no),
    pickupIndex: Number(r.pickup_index),
    status: r.status,
    temperatureTenths: r.temperature_tenths == null ? null : Number(r.temperature_tenths),
    healthCertificate: r.health_certificate == null ? null : toBool(r.health_certificate),
    kitIssued: r.kit_issued == null ? null : toBool(r.kit_issued),
    checkedAt: r.checked_at ?? null,
    boardedAt: r.boarded_at ?? null,
    arrivedAt: r.arrived_at ?? null,
    costShareFen: r.cost_share_fen == null ? null : Number(r.cost_share_fen),
    claimId: r.claim_id == null ? null : Number(r.claim_id),
    subsidyFacts: toJson<Record<string, unknown> | null>(r.subsidy_facts) ?? null,
    name: r.name,
    gender: r.gender,
    idMasked: r.id_masked,
    phoneMasked: r.phone_masked ?? null,
    villageCode: r.village_code,
    householdId: Number(r.household_id),
    householdCategory: r.household_category,
  };
}

export interface TripFilter {
  /** The trip's pickup county or its destination must lie in this region (empty = anywhere). */
  within: string;
  /** Narrow to trips from this region (pickup county). */
  origin?: string;
  /** Narrow to trips whose destination lies in this region. */
  destination?: string;
  status?: string;
  from?: string;
  to?: string;
  afterId?: number;
  limit: number;
}

function seatedCount() {
  return sql<number>`(select count(*) from trip_passengers tp where tp.trip_id = trips.id and tp.status in ('listed', 'boarded', 'arrived'))`;
}

export const tripsRepository = {
  /**
   * Serializes plan commits and manual manifest changes of one county on PostgreSQL (SQLite has a
   * single writer already), so two planners never seat the same person twice.
   */
  async lockCounty(trx: Tx, county: string): Promise<void> {
    if (isPostgres(trx)) {
      await sql`select pg_advisory_xact_lock(7041995, ${Number(county.slice(0, 9)) % 2_000_000_000})`.execute(trx);
    }
  },

  async insert(trx: Tx, f: TripFields, meta: { createdBy: number; planRef: string | null }): Promise<number> {
    const now = nowIso();
    const r = await trx
      .insertInto('trips')
      .values({ ...encodeTrip(f), status: 'planned', plan_ref: meta.planRef, created_by: meta.createdBy, created_at: now, updated_at: now, version: 1 })
      .returning('id')
      .executeTakeFirstOrThrow();
    return Number(r.id);
  },

  async byId(db: Tx, id: number): Promise<TripRecord | undefined> {
    const r = await db.selectFrom('trips').selectAll().select(seatedCount().as('seated')).where('id', '=', id).executeTakeFirst();
    return r ? decodeTrip(r) : undefined;
  },

  /** Writes the fields when the trip is still at `version`; false when someone changed it meanwhile. */
  async update(trx: Tx, id: number, version: number, f: TripFields): Promise<boolean> {
    const r = await trx
      .updateTable('trips')
      .set({ ...encodeTrip(f), updated_at: nowIso(), version: version + 1 })
      .where('id', '=', id)
      .where('version', '=', version)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  },

  /** A manifest change is a change of the trip: the version moves so stale editors get 412. */
  async touch(trx: Tx, id: number, version: number): Promise<boolean> {
    const r = await trx.updateTable('trips').set({ updated_at: nowIso(), version: version + 1 }).where('id', '=', id).where('version', '=', version).executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  },

  async setStatus(trx: Tx, id: number, version: number, status: TripStatus, extra: { cancelReason?: string } = {}): Promise<boolean> {
    const now = nowIso();
    const stamp = status === 'boarding' ? { boarding_at: now } : status === 'departed' ? { departed_at: now } : status === 'arrived' ? { arrived_at: now } : status === 'cancelled' ? { cancelled_at: now, cancel_reason: extra.cancelReason ?? '' } : {};
    const r = await trx
      .updateTable('trips')
      .set({ status, ...stamp, updated_at: now, version: version + 1 })
      .where('id', '=', id)
      .where('version', '=', version)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  },

  async list(db: Tx, f: TripFilter): Promise<TripRecord[]> {
    let q = db.selectFrom('trips').selectAll().select(seatedCount().as('seated'));
    if (f.within) q = q.where((eb) => eb.or([inRegion(eb, 'origin_county', f.within), inRegion(eb, 'destination_region', f.within)]));
    if (f.origin) q = q.where((eb) => inRegion(eb, 'origin_county', f.origin!));
    if (f.destination) q = q.where((eb) => inRegion(eb, 'destination_region', f.destination!));
    if (f.status) q = q.where('status', '=', f.status);
    if (f.from) q = q.where('travel_date', '>=', f.from);
    if (f.to) q = q.where('travel_date', '<=', f.to);
    if (f.afterId) q = q.where('id', '<', f.afterId);
    const rows = await q.orderBy('id', 'desc').limit(f.limit).execute();
    return rows.map(decodeTrip);
  },

  async passengers(db: Tx, tripId: number): Promise<PassengerRecord[]> {
    const rows = await db
      .selectFrom('trip_passengers as tp')
      .innerJoin('persons as p', 'p.id', 'tp.person_id')
      .innerJoin('households as h', 'h.id', 'p.household_id')
      .selectAll('tp')
      .select(['p.name', 'p.gender', 'p.id_masked', 'p.phone_masked', 'p.village_code', 'p.household_id', 'h.category as household_category'])
      .where('tp.trip_id', '=', tripId)
      .orderBy(sql`case when tp.seat_no is null then 1 else 0 end`)
      .orderBy('tp.seat_no')
      .orderBy('tp.id')
      .execute();
    return rows.map(decodePassenger);
  },

  async passenger(db: Tx, tripId: number, passengerId: number): Promise<PassengerRecord | undefined> {
    return (await this.passengers(db, tripId)).find((p) => p.id === passengerId);
  },

  async insertPassengers(trx: Tx, tripId: number, travelDate: string, rows: { personId: number; seatNo: number; pickupIndex: number }[]): Promise<void> {
    const now = nowIso();
    for (let i = 0; i < rows.length; i += 500) {
      await trx
        .insertInto('trip_passengers')
        .values(rows.slice(i, i + 500).map((r) => ({ trip_id: tripId, person_id: r.personId, seat_no: r.seatNo, pickup_index: r.pickupIndex, status: 'listed', live_date: travelDate, created_at: now, updated_at: now })))
        .execute();
    }
  },

  /** Moves the live passengers of a trip to a new date (the unique index then checks the new date). */
  async moveLiveDate(trx: Tx, tripId: number, travelDate: string): Promise<void> {
    await trx.updateTable('trip_passengers').set({ live_date: travelDate, updated_at: nowIso() }).where('trip_id', '=', tripId).where('live_date', 'is not', null).execute();
  },

  async recordCheck(trx: Tx, passengerId: number, c: { temperatureTenths: number; healthCertificate: boolean; kitIssued: boolean; by: number }): Promise<void> {
    await trx
      .updateTable('trip_passengers')
      .set({ temperature_tenths: c.temperatureTenths, health_certificate: fromBool(c.healthCertificate), kit_issued: fromBool(c.kitIssued), checked_at: nowIso(), checked_by: c.by, updated_at: nowIso() })
      .where('id', '=', passengerId)
      .execute();
  },

  /** Sets a passenger's status; `removed` and `absent` free the seat and the date. */
  async setPassengerStatus(trx: Tx, passengerId: number, status: PassengerStatus): Promise<void> {
    const now = nowIso();
    const stamp = status === 'boarded' ? { boarded_at: now } : status === 'arrived' ? { arrived_at: now } : status === 'removed' ? { seat_no: null, live_date: null } : status === 'absent' ? { live_date: null } : {};
    await trx.updateTable('trip_passengers').set({ status, ...stamp, updated_at: now }).where('id', '=', passengerId).execute();
  },

  /** At departure, everyone still waiting was left behind. */
  async markAbsent(trx: Tx, tripId: number): Promise<number> {
    const r = await trx.updateTable('trip_passengers').set({ status: 'absent', live_date: null, updated_at: nowIso() }).where('trip_id', '=', tripId).where('status', '=', 'listed').executeTakeFirst();
    return Number(r.numUpdatedRows);
  },

  /** A cancelled trip frees every date its passengers held. */
  async releaseTrip(trx: Tx, tripId: number): Promise<void> {
    await trx.updateTable('trip_passengers').set({ live_date: null, updated_at: nowIso() }).where('trip_id', '=', tripId).execute();
  },

  async setArrivalFacts(trx: Tx, passengerId: number, v: { costShareFen: number; claimId: number | null; subsidyFacts: Record<string, unknown> }): Promise<void> {
    await trx
      .updateTable('trip_passengers')
      .set({ cost_share_fen: v.costShareFen, claim_id: v.claimId, subsidy_facts: fromJson(v.subsidyFacts), updated_at: nowIso() })
      .where('id', '=', passengerId)
      .execute();
  },

  /** Of the given people, those holding a seat on a trip that is not cancelled (any date); with no list, all of them. */
  async personsOnLiveTrips(db: Tx, personIds?: number[]): Promise<Set<number>> {
    const out = new Set<number>();
    const run = async (ids?: number[]) => {
      let q = db
        .selectFrom('trip_passengers as tp')
        .innerJoin('trips as t', 't.id', 'tp.trip_id')
        .select('tp.person_id')
        .where('tp.status', 'in', SEATED)
        .where('t.status', '<>', 'cancelled');
      if (ids) q = q.where('tp.person_id', 'in', ids);
      for (const r of await q.execute()) out.add(Number(r.person_id));
    };
    if (!personIds) await run();
    else for (let i = 0; i < personIds.length; i += 500) await run(personIds.slice(i, i + 500));
    return out;
  },

  /** Who already holds a seat on a live trip on this date (one of the given people). */
  async seatedOnDate(db: Tx, personIds: number[], date: string, exceptTrip?: number): Promise<{ personId: number; tripId: number }[]> {
    if (personIds.length === 0) return [];
    let q = db.selectFrom('trip_passengers').select(['person_id', 'trip_id']).where('live_date', '=', date).where('person_id', 'in', personIds);
    if (exceptTrip) q = q.where('trip_id', '<>', exceptTrip);
    return (await q.execute()).map((r) => ({ personId: Number(r.person_id), tripId: Number(r.trip_id) }));
  },

  async findAction(db: Tx, key: string): Promise<{ tripId: number; passengerId: number | null; action: string } | undefined> {
    const r = await db.selectFrom('trip_actions').select(['trip_id', 'passenger_id', 'action']).where('key', '=', key).executeTakeFirst();
    return r ? { tripId: Number(r.trip_id), passengerId: r.passenger_id == null ? null : Number(r.passenger_id), action: r.action } : undefined;
  },

  async insertAction(trx: Tx, v: { key: string; tripId: number; passengerId: number | null; action: string; actorId: number }): Promise<void> {
    await trx.insertInto('trip_actions').values({ key: v.key, trip_id: v.tripId, passenger_id: v.passengerId, action: v.action, actor_id: v.actorId, at: nowIso() }).execute();
  },
};

/** Whether an error is the unique index that keeps a person on one live trip per date. */
export function isDoubleBooking(e: unknown): boolean {
  const m = String((e as { message?: string })?.message ?? '');
  const c = (e as { code?: string; constraint?: string })?.constraint;
  return c === 'trip_passengers_live_person' || /trip_passengers\.person_id, trip_passengers\.live_date/.test(m);
}

/** Whether an error is the unique index of seats. */
export function isSeatTaken(e: unknown): boolean {
  const m = String((e as { message?: string })?.message ?? '');
  const c = (e as { constraint?: string })?.constraint;
  return c === 'trip_passengers_seat' || /trip_passengers\.trip_id, trip_passengers\.seat_no/.test(m);
}
