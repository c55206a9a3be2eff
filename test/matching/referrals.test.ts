import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createReferral } from '../../src/app/matching/referrals.ts';
import { today } from '../../src/app/matching/common.ts';
import { SYSTEM_ACTOR } from '../../src/domain/access/actor.ts';
import { buildServer } from '../../src/http/server.ts';
import type { Server } from '../../src/http/types.ts';
import { ADMIN_PASSWORD, createTestApp, type TestApp } from '../support/app.ts';
import { ENGINES } from '../support/databases.ts';
import { Client } from '../support/http.ts';
import { seedEmployer, seedPerson, seedPosting } from './seed.ts';

describe.each(ENGINES)('matching: recommendations and referrals on %s', (engine) => {
  let t: TestApp;
  let server: Server;
  let admin: Client;
  let officer: Client;
  let town: Client;
  let employerClient: Client;
  let employerId: number;
  let otherEmployerId: number;

  beforeAll(async () => {
    t = await createTestApp(engine);
    server = await buildServer(t.app);
    await server.ready();
    admin = new Client(server);
    await admin.login('admin', ADMIN_PASSWORD);
    employerId = await seedEmployer(t.app, { name: '浑源保洁公司' });
    otherEmployerId = await seedEmployer(t.app);
    for (const [username, role, regionCode, emp] of [
      ['hy-officer', 'county_officer', '140225', null],
      ['hy-town', 'town_commissioner', '140225100', null],
      ['hy-employer', 'employer', '140225', employerId],
    ] as const) {
      const r = await admin.post('/api/v1/users', { username, password: `${username}-pass-1`, role, regionCode, employerId: emp });
      expect(r.status, JSON.stringify(r.body)).toBe(201);
    }
    officer = new Client(server);
    await officer.login('hy-officer', 'hy-officer-pass-1');
    town = new Client(server);
    await town.login('hy-town', 'hy-town-pass-1');
    employerClient = new Client(server);
    await employerClient.login('hy-employer', 'hy-employer-pass-1');
  });
  afterAll(async () => {
    await server?.close();
    await t?.close();
  });

  it('recommends fitting postings nearest home first, with reasons, and never unfitting ones', async () => {
    const person = await seedPerson(t.app, { villageCode: '140225100218', minMonthlyPay: 2000, preferredScope: 'county', category: 'monitored', zeroEmployment: true });
    const village = await seedPosting(t.app, employerId, { regionCode: '140225100218', payMinYuan: 2300 });
    const townPost = await seedPosting(t.app, employerId, { regionCode: '140225100', payMinYuan: 2400 });
    const county = await seedPosting(t.app, employerId, { regionCode: '140225', occupationCode: '4-09-08-02', payMinYuan: 3200, payMaxYuan: 3500 });
    const otherCounty = await seedPosting(t.app, employerId, { regionCode: '140226', payMinYuan: 9000 });
    const wrongWork = await seedPosting(t.app, employerId, { occupationCode: '6-29-01-01' });
    const full = await seedPosting(t.app, employerId, { openings: 2, filled: 2 });
    const lowPay = await seedPosting(t.app, employerId, { payMinYuan: 1500, payMaxYuan: 1800 });

    const r = await town.get(`/api/v1/persons/${person}/recommendations?k=10`);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const ids = r.body.items.map((i: any) => i.posting.id);
    expect(ids.slice(0, 3)).toEqual([village, townPost, county]);
    for (const no of [otherCounty, wrongWork, full, lowPay]) expect(ids).not.toContain(no);
    const first = r.body.items[0];
    expect(first.reasons.map((x: any) => x.zh)).toEqual(['同村', '符合就业意愿：保洁员', '比期望月薪高300元', '监测户：优先', '零就业家庭：优先']);
    expect(first.score).toBe(30 + 25 + 3 + 15 + 15);
    expect(r.body.items[2].reasons.find((x: any) => x.code === 'pay_above_minimum').en).toBe('pays 1,200 yuan above your minimum');

    // The index catches up with a posting created after it was built.
    const later = await seedPosting(t.app, employerId, { regionCode: '140225100218', payMinYuan: 2600 });
    const again = await town.get(`/api/v1/persons/${person}/recommendations?k=3`);
    expect(again.body.items.map((i: any) => i.posting.id)).toEqual([later, village, townPost]);

    // Candidates: staff see names; the employer sees its own posting's candidates masked, and not another company's.
    const c = await officer.get(`/api/v1/postings/${village}/candidates`);
    expect(c.status).toBe(200);
    const mine = c.body.items.find((i: any) => i.personId === person);
    expect(mine.name).toMatch(/^张\d+$/);
    expect(mine.reasons.some((x: any) => x.code === 'priority_zero_employment')).toBe(true);
    const e = await employerClient.get(`/api/v1/postings/${village}/candidates`);
    expect(e.status).toBe(200);
    expect(e.body.items.length).toBeGreaterThan(0);
    for (const i of e.body.items) {
      expect(i.personId).toBeNull();
      expect(i.name).toMatch(/^张\*+$/);
      expect(i.homeRegionCode).toHaveLength(6);
      expect(i.reasons.some((x: any) => x.code.startsWith('priority'))).toBe(false);
    }
    const otherPosting = await seedPosting(t.app, otherEmployerId);
    expect((await employerClient.get(`/api/v1/postings/${otherPosting}/candidates`)).status).toBe(404);
    expect((await employerClient.get(`/api/v1/persons/${person}/recommendations`)).status).toBe(403);
  });

  it('follows a referral from recommendation to work and out again, dated and audited', async () => {
    const person = await seedPerson(t.app, { villageCode: '140225100218' });
    const posting = await seedPosting(t.app, employerId, { regionCode: '140225100', openings: 1, payMinYuan: 2800, payMaxYuan: 3200 });
    const created = await town.post('/api/v1/referrals', { personId: person, postingId: posting, note: '电话推荐' });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({ status: 'recommended', source: 'manual', personId: person, postingId: posting, overdue: false });
    expect(created.body.reasons[0].zh).toBe('同乡镇');
    const dup = await town.post('/api/v1/referrals', { personId: person, postingId: posting });
    expect(dup.status).toBe(409);
    expect(dup.body.code).toBe('referral_exists');

    const id = created.body.id;
    const bad = await town.post(`/api/v1/referrals/${id}/transitions`, { to: 'at_work', note: '' });
    expect(bad.status).toBe(409);
    expect(bad.body.code).toBe('transition_not_allowed');
    expect(bad.body.detail).toMatch(/recommended cannot become at_work/);

    const on = today();
    for (const to of ['contacted', 'interested', 'interviewed']) {
      const r = await town.post(`/api/v1/referrals/${id}/transitions`, { to, note: `${to} ok`, date: on });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      expect(r.body.status).toBe(to);
    }
    const future = await town.post(`/api/v1/referrals/${id}/transitions`, { to: 'hired', note: '', date: '2999-01-01' });
    expect(future.status).toBe(400);
    expect(future.body.errors[0].code).toBe('date_in_future');

    // The employer records the hire: an employment, the person at work in the county, the posting filled.
    const hired = await employerClient.post(`/api/v1/referrals/${id}/transitions`, { to: 'hired', note: '录用' });
    expect(hired.status, JSON.stringify(hired.body)).toBe(200);
    expect(hired.body.personId).toBeNull();
    expect(hired.body.employmentId).toBeGreaterThan(0);
    const db = t.app.database.db;
    const p = await db.selectFrom('persons').select(['employment_status', 'employer_name', 'monthly_income_yuan']).where('id', '=', person).executeTakeFirstOrThrow();
    expect(p).toMatchObject({ employment_status: 'employed_county', employer_name: '浑源保洁公司', monthly_income_yuan: 2800 });
    const j = await db.selectFrom('postings').select(['filled', 'status']).where('id', '=', posting).executeTakeFirstOrThrow();
    expect({ filled: Number(j.filled), status: j.status }).toEqual({ filled: 1, status: 'filled' });
    const emp = await officer.get(`/api/v1/employments?personId=${person}`);
    expect(emp.body.items).toHaveLength(1);
    expect(emp.body.items[0]).toMatchObject({ status: 'hired', payYuan: 2800, regionCode: '140225100', employmentStatus: 'employed_county', startDate: on });

    const commissionerMayNotHireTwice = await town.post(`/api/v1/referrals/${id}/transitions`, { to: 'hired', note: '' });
    expect(commissionerMayNotHireTwice.body.code).toBe('transition_not_allowed');
    const atWork = await town.post(`/api/v1/referrals/${id}/transitions`, { to: 'at_work', note: '已到岗' });
    expect(atWork.status).toBe(200);

    // Returned to work counts from the county's date.
    expect((await town.put('/api/v1/return-to-work-dates/140225', { since: on })).status).toBe(403);
    const set = await officer.put('/api/v1/return-to-work-dates/140225', { since: on });
    expect(set.status, JSON.stringify(set.body)).toBe(200);
    const summary = await officer.get('/api/v1/employments/returned-to-work');
    expect(summary.body.byCounty).toEqual([{ countyCode: '140225', since: on, atWork: 1, returned: 1 }]);
    await officer.put('/api/v1/return-to-work-dates/140225', { since: '2999-01-01' });
    expect((await officer.get('/api/v1/employments/returned-to-work')).body).toMatchObject({ atWork: 1, returned: 0 });

    const left = await town.post(`/api/v1/referrals/${id}/transitions`, { to: 'left', note: '返乡' });
    expect(left.status).toBe(200);
    expect(left.body.closedOn).toBe(on);
    expect(left.body.steps.map((s: any) => s.to)).toEqual(['recommended', 'contacted', 'interested', 'interviewed', 'hired', 'at_work', 'left']);
    expect(left.body.steps[4].by).toBe('hy-employer');
    const after = await db.selectFrom('postings').select(['filled', 'status']).where('id', '=', posting).executeTakeFirstOrThrow();
    expect({ filled: Number(after.filled), status: after.status }).toEqual({ filled: 0, status: 'open' });
    expect((await db.selectFrom('persons').select('employment_status').where('id', '=', person).executeTakeFirstOrThrow()).employment_status).toBe('seeking');
    const closed = await town.post(`/api/v1/referrals/${id}/transitions`, { to: 'contacted', note: '' });
    expect(closed.body.code).toBe('transition_not_allowed');
    expect(closed.body.detail).toMatch(/closed/);

    const audit = await db.selectFrom('audit_log').select('action').where('entity_id', '=', String(id)).where('entity', '=', 'referral').execute();
    expect(audit.map((a) => a.action)).toEqual(['referral.create', ...Array(6).fill('referral.transition')]);
  });

  it('never hires more than the openings, even when hires race', async () => {
    const posting = await seedPosting(t.app, employerId, { openings: 2 });
    const referrals: number[] = [];
    for (let i = 0; i < 8; i++) {
      const person = await seedPerson(t.app);
      referrals.push((await createReferral(t.app, SYSTEM_ACTOR, { personId: person, postingId: posting })).id);
    }
    const results = await Promise.all(referrals.map((id) => officer.post(`/api/v1/referrals/${id}/transitions`, { to: 'hired', note: 'race' })));
    const statuses = results.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 200)).toHaveLength(2);
    expect(statuses.filter((s) => s === 409)).toHaveLength(6);
    for (const r of results.filter((x) => x.status === 409)) expect(['posting_full', 'posting_not_open']).toContain(r.body.code);
    const j = await t.app.database.db.selectFrom('postings').select(['filled', 'openings']).where('id', '=', posting).executeTakeFirstOrThrow();
    expect(Number(j.filled)).toBe(2);
    const employed = await t.app.database.db.selectFrom('employments').select((eb) => eb.fn.countAll<number>().as('n')).where('posting_id', '=', posting).executeTakeFirstOrThrow();
    expect(Number(employed.n)).toBe(2);
    const stillRecommended = await t.app.database.db.selectFrom('referrals').select('status').where('id', 'in', referrals).execute();
    expect(stillRecommended.filter((r) => r.status === 'hired')).toHaveLength(2);
  });

  it('lists the worklist overdue first and keeps other regions out', async () => {
    const person = await seedPerson(t.app, { villageCode: '140225100218' });
    const p1 = await seedPosting(t.app, employerId);
    const p2 = await seedPosting(t.app, employerId);
    const r1 = await createReferral(t.app, SYSTEM_ACTOR, { personId: person, postingId: p1 });
    const r2 = await createReferral(t.app, SYSTEM_ACTOR, { personId: person, postingId: p2 });
    await t.app.database.db.updateTable('referrals').set({ due_on: '2020-01-01' }).where('id', '=', r2.id).execute();
    const list = await town.get('/api/v1/referrals?mine=true&limit=500');
    expect(list.status).toBe(200);
    expect(list.body.items[0].id).toBe(r2.id);
    expect(list.body.items[0].overdue).toBe(true);
    expect(list.body.items.map((i: any) => i.id)).toContain(r1.id);
    const overdue = await town.get('/api/v1/referrals?overdue=true');
    expect(overdue.body.items.map((i: any) => i.id)).toEqual([r2.id]);

    const far = await seedPerson(t.app, { villageCode: '141127100003' });
    const farReferral = await createReferral(t.app, SYSTEM_ACTOR, { personId: far, postingId: await seedPosting(t.app, otherEmployerId, { regionCode: '141127100', scopeCode: '141127' }) });
    expect((await town.get(`/api/v1/referrals/${farReferral.id}`)).status).toBe(404);
    expect((await town.get('/api/v1/referrals?region=141127')).status).toBe(403);
    expect((await town.post(`/api/v1/referrals/${farReferral.id}/transitions`, { to: 'contacted', note: '' })).status).toBe(404);
    expect((await town.post('/api/v1/referrals', { personId: far, postingId: p1 })).status).toBe(404);
    const employerList = await employerClient.get('/api/v1/referrals');
    expect(employerList.body.items.every((i: any) => i.employerId === employerId && i.personId === null)).toBe(true);
  });

  it('refuses a manual referral that does not fit, with the failing rules', async () => {
    const person = await seedPerson(t.app, { minMonthlyPay: 5000 });
    const posting = await seedPosting(t.app, employerId, { payMinYuan: 2000, payMaxYuan: 2500 });
    const r = await town.post('/api/v1/referrals', { personId: person, postingId: posting });
    expect(r.status).toBe(400);
    expect(r.body.errors.map((e: any) => e.code)).toEqual(['pay_below_minimum']);
    // The person's own application overrides their recorded pay wish.
    const own = await town.post('/api/v1/referrals', { personId: person, postingId: posting, source: 'application' });
    expect(own.status).toBe(201);
    expect(own.body.status).toBe('interested');
  });
});
