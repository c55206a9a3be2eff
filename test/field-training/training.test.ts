import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../src/http/server.ts';
import type { Server } from '../../src/http/types.ts';
import { nowIso } from '../../src/store/codec.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { ENGINES } from '../support/databases.ts';
import { Client } from '../support/http.ts';
import { ADMIN_PASSWORD, addAccount, patient, password, seedHouseholds, villagesOf, type SeededHousehold } from './seed.ts';

const COUNTY = '140225';
const OTHER = '141127';
const DOMESTIC = '4-10-01-06';
const ELDER_CARE = '4-10-01-05';

describe.each(ENGINES)('training on %s', (engine) => {
  let t: TestApp;
  let server: Server;
  let admin: Client;
  let officer: Client;
  let officerB: Client;
  let trainer: Client;
  let rival: Client;
  let wishers: SeededHousehold[];
  let jobWishers: SeededHousehold[];
  let others: SeededHousehold[];
  let courseId: number;
  let enrollments: number[] = [];

  const login = async (username: string) => {
    const c = patient(new Client(server));
    await c.login(username, password(username));
    return c;
  };

  beforeAll(async () => {
    t = await createTestApp(engine);
    server = await buildServer(t.app);
    await server.ready();
    admin = patient(new Client(server));
    await admin.login('admin', ADMIN_PASSWORD);
    await addAccount(admin, 'county-a', 'county_officer', COUNTY);
    await addAccount(admin, 'county-b', 'county_officer', OTHER);
    const trainerId = await addAccount(admin, 'trainer-1', 'trainer', COUNTY);
    const rivalId = await addAccount(admin, 'trainer-2', 'trainer', COUNTY);
    officer = await login('county-a');
    officerB = await login('county-b');
    trainer = await login('trainer-1');
    rival = await login('trainer-2');
    const [v] = await villagesOf(t.app, COUNTY, 1);
    wishers = await seedHouseholds(t.app, v, 2, { trainingWish: DOMESTIC });
    jobWishers = await seedHouseholds(t.app, v, 1, { jobWishTypes: [ELDER_CARE] });
    others = await seedHouseholds(t.app, v, 1, { jobWishTypes: ['6-29-01-01'] });
    await seedHouseholds(t.app, (await villagesOf(t.app, OTHER, 1))[0], 1, { trainingWish: DOMESTIC });

    const p1 = await officer.post('/api/v1/training-providers', { name: '浑源县职业技能培训学校', contactPhone: '0352-8321234' });
    expect(p1.status).toBe(201);
    expect(p1.body.contactPhone).not.toContain('8321234');
    expect((await officer.post(`/api/v1/training-providers/${p1.body.id}/accounts`, { userId: trainerId })).status).toBe(200);
    const p2 = await officer.post('/api/v1/training-providers', { name: '另一家培训机构' });
    await officer.post(`/api/v1/training-providers/${p2.body.id}/accounts`, { userId: rivalId });
  });
  afterAll(async () => {
    await server?.close();
    await t?.close();
  });

  it('lets a trainer create a course of its own provider and keeps it from other trainers and counties', async () => {
    const bad = await trainer.post('/api/v1/courses', { title: '家政', occupationCode: DOMESTIC, mode: 'blended', hours: 40, startsOn: '2020-04-01', endsOn: '2020-04-20', capacity: 3 });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: any) => e.field).sort()).toEqual(['onlinePlatform', 'place']);
    const r = await trainer.post('/api/v1/courses', { title: '家政服务员（育婴方向）', occupationCode: DOMESTIC, mode: 'blended', hours: 40, startsOn: '2020-04-01', endsOn: '2020-04-20', schedule: '周一至周五 9:00-16:00', place: '县职教中心', onlinePlatform: '山西技能培训平台', regionCode: COUNTY, capacity: 3, subsidyApplies: true });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ providerName: '浑源县职业技能培训学校', enrolled: 0, status: 'open' });
    courseId = r.body.id;

    expect((await trainer.get('/api/v1/courses')).body.items.map((c: any) => c.id)).toEqual([courseId]);
    expect((await rival.get('/api/v1/courses')).body.items).toEqual([]);
    expect((await rival.get(`/api/v1/courses/${courseId}`)).status).toBe(404);
    expect((await rival.patch(`/api/v1/courses/${courseId}`, { version: 1, capacity: 10 })).status).toBe(404);
    expect((await officerB.get(`/api/v1/courses/${courseId}`)).status).toBe(404);
    expect((await officerB.get('/api/v1/courses')).body.items).toEqual([]);
    expect((await officer.get(`/api/v1/courses/${courseId}`)).status).toBe(200);
  });

  it('targets the people whose training or job wish fits the occupation, in the course’s region', async () => {
    expect((await trainer.get(`/api/v1/courses/${courseId}/targets`)).status).toBe(403);
    const r = await officer.get(`/api/v1/courses/${courseId}/targets`);
    expect(r.status).toBe(200);
    const ids = r.body.items.map((x: any) => x.personId);
    expect(ids).toEqual([...wishers.flatMap((h) => h.personIds), ...jobWishers.flatMap((h) => h.personIds)]);
    expect(r.body.items[0]).toMatchObject({ affinity: 4, via: 'training_wish', enrollment: null });
    expect(r.body.items.at(-1)).toMatchObject({ affinity: 3, via: 'job_wish' });
    expect(ids).not.toContain(others[0].personIds[0]);
  });

  it('enrolls up to capacity and shows a trainer only its own courses’ enrollments', async () => {
    const people = [wishers[0].personIds[0], wishers[0].personIds[1], jobWishers[0].personIds[0]];
    for (const personId of people) {
      const r = await officer.post('/api/v1/enrollments', { courseId, personId });
      expect(r.status).toBe(201);
      enrollments.push(r.body.id);
    }
    const full = await officer.post('/api/v1/enrollments', { courseId, personId: wishers[1].personIds[0] });
    expect(full.status).toBe(409);
    expect(full.body.code).toBe('course_full');
    expect((await officer.post('/api/v1/enrollments', { courseId, personId: people[0] })).status).toBe(409);
    expect((await trainer.post('/api/v1/enrollments', { courseId, personId: people[0] })).status).toBe(403);
    expect((await trainer.get('/api/v1/enrollments')).body.items).toHaveLength(3);
    expect((await rival.get('/api/v1/enrollments')).body.items).toEqual([]);
    expect((await rival.get(`/api/v1/enrollments/${enrollments[0]}`)).status).toBe(404);
    expect((await officerB.get(`/api/v1/enrollments/${enrollments[0]}`)).status).toBe(404);
    const targets = await officer.get(`/api/v1/courses/${courseId}/targets`);
    expect(targets.body.items.find((x: any) => x.personId === people[0]).enrollment).toBe('enrolled');
  });

  it('records attendance, completes with a certificate that becomes a skill, and records a drop-out', async () => {
    const a = await trainer.post(`/api/v1/enrollments/${enrollments[0]}/attendance`, { onDate: '2020-04-01', hours: 8 });
    expect(a.status).toBe(200);
    expect(a.body).toMatchObject({ hoursAttended: 8, progressPercent: 20 });
    expect(a.body.attendance).toHaveLength(1);
    const second = await trainer.post(`/api/v1/enrollments/${enrollments[0]}/attendance`, { onDate: '2020-04-02', hours: 12 });
    expect(second.status).toBe(200);
    const third = await trainer.post(`/api/v1/enrollments/${enrollments[0]}/attendance`, { onDate: '2020-04-03', hours: 12 });
    expect(third.status).toBe(200);
    const beyond = await trainer.post(`/api/v1/enrollments/${enrollments[0]}/attendance`, { onDate: '2020-04-04', hours: 12 });
    expect(beyond.status).toBe(400);
    expect(beyond.body.errors[0].code).toBe('hours_over_course');

    const done = await trainer.post(`/api/v1/enrollments/${enrollments[0]}/complete`, { completedOn: '2020-04-20', certificateNo: 'SX2020-0001', certificateLevel: '五级' });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ status: 'completed', certificateNo: 'SX2020-0001' });
    // The course's subsidy applies: the Shanxi training subsidy claim is raised from the enrollment's records.
    expect(done.body.claim).toMatchObject({ status: 'raised', policy: 'training-subsidy-shanxi-2020' });
    const person = await officer.get(`/api/v1/persons/${wishers[0].personIds[0]}`);
    const skills = person.status === 200
      ? person.body.skills
      : JSON.parse(String((await t.app.database.db.selectFrom('persons').select('skills').where('id', '=', wishers[0].personIds[0]).executeTakeFirstOrThrow()).skills));
    expect(skills).toContainEqual({ occupation: DOMESTIC, certificate: 'SX2020-0001', level: '五级' });
    expect((await trainer.post(`/api/v1/enrollments/${enrollments[0]}/complete`, { completedOn: '2020-04-21' })).status).toBe(409);

    const dropped = await trainer.post(`/api/v1/enrollments/${enrollments[1]}/drop`, { droppedOn: '2020-04-05', reason: '外出务工' });
    expect(dropped.status).toBe(200);
    expect(dropped.body.status).toBe('dropped');
    expect((await trainer.post(`/api/v1/enrollments/${enrollments[1]}/attendance`, { onDate: '2020-04-06', hours: 2 })).status).toBe(409);
    const audit = await officer.get(`/api/v1/audit?entity=enrollment&entityId=${enrollments[0]}`);
    expect(audit.body.items.map((e: any) => e.action)).toEqual(expect.arrayContaining(['enrollment.create', 'enrollment.attendance', 'enrollment.complete']));
  });

  it('counts who was at work within three months of completion, by course and provider', async () => {
    await trainer.post(`/api/v1/enrollments/${enrollments[2]}/complete`, { completedOn: '2020-04-20', certificateNo: 'SX2020-0002', certificateLevel: '五级' });
    let r = await officer.get('/api/v1/courses/outcomes');
    expect(r.status).toBe(200);
    expect(r.body.total).toMatchObject({ completed: 2, dropped: 1, enrolled: 0, atWork: 0, atWorkPercent: 0 });

    // One found work through a referral (an employment spell), one is at work by the ledger.
    const db = t.app.database.db;
    const now = nowIso();
    await db.insertInto('employments').values({ person_id: wishers[0].personIds[0], referral_id: null, employer_id: 1, posting_id: null, village_code: '140225100200', region_code: '1401', address: '', start_date: '2020-06-01', end_date: null, pay_fen: 350000, status: 'active', employment_status: 'employed_province', created_at: now, created_by: 1, updated_at: now, version: 1 } as any).execute();
    r = await officer.get('/api/v1/courses/outcomes');
    expect(r.body.total).toMatchObject({ completed: 2, atWork: 1, atWorkPercent: 50 });
    await db.updateTable('persons').set({ employment_status: 'employed_county' }).where('id', '=', jobWishers[0].personIds[0]).execute();
    r = await trainer.get('/api/v1/courses/outcomes');
    expect(r.body.total).toMatchObject({ completed: 2, atWork: 2, atWorkPercent: 100 });
    expect(r.body.byCourse).toEqual([expect.objectContaining({ courseId, completed: 2, atWork: 2 })]);
    expect(r.body.byProvider).toEqual([expect.objectContaining({ providerName: '浑源县职业技能培训学校', completed: 2, atWork: 2 })]);
    expect((await rival.get('/api/v1/courses/outcomes')).body.total.completed).toBe(0);
    expect((await officerB.get('/api/v1/courses/outcomes')).body.total.completed).toBe(0);
  });
});
