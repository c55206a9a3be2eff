import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../src/http/server.ts';
import type { Server } from '../../src/http/types.ts';
import { ADMIN_PASSWORD, createTestApp, type TestApp } from '../support/app.ts';
import { ENGINES } from '../support/databases.ts';
import { Client } from '../support/http.ts';
import { creditCode, employerBody, postingBody } from './support.ts';

describe.each(ENGINES)('employers and postings on %s', (engine) => {
  let t: TestApp;
  let server: Server;
  let admin: Client;
  let officer: Client;
  let employerId: number;
  beforeAll(async () => {
    t = await createTestApp(engine);
    server = await buildServer(t.app);
    admin = new Client(server);
    await admin.login('admin', ADMIN_PASSWORD);
    await admin.post('/api/v1/users', { username: 'hy-officer', password: 'county-pass-1', role: 'county_officer', regionCode: '140225' });
    officer = new Client(server);
    await officer.login('hy-officer', 'county-pass-1');
  });
  afterAll(async () => {
    await server?.close();
    await t?.close();
  });

  it('registers an employer and rejects a bad credit code with a clear error', async () => {
    const bad = await officer.post('/api/v1/employers', employerBody(1, { creditCode: `${creditCode(1).slice(0, 17)}${creditCode(1)[17] === '0' ? '1' : '0'}` }));
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0]).toMatchObject({ field: 'creditCode', code: 'credit_code_check' });
    expect(bad.body.errors[0].message).toMatch(/must be [0-9A-Y]/);
    const short = await officer.post('/api/v1/employers', employerBody(1, { creditCode: '9114' }));
    expect(short.body.errors[0].code).toBe('credit_code_length');
    const r = await officer.post('/api/v1/employers', employerBody(1, { creditCode: creditCode(1).toLowerCase(), contactPhone: '13812345678' }));
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ creditCode: creditCode(1), regionCode: '140225', scopeCode: '140225', version: 1, contactPhone: '13812345678' });
    employerId = r.body.id;
    const dup = await officer.post('/api/v1/employers', employerBody(2, { creditCode: creditCode(1) }));
    expect(dup.body.errors[0].code).toBe('credit_code_taken');
    const list = await officer.get('/api/v1/employers');
    expect(list.body.items[0].contactPhone).toBe('138****5678');
    const unknown = await officer.post('/api/v1/employers', employerBody(3, { regionCode: '149999' }));
    expect(unknown.body.errors[0]).toMatchObject({ field: 'regionCode', code: 'region_unknown' });
  });

  it('keeps an out-of-province employer in the registering county’s scope', async () => {
    const r = await officer.post('/api/v1/employers', employerBody(4, { name: '深圳某电子厂', regionCode: '440305', creditCode: creditCode(4, '440305') }));
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ regionCode: '440305', scopeCode: '140225' });
    const six = await officer.post('/api/v1/employers', employerBody(5, { regionCode: '320500', creditCode: creditCode(5, '320500') }));
    expect(six.body.regionCode).toBe('3205');
    const p = await officer.post('/api/v1/postings', postingBody(r.body.id, { regionCode: '440305', title: '电子装配工', occupationCode: '6-25-01-12', payMinFen: 450000, payMaxFen: 650000, board: true, lodging: true }));
    expect(p.status).toBe(201);
    expect(p.body).toMatchObject({ scopeCode: '140225', regionCode: '440305' });
    const stats = await officer.get('/api/v1/employers/stats');
    expect(stats.body.total).toMatchObject({ registered: 3, operating: 3, operatingRate: 1 });
    expect(stats.body.byRegion.map((g: any) => g.regionCode)).toEqual(expect.arrayContaining(['140225', '3205', '440305']));
  });

  it('checks the post-type rules at save, each with its own code and limit', async () => {
    const temp = await officer.post('/api/v1/postings', postingBody(employerId, { postType: 'temporary', startDate: '2024-03-01', endDate: '2024-05-01', payMinFen: 150000, payMaxFen: 180000 }));
    expect(temp.status).toBe(400);
    expect(temp.body.errors.map((e: any) => `${e.field}:${e.code}`)).toEqual(['endDate:temporary_min_duration', 'payMinFen:temporary_below_minimum_wage']);
    expect(temp.body.errors[1].message).toContain('1,780');
    expect(temp.body.errors[1].messageZh).toContain('1,780');
    const pw = await officer.post('/api/v1/postings', postingBody(employerId, { postType: 'public_welfare', title: '村级保洁', payMinFen: 30000, payMaxFen: 100000 }));
    expect(pw.body.errors.map((e: any) => e.code)).toEqual(['public_welfare_below_poverty_line', 'public_welfare_above_cap', 'public_welfare_insurance']);
    expect(pw.body.errors.find((e: any) => e.code === 'public_welfare_above_cap').message).toContain('890');
    const g = await officer.post('/api/v1/postings', postingBody(employerId, { requirements: { gender: 'male' }, title: '装卸工（限男性）' }));
    expect(g.body.errors.map((e: any) => `${e.field}:${e.code}`)).toEqual(['requirements.gender:gender_requirement', 'title:gender_requirement']);
    const ok = await officer.post('/api/v1/postings', postingBody(employerId, { postType: 'public_welfare', title: '村级保洁', payMinFen: 60000, payMaxFen: 89000, accidentInsuranceFen: 30_000_000 }));
    expect(ok.status).toBe(201);
    const occ = await officer.post('/api/v1/postings', postingBody(employerId, { occupationCode: '9-99-99-99' }));
    expect(occ.body.errors[0]).toMatchObject({ field: 'occupationCode', code: 'occupation_unknown' });
  });

  it('uses the minimum wage in force on the start date and the county class set by an administrator', async () => {
    // 1,700 yuan passes under the 2021 table (class 3: 1,630) and fails under 2023's (1,780).
    const body = (start: string, end: string) => postingBody(employerId, { postType: 'temporary', startDate: start, endDate: end, payMinFen: 170000, payMaxFen: 200000 });
    expect((await officer.post('/api/v1/postings', body('2022-05-01', '2022-09-01'))).status).toBe(201);
    expect((await officer.post('/api/v1/postings', body('2023-05-01', '2023-09-01'))).body.errors[0].code).toBe('temporary_below_minimum_wage');
    expect((await officer.put('/api/v1/minimum-wages/counties/140225', { wageClass: 1 })).status).toBe(403);
    expect((await admin.put('/api/v1/minimum-wages/counties/140225', { wageClass: 1 })).status).toBe(200);
    const view = await officer.get('/api/v1/minimum-wages?county=140225&date=2022-05-01');
    expect(view.body.applies).toMatchObject({ monthlyFen: 188000, wageClass: 1 });
    expect(view.body.tables).toHaveLength(3);
    expect((await officer.post('/api/v1/postings', body('2022-05-01', '2022-09-01'))).body.errors[0].message).toContain('1,880');
    await admin.put('/api/v1/minimum-wages/counties/140225', { wageClass: null });
    await admin.put('/api/v1/minimum-wages/parameters', { povertyLineYuanPerYear: 4800 });
    const pw = await officer.post('/api/v1/postings', postingBody(employerId, { postType: 'public_welfare', payMinFen: 35000, payMaxFen: 80000, accidentInsuranceFen: 30_000_000 }));
    expect(pw.body.errors[0]).toMatchObject({ code: 'public_welfare_below_poverty_line' });
    expect(pw.body.errors[0].message).toContain('400');
    await admin.put('/api/v1/minimum-wages/parameters', { povertyLineYuanPerYear: 4000 });
  });

  it('refuses a stale version with 412 and keeps the newer change', async () => {
    const e = await officer.get(`/api/v1/employers/${employerId}`);
    const first = await officer.patch(`/api/v1/employers/${employerId}`, { operatingStatus: 'suspended', statusDate: '2024-02-01', version: e.body.version });
    expect(first.status).toBe(200);
    expect(first.body.version).toBe(e.body.version + 1);
    const stale = await officer.patch(`/api/v1/employers/${employerId}`, { name: 'lost update', version: e.body.version });
    expect(stale.status).toBe(412);
    expect(stale.body.code).toBe('version_conflict');
    expect(stale.headers['content-type']).toMatch(/problem\+json/);
    expect((await officer.get(`/api/v1/employers/${employerId}`)).body.name).not.toBe('lost update');
    const resumed = await officer.patch(`/api/v1/employers/${employerId}`, { operatingStatus: 'resumed', statusDate: null, version: first.body.version });
    expect(resumed.body.errors[0]).toMatchObject({ field: 'statusDate' });
    const posting = (await officer.get(`/api/v1/postings?employerId=${employerId}`)).body.items[0];
    const upd = await officer.patch(`/api/v1/postings/${posting.id}`, { filled: 2, version: posting.version });
    expect(upd.body.filled).toBe(2);
    const stalePosting = await officer.patch(`/api/v1/postings/${posting.id}`, { filled: 3, version: posting.version });
    expect(stalePosting.status).toBe(412);
    const audit = await admin.get(`/api/v1/audit?entity=posting&entityId=${posting.id}`);
    expect(audit.body.items.map((i: any) => i.action)).toEqual(['posting.update', 'posting.create']);
    expect(audit.body.items[0].changes.filled).toEqual({ before: 0, after: 2 });
  });

  it('lets an employer account see and change only its own company and postings', async () => {
    const other = await officer.post('/api/v1/employers', employerBody(6));
    await officer.post('/api/v1/postings', postingBody(other.body.id, { title: '他家岗位' }));
    await admin.post('/api/v1/users', { username: 'boss', password: 'boss-pass-1', role: 'employer', regionCode: '140225', employerId });
    const boss = new Client(server);
    await boss.login('boss', 'boss-pass-1');
    const list = await boss.get('/api/v1/employers');
    expect(list.body.items.map((e: any) => e.id)).toEqual([employerId]);
    expect((await boss.get(`/api/v1/employers/${other.body.id}`)).status).toBe(404);
    const mine = await boss.get(`/api/v1/employers/${employerId}`);
    expect((await boss.patch(`/api/v1/employers/${employerId}`, { employeesTotal: 60, version: mine.body.version })).status).toBe(200);
    expect((await boss.patch(`/api/v1/employers/${other.body.id}`, { employeesTotal: 60, version: other.body.version })).status).toBe(404);
    expect((await boss.post('/api/v1/employers', employerBody(7))).status).toBe(403);
    const postings = await boss.get('/api/v1/postings');
    expect(postings.body.items.length).toBeGreaterThan(0);
    expect(postings.body.items.every((p: any) => p.employerId === employerId)).toBe(true);
    expect((await boss.post('/api/v1/postings', postingBody(other.body.id))).status).toBe(400);
    expect((await boss.post('/api/v1/postings', postingBody(employerId, { title: '仓库管理员', occupationCode: '4-02-06-01' }))).status).toBe(201);
    const theirs = (await officer.get(`/api/v1/postings?employerId=${other.body.id}`)).body.items[0];
    expect((await boss.get(`/api/v1/postings/${theirs.id}`)).status).toBe(404);
    expect((await boss.patch(`/api/v1/postings/${theirs.id}`, { status: 'closed', version: theirs.version })).status).toBe(404);
  });

  it('serves occupations as a searchable tree', async () => {
    const s = await officer.get('/api/v1/occupations?q=保洁');
    expect(s.body.items[0]).toMatchObject({ code: '4-09-08-01', nameZh: '保洁员', nameEn: 'Cleaner' });
    const kids = await officer.get('/api/v1/occupations?parent=6-29-01');
    expect(kids.body.items.map((o: any) => o.code)).toContain('6-29-01-01');
  });
});
