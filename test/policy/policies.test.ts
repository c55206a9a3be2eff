import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../src/domain/access/actor.ts';
import { ensureDefaultPolicies, evaluateFacts } from '../../src/app/policy/policies.ts';
import { buildServer } from '../../src/http/server.ts';
import type { Server } from '../../src/http/types.ts';
import { ADMIN_PASSWORD, createTestApp, type TestApp } from '../support/app.ts';
import { ENGINES } from '../support/databases.ts';
import { HIRE, POST, TRIP, PatientClient } from './fixtures.ts';

describe.each(ENGINES)('policies as data on %s', (engine) => {
  let t: TestApp;
  let server: Server;
  let admin: PatientClient;
  let officer: PatientClient;
  beforeAll(async () => {
    t = await createTestApp(engine);
    server = await buildServer(t.app);
    admin = new PatientClient(server);
    await admin.login('admin', ADMIN_PASSWORD);
    await admin.post('/api/v1/users', { username: 'lan-officer', password: 'lan-officer-1', role: 'county_officer', regionCode: '141127' });
    officer = new PatientClient(server);
    await officer.login('lan-officer', 'lan-officer-1');
  });
  afterAll(async () => {
    await server?.close();
    await t?.close();
  });

  it('loads the default pack at start-up as version 1, once', async () => {
    const r = await officer.get('/api/v1/policies');
    expect(r.status).toBe(200);
    expect(r.body.items.map((p: any) => `${p.id}@${p.currentVersion}`)).toEqual(['hiring-subsidy-lan-2020@1', 'public-welfare-post-shanxi-2020@1', 'training-subsidy-shanxi-2020@1', 'transport-subsidy-shanxi-2020@1']);
    expect(await ensureDefaultPolicies(t.app)).toEqual([]);
    const inHunyuan = await officer.get('/api/v1/policies?region=140225');
    expect(inHunyuan.body.items.map((p: any) => p.id)).not.toContain('hiring-subsidy-lan-2020');
  });

  it('shows a policy with its rule in words in both languages and its versions', async () => {
    const r = await officer.get('/api/v1/policies/transport-subsidy-shanxi-2020');
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ id: 'transport-subsidy-shanxi-2020', regionScope: '14', version: 1, subjectKind: 'trip' });
    expect(r.body.words.conditions.find((c: any) => c.id === 'works-outside-home-county').description).toEqual({ zh: '到户籍所在县以外务工', en: 'The work is outside the home county' });
    expect(r.body.words.amount.description.en).toMatch(/800/);
    expect(r.body.words.parameters.find((p: any) => p.name === 'maxAmount')).toMatchObject({ value: '800' });
    expect(r.body.versions).toEqual([expect.objectContaining({ version: 1, source: 'default-pack', createdBy: 'system' })]);
    expect((await officer.get('/api/v1/policies/no-such-policy')).status).toBe(404);
  });

  it('evaluates over facts at POST /api/v1/policy/evaluate with the contract shape, in yuan exact to the fen', async () => {
    const r = await officer.post('/api/v1/policy/evaluate', { policy: 'transport-subsidy-shanxi-2020', facts: TRIP });
    expect(r.status).toBe(200);
    expect(Object.keys(r.body)).toEqual(['eligible', 'amount', 'explanation']);
    expect(r.body.eligible).toBe(true);
    expect(r.body.amount).toBe(650.5);
    expect(r.body.explanation[0]).toMatchObject({ condition: 'person-poor', fact: 'personCategory', value: 'monitored', passed: true });
    const hire = await officer.post('/api/v1/policy/evaluate', { policy: 'hiring-subsidy-lan-2020', facts: { ...HIRE, personRelocated: true } });
    expect(hire.body).toMatchObject({ eligible: true, amount: 2000 });
    const no = await officer.post('/api/v1/policy/evaluate', { policy: 'hiring-subsidy-lan-2020', facts: { ...HIRE, employerSme: false } });
    expect(no.body).toMatchObject({ eligible: false, amount: 0 });
    expect(no.body.explanation.find((l: any) => !l.passed)).toMatchObject({ condition: 'employer-sme', fact: 'employerSme', value: false });
  });

  it('takes the minimum wage from the Demand table when the facts leave it out', async () => {
    const r = await officer.post('/api/v1/policy/evaluate', { policy: 'public-welfare-post-shanxi-2020', facts: { ...POST, monthlyPay: 333.33 } });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ eligible: true, amount: 333.33 });
    const line = r.body.explanation.find((l: any) => l.condition === 'pay-at-most-half-minimum-wage');
    expect(line.value.minimumWage).toBeGreaterThanOrEqual(1400);
    const half = line.value.minimumWage / 2;
    const over = await officer.post('/api/v1/policy/evaluate', { policy: 'public-welfare-post-shanxi-2020', facts: { ...POST, monthlyPay: half + 0.01 } });
    expect(over.body.eligible).toBe(false);
    const given = await officer.post('/api/v1/policy/evaluate', { policy: 'public-welfare-post-shanxi-2020', facts: { ...POST, monthlyPay: 850, minimumWage: 1700 } });
    expect(given.body).toMatchObject({ eligible: true, amount: 850 });
    const before = await officer.post('/api/v1/policy/evaluate', { policy: 'public-welfare-post-shanxi-2020', facts: { ...POST, startDate: '2016-01-01' } });
    expect(before.status).toBe(422);
    expect(before.body).toMatchObject({ code: 'missing_facts' });
    expect(before.body.detail).toContain('minimumWage');
  });

  it('names an unknown policy and missing facts', async () => {
    const unknown = await officer.post('/api/v1/policy/evaluate', { policy: 'no-such-policy', facts: {} });
    expect(unknown.status).toBe(404);
    expect(unknown.body.detail).toContain('no-such-policy');
    const missing = await officer.post('/api/v1/policy/evaluate', { policy: 'transport-subsidy-shanxi-2020', facts: { personCategory: 'lifted', travelCost: 100 } });
    expect(missing.status).toBe(422);
    expect(missing.body.code).toBe('missing_facts');
    expect(missing.body.detail).toContain('homeRegion, workRegion, travelDate, claimsThisYear');
    expect(missing.body.errors.map((e: any) => e.field)).toEqual(['facts.homeRegion', 'facts.workRegion', 'facts.travelDate', 'facts.claimsThisYear']);
    await expect(evaluateFacts(t.app, SYSTEM_ACTOR, { policy: 'nope', facts: {} })).rejects.toThrow(/Unknown policy nope/);
  });

  it('lets only an administrator change a rule: validated fully first, then saved as a new version, audited', async () => {
    const current = (await admin.get('/api/v1/policies/transport-subsidy-shanxi-2020')).body.rule;
    const denied = await officer.put('/api/v1/policies/transport-subsidy-shanxi-2020', { rule: { ...current, parameters: { ...current.parameters, maxAmount: { ...current.parameters.maxAmount, value: 1000 } } } });
    expect(denied.status).toBe(403);

    const broken = await admin.put('/api/v1/policies/transport-subsidy-shanxi-2020', { rule: { ...current, conditions: [...current.conditions, { id: 'broken', expr: 'travelCost >> 1' }], amount: { expr: 'min(travelCost, maxAmont)' } } });
    expect(broken.status).toBe(400);
    expect(broken.body.errors.map((e: any) => e.field)).toEqual(['conditions[6].expr', 'amount.expr']);
    expect((await admin.get('/api/v1/policies/transport-subsidy-shanxi-2020')).body.currentVersion).toBe(1);

    const changed = { ...current, parameters: { ...current.parameters, maxAmount: { ...current.parameters.maxAmount, value: 1000 } } };
    const saved = await admin.put('/api/v1/policies/transport-subsidy-shanxi-2020', { rule: changed, note: 'raise the cap' });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ id: 'transport-subsidy-shanxi-2020', version: 2, currentVersion: 2 });
    const now = await officer.post('/api/v1/policy/evaluate', { policy: 'transport-subsidy-shanxi-2020', facts: { ...TRIP, travelCost: 950 } });
    expect(now.body.amount).toBe(950);
    const old = await officer.post('/api/v1/policy/evaluate', { policy: 'transport-subsidy-shanxi-2020', version: 1, facts: { ...TRIP, travelCost: 950 } });
    expect(old.body.amount).toBe(800);
    const detail = await officer.get('/api/v1/policies/transport-subsidy-shanxi-2020');
    expect(detail.body.versions.map((v: any) => v.version)).toEqual([2, 1]);
    expect(detail.body.versions[0]).toMatchObject({ source: 'admin', note: 'raise the cap', createdBy: 'admin' });
    expect((await officer.get('/api/v1/policies/transport-subsidy-shanxi-2020?version=1')).body.rule.parameters.maxAmount.value).toBe(800);

    const audit = await admin.get('/api/v1/audit?entity=policy&entityId=transport-subsidy-shanxi-2020');
    expect(audit.body.items[0]).toMatchObject({ action: 'policy.update', actorName: 'admin' });
    expect(audit.body.items[0].changes.version).toEqual({ before: 1, after: 2 });
  });

  it('adds a new policy (bare rule or {rule}) and refuses a second one with the same id', async () => {
    const base = (await admin.get('/api/v1/policies/hiring-subsidy-lan-2020')).body.rule;
    const rule = { ...base, id: 'hiring-subsidy-hunyuan-2020', regionScope: '140225', name: { zh: '浑源县吸纳就业补贴', en: 'Hunyuan hiring subsidy' } };
    const r = await admin.post('/api/v1/policies', rule);
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ id: 'hiring-subsidy-hunyuan-2020', version: 1 });
    const again = await admin.post('/api/v1/policies', { rule });
    expect(again.status).toBe(409);
    const ev = await officer.post('/api/v1/policy/evaluate', { policy: 'hiring-subsidy-hunyuan-2020', facts: { ...HIRE, employerRegion: '140225100' } });
    expect(ev.body).toMatchObject({ eligible: true, amount: 1500 });
    const mismatch = await admin.put('/api/v1/policies/hiring-subsidy-lan-2020', { rule });
    expect(mismatch.status).toBe(400);
    expect(mismatch.body.errors[0].code).toBe('policy_id_mismatch');
  });
});
