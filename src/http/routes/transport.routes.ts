import { z } from 'zod';
import { arrivePassenger, boardPassenger, recordCheck, transitionTrip } from '../../app/transport/escort.ts';
import { planTransport } from '../../app/transport/plan.ts';
import { tripReport } from '../../app/transport/report.ts';
import { addPassengers, createTrip, getTrip, listTrips, removePassenger, updateTrip } from '../../app/transport/trips.ts';
import { DEPARTMENTS, DESTINATION_KINDS, PASSENGER_STATUSES, PICKUP_KINDS, TRIP_MODES, TRIP_STATUSES } from '../../domain/transport/vocabulary.ts';
import { registerErrorStatuses } from '../errors.ts';
import { idParam, idParams } from '../params.ts';
import { actorOf, type Server } from '../types.ts';

registerErrorStatuses({
  trip_transition_invalid: 409,
  trip_not_editable: 409,
  trip_over_capacity: 409,
  person_double_booked: 409,
  seat_taken: 409,
  idempotency_key_reused: 409,
});

const region = z.string().regex(/^\d{2,12}$/);
const date = z.string().max(10);
const key = z.string().max(100);

const pickupIn = z.strictObject({ regionCode: region, kind: z.enum(PICKUP_KINDS).optional(), name: z.string().max(100).optional(), time: z.string().max(5) });
const destinationIn = z.strictObject({ kind: z.enum(DESTINATION_KINDS).optional(), regionCode: region.optional(), name: z.string().max(200).optional(), employerId: z.number().int().positive().nullable().optional() });
const passengerIn = z.strictObject({ personId: z.number().int().positive(), seatNo: z.number().int().min(1).max(400).optional(), pickupIndex: z.number().int().min(0).max(29).optional() });

const tripFields = {
  mode: z.enum(TRIP_MODES),
  vehicleType: z.string().max(40).optional(),
  capacity: z.number().int(),
  costFen: z.number().int(),
  originCounty: region.optional(),
  pickups: z.array(pickupIn).max(30),
  destination: destinationIn,
  travelDate: date,
  departments: z.array(z.enum(DEPARTMENTS)).max(DEPARTMENTS.length).optional(),
  escortName: z.string().max(50).optional(),
  vehiclePlate: z.string().max(20).optional(),
  notes: z.string().max(1000).optional(),
};

const pickupView = z.object({ regionCode: z.string(), kind: z.string(), name: z.string(), time: z.string() });
const destinationView = z.object({ kind: z.string(), regionCode: z.string(), name: z.string(), employerId: z.number().nullable(), regionName: z.string().nullable() });

const tripView = z.object({
  id: z.number(),
  mode: z.string(),
  vehicleType: z.string(),
  capacity: z.number(),
  costFen: z.number(),
  originCounty: z.string(),
  originName: z.string().nullable(),
  pickups: z.array(pickupView),
  destination: destinationView,
  travelDate: z.string(),
  departments: z.array(z.string()),
  status: z.enum(TRIP_STATUSES),
  nextStatuses: z.array(z.string()),
  escortName: z.string(),
  vehiclePlate: z.string(),
  notes: z.string(),
  planRef: z.string().nullable(),
  cancelReason: z.string().nullable(),
  boardingAt: z.string().nullable(),
  departedAt: z.string().nullable(),
  arrivedAt: z.string().nullable(),
  cancelledAt: z.string().nullable(),
  seated: z.number(),
  seatsFree: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number(),
});

const passengerView = z.object({
  id: z.number(),
  personId: z.number(),
  name: z.string(),
  gender: z.string(),
  idNumber: z.string(),
  phone: z.string().nullable(),
  villageCode: z.string(),
  householdCategory: z.string(),
  poor: z.boolean(),
  seatNo: z.number().nullable(),
  pickupIndex: z.number(),
  status: z.enum(PASSENGER_STATUSES),
  check: z.object({ temperature: z.number().nullable(), healthCertificate: z.boolean(), kitIssued: z.boolean(), checkedAt: z.string(), mayBoard: z.boolean() }).nullable(),
  boardedAt: z.string().nullable(),
  arrivedAt: z.string().nullable(),
  costShareFen: z.number().nullable(),
  claimId: z.number().nullable(),
});

const claimOutcome = z.object({ passengerId: z.number(), claimId: z.number().nullable(), eligible: z.boolean().nullable(), status: z.string().nullable(), error: z.string().nullable() });
const tripDetail = tripView.extend({ passengers: z.array(passengerView) });
const hireOutcome = z.object({ passengerId: z.number(), referralId: z.number(), status: z.string().nullable(), error: z.string().nullable() });
const actionResult = tripDetail.extend({ replayed: z.boolean(), hires: z.array(hireOutcome), claims: z.array(claimOutcome) });

const plannedTrip = z.object({
  id: z.number().optional(),
  mode: z.string(),
  vehicleType: z.string(),
  capacity: z.number(),
  costFen: z.number(),
  originCounty: z.string(),
  originName: z.string().nullable(),
  travelDate: z.string(),
  destination: destinationView,
  pickups: z.array(pickupView),
  departments: z.array(z.string()),
  passengers: z.array(z.object({ personId: z.number(), seatNo: z.number(), pickupIndex: z.number() })),
});

