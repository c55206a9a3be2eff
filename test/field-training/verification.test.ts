import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../src/http/server.ts';
import type { Server } from '../../src/http/types.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { ENGINES } from '../support/databases.ts';
import { Client } from '../support/http.ts';
import { ADMIN_PASSWORD, addAccount, patient, password, seedHouseholds, villagesOf, type SeededHousehold } from './seed.ts';

const COUNTY = '140225';
const OTHER = '141127';

describe.each(ENGINES)('verification rounds on %s', (engine) => {
  let t: TestApp;
  let server: Server;
  let admin: Client;
  let officer: Client;
  let officerB: Client;
  let verifier: Client;
  let outsider: Client;
  let verifierId: number;
  let villages: string[];
  let seeded: SeededHousehold[];
  let roundId: number;
  let teamId: number;
  let tasks: any[];
  let firstVisit: unknown;

  const login = async (username: string) => {
    const c = patient(new Client(server));
    await c.login(username, password(username));
    return c;
  };
  const personRow = (id: number) => t.app.database.db.selectFrom('persons').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const taskOf = (householdId: number) => tasks.find((x) => x.householdId === householdId);

  beforeAll(async () => {
    t = await createTestApp(engine);
    server = await buildServer(t.app);
    await server.ready();
    admin = patient(new Client(server));
    await admin.login('admin', ADMIN_PASSWORD);
    await addAccount(admin, 'county-a', 'county_officer', COUNTY);
    await addAccount(admin, 'county-b', 'county_officer', OTHER);
    verifierId = await addAccount(admin, 'verifier-1', 'field_verifier', COUNTY);
    await addAccount(admin, 'verifier-2', 'field_verifier', COUNTY);
    await addAccount(admin, 'verifier-b', 'field_verifier', OTHER);
    officer = await login('county-a');
    officerB = await login('county-b');
    verifier = await login('verifier-1');
    outsider = await login('verifier-2');
    villages = await villagesOf(t.app, COUNTY, 2);
    seeded = [...(await seedHouseholds(t.app, villages[0], 3)), ...(await seedHouseholds(t.app, villages[1], 2))];
    await seedHouseholds(t.app, (await villagesOf(t.app, OTHER, 1))[0], 1);
  });
  afterAll(async () => {
    await server?.close();
    await t?.close();
  });

  it('starts a round, makes a team of county verifiers and turns each household of the assigned villages into a task', async () => {
    const r = await officer.post('/api/v1/verification-rounds', { name: '2020年3月劳动力核查', startsOn: '2020-03-01', endsOn: '2020-03-31' });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ countyCode: COUNTY, status: 'open', countyName: '浑源县' });
    roundId = r.body.id;

    const wrong = await officer.post(`/api/v1/verification-rounds/${roundId}/teams`, { name: '外县', memberIds: [(await admin.get('/api/v1/users')).body.items.find((u: any) => u.username === 'verifier-b').id] });
    expect(wrong.status).toBe(400);
    expect(wrong.body.errors[0].code).toBe('not_a_county_verifier');

    const team = await officer.post(`/api/v1/verification-rounds/${roundId}/teams`, { name: '第一组', memberIds: [verifierId] });
    expect(team.status).toBe(201);
    teamId = team.body.id;
    expect(team.body.members.map((m: any) => m.username)).toEqual(['verifier-1']);

    const outside = await officer.post(`/api/v1/verification-rounds/${roundId}/assignments`, { teamId, villageCodes: [(await villagesOf(t.app, OTHER, 1))[0]] });
    expect(outside.status).toBe(400);
    const a = await officer.post(`/api/v1/verification-rounds/${roundId}/assignments`, { teamId, villageCodes: villages });
    expect(a.status).toBe(200);
    expect(a.body.tasksCreated).toBe(5);
    // Assigning again creates nothing twice.
    expect((await officer.post(`/api/v1/verification-rounds/${roundId}/assignments`, { teamId, villageCodes: villages })).body.tasksCreated).toBe(0);
  });

  it('shows a verifier only its team’s rounds and tasks, with each person’s version', async () => {
    const mine = await verifier.get('/api/v1/verification-rounds');
    expect(mine.body.items.map((r: any) => [r.id, r.myTeamId])).toEqual([[roundId, teamId]]);
    expect((await outsider.get('/api/v1/verification-rounds')).body.items).toEqual([]);
    expect((await outsider.get(`/api/v1/verification-rounds/${roundId}/tasks`)).status).toBe(404);
    expect((await officerB.get(`/api/v1/verification-rounds/${roundId}`)).status).toBe(404);

    const dl = await verifier.get(`/api/v1/verification-rounds/${roundId}/tasks`);
    expect(dl.status).toBe(200);
    tasks = dl.body.items;
    expect(tasks).toHaveLength(5);
    expect(tasks[0].persons).toHaveLength(2);
    expect(tasks[0].persons[0]).toMatchObject({ version: 1, verificationStatus: 'unverified', employmentStatus: 'seeking' });
    expect(tasks[0].persons[0]).not.toHaveProperty('idNumber');
  });

  it('applies a visit to the people (audited, phone masked) and their household facts', async () => {
    const h = seeded[0];
    const task = taskOf(h.householdId);
    const body = {
      taskId: task.id,
      visitedAt: '2020-03-12T02:30:00.000Z',
      persons: [
        { personId: h.personIds[0], version: 1, outcome: 'verified', changes: { employmentStatus: 'employed_county', employerName: '浑源县扶贫车间', phone: '13912345678', jobWishTypes: ['4-09-08-01'], trainingWish: '4-10-01-06', minMonthlyPay: 3000 } },
        { personId: h.personIds[1], version: 1, outcome: 'working_away' },
      ],
    };
    firstVisit = body;
    const r = await verifier.post(`/api/v1/verification-rounds/${roundId}/visits`, body, { 'idempotency-key': 'visit-key-0001' });
    expect(r.status).toBe(201);
    expect(r.body.applied.map((a: any) => [a.personId, a.version])).toEqual([[h.personIds[0], 2], [h.personIds[1], 2]]);
    expect(r.body.conflicts).toEqual([]);

    const p = await personRow(h.personIds[0]);
    expect(p).toMatchObject({ employment_status: 'employed_county', phone_masked: '139****5678', verification_status: 'verified', verified_at: '2020-03-12T02:30:00.000Z', training_wish: '4-10-01-06' });
    expect(Number(p.verified_by)).toBe(verifierId);
    expect((await personRow(h.personIds[1])).verification_status).toBe('working_away');
    const hh = await t.app.database.db.selectFrom('households').selectAll().where('id', '=', h.householdId).executeTakeFirstOrThrow();
    expect(Number(hh.employed_count)).toBe(1);

    const audit = await officer.get(`/api/v1/audit?entity=person&entityId=${h.personIds[0]}`);
    const entry = audit.body.items.find((e: any) => e.action === 'person.verify');
    expect(entry).toBeDefined();
    expect(JSON.stringify(entry)).toContain('139****5678');
    expect(JSON.stringify(entry)).not.toContain('13912345678');

    // The same visit sent again: the first answer, nothing applied twice.
    const again = await verifier.post(`/api/v1/verification-rounds/${roundId}/visits`, body, { 'idempotency-key': 'visit-key-0001' });
    expect(again.status).toBe(200);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body).toEqual(r.body);
    expect(Number((await personRow(h.personIds[0])).version)).toBe(2);
    const visits = await officer.get(`/api/v1/verification-rounds/${roundId}/visits`);
    expect(visits.body.items).toHaveLength(1);
  });

  it('refuses a visit without a key, to another team’s task, or with bad values', async () => {
    const h = seeded[1];
    const task = taskOf(h.householdId);
    const body = { taskId: task.id, visitedAt: '2020-03-12T03:00:00Z', persons: [{ personId: h.personIds[0], version: 1, outcome: 'verified' }] };
    expect((await verifier.post(`/api/v1/verification-rounds/${roundId}/visits`, body)).status).toBe(400);
    const bad = await verifier.post(`/api/v1/verification-rounds/${roundId}/visits`, { ...body, persons: [{ personId: h.personIds[0], version: 1, outcome: 'verified', changes: { phone: '12345', jobWishTypes: ['9-99-99-99'] } }] }, { 'idempotency-key': 'visit-key-bad1' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: any) => e.field)).toContain('persons.0.changes.phone');
    const stranger = await verifier.post(`/api/v1/verification-rounds/${roundId}/visits`, { ...body, persons: [{ personId: seeded[2].personIds[0], version: 1, outcome: 'verified' }] }, { 'idempotency-key': 'visit-key-bad2' });
    expect(stranger.status).toBe(400);
    expect(stranger.body.errors[0].code).toBe('not_in_household');
    const notMember = await outsider.post(`/api/v1/verification-rounds/${roundId}/visits`, body, { 'idempotency-key': 'visit-key-bad3' });
    expect(notMember.status).toBe(404);
    // Another account cannot reuse a key.
    await addAccount(admin, 'verifier-3', 'field_verifier', COUNTY);
    await officer.patch(`/api/v1/verification-rounds/${roundId}/teams/${teamId}`, { memberIds: [verifierId, (await admin.get('/api/v1/users')).body.items.find((u: any) => u.username === 'verifier-3').id] });
    const v3 = await login('verifier-3');
    const reused = await v3.post(`/api/v1/verification-rounds/${roundId}/visits`, body, { 'idempotency-key': 'visit-key-0001' });
    expect(reused.status).toBe(409);
    expect(reused.body.code).toBe('idempotency_key_reused');
  });

  it('keeps a stale visit as a conflict and lets an officer resolve it field by field', async () => {
    const h = seeded[1];
    const task = taskOf(h.householdId);
    const target = h.personIds[0];
    // Someone changes the person at the office after the verifier downloaded it.
    const changed = await officer.patch(`/api/v1/persons/${target}`, { version: 1, employmentStatus: 'employed_province', employerName: '太原某厂' });
    if (changed.status !== 200) {
      await t.app.database.db.updateTable('persons').set({ employment_status: 'employed_province', employer_name: '太原某厂', version: 2 }).where('id', '=', target).execute();
    }
    const r = await verifier.post(`/api/v1/verification-rounds/${roundId}/visits`, {
      taskId: task.id,
      visitedAt: '2020-03-13T01:00:00Z',
      persons: [
        { personId: target, version: 1, outcome: 'verified', changes: { employmentStatus: 'seeking', phone: '13800001111', minMonthlyPay: 2800 } },
        { personId: h.personIds[1], version: 1, outcome: 'verified' },
      ],
    }, { 'idempotency-key': 'visit-key-0002' });
    expect(r.status).toBe(201);
    expect(r.body.taskStatus).toBe('conflict');
    expect(r.body.applied.map((a: any) => a.personId)).toEqual([h.personIds[1]]);
    expect(r.body.conflicts).toHaveLength(1);
    // Nothing of the stale visit reached the person.
    const untouched = await personRow(target);
    expect(untouched).toMatchObject({ employment_status: 'employed_province', verification_status: 'unverified', phone_masked: null });

    expect((await verifier.get(`/api/v1/verification-rounds/${roundId}/conflicts`)).status).toBe(403);
    expect((await officerB.get(`/api/v1/verification-rounds/${roundId}/conflicts`)).status).toBe(404);
    const list = await officer.get(`/api/v1/verification-rounds/${roundId}/conflicts`);
    expect(list.body.items).toHaveLength(1);
    const c = list.body.items[0];
    const byField = Object.fromEntries(c.fields.map((f: any) => [f.field, [f.serverValue, f.fieldValue]]));
    expect(byField).toEqual({ employmentStatus: ['employed_province', 'seeking'], phone: [null, '138****1111'], minMonthlyPay: [2500, 2800], verificationStatus: ['unverified', 'verified'] });

    const incomplete = await officer.post(`/api/v1/verification-rounds/${roundId}/conflicts/${c.id}/resolve`, { choices: { employmentStatus: 'server' } });
    expect(incomplete.status).toBe(400);
    const done = await officer.post(`/api/v1/verification-rounds/${roundId}/conflicts/${c.id}/resolve`, { choices: { employmentStatus: 'server', phone: 'field', minMonthlyPay: 'field', verificationStatus: 'field' }, personVersion: c.currentVersion });
    expect(done.status).toBe(200);
    expect(done.body.status).toBe('resolved');
    const p = await personRow(target);
    expect(p).toMatchObject({ employment_status: 'employed_province', phone_masked: '138****1111', min_monthly_pay_yuan: 2800, verification_status: 'verified', verified_at: '2020-03-13T01:00:00.000Z' });
    expect(Number(p.verified_by)).toBe(verifierId);
    const audit = await officer.get(`/api/v1/audit?entity=person&entityId=${target}`);
    expect(audit.body.items.some((e: any) => e.action === 'verification.resolve')).toBe(true);
    expect((await officer.post(`/api/v1/verification-rounds/${roundId}/conflicts/${c.id}/resolve`, { choices: { employmentStatus: 'server', phone: 'field', minMonthlyPay: 'field', verificationStatus: 'field' } })).status).toBe(409);
    const task2 = (await officer.get(`/api/v1/verification-rounds/${roundId}/tasks?status=conflict`)).body.items;
    expect(task2).toEqual([]);
  });

  it('reports progress by village and team', async () => {
    const r = await officer.get(`/api/v1/verification-rounds/${roundId}/progress`);
    expect(r.status).toBe(200);
    expect(r.body.total).toMatchObject({ households: 5, visited: 2, persons: 10, checked: 4, visitedPercent: 40, verifiedPercent: 40 });
    expect(r.body.total.outcomes).toMatchObject({ verified: 3, working_away: 1 });
    const v0 = r.body.byVillage.find((v: any) => v.villageCode === villages[0]);
    expect(v0).toMatchObject({ households: 3, visited: 2, teamId, teamName: '第一组' });
    expect(r.body.byTeam).toEqual([expect.objectContaining({ teamId, households: 5, visited: 2 })]);
    expect((await verifier.get(`/api/v1/verification-rounds/${roundId}/progress`)).status).toBe(200);
  });

  it('closes the round: tasks freeze and visits are refused', async () => {
    const round = await officer.get(`/api/v1/verification-rounds/${roundId}`);
    expect((await verifier.post(`/api/v1/verification-rounds/${roundId}/close`, { version: round.body.version })).status).toBe(403);
    const closed = await officer.post(`/api/v1/verification-rounds/${roundId}/close`, { version: round.body.version });
    expect(closed.status).toBe(200);
    expect(closed.body.status).toBe('closed');
    const h = seeded[2];
    const refused = await verifier.post(`/api/v1/verification-rounds/${roundId}/visits`, { taskId: taskOf(h.householdId).id, visitedAt: '2020-04-01T01:00:00Z', persons: [{ personId: h.personIds[0], version: 1, outcome: 'verified' }] }, { 'idempotency-key': 'visit-key-0003' });
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('round_closed');
    const tasksNow = await officer.get(`/api/v1/verification-rounds/${roundId}/tasks`);
    expect(tasksNow.body.items.every((x: any) => x.frozen)).toBe(true);
    // A resend of a visit accepted before closing still gets its answer.
    const resent = await verifier.post(`/api/v1/verification-rounds/${roundId}/visits`, firstVisit, { 'idempotency-key': 'visit-key-0001' });
    expect(resent.status).toBe(200);
    expect(resent.headers['idempotent-replayed']).toBe('true');
  });
});
