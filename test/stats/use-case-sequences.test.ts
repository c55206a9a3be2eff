import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/domain/access/actor.ts';
import { createEmployer, updateEmployer } from '../../src/app/demand/employers.ts';
import { createPosting, updatePosting } from '../../src/app/demand/postings.ts';
import { createHousehold, deleteHousehold, updateHousehold } from '../../src/app/ledger/households.ts';
import { loadDemoLedger } from '../../src/app/ledger/demo/load-demo.ts';
import { deletePerson, updatePerson } from '../../src/app/ledger/persons.ts';
import { setReturnDate } from '../../src/app/matching/employments.ts';
import { createReferral, transitionReferral } from '../../src/app/matching/referrals.ts';
import { verifyStats } from '../../src/app/stats/maintain.ts';
import { regionStats } from '../../src/app/stats/stats-queries.ts';
import { boardPassenger, recordCheck, transitionTrip } from '../../src/app/transport/escort.ts';
import { createTrip } from '../../src/app/transport/trips.ts';
import { DomainError } from '../../src/domain/errors.ts';
import { creditCode } from '../demand/support.ts';
import { nextHouseholdNo, nextId } from '../ledger/ledger-fixture.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { ENGINES } from '../support/databases.ts';

/** Villages of three townships of 浑源县 and one of 岚县, so moves cross towns and counties. */
const VILLAGES = ['140225100010', '140225101200', '140225101201', '140225102200', '141127100200'];
const STATUSES = ['seeking', 'employed_county', 'employed_outside', 'not_seeking', 'self_employed'];
const OPERATING = ['operating', 'resumed', 'suspended'] as const;

