import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClaim } from '../../src/app/policy/claims.ts';
import type { Actor } from '../../src/domain/access/actor.ts';
import { buildServer } from '../../src/http/server.ts';
import type { Server } from '../../src/http/types.ts';
import { ADMIN_PASSWORD, createTestApp, type TestApp } from '../support/app.ts';
import { ENGINES } from '../support/databases.ts';
import { HIRE, TRIP, PatientClient, attach } from './fixtures.ts';

describe.each(ENGINES)('claims, approvals, budgets and payments on %s', (engine) => {
  let t: TestApp;
  let server: Server;
  let admin: PatientClient;
  let county: PatientClient;
  let town: PatientClient;
  let countyActor: Actor;
  let nextPerson = 100;
  beforeAll(async () => {
    t = await createTestApp(engine);
    server = await buildServer(t.app);
    admin = new PatientClient(server);
    await admin.login('admin', ADMIN_PASSWORD);
    const c = await admin.post('/api/v1/users', { username: 'lan-county', password: 'lan-county-1', role: 'county_officer', regionCode: '141127' });
    await admin.post('/api/v1/users', { username: 'lan-town', password: 'lan-town-1', role: 'town_commissioner', regionCode: '141127100' });
    county = new PatientClient(server);
    await county.login('lan-county', 'lan-county-1');
    town = new PatientClient(server);
    await town.login('lan-town', 'lan-town-1');
    countyActor = { userId: c.body.id, username: 'lan-county', role: 'county_officer', regionCode: '141127', employerId: null };
  });
  afterAll(async () => {
    await server?.close();
    await t?.close();
  });

  const trip = (personId: number, extra: Record<string, unknown> = {}) => ({ policy: 'transport-subsidy-shanxi-2020', subjectKind: 'trip', subjectId: `trip-${personId}-${Math.random().toString(36).slice(2, 8)}`, personId, regionCode: '141127100200', facts: { ...TRIP, ...extra } });

  async function approved(personId: number, extra: Record<string, unknown> = {}) {
    const c = await county.post('/api/v1/claims', { ...trip(personId, extra), submit: true });
    expect(c.status, JSON.stringify(c.body)).toBe(201);
    expect((await attach(county, c.body.id, 'ticket')).status).toBe(201);
    expect((await town.post(`/api/v1/claims/${c.body.id}/decisions`, { decision: 'approve' })).status).toBe(200);
    const done = await county.post(`/api/v1/claims/${c.body.id}/decisions`, { decision: 'approve' });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    return done.body;
  }

  it('creates a claim from facts, keeps the facts and explanation, and submits it', async () => {
    const draft = await county.post('/api/v1/claims', trip(nextPerson++));
    expect(draft.status).toBe(201);
    expect(draft.body).toMatchObject({ status: 'draft', eligible: true, amount: 650.5, amountFen: 65050, policyVersion: 1, year: 2020, fund: 'employment-subsidy' });
    expect(draft.body.explanation).toHaveLength(6);
    const sub = await county.post(`/api/v1/claims/${draft.body.id}/submit`);
    expect(sub.status).toBe(200);
    expect(sub.body.status).toBe('submitted');
    expect(sub.body.steps).toEqual([expect.objectContaining({ step: 0, level: 'submission', decision: 'submitted', by: 'lan-county' })]);
    const bad = await county.post('/api/v1/claims', { ...trip(nextPerson++, { claimsThisYear: 1 }), submit: true });
    expect(bad.status).toBe(422);
    expect(bad.body).toMatchObject({ code: 'claim_not_eligible' });
    expect(bad.body.detail).toContain('first-claim-this-year');
    const outside = await county.post('/api/v1/claims', { ...trip(nextPerson++), regionCode: '140225100' });
    expect(outside.status).toBe(400);
    expect(outside.body.errors[0].code).toBe('out_of_scope');
    const wrongKind = await county.post('/api/v1/claims', { ...trip(nextPerson++), subjectKind: 'hire' });
    expect(wrongKind.body.errors[0].code).toBe('subject_kind_mismatch');
  });

  it('pays a once-a-year subsidy to a person only once, even for two concurrent submissions', async () => {
    const person = nextPerson++;
    const results = await Promise.allSettled([createClaim(t.app, countyActor, { ...trip(person), submit: true }), createClaim(t.app, countyActor, { ...trip(person), submit: true })]);
    const ok = results.filter((r) => r.status === 'fulfilled');
    const refused = results.filter((r) => r.status === 'rejected') as PromiseRejectedResult[];
    expect(ok).toHaveLength(1);
    expect(refused).toHaveLength(1);
    expect(refused[0].reason.code).toBe('claim_limit_reached');
    expect(refused[0].reason.message).toContain(`person ${person} has already claimed transport-subsidy-shanxi-2020 for 2020`);
    const list = await county.get('/api/v1/claims?policy=transport-subsidy-shanxi-2020&limit=500');
    expect(list.body.items.filter((c: any) => c.personId === person && c.status === 'submitted')).toHaveLength(1);
    // Over HTTP as well, several at once.
    const p2 = nextPerson++;
    const many = await Promise.all(Array.from({ length: 4 }, () => county.post('/api/v1/claims', { ...trip(p2), submit: true })));
    expect(many.map((r) => r.status).sort()).toEqual([201, 409, 409, 409]);
    // The next year is a new year.
    const next = await county.post('/api/v1/claims', { ...trip(p2), submit: true, facts: { ...TRIP, travelDate: '2020-12-31' } });
    expect(next.status).toBe(409);
  });

  it('goes through township review then county approval; the same level cannot be skipped; a rejection says why and frees the limit', async () => {
    const person = nextPerson++;
    const c = (await county.post('/api/v1/claims', { ...trip(person), submit: true })).body;
    const early = await county.post(`/api/v1/claims/${c.id}/decisions`, { decision: 'approve' });
    expect(early.status).toBe(403);
    expect(early.body.detail).toMatch(/Township review/);
    const noReason = await town.post(`/api/v1/claims/${c.id}/decisions`, { decision: 'reject' });
    expect(noReason.status).toBe(400);
    const rej = await town.post(`/api/v1/claims/${c.id}/decisions`, { decision: 'reject', reason: 'ticket is not readable' });
    expect(rej.status).toBe(200);
    expect(rej.body.status).toBe('rejected');
    expect(rej.body.steps[1]).toMatchObject({ level: 'town', decision: 'rejected', reason: 'ticket is not readable', by: 'lan-town' });
    const again = await county.post('/api/v1/claims', { ...trip(person), submit: true });
    expect(again.status).toBe(201);
  });

  it('refuses an approval that would overrun the budget, quoting the remaining balance', async () => {
    const person = nextPerson++;
    const c = (await county.post('/api/v1/claims', { ...trip(person), submit: true })).body;
    await attach(county, c.id, 'ticket');
    await town.post(`/api/v1/claims/${c.id}/decisions`, { decision: 'approve' });
    const none = await county.post(`/api/v1/claims/${c.id}/decisions`, { decision: 'approve' });
    expect(none.status).toBe(422);
    expect(none.body.code).toBe('budget_missing');
    expect((await county.put('/api/v1/budgets', { fund: 'employment-subsidy', regionCode: '141127', year: 2020, amount: 1000.25 })).status).toBe(200);
    const ok = await county.post(`/api/v1/claims/${c.id}/decisions`, { decision: 'approve' });
    expect(ok.status).toBe(200);
    expect(ok.body.status).toBe('approved');
    const c2 = (await county.post('/api/v1/claims', { ...trip(nextPerson++), submit: true })).body;
    await attach(county, c2.id, 'ticket');
    await town.post(`/api/v1/claims/${c2.id}/decisions`, { decision: 'approve' });
    const over = await county.post(`/api/v1/claims/${c2.id}/decisions`, { decision: 'approve' });
    expect(over.status).toBe(422);
    expect(over.body.code).toBe('budget_exceeded');
    expect(over.body.detail).toContain('349.75 yuan remaining of 1000.25');
    expect(over.body.detailZh).toContain('剩余349.75元');
    expect(over.body.details).toMatchObject({ remainingFen: 34975, budgetFen: 100025, claimFen: 65050 });
    const budgets = await county.get('/api/v1/budgets?year=2020');
    expect(budgets.body.items[0]).toMatchObject({ regionCode: '141127', amountFen: 100025, approvedUnpaidFen: 65050, remainingFen: 34975, remaining: 349.75 });
    expect((await county.put('/api/v1/budgets', { fund: 'employment-subsidy', regionCode: '141127', year: 2020, amount: 1_000_000 })).status).toBe(200);
    expect((await county.post(`/api/v1/claims/${c2.id}/decisions`, { decision: 'approve' })).body.status).toBe('approved');
  });

  it('pays approved claims in a batch, exports it to .xlsx, reverses an entry with a new one, and totals to the fen', async () => {
    await approved(nextPerson++, { travelCost: 0.1 });
    await approved(nextPerson++, { travelCost: 0.2 });
    const batch = await county.post('/api/v1/payment-batches', { fund: 'employment-subsidy', regionCode: '141127', entryDate: '2020-04-01', reference: 'LAN-2020-04-01' });
    expect(batch.status, JSON.stringify(batch.body)).toBe(201);
    expect(batch.body).toMatchObject({ reference: 'LAN-2020-04-01', entryCount: 4, totalFen: 65050 + 65050 + 10 + 20 });
    expect(batch.body.total).toBe(1301.3);
    const empty = await county.post('/api/v1/payment-batches', { fund: 'employment-subsidy', regionCode: '141127' });
    expect(empty.status).toBe(422);

    const detail = await county.get(`/api/v1/payment-batches/${batch.body.id}`);
    expect(detail.body.entries).toHaveLength(4);
    const claim = await county.get(`/api/v1/claims/${detail.body.entries[0].claimId}`);
    expect(claim.body).toMatchObject({ status: 'paid', batchId: batch.body.id });

    const x = await server.inject({ method: 'GET', url: `/api/v1/payment-batches/${batch.body.id}/export`, headers: { cookie: `jiuye_session=${county.cookie}` } });
    expect(x.statusCode).toBe(200);
    expect(x.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.rawPayload as any);
    const ws = wb.worksheets[0];
    expect(ws.rowCount).toBe(6);
    expect(ws.getRow(6).getCell(7).value).toBe(1301.3);

    const entry = detail.body.entries.find((e: any) => e.amountFen === 20);
    const rev = await county.post(`/api/v1/payment-entries/${entry.id}/reversal`, { reason: 'bank account closed' });
    expect(rev.status).toBe(201);
    expect(rev.body).toMatchObject({ kind: 'reversal', amountFen: -20, reversesId: entry.id, reason: 'bank account closed' });
    const twice = await county.post(`/api/v1/payment-entries/${entry.id}/reversal`, { reason: 'again' });
    expect(twice.status).toBe(409);
    expect((await county.get(`/api/v1/claims/${entry.claimId}`)).body.status).toBe('approved');

    const byPolicy = await county.get('/api/v1/payments/totals?by=policy&year=2020');
    expect(byPolicy.body).toMatchObject({ totalFen: 130110, total: 1301.1 });
    expect(byPolicy.body.items).toEqual([{ key: 'transport-subsidy-shanxi-2020', amount: 1301.1, amountFen: 130110, entries: 5 }]);
    const byRegion = await county.get('/api/v1/payments/totals?by=region&regionDigits=9');
    expect(byRegion.body.items).toEqual([{ key: '141127100', amount: 1301.1, amountFen: 130110, entries: 5 }]);
    const byFund = await county.get('/api/v1/payments/totals?by=fund');
    expect(byFund.body.items[0]).toMatchObject({ key: 'employment-subsidy', amountFen: 130110 });
    const again = await county.post('/api/v1/payment-batches', { fund: 'employment-subsidy', regionCode: '141127', reference: 'LAN-2020-04-02' });
    expect(again.body).toMatchObject({ entryCount: 1, totalFen: 20 });

    const audit = await admin.get('/api/v1/audit?entity=payment_entry');
    expect(audit.body.items[0]).toMatchObject({ action: 'payment.reverse', actorName: 'lan-county' });
  });

  it('refuses combining policies that exclude each other, whichever names the other', async () => {
    const base = (await admin.get('/api/v1/policies/transport-subsidy-shanxi-2020')).body.rule;
    const alt = { ...base, id: 'transport-subsidy-lan-extra-2020', regionScope: '141127', excludes: ['transport-subsidy-shanxi-2020'], name: { zh: '岚县交通补贴（另项）', en: 'Lan extra transport subsidy' } };
    expect((await admin.post('/api/v1/policies', alt)).status).toBe(201);
    const p1 = nextPerson++;
    expect((await county.post('/api/v1/claims', { ...trip(p1), submit: true })).status).toBe(201);
    const second = await county.post('/api/v1/claims', { ...trip(p1), policy: alt.id, submit: true });
    expect(second.status).toBe(409);
    expect(second.body).toMatchObject({ code: 'policy_combination' });
    const p2 = nextPerson++;
    expect((await county.post('/api/v1/claims', { ...trip(p2), policy: alt.id, submit: true })).status).toBe(201);
    const back = await county.post('/api/v1/claims', { ...trip(p2), submit: true });
    expect(back.status).toBe(409);
    expect(back.body.detail).toContain('cannot be combined with transport-subsidy-lan-extra-2020');
  });

  it('an employer hiring subsidy is paid to the employer', async () => {
    const c = await county.post('/api/v1/claims', { policy: 'hiring-subsidy-lan-2020', subjectKind: 'hire', subjectId: 'hire-1', personId: 9001, employerId: 77, regionCode: '141127100', facts: { ...HIRE, personRelocated: true }, submit: true });
    expect(c.status).toBe(201);
    expect(c.body).toMatchObject({ payee: 'employer:77', amount: 2000 });
    const dup = await county.post('/api/v1/claims', { policy: 'hiring-subsidy-lan-2020', subjectKind: 'hire', subjectId: 'hire-1', personId: 9001, employerId: 77, regionCode: '141127100', facts: HIRE, submit: true });
    expect(dup.status).toBe(409);
    expect(dup.body.detail).toContain('hire hire-1 has already been claimed');
  });
});
