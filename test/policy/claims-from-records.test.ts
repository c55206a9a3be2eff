import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createReferral, transitionReferral } from '../../src/app/matching/referrals.ts';
import { SYSTEM_ACTOR } from '../../src/domain/access/actor.ts';
import { makeIdNumber } from '../../src/domain/ledger/id-number.ts';
import { buildServer } from '../../src/http/server.ts';
import type { Server } from '../../src/http/types.ts';
import { ADMIN_PASSWORD, createTestApp, type TestApp } from '../support/app.ts';
import { ENGINES } from '../support/databases.ts';
import { seedEmployer, seedPerson, seedPosting } from '../matching/seed.ts';
import { PatientClient } from './fixtures.ts';

const LAN = '141127';
const TOWN = '141127100';
const VILLAGE = '141127100200';

describe.each(ENGINES)('claims that gather their facts from the records on %s', (engine) => {
  let t: TestApp;
  let server: Server;
  let admin: PatientClient;
  let county: PatientClient;
  let other: PatientClient;

  const facts = (policy: string, subjectKind: string, subjectId: string | number, client = county) => client.get(`/api/v1/claims/facts?policy=${policy}&subjectKind=${subjectKind}&subjectId=${encodeURIComponent(String(subjectId))}`);

  /** A person hired through a referral at a Lan County SME, the hire dated in 2020 as recorded. */
  async function hire(over: { category?: string; relocated?: boolean; sme?: boolean; hireDate?: string; postType?: string; payMinYuan?: number } = {}) {
    const db = t.app.database.db;
    const personId = await seedPerson(t.app, { villageCode: VILLAGE, category: over.category ?? 'lifted', relocated: over.relocated ?? false, minMonthlyPay: null });
    const employerId = await seedEmployer(t.app, { regionCode: TOWN, scopeCode: LAN });
    await db.updateTable('employers').set({ is_sme: over.sme === false ? 0 : 1 }).where('id', '=', employerId).execute();
    const postingId = await seedPosting(t.app, employerId, { regionCode: TOWN, scopeCode: LAN, postType: over.postType, payMinYuan: over.payMinYuan, openings: 5 });
    const r = await createReferral(t.app, SYSTEM_ACTOR, { personId, postingId });
    await transitionReferral(t.app, SYSTEM_ACTOR, r.id, { to: 'hired' });
    await db.updateTable('employments').set({ start_date: over.hireDate ?? '2020-03-16' }).where('referral_id', '=', r.id).execute();
    return { personId, employerId, postingId, referralId: r.id };
  }

  beforeAll(async () => {
    t = await createTestApp(engine);
    server = await buildServer(t.app);
    admin = new PatientClient(server);
    await admin.login('admin', ADMIN_PASSWORD);
    await admin.post('/api/v1/users', { username: 'rec-lan', password: 'rec-lan-pass-1', role: 'county_officer', regionCode: LAN });
    await admin.post('/api/v1/users', { username: 'rec-hunyuan', password: 'rec-hunyuan-pass-1', role: 'county_officer', regionCode: '140225' });
    county = new PatientClient(server);
    await county.login('rec-lan', 'rec-lan-pass-1');
    other = new PatientClient(server);
    await other.login('rec-hunyuan', 'rec-hunyuan-pass-1');
  });
  afterAll(async () => {
    await server?.close();
    await t?.close();
  });

  it('gathers a hire’s facts from the hire, the employer and the household: a relocated lifted household gives 2,000 yuan', async () => {
    const h = await hire({ relocated: true });
    const r = await facts('hiring-subsidy-lan-2020', 'hire', h.referralId);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toMatchObject({ policy: 'hiring-subsidy-lan-2020', subjectKind: 'hire', subjectId: String(h.referralId), personId: h.personId, employerId: h.employerId, regionCode: TOWN, missing: [] });
    expect(r.body.facts).toEqual({ employerRegion: TOWN, employerSme: true, newRecruit: true, personCategory: 'lifted', personRelocated: true, hireDate: '2020-03-16' });
    expect(r.body.evaluation).toMatchObject({ eligible: true, amount: 2000 });
    expect(r.body.evaluation.explanation.every((l: any) => l.passed)).toBe(true);

    // The claim without facts takes them, the person, the employer and the region from the records.
    const c = await county.post('/api/v1/claims', { policy: 'hiring-subsidy-lan-2020', subjectKind: 'hire', subjectId: String(h.referralId), submit: true });
    expect(c.status, JSON.stringify(c.body)).toBe(201);
    expect(c.body).toMatchObject({ status: 'submitted', eligible: true, amount: 2000, amountFen: 200_000, personId: h.personId, employerId: h.employerId, regionCode: TOWN, payee: `employer:${h.employerId}`, year: 2020, facts: r.body.facts });
    const audit = await county.get(`/api/v1/audit?entity=claim&entityId=${c.body.id}`);
    expect(audit.body.items.find((e: any) => e.action === 'claim.create')).toBeDefined();

    // A household that was not relocated: 1,500 yuan; not an SME: not eligible, and the explanation says why.
    const plain = await facts('hiring-subsidy-lan-2020', 'hire', (await hire()).referralId);
    expect(plain.body.evaluation).toMatchObject({ eligible: true, amount: 1500 });
    const big = await facts('hiring-subsidy-lan-2020', 'hire', (await hire({ sme: false })).referralId);
    expect(big.body.evaluation.eligible).toBe(false);
    expect(big.body.evaluation.explanation.find((l: any) => l.condition === 'employer-sme')).toMatchObject({ passed: false, value: false });
  });

  it('lets caller facts fill only what the records lack, never override a recorded fact', async () => {
    const h = await hire({ relocated: false });
    const c = await county.post('/api/v1/claims', { policy: 'hiring-subsidy-lan-2020', subjectKind: 'hire', subjectId: String(h.referralId), facts: { personRelocated: true, employerSme: false }, personId: 1, regionCode: '140225100' });
    expect(c.status, JSON.stringify(c.body)).toBe(201);
    expect(c.body).toMatchObject({ amount: 1500, personId: h.personId, regionCode: TOWN });
    expect(c.body.facts).toMatchObject({ personRelocated: false, employerSme: true });

    // A subject not in the records stands on the caller's facts, which then need a region.
    const manual = await county.post('/api/v1/claims', { policy: 'hiring-subsidy-lan-2020', subjectKind: 'hire', subjectId: 'paper-hire-1', employerId: h.employerId, personId: h.personId, facts: { employerRegion: TOWN, employerSme: true, newRecruit: true, personCategory: 'monitored', personRelocated: true, hireDate: '2020-05-01' } });
    expect(manual.status).toBe(400);
    expect(manual.body.errors[0].code).toBe('region_required');
  });

  it('answers 404 for an unknown subject, and for one outside the account’s region, writing nothing', async () => {
    const h = await hire();
    const before = (await admin.get('/api/v1/claims?limit=500')).body.items.length;
    const unknown = await facts('hiring-subsidy-lan-2020', 'hire', 999_999);
    expect(unknown.status).toBe(404);
    expect(unknown.body.detail).toContain('hire 999999');
    const malformed = await county.post('/api/v1/claims', { policy: 'hiring-subsidy-lan-2020', subjectKind: 'hire', subjectId: 'not-an-id' });
    expect(malformed.status).toBe(404);
    expect(malformed.body.detail).toContain('referral id');
    expect((await facts('hiring-subsidy-lan-2020', 'hire', h.referralId, other)).status).toBe(404);
    const elsewhere = await other.post('/api/v1/claims', { policy: 'hiring-subsidy-lan-2020', subjectKind: 'hire', subjectId: String(h.referralId) });
    expect(elsewhere.status).toBe(404);
    expect((await admin.get('/api/v1/claims?limit=500')).body.items.length).toBe(before);
    const wrongKind = await facts('hiring-subsidy-lan-2020', 'trip', `1:${h.personId}`);
    expect(wrongKind.status).toBe(400);
    expect(wrongKind.body.errors[0].code).toBe('subject_kind_mismatch');
  });

  it('gathers a month on a public-welfare post from the job and its posting', async () => {
    const h = await hire({ postType: 'public_welfare', payMinYuan: 600, hireDate: '2020-04-10' });
    await t.app.database.db.updateTable('postings').set({ accident_insurance_fen: 30_000_000 }).where('id', '=', h.postingId).execute();
    const r = await facts('public-welfare-post-shanxi-2020', 'post-month', `${h.personId}:2020-05`);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toMatchObject({ personId: h.personId, employerId: null, regionCode: VILLAGE, missing: [] });
    expect(r.body.facts).toMatchObject({ personCategory: 'lifted', monthlyPay: 600, insuranceCoverage: 300000, postRegion: TOWN, startDate: '2020-05-01' });
    expect(r.body.facts.minimumWage).toBeGreaterThan(0);
    expect(r.body.evaluation).toMatchObject({ eligible: true, amount: 600 });
    // The month it began counts from the first day on the post.
    expect((await facts('public-welfare-post-shanxi-2020', 'post-month', `${h.personId}:2020-04`)).body.facts.startDate).toBe('2020-04-10');
    // Before the post began the person was on no post: not found.
    expect((await facts('public-welfare-post-shanxi-2020', 'post-month', `${h.personId}:2020-03`)).status).toBe(404);
    const c = await county.post('/api/v1/claims', { policy: 'public-welfare-post-shanxi-2020', subjectKind: 'post-month', subjectId: `${h.personId}:2020-05`, submit: true });
    expect(c.status, JSON.stringify(c.body)).toBe(201);
    expect(c.body).toMatchObject({ status: 'submitted', amount: 600, personId: h.personId, payee: `person:${h.personId}` });
  });

  it('files a training subsidy claim on a course completion, and shows what an unfinished enrollment lacks', async () => {
    const provider = await county.post('/api/v1/training-providers', { name: '岚县职业培训学校（记录测试）' });
    const course = await county.post('/api/v1/courses', { providerId: provider.body.id, title: '中式烹调师', occupationCode: '4-03-02-01', mode: 'offline', hours: 40, startsOn: '2020-04-01', endsOn: '2020-04-20', place: '岚县职教中心', regionCode: LAN, capacity: 10, subsidyApplies: true });
    expect(course.status, JSON.stringify(course.body)).toBe(201);
    const people = [await seedPerson(t.app, { villageCode: VILLAGE, category: 'monitored' }), await seedPerson(t.app, { villageCode: VILLAGE })];
    const enrollments: number[] = [];
    for (const personId of people) {
      const e = await county.post('/api/v1/enrollments', { courseId: course.body.id, personId });
      expect(e.status, JSON.stringify(e.body)).toBe(201);
      enrollments.push(e.body.id);
      for (const [day, hours] of [['2020-04-02', 12], ['2020-04-03', 12], ['2020-04-04', 10]] as const) {
        expect((await county.post(`/api/v1/enrollments/${e.body.id}/attendance`, { onDate: day, hours })).status).toBe(200);
      }
    }
    const open = await facts('training-subsidy-shanxi-2020', 'course-completion', enrollments[1]);
    expect(open.status).toBe(200);
    expect(open.body.missing).toEqual(['completedOn']);
    expect(open.body.evaluation).toMatchObject({ eligible: false, amount: 0 });
    expect(open.body.evaluation.explanation.find((l: any) => l.condition === 'completed-in-period').passed).toBe(false);
    expect(open.body.evaluation.explanation.find((l: any) => l.condition === 'attended-enough').passed).toBe(true);

    const done = await county.post(`/api/v1/enrollments/${enrollments[0]}/complete`, { completedOn: '2020-04-20', certificateNo: 'LX2020-0101', certificateLevel: '五级' });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect(done.body.claim).toMatchObject({ status: 'raised', policy: 'training-subsidy-shanxi-2020', eligible: true, claimStatus: 'submitted' });
    const claim = await county.get(`/api/v1/claims/${done.body.claim.claimId}`);
    expect(claim.body).toMatchObject({ subjectKind: 'course-completion', subjectId: String(enrollments[0]), personId: people[0], regionCode: VILLAGE, amount: 600, status: 'submitted' });
    expect(claim.body.facts).toEqual({ personCategory: 'monitored', homeRegion: VILLAGE, courseRegion: LAN, courseDesignated: true, courseHours: 40, hoursAttended: 34, hasCertificate: true, completedOn: '2020-04-20' });
    const preview = await facts('training-subsidy-shanxi-2020', 'course-completion', enrollments[0]);
    expect(preview.body.facts).toEqual(claim.body.facts);
    expect(preview.body.evaluation).toMatchObject({ eligible: true, amount: 600 });

    // Once per person per course: a second claim on the same completion cannot be submitted.
    const again = await county.post('/api/v1/claims', { policy: 'training-subsidy-shanxi-2020', subjectKind: 'course-completion', subjectId: String(enrollments[0]), submit: true });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('claim_limit_reached');
  });

  it('gathers a trip seat’s facts as arrival files them, and keeps the manifest entry as the ticket', async () => {
    const h = await county.post('/api/v1/households', {
      householdNo: 'LX-REC-0001', villageCode: VILLAGE, category: 'lifted',
      members: [
        { relation: 'head', name: '记录乘客甲', idNumber: makeIdNumber(LAN, '1981-02-03', 601), laborCapacity: 'full', employmentStatus: 'seeking', availableFrom: '2020-03-10' },
        { relation: 'spouse', name: '记录乘客乙', idNumber: makeIdNumber(LAN, '1983-02-03', 602), laborCapacity: 'full', employmentStatus: 'seeking', availableFrom: '2020-03-10' },
      ],
    });
    expect(h.status, JSON.stringify(h.body)).toBe(201);
    const [p1, p2] = h.body.members.map((m: { id: number }) => m.id);
    const trip = await county.post('/api/v1/trips', { mode: 'minibus', capacity: 19, costFen: 150_000, pickups: [{ regionCode: LAN, time: '07:30' }], destination: { kind: 'city', regionCode: '1401' }, travelDate: '2020-03-12', passengers: [{ personId: p1 }, { personId: p2 }] });
    expect(trip.status, JSON.stringify(trip.body)).toBe(201);
    const url = `/api/v1/trips/${trip.body.id}`;
    // Before arrival the seat's cost share is not settled: the preview says the travel cost is missing.
    const early = await facts('transport-subsidy-shanxi-2020', 'trip', `${trip.body.id}:${p1}`);
    expect(early.status).toBe(200);
    expect(early.body.missing).toEqual(['travelCost']);
    expect((await county.post(`${url}/transitions`, { to: 'boarding' })).status).toBe(200);
    for (const p of (await county.get(url)).body.passengers) {
      expect((await county.post(`${url}/passengers/${p.id}/check`, { temperature: 36.5, healthCertificate: true, kitIssued: true })).status).toBe(200);
      expect((await county.post(`${url}/passengers/${p.id}/board`, {})).status).toBe(200);
    }
    expect((await county.post(`${url}/transitions`, { to: 'departed' })).status).toBe(200);
    const arrived = await county.post(`${url}/transitions`, { to: 'arrived' });
    expect(arrived.status, JSON.stringify(arrived.body)).toBe(200);
    const claimId = arrived.body.passengers.find((p: any) => p.personId === p1).claimId;
    const claim = await county.get(`/api/v1/claims/${claimId}`);
    expect(claim.body).toMatchObject({ subjectKind: 'trip', subjectId: `${trip.body.id}:${p1}`, personId: p1, regionCode: VILLAGE, amount: 750, status: 'submitted' });
    expect(claim.body.facts).toEqual({ personCategory: 'lifted', homeRegion: VILLAGE, workRegion: '1401', travelCost: 750, travelDate: '2020-03-12', claimsThisYear: 0 });
    // Now that the claim is live, the same seat counts as claimed this year.
    const after = await facts('transport-subsidy-shanxi-2020', 'trip', `${trip.body.id}:${p1}`);
    expect(after.body.facts).toEqual({ ...claim.body.facts, claimsThisYear: 1 });
    expect(after.body.evaluation.eligible).toBe(false);
    const evidence = await county.get(`/api/v1/claims/${claimId}/evidence`);
    expect(evidence.body.items).toEqual([expect.objectContaining({ kind: 'ticket', contentType: 'application/json', name: expect.stringMatching(/^trip-\d+-seat-\d+\.json$/) })]);
    const receipt = await county.get(`/api/v1/claims/${claimId}/evidence/${evidence.body.items[0].id}`);
    expect(receipt.status).toBe(200);
    expect(receipt.body).toMatchObject({ document: 'trip-manifest-entry', trip: trip.body.id, personId: p1, costShareFen: 75_000 });
  });
});