function rng(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

/** Runs a step; a refusal by the rules (a full posting, a household with members) is part of the sequence, anything else fails the test. */
async function attempt<T>(fn: () => Promise<T>): Promise<T | undefined> {
  try {
    return await fn();
  } catch (e) {
    if (e instanceof DomainError) return undefined;
    throw e;
  }
}

describe.each(ENGINES)('statistics through the use cases of every module on %s', (engine) => {
  let t: TestApp;
  let admin: Actor;
  beforeAll(async () => {
    t = await createTestApp(engine);
    const u = await t.app.database.db.selectFrom('users').select(['id', 'username']).where('username', '=', 'admin').executeTakeFirstOrThrow();
    admin = { userId: Number(u.id), username: u.username, role: 'admin', regionCode: '', employerId: null };
  });
  afterAll(async () => t?.close());

  it('keeps every figure equal to a full recount through a random run of ledger, demand, matching and transport writes', async () => {
    const app = t.app;
    const db = app.database.db;
    const rand = rng(20200318);
    const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
    const households: number[] = [];
    const employers: number[] = [];
    const postings: number[] = [];
    const referrals: number[] = [];
    let serial = 0;
    const livePersons = async () => (await db.selectFrom('persons').select(['id', 'version', 'household_id']).where('deleted_at', 'is', null).orderBy('id').execute()).map((p) => ({ id: Number(p.id), version: Number(p.version), householdId: Number(p.household_id) }));

    const steps: Record<string, () => Promise<unknown>> = {
      household: async () => {
        const members = Array.from({ length: 1 + Math.floor(rand() * 3) }, (_, i) => ({ relation: i === 0 ? 'head' : 'child', name: `序列${serial}-${i}`, idNumber: nextId(), laborCapacity: 'full', employmentStatus: pick(STATUSES), trainingWish: rand() < 0.3 ? '保洁员' : undefined }));
        const category = pick(['lifted', 'monitored', 'none']);
        const h = await attempt(() => createHousehold(app, admin, { householdNo: nextHouseholdNo('SEQ'), villageCode: pick(VILLAGES), category, ...(category === 'monitored' ? { monitoredSubtype: 'marginal' } : {}), relocated: rand() < 0.2, members } as any));
        if (h) households.push((h as any).id);
      },
      personEdit: async () => {
        const ps = await livePersons();
        if (!ps.length) return;
        const p = pick(ps);
        await attempt(() => updatePerson(app, admin, p.id, { employmentStatus: pick(STATUSES), verificationStatus: rand() < 0.5 ? 'verified' : 'unverified', version: p.version } as any));
      },
      personMove: async () => {
        const ps = await livePersons();
        if (!ps.length || households.length < 2) return;
        const p = pick(ps);
        await attempt(() => updatePerson(app, admin, p.id, { householdId: pick(households), version: p.version } as any));
      },
      personDelete: async () => {
        const ps = await livePersons();
        if (ps.length < 4) return;
        const p = pick(ps);
        await attempt(() => deletePerson(app, admin, p.id, p.version));
      },
      householdMove: async () => {
        if (!households.length) return;
        const id = pick(households);
        const h = await db.selectFrom('households').select('version').where('id', '=', id).where('deleted_at', 'is', null).executeTakeFirst();
        if (h) await attempt(() => updateHousehold(app, admin, id, { villageCode: pick(VILLAGES), category: pick(['lifted', 'none']), version: Number(h.version) } as any));
      },
      householdDelete: async () => {
        if (!households.length) return;
        const id = pick(households);
        if (await attempt(() => deleteHousehold(app, admin, id))) households.splice(households.indexOf(id), 1);
      },
      employer: async () => {
        const status = pick(OPERATING);
        const e = await attempt(() => createEmployer(app, admin, { name: `序列企业${++serial}`, creditCode: creditCode(90000 + serial), regionCode: pick([...VILLAGES, '140225101', '140225']), address: '', industry: '制造业', operatingStatus: status, statusDate: status === 'operating' ? null : '2020-02-20', employeesTotal: 20, poorEmployees: 2 } as any));
        if (e) employers.push(e.id);
      },
      employerEdit: async () => {
        if (!employers.length) return;
        const id = pick(employers);
        const e = await db.selectFrom('employers').select('version').where('id', '=', id).executeTakeFirstOrThrow();
        const status = pick(OPERATING);
        await attempt(() => updateEmployer(app, admin, id, { operatingStatus: status, statusDate: status === 'operating' ? null : '2020-03-01', regionCode: pick(VILLAGES), version: Number(e.version) } as any));
      },
      posting: async () => {
        if (!employers.length) return;
        const p = await attempt(() => createPosting(app, admin, { employerId: pick(employers), title: '保洁员', occupationCode: '4-09-08-01', postType: 'regular', openings: 1 + Math.floor(rand() * 3), payMinFen: 300000, payMaxFen: 350000, regionCode: pick([...VILLAGES, '140225100']), startDate: '2026-03-01', status: pick(['open', 'open', 'draft']) } as any));
        if (p) postings.push(p.id);
      },
      postingEdit: async () => {
        if (!postings.length) return;
        const id = pick(postings);
        const p = await db.selectFrom('postings').select(['version', 'filled']).where('id', '=', id).executeTakeFirstOrThrow();
        await attempt(() => updatePosting(app, admin, id, { regionCode: pick(VILLAGES), openings: Number(p.filled) + 1 + Math.floor(rand() * 3), status: Number(p.filled) > 0 ? 'open' : pick(['open', 'draft']), version: Number(p.version) } as any));
      },
      referral: async () => {
        const ps = await livePersons();
        if (!ps.length || !postings.length) return;
        const r = await attempt(() => createReferral(app, admin, { personId: pick(ps).id, postingId: pick(postings), source: pick(['fair_intention', 'application', 'manual'] as const) }));
        if (r) referrals.push((r as any).id);
      },
      referralStep: async () => {
        if (!referrals.length) return;
        const id = pick(referrals);
        await attempt(() => transitionReferral(app, admin, id, { to: pick(['interested', 'interviewed', 'hired', 'hired', 'at_work', 'at_work', 'left', 'no_show', 'declined']) }));
      },
      returnDate: async () => {
        await attempt(() => setReturnDate(app, admin, pick(['140225', '141127']), { since: pick(['2020-01-01', '2026-01-01', '2030-01-01']) }));
      },
      trip: async () => {
        const people = (await db.selectFrom('persons').select('id').where('deleted_at', 'is', null).where('village_code', 'like', '140225%').orderBy('id').limit(3).execute()).map((p) => Number(p.id));
        if (!people.length) return;
        const date = `2027-0${1 + Math.floor(rand() * 9)}-1${Math.floor(rand() * 9)}`;
        const trip = await attempt(() => createTrip(app, admin, { mode: 'minibus', capacity: 19, costFen: 190_000, originCounty: '140225', pickups: [{ regionCode: '140225101', time: '07:00' }], destination: { kind: 'city', regionCode: '3205' }, travelDate: date, passengers: people.map((personId) => ({ personId })) } as any));
        if (!trip) return;
        const id = (trip as any).id as number;
        await transitionTrip(app, admin, id, { to: 'boarding' });
        const listed = await db.selectFrom('trip_passengers').select('id').where('trip_id', '=', id).execute();
        for (const p of listed.slice(0, Math.max(1, listed.length - 1))) {
          await recordCheck(app, admin, id, Number(p.id), { temperature: 36.5, healthCertificate: true, kitIssued: true });
          await boardPassenger(app, admin, id, Number(p.id));
        }
        await transitionTrip(app, admin, id, { to: pick(['departed', 'departed', 'cancelled'] as const), reason: 'weather' });
      },
    };
    const weights: [string, number][] = [
      ['household', 14], ['personEdit', 12], ['personMove', 5], ['personDelete', 4], ['householdMove', 5], ['householdDelete', 3],
      ['employer', 8], ['employerEdit', 6], ['posting', 9], ['postingEdit', 6], ['referral', 10], ['referralStep', 14], ['returnDate', 3], ['trip', 3],
    ];
    const sum = weights.reduce((s, [, w]) => s + w, 0);
    for (let step = 0; step < 120; step++) {
      // Imports go through the bulk writer, batch by batch, not through the audited use cases.
      if (step % 60 === 0) await loadDemoLedger(app, { county: '140225', households: 25, seed: 1 + step });
      let x = rand() * sum;
      const name = weights.find(([, w]) => (x -= w) < 0)?.[0] ?? 'household';
      await steps[name]();
      if (step % 40 === 39) expect((await verifyStats(app)).differences, `after step ${step} (${name})`).toEqual([]);
    }
    const v = await verifyStats(app);
    expect(v.differences).toEqual([]);
    // The run touched every family, or it proves little.
    const province = (await regionStats(app, admin, { region: '14' })).values;
    for (const k of ['laborers', 'households', 'employers', 'postings', 'openings', 'intentions', 'jobs_secured', 'trips', 'people_transported']) expect(province[k], k).toBeGreaterThan(0);
    const touched = await db.selectFrom('referrals').select('status').distinct().execute();
    expect(touched.length).toBeGreaterThan(2);
  });
});
