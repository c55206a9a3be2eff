import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../src/http/server.ts';
import type { Server } from '../../src/http/types.ts';
import { ADMIN_PASSWORD, createTestApp, type TestApp } from '../support/app.ts';
import { ENGINES } from '../support/databases.ts';
import { Client } from '../support/http.ts';
import { DATONG_SITE, HUNYUAN, seedCounty, SUZHOU_SITE, loginSettled, type Seeded } from './seed.ts';

const PLAN = { region: HUNYUAN, from: '2020-03-18', windowDays: 7 };

describe.each(ENGINES)('point-to-point transport on %s', (engine) => {
  let t: TestApp;
  let server: Server;
  let admin: Client;
  let officer: Client;
  let escort: Client;
  let viewer: Client;
  let seed: Seeded;
  let committed: any;

  beforeAll(async () => {
    t = await createTestApp(engine);
    server = await buildServer(t.app);
    admin = new Client(server);
    await loginSettled(admin, 'admin', ADMIN_PASSWORD);
    const users = [
      ['hy-officer', 'county_officer', HUNYUAN],
      ['hy-escort', 'town_commissioner', '140225100'],
      ['hy-viewer', 'viewer', HUNYUAN],
    ];
    for (const [username, role, regionCode] of users) {
      const r = await admin.post('/api/v1/users', { username, password: `${username}-pass-1`, role, regionCode });
      if (r.status !== 201) throw new Error(JSON.stringify(r.body));
    }
    officer = new Client(server);
    await officer.login('hy-officer', 'hy-officer-pass-1');
    escort = new Client(server);
    await escort.login('hy-escort', 'hy-escort-pass-1');
    viewer = new Client(server);
    await viewer.login('hy-viewer', 'hy-viewer-pass-1');
    seed = await seedCounty(officer);
  });
  afterAll(async () => {
    await server?.close();
    await t?.close();
  });

  it('plans on the records in a dry run and writes nothing', async () => {
    const r = await officer.post('/api/v1/trips/plan', PLAN);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toMatchObject({ committed: false, region: HUNYUAN, travelers: 53, alreadyOnTrips: 0, excluded: { no_destination: 1, same_county: 0 } });
    // 50 to Datong on one day: a coach and two cars (cheapest cover of 50); 3 to Suzhou share a car on 25 March.
    expect(r.body.costFen).toBe(380_000 + 2 * 60_000 + 60_000);
    expect(r.body.lowerBoundFen).toBe(r.body.costFen);
    expect(r.body.trips.map((x: any) => `${x.travelDate} ${x.vehicleType} ${x.passengers.length} ${x.destination.regionCode}`).sort()).toEqual([
      `2020-03-18 car-4 1 ${DATONG_SITE}`, `2020-03-18 car-4 4 ${DATONG_SITE}`, `2020-03-18 coach-45 45 ${DATONG_SITE}`, `2020-03-25 car-4 3 ${SUZHOU_SITE}`,
    ]);
    const datong = r.body.byGroup.find((g: any) => g.destinationRegion === DATONG_SITE);
    expect(datong).toMatchObject({ originCounty: HUNYUAN, originName: '浑源县', trips: 3, people: 50, costFen: 500_000, dates: ['2020-03-18'] });
    const coach = r.body.trips.find((x: any) => x.vehicleType === 'coach-45');
    expect(coach.pickups.map((p: any) => p.name)).toEqual(['永安镇', '西坊城镇', '蔡村镇', '浑源县']);
    const everyone = r.body.trips.flatMap((x: any) => x.passengers.map((p: any) => p.personId)).sort((a: number, b: number) => a - b);
    expect(everyone).toEqual([...seed.toDatong, ...seed.toSuzhou].sort((a, b) => a - b));
    expect(everyone).not.toContain(seed.seeking);
    expect((await officer.get('/api/v1/trips')).body.items).toEqual([]);
  });

  it('commits the plan in one go, and a second commit plans nobody again', async () => {
    const r = await officer.post('/api/v1/trips/plan', { ...PLAN, commit: true });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    committed = r.body;
    expect(committed.trips.every((x: any) => typeof x.id === 'number')).toBe(true);
    expect(committed.planRef).toMatch(/^plan-2020-03-18-/);
    const list = await officer.get(`/api/v1/trips?from=2020-03-01&to=2020-03-31`);
    expect(list.body.items).toHaveLength(4);
    expect(list.body.items.reduce((s: number, x: any) => s + x.seated, 0)).toBe(53);

    const again = await officer.post('/api/v1/trips/plan', { ...PLAN, commit: true });
    expect(again.status).toBe(201);
    expect(again.body).toMatchObject({ travelers: 0, alreadyOnTrips: 53, costFen: 0, trips: [] });
    expect((await officer.get('/api/v1/trips')).body.items).toHaveLength(4);
    const audit = await admin.get('/api/v1/audit?entity=trip_plan');
    expect(audit.body.items).toHaveLength(2);
  });

  it('shows a manifest with seats, masked ID numbers and phones', async () => {
    const coach = committed.trips.find((x: any) => x.vehicleType === 'coach-45');
    const r = await officer.get(`/api/v1/trips/${coach.id}`);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ status: 'planned', capacity: 45, seated: 45, seatsFree: 0, mode: 'coach', costFen: 380_000, destination: { kind: 'employer', employerId: seed.datong.id, regionCode: DATONG_SITE } });
    expect(r.body.passengers.map((p: any) => p.seatNo)).toEqual(Array.from({ length: 45 }, (_, i) => i + 1));
    for (const p of r.body.passengers) {
      expect(p.idNumber).toMatch(/^\d{6}\*+\w{4}$|\*/);
      expect(p.phone).toMatch(/\*{4}/);
    }
    expect(JSON.stringify(r.body)).not.toMatch(/1380351\d{4}/);
    // The township commissioner of a pickup point reads and escorts it; the viewer reads it.
    expect((await escort.get(`/api/v1/trips/${coach.id}`)).status).toBe(200);
    expect((await viewer.get(`/api/v1/trips/${coach.id}`)).status).toBe(200);
    expect((await escort.get('/api/v1/trips')).body.items.map((x: any) => x.id)).toContain(coach.id);
  });

  it('never seats more than the capacity, nor a person twice on a date', async () => {
    const car = committed.trips.find((x: any) => x.vehicleType === 'car-4' && x.passengers.length === 1);
    const free = await officer.post(`/api/v1/trips/${car.id}/passengers`, { passengers: [{ personId: seed.seeking }] });
    expect(free.status, JSON.stringify(free.body)).toBe(200);
    expect(free.body.seated).toBe(2);
    const onCoach = committed.trips.find((x: any) => x.vehicleType === 'coach-45').passengers[0].personId;
    const twice = await officer.post(`/api/v1/trips/${car.id}/passengers`, { passengers: [{ personId: onCoach }] });
    expect(twice.status).toBe(409);
    expect(twice.body.code).toBe('person_double_booked');
    const over = await officer.post('/api/v1/trips', {
      mode: 'car', capacity: 2, costFen: 30_000, pickups: [{ regionCode: HUNYUAN, time: '08:00' }], destination: { employerId: seed.suzhou.id }, travelDate: '2020-04-01',
      passengers: [{ personId: seed.toDatong[0] }, { personId: seed.toDatong[1] }, { personId: seed.toDatong[2] }],
    });
    expect(over.status).toBe(409);
    expect(over.body.code).toBe('trip_over_capacity');
    const bad = await officer.post('/api/v1/trips', { mode: 'car', capacity: 2, costFen: 30_000, pickups: [{ regionCode: '141127', time: '8:00' }], destination: { kind: 'city', regionCode: '3205' }, travelDate: '2020-02-30' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: any) => `${e.field}:${e.code}`)).toEqual(expect.arrayContaining(['pickups.0.regionCode:pickup_outside_county', 'pickups.0.time:time_format', 'travelDate:date_format']));
    const made = await officer.post('/api/v1/trips', { mode: 'minibus', capacity: 19, costFen: 190_000, pickups: [{ regionCode: '140225101', time: '07:00' }, { regionCode: HUNYUAN, time: '07:40' }], destination: { kind: 'city', regionCode: '3205' }, travelDate: '2020-04-02', passengers: [{ personId: seed.toDatong[0], seatNo: 7 }] });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    expect(made.body).toMatchObject({ destination: { kind: 'city', regionCode: '3205', name: '苏州市' }, originCounty: HUNYUAN, seated: 1, passengers: [{ seatNo: 7 }] });
  });

  it('rejects a stale version with 412 and an invalid move with its code', async () => {
    const suzhou = committed.trips.find((x: any) => x.destination.regionCode === SUZHOU_SITE);
    const now = (await officer.get(`/api/v1/trips/${suzhou.id}`)).body;
    const ok = await officer.patch(`/api/v1/trips/${suzhou.id}`, { version: now.version, escortName: '李主任', vehiclePlate: '晋B·12345' });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body.version).toBe(now.version + 1);
    const stale = await officer.patch(`/api/v1/trips/${suzhou.id}`, { version: now.version, notes: 'late' });
    expect(stale.status).toBe(412);
    expect(stale.body.code).toBe('version_conflict');
    const jump = await officer.post(`/api/v1/trips/${suzhou.id}/transitions`, { to: 'departed' });
    expect(jump.status).toBe(409);
    expect(jump.body.code).toBe('trip_transition_invalid');
    const noReason = await officer.post(`/api/v1/trips/${suzhou.id}/transitions`, { to: 'cancelled' });
    expect(noReason.body.errors[0]).toMatchObject({ field: 'reason', code: 'reason_required' });
    expect((await viewer.post(`/api/v1/trips/${suzhou.id}/transitions`, { to: 'boarding' })).status).toBe(403);
    const escortCancels = await escort.post(`/api/v1/trips/${suzhou.id}/transitions`, { to: 'cancelled', reason: 'x' });
    expect(escortCancels.status).toBe(403);
  });

  it('checks every passenger before boarding: above 37.3 °C blocks, each action once per key', async () => {
    const coach = committed.trips.find((x: any) => x.vehicleType === 'coach-45');
    const url = `/api/v1/trips/${coach.id}`;
    expect((await escort.post(`${url}/transitions`, { to: 'boarding' }, { 'idempotency-key': 'k-board-start-1' })).status).toBe(200);
    const again = await escort.post(`${url}/transitions`, { to: 'boarding' }, { 'idempotency-key': 'k-board-start-1' });
    expect(again.status).toBe(200);
    expect(again.body.replayed).toBe(true);
    const [first, second, ...rest] = (await escort.get(url)).body.passengers;

    const noCheck = await escort.post(`${url}/passengers/${first.id}/board`, {});
    expect(noCheck.body.code).toBe('health_check_missing');
    const fever = await escort.post(`${url}/passengers/${first.id}/check`, { temperature: 37.8, healthCertificate: true, kitIssued: true });
    expect(fever.status).toBe(200);
    expect(fever.body.passengers[0].check).toMatchObject({ temperature: 37.8, mayBoard: false });
    const blocked = await escort.post(`${url}/passengers/${first.id}/board`, {});
    expect(blocked.status).toBe(422);
    expect(blocked.body.code).toBe('temperature_too_high');
    expect(blocked.body.errors[0].messageZh).toContain('37.3');
    expect((await escort.post(`${url}/passengers/${first.id}/check`, { temperature: 37.3, healthCertificate: false, kitIssued: true })).status).toBe(200);
    expect((await escort.post(`${url}/passengers/${first.id}/board`, {})).body.code).toBe('health_certificate_missing');
    expect((await escort.post(`${url}/passengers/${first.id}/check`, { temperature: 36.4, healthCertificate: true, kitIssued: true })).status).toBe(200);
    const boarded = await escort.post(`${url}/passengers/${first.id}/board`, { key: 'k-board-p1-000' });
    expect(boarded.status).toBe(200);
    expect(boarded.body.passengers[0].status).toBe('boarded');
    const replay = await escort.post(`${url}/passengers/${first.id}/board`, { key: 'k-board-p1-000' });
    expect(replay.status).toBe(200);
    expect(replay.body.replayed).toBe(true);
    const reused = await escort.post(`${url}/passengers/${second.id}/board`, { key: 'k-board-p1-000' });
    expect(reused.status).toBe(409);
    expect(reused.body.code).toBe('idempotency_key_reused');
    const unreadable = await escort.post(`${url}/passengers/${second.id}/check`, { temperature: 3.65, healthCertificate: true, kitIssued: true });
    expect(unreadable.body.errors[0].code).toBe('temperature_reading');

    // Everyone but the last boards; the last is left behind at departure.
    for (const p of [second, ...rest.slice(0, -1)]) {
      expect((await escort.post(`${url}/passengers/${p.id}/check`, { temperature: 36.5, healthCertificate: true, kitIssued: true }, { 'idempotency-key': `k-check-${p.id}` })).status).toBe(200);
      expect((await escort.post(`${url}/passengers/${p.id}/board`, {}, { 'idempotency-key': `k-board-${p.id}` })).status).toBe(200);
    }
    const audit = await admin.get(`/api/v1/audit?entity=trip&entityId=${coach.id}&limit=200`);
    expect(audit.body.items.filter((a: any) => a.action === 'trip.passenger.board')).toHaveLength(44);
  });

  it('departs, confirms arrivals one by one, marks people at work and files their subsidy claims', async () => {
    const coach = committed.trips.find((x: any) => x.vehicleType === 'coach-45');
    const url = `/api/v1/trips/${coach.id}`;
    const departed = await escort.post(`${url}/transitions`, { to: 'departed' }, { 'idempotency-key': 'k-depart-coach' });
    expect(departed.status, JSON.stringify(departed.body)).toBe(200);
    const left = departed.body.passengers.filter((p: any) => p.status === 'absent');
    expect(left).toHaveLength(1);
    const aboard = departed.body.passengers.filter((p: any) => p.status === 'boarded');
    expect(aboard).toHaveLength(44);
    expect((await escort.post(`${url}/passengers/${left[0].id}/arrive`, {})).body.code).toBe('passenger_not_boarded');

    const first = await escort.post(`${url}/passengers/${aboard[0].id}/arrive`, {}, { 'idempotency-key': 'k-arrive-first' });
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    const p0 = first.body.passengers.find((p: any) => p.id === aboard[0].id);
    // 3,800 yuan over 44 riders: 86.37 yuan and a fen for the lowest 16 seats (380000 = 44 × 8636 + 16).
    expect(p0).toMatchObject({ status: 'arrived', costShareFen: 8637 });
    expect(first.body.claims).toHaveLength(1);
    const person = await officer.get(`/api/v1/persons/${aboard[0].personId}`);
    expect(person.body).toMatchObject({ employmentStatus: 'employed_province', employerName: seed.datong.name });
    const claimId = first.body.claims[0].claimId ?? p0.claimId;
    expect(claimId).toBeTruthy();
    const claim = await officer.get(`/api/v1/claims/${claimId}`);
    expect(claim.status, JSON.stringify(claim.body)).toBe(200);
    expect(claim.body).toMatchObject({ policy: 'transport-subsidy-shanxi-2020', subjectKind: 'trip', personId: aboard[0].personId, facts: { travelCost: 86.37, travelDate: '2020-03-18', workRegion: DATONG_SITE, homeRegion: p0.villageCode, personCategory: p0.householdCategory, claimsThisYear: 0 } });
    expect(claim.body.eligible).toBe(p0.poor);
    if (p0.poor) expect(claim.body).toMatchObject({ amountFen: 8637, status: 'submitted' });

    const replay = await escort.post(`${url}/passengers/${aboard[0].id}/arrive`, {}, { 'idempotency-key': 'k-arrive-first' });
    expect(replay.body.replayed).toBe(true);
    expect(replay.body.claims).toEqual([]);

    for (const p of aboard.slice(1)) expect((await escort.post(`${url}/passengers/${p.id}/arrive`, {}, { 'idempotency-key': `k-arrive-${p.id}` })).status).toBe(200);
    const done = (await officer.get(url)).body;
    expect(done.status).toBe('arrived');
    const shares = done.passengers.filter((p: any) => p.status === 'arrived').map((p: any) => p.costShareFen);
    expect(shares.reduce((a: number, b: number) => a + b, 0)).toBe(380_000);
    expect(done.passengers.filter((p: any) => p.status === 'arrived').every((p: any) => p.claimId != null)).toBe(true);
    const claims = await admin.get('/api/v1/claims?policy=transport-subsidy-shanxi-2020&limit=500');
    expect(claims.body.items).toHaveLength(44);
  });

  it('arrives a whole car at once through the trip transition', async () => {
    const car = committed.trips.find((x: any) => x.vehicleType === 'car-4' && x.passengers.length === 4);
    const url = `/api/v1/trips/${car.id}`;
    await escort.post(`${url}/transitions`, { to: 'boarding' });
    for (const p of (await escort.get(url)).body.passengers) {
      await escort.post(`${url}/passengers/${p.id}/check`, { temperature: 36.6, healthCertificate: true, kitIssued: true });
      await escort.post(`${url}/passengers/${p.id}/board`, {});
    }
    expect((await escort.post(`${url}/transitions`, { to: 'departed' })).status).toBe(200);
    const arrived = await escort.post(`${url}/transitions`, { to: 'arrived' });
    expect(arrived.status, JSON.stringify(arrived.body)).toBe(200);
    expect(arrived.body.passengers.every((p: any) => p.status === 'arrived' && p.costShareFen === 15_000)).toBe(true);
    expect(arrived.body.claims).toHaveLength(4);
  });

  it('cancels a trip and frees its passengers for another plan', async () => {
    const suzhou = committed.trips.find((x: any) => x.destination.regionCode === SUZHOU_SITE);
    const r = await officer.post(`/api/v1/trips/${suzhou.id}/transitions`, { to: 'cancelled', reason: '企业推迟复工' });
    expect(r.status).toBe(200);
    expect(r.body.status).toBe('cancelled');
    const replan = await officer.post('/api/v1/trips/plan', PLAN);
    expect(replan.body.travelers).toBe(4);
    expect(replan.body.trips.flatMap((x: any) => x.passengers.map((p: any) => p.personId)).sort()).toEqual([...seed.toSuzhou, committed.trips.find((x: any) => x.vehicleType === 'coach-45').passengers.at(-1).personId].sort());
  });

  it('reports vehicles, trips, people transported, the poor among them, by region and day', async () => {
    // Pay one transport subsidy claim through the policy module: two approvals, a budget, a payment batch.
    const claims = (await admin.get('/api/v1/claims?policy=transport-subsidy-shanxi-2020&status=submitted&limit=1')).body.items;
    expect(claims).toHaveLength(1);
    expect((await admin.put('/api/v1/budgets', { fund: 'employment-subsidy', regionCode: HUNYUAN, year: 2020, amount: 100_000 })).status).toBe(200);
    for (let i = 0; i < 2; i++) expect((await admin.post(`/api/v1/claims/${claims[0].id}/decisions`, { decision: 'approve' })).status).toBe(200);
    const batch = await admin.post('/api/v1/payment-batches', { fund: 'employment-subsidy', regionCode: HUNYUAN, claimIds: [claims[0].id], entryDate: '2020-04-10' });
    expect(batch.status, JSON.stringify(batch.body)).toBe(201);

    const r = await viewer.get(`/api/v1/trips/report?region=${HUNYUAN}&from=2020-03-01&to=2020-04-30`);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const arrivedPoor = (await officer.get(`/api/v1/trips/${committed.trips.find((x: any) => x.vehicleType === 'coach-45').id}`)).body.passengers.filter((p: any) => p.status === 'arrived' && p.poor).length
      + (await officer.get(`/api/v1/trips/${committed.trips.find((x: any) => x.vehicleType === 'car-4' && x.passengers.length === 4).id}`)).body.passengers.filter((p: any) => p.poor).length;
    // Not cancelled: the coach and two cars to Datong, and the minibus made by hand (the over-full car was refused).
    expect(r.body.total).toMatchObject({ trips: 4, transported: 48, poorTransported: arrivedPoor, subsidyPaidFen: claims[0].amountFen, scheduled: 48 + 2 + 1, costFen: 380_000 + 2 * 60_000 + 190_000 });
    expect(r.body.total.vehiclesByMode).toMatchObject({ coach: 1, car: 2, minibus: 1, train_carriage: 0, chartered_plane: 0 });
    expect(r.body.byRegion).toEqual([expect.objectContaining({ regionCode: HUNYUAN, regionName: '浑源县', trips: 4 })]);
    expect(r.body.byDay.map((d: any) => [d.day, d.trips, d.transported, d.subsidyPaidFen])).toEqual([['2020-03-18', 3, 48, claims[0].amountFen], ['2020-04-02', 1, 0, 0]]);
    const city = await admin.get('/api/v1/trips/report?region=1402');
    expect(city.body.byRegion.map((x: any) => x.regionCode)).toEqual([HUNYUAN]);
    const outside = await officer.get('/api/v1/trips/report?region=141127');
    expect(outside.status).toBe(403);
  });
});