const planResult = z.object({
  region: z.string(),
  from: z.string(),
  to: z.string().nullable(),
  windowDays: z.number(),
  committed: z.boolean(),
  planRef: z.string().nullable(),
  fleet: z.array(z.object({ type: z.string(), mode: z.string(), capacity: z.number(), costFen: z.number() })),
  travelers: z.number(),
  sources: z.object({ employment: z.number(), referral: z.number(), ledger: z.number() }),
  alreadyOnTrips: z.number(),
  excluded: z.record(z.string(), z.number()),
  costFen: z.number(),
  cost: z.number(),
  lowerBoundFen: z.number(),
  lowerBound: z.number(),
  gap: z.number(),
  groups: z.number(),
  provenGroups: z.number(),
  ms: z.number(),
  byGroup: z.array(z.object({
    originCounty: z.string(),
    originName: z.string().nullable(),
    destination: z.string(),
    destinationName: z.string(),
    destinationRegion: z.string(),
    trips: z.number(),
    people: z.number(),
    costFen: z.number(),
    byMode: z.record(z.string(), z.number()),
    dates: z.array(z.string()),
  })),
  trips: z.array(plannedTrip),
});

const figures = {
  trips: z.number(),
  seats: z.number(),
  costFen: z.number(),
  vehiclesByMode: z.record(z.string(), z.number()),
  scheduled: z.number(),
  transported: z.number(),
  poorTransported: z.number(),
  subsidyPaidFen: z.number(),
};

const passengerParams = z.strictObject({ id: idParam, passengerId: idParam });
const keyHeader = z.object({ 'idempotency-key': key.optional() });

/** The key of an escort action: the Idempotency-Key header (as the offline outbox sends it), else the body's `key`. */
function keyOf(req: { headers: Record<string, unknown>; body?: unknown }): string | undefined {
  const h = req.headers['idempotency-key'];
  if (typeof h === 'string' && h) return h;
  const b = req.body as { key?: string } | undefined;
  return b?.key;
}

