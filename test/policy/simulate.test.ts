import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { simulatePolicy, type FactSource } from '../../src/app/policy/simulate.ts';
import { SYSTEM_ACTOR } from '../../src/domain/access/actor.ts';
import { buildServer } from '../../src/http/server.ts';
import type { Server } from '../../src/http/types.ts';
import { ADMIN_PASSWORD, createTestApp, type TestApp } from '../support/app.ts';
import { ENGINES } from '../support/databases.ts';
import { TRIP, PatientClient } from './fixtures.ts';

/** A few ledger rows written straight to the Ledger module's tables: what the simulation reads. */
async function seedLedger(t: TestApp) {
  const db = t.app.database.db;
  const now = new Date().toISOString();
  const people: [string, string, boolean, string, number | null][] = [
    ['141127100200', 'lifted', true, 'public_welfare', 400],
    ['141127100200', 'lifted', false, 'public_welfare', 600],
    ['141127100201', 'monitored', false, 'public_welfare', 800],
    ['141127100201', 'none', false, 'public_welfare', 600],
    ['140225100218', 'lifted', false, 'public_welfare', 500],
    ['140225100218', 'lifted', false, 'seeking', null],
  ];
  let i = 0;
  for (const [village, category, relocated, status, income] of people) {
    i++;
    const h = await db
      .insertInto('households')
      .values({ household_no: `SIM-${i}`, village_code: village, address: null, category, monitored_subtype: category === 'monitored' ? 'marginal' : null, relocated: relocated ? 1 : 0, income_per_capita_yuan: null, member_count: 1, working_age_count: 1, employed_count: 0, zero_employment: 0, version: 1, created_at: now, updated_at: now, deleted_at: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('persons')
      .values({
        household_id: Number(h.id),
        village_code: village,
        relation: 'head',
        name: `sim ${i}`,
        gender: 'female',
        birth_date: '1980-01-01',
        id_enc: 'x',
        id_hash: `hash-${i}`,
        id_masked: '1411**********0000',
        phone_enc: null,
        phone_hash: null,
        phone_masked: null,
        education: null,
        labor_capacity: 'full',
        skills: '[]',
        employment_status: status,
        employer_name: null,
        monthly_income_yuan: income,
        training_wish: null,
        job_wish_types: '[]',
        available_from: null,
        preferred_scope: null,
        min_monthly_pay_yuan: null,
        verification_status: 'unverified',
        verified_at: null,
        verified_by: null,
        row_hash: `row-${i}`,
        version: 1,
        created_at: now,
        updated_at: now,
        deleted_at: null,
      })
      .execute();
  }
}

describe.each(ENGINES)('what-if simulation on %s', (engine) => {
  let t: TestApp;
  let server: Server;
  let admin: PatientClient;
  beforeAll(async () => {
    t = await createTestApp(engine);
    await seedLedger(t);
    server = await buildServer(t.app);
    admin = new PatientClient(server);
    await admin.login('admin', ADMIN_PASSWORD);
  });
  afterAll(async () => {
    await server?.close();
    await t?.close();
  });

  it('evaluates a changed parameter over the ledger next to the policy as it stands, by region, writing nothing', async () => {
    const auditBefore = (await admin.get('/api/v1/audit?limit=500')).body.items.length;
    const r = await admin.post('/api/v1/policy/simulate', { policy: 'public-welfare-post-shanxi-2020', set: { povertyLineMonthly: '5000 / 12' } });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    // The ledger has no start date or insurance for a post; the simulation counts those people as incomplete.
    expect(r.body.total).toMatchObject({ people: 6, incomplete: 6 });
    const assumed = await simulatePolicy(t.app, SYSTEM_ACTOR, { policy: 'public-welfare-post-shanxi-2020', set: { povertyLineMonthly: '5000 / 12' }, assume: { startDate: '2020-06-01', insuranceCoverage: 300000, minimumWage: 1700 } });
    // Pay 400 meets 333.33 but not 416.67; 600 and 800 meet both (and the 850 ceiling); "none" never qualifies; the seeker has no post.
    expect(assumed.total).toMatchObject({ people: 6, incomplete: 1, eligibleBefore: 4, eligibleAfter: 3, newlyEligible: 0, newlyIneligible: 1, costBeforeFen: 230000, costAfterFen: 190000 });
    expect(assumed.byRegion.map((g) => g.region)).toEqual(['140225', '141127']);
    expect(assumed.byRegion[1]).toMatchObject({ region: '141127', eligibleBefore: 3, eligibleAfter: 2 });
    const lan = await simulatePolicy(t.app, SYSTEM_ACTOR, { policy: 'public-welfare-post-shanxi-2020', set: {}, region: '141127', assume: { startDate: '2020-06-01', insuranceCoverage: 300000, minimumWage: 1700 } });
    expect(lan.byRegion.map((g) => g.region)).toEqual(['141127100']);
    expect(lan.total).toMatchObject({ people: 4, eligibleBefore: 3, eligibleAfter: 3 });
    expect((await admin.get('/api/v1/audit?limit=500')).body.items.length).toBe(auditBefore);
  });

  it('reads any fact source in batches and refuses an unknown parameter by name', async () => {
    const source: FactSource = {
      name: 'test',
      async *batches() {
        yield [{ regionCode: '141127100200', facts: { ...TRIP, travelCost: 950 } }, { regionCode: '141127100200', facts: { ...TRIP, travelCost: 500 } }];
        yield [{ regionCode: '140225100218', facts: { ...TRIP, homeRegion: '140225100218', travelCost: 1000.01 } }];
      },
    };
    const r = await simulatePolicy(t.app, SYSTEM_ACTOR, { policy: 'transport-subsidy-shanxi-2020', set: { maxAmount: '1000' }, source });
    expect(r.total).toMatchObject({ people: 3, eligibleBefore: 3, eligibleAfter: 3, costBeforeFen: 80000 + 50000 + 80000, costAfterFen: 95000 + 50000 + 100000 });
    const bad = await admin.post('/api/v1/policy/simulate', { policy: 'transport-subsidy-shanxi-2020', set: { maxAmont: '1000' } });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0]).toMatchObject({ field: 'parameters.maxAmont', code: 'parameter_unknown' });
  });
});