export async function transportRoutes(server: Server) {
  const app = server.jiuye;

  server.get('/api/v1/trips', {
    config: { access: { action: 'trip.read' } },
    schema: {
      tags: ['transport'],
      summary: 'Trips from or to your region, newest first (a trip belongs to its pickup county; its destination region may read it)',
      querystring: z.strictObject({
        region: region.optional(),
        origin: region.optional(),
        destination: region.optional(),
        status: z.enum(TRIP_STATUSES).optional(),
        from: date.optional(),
        to: date.optional(),
        cursor: z.string().max(100).optional(),
        limit: z.coerce.number().int().min(1).max(500).optional(),
      }),
      response: { 200: z.object({ items: z.array(tripView), nextCursor: z.string().nullable() }) },
    },
  }, async (req) => listTrips(app, actorOf(req), req.query));

  server.get('/api/v1/trips/report', {
    config: { access: { action: 'trip.report' } },
    schema: {
      tags: ['transport'],
      summary: 'Vehicles by mode, trips, people scheduled and transported (of them poor), subsidy paid: in total, by child region and by day',
      querystring: z.strictObject({ region: region.optional(), from: date.optional(), to: date.optional() }),
      response: {
        200: z.object({
          region: z.string(),
          regionName: z.string().nullable(),
          from: z.string().nullable(),
          to: z.string().nullable(),
          total: z.object(figures),
          byRegion: z.array(z.object({ regionCode: z.string(), regionName: z.string().nullable(), ...figures })),
          byDay: z.array(z.object({ day: z.string(), ...figures })),
        }),
      },
    },
  }, async (req) => tripReport(app, actorOf(req), req.query));

  server.post('/api/v1/trips/plan', {
    config: { access: { action: 'trip.plan' } },
    schema: {
      tags: ['transport'],
      summary: 'Plan trips for the people of a county who need transport: least cost, with a lower bound. commit=true creates the trips and manifests; people already on a live trip are not planned again',
      body: z.strictObject({
        region,
        from: date.optional(),
        to: date.optional(),
        windowDays: z.number().int().min(1).max(60).optional(),
        fleet: z.array(z.strictObject({ type: z.string().max(40), mode: z.enum(TRIP_MODES).optional(), capacity: z.number().int(), costFen: z.number().int() })).min(1).max(20).optional(),
        commit: z.boolean().optional(),
      }),
      response: { 200: planResult, 201: planResult },
    },
  }, async (req, reply) => {
    const r = await planTransport(app, actorOf(req), req.body);
    return reply.code(r.committed ? 201 : 200).send(r);
  });

  server.post('/api/v1/trips', {
    config: { access: { action: 'trip.manage' } },
    schema: {
      tags: ['transport'],
      summary: 'Create a trip by hand, optionally with its passengers (each from the trip’s county, on no other live trip that day)',
      body: z.strictObject({ ...tripFields, passengers: z.array(passengerIn).max(400).optional() }),
      response: { 201: tripDetail },
    },
  }, async (req, reply) => reply.code(201).send(await createTrip(app, actorOf(req), req.body)));

  server.get('/api/v1/trips/:id', {
    config: { access: { action: 'trip.read', resource: 'trip' } },
    schema: { tags: ['transport'], summary: 'One trip with its manifest (ID numbers and phones masked)', params: idParams, response: { 200: tripDetail } },
  }, async (req) => getTrip(app, actorOf(req), req.params.id));

  server.patch('/api/v1/trips/:id', {
    config: { access: { action: 'trip.manage', resource: 'trip' } },
    schema: {
      tags: ['transport'],
      summary: 'Change a planned trip (escort, plate and notes until it arrives); send the version you read (a stale version answers 412)',
      params: idParams,
      body: z.strictObject({
        mode: tripFields.mode.optional(),
        vehicleType: tripFields.vehicleType,
        capacity: tripFields.capacity.optional(),
        costFen: tripFields.costFen.optional(),
        originCounty: tripFields.originCounty,
        pickups: tripFields.pickups.optional(),
        destination: destinationIn.optional(),
        travelDate: date.optional(),
        departments: tripFields.departments,
        escortName: tripFields.escortName,
        vehiclePlate: tripFields.vehiclePlate,
        notes: tripFields.notes,
        version: z.number().int().positive(),
      }),
      response: { 200: tripDetail },
    },
  }, async (req) => updateTrip(app, actorOf(req), req.params.id, req.body));

  server.post('/api/v1/trips/:id/transitions', {
    config: { access: { action: 'trip.escort', resource: 'trip' } },
    schema: {
      tags: ['transport'],
      summary: 'Move the trip: boarding, departed, arrived (escort) or cancelled (officer, with a reason). Send Idempotency-Key from a phone; an invalid move answers 409 trip_transition_invalid',
      params: idParams,
      headers: keyHeader,
      body: z.strictObject({ to: z.enum(TRIP_STATUSES), reason: z.string().max(500).optional(), version: z.number().int().positive().optional(), key: key.optional() }),
      response: { 200: actionResult },
    },
  }, async (req) => transitionTrip(app, actorOf(req), req.params.id, { ...req.body, key: keyOf(req) }));

  server.post('/api/v1/trips/:id/passengers', {
    config: { access: { action: 'trip.manage', resource: 'trip' } },
    schema: { tags: ['transport'], summary: 'Add people to the manifest (never over capacity; one live trip per person per date)', params: idParams, body: z.strictObject({ passengers: z.array(passengerIn).min(1).max(400) }), response: { 200: tripDetail } },
  }, async (req) => addPassengers(app, actorOf(req), req.params.id, req.body.passengers));

  server.delete('/api/v1/trips/:id/passengers/:passengerId', {
    config: { access: { action: 'trip.manage', resource: 'trip' } },
    schema: { tags: ['transport'], summary: 'Take a passenger who has not boarded off the manifest', params: passengerParams, response: { 200: tripDetail } },
  }, async (req) => removePassenger(app, actorOf(req), req.params.id, req.params.passengerId));

  server.post('/api/v1/trips/:id/passengers/:passengerId/check', {
    config: { access: { action: 'trip.escort', resource: 'trip' } },
    schema: {
      tags: ['transport'],
      summary: 'Record the check before boarding: temperature (above 37.3 °C blocks boarding), health certificate, protective kit issued',
      params: passengerParams,
      headers: keyHeader,
      body: z.strictObject({ temperature: z.number(), healthCertificate: z.boolean(), kitIssued: z.boolean(), key: key.optional() }),
      response: { 200: actionResult },
    },
  }, async (req) => recordCheck(app, actorOf(req), req.params.id, req.params.passengerId, { ...req.body, key: keyOf(req) }));

  server.post('/api/v1/trips/:id/passengers/:passengerId/board', {
    config: { access: { action: 'trip.escort', resource: 'trip' } },
    schema: {
      tags: ['transport'],
      summary: 'Confirm the passenger aboard (the trip is boarding and the check passed; 422 temperature_too_high, health_certificate_missing, protective_kit_missing, health_check_missing)',
      params: passengerParams,
      headers: keyHeader,
      body: z.strictObject({ key: key.optional() }).optional(),
      response: { 200: actionResult },
    },
  }, async (req) => boardPassenger(app, actorOf(req), req.params.id, req.params.passengerId, { key: keyOf(req) }));

  server.post('/api/v1/trips/:id/passengers/:passengerId/arrive', {
    config: { access: { action: 'trip.escort', resource: 'trip' } },
    schema: {
      tags: ['transport'],
      summary: 'Confirm the passenger at the destination: at work for the hire, transport subsidy claim filed with the seat’s cost share',
      params: passengerParams,
      headers: keyHeader,
      body: z.strictObject({ key: key.optional() }).optional(),
      response: { 200: actionResult },
    },
  }, async (req) => arrivePassenger(app, actorOf(req), req.params.id, req.params.passengerId, { key: keyOf(req) }));
}
