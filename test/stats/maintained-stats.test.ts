import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeAudit } from '../../src/app/audit/audit.ts';
import { inTransaction } from '../../src/app/context.ts';
import { personColumns } from '../../src/app/ledger/person-record.ts';
import { rebuildStats, verifyStats } from '../../src/app/stats/maintain.ts';
import { regionStats, childStats } from '../../src/app/stats/stats-queries.ts';
import { SYSTEM_ACTOR } from '../../src/domain/access/actor.ts';
import { makeIdNumber } from '../../src/domain/ledger/id-number.ts';
import { validatePerson } from '../../src/domain/ledger/person.ts';
import { nowIso } from '../../src/store/codec.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { ENGINES } from '../support/databases.ts';

const VILLAGES: string[] = [];
const STATUSES = ['seeking', 'employed_county', 'employed_outside', 'not_seeking', 'public_welfare'];

/** A small deterministic PRNG, so a failing sequence can be replayed. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

describe.each(ENGINES)('statistics kept in the writing transaction on %s', (engine) => {
  let t: TestApp;
  let seq = 0;
  beforeAll(async () => {
    t = await createTestApp(engine);
    const pick = async (town: string, n: number) => (await t.app.database.db.selectFrom('regions').select('code').where('parent_code', '=', town).orderBy('code').limit(n).execute()).map((r) => r.code);
    VILLAGES.splice(0, VILLAGES.length, ...(await pick('140225100', 2)), ...(await pick('140225101', 1)), ...(await pick('141127100', 1)));
  });
  afterAll(async () => t?.close());

  async function addHousehold(village: string, category: string, members: number, status = 'seeking') {
    return inTransaction(t.app, async (trx) => {
      const now = nowIso();
      const h = await trx
        .insertInto('households')
        .values({ household_no: `T-${++seq}`, village_code: village, address: null, category, monitored_subtype: category === 'monitored' ? 'marginal' : null, relocated: seq % 3 === 0 ? 1 : 0, income_per_capita_yuan: null, member_count: members, working_age_count: members, employed_count: 0, zero_employment: 0, version: 1, created_at: now, updated_at: now, deleted_at: null })
        .returning('id')
        .executeTakeFirstOrThrow();
      for (let i = 0; i < members; i++) {
        const v = validatePerson({ relation: i === 0 ? 'head' : 'child', name: `测试${seq}-${i}`, idNumber: makeIdNumber('140225', '1980-01-01', (seq * 10 + i) % 1000), laborCapacity: 'full', employmentStatus: status, trainingWish: i % 2 ? '保洁员' : '' });
        if (!v.ok) throw new Error(JSON.stringify(v.issues));
        await trx.insertInto('persons').values({ ...personColumns(t.app.secrets, { ...v.value, idNumber: `${v.value.idNumber}${seq}` }, village, 'x'), household_id: Number(h.id), verification_status: 'unverified', verified_at: null, verified_by: null, version: 1, created_at: now, updated_at: now, deleted_at: null }).execute();
      }
      await writeAudit(trx, SYSTEM_ACTOR, { action: 'household.create', entity: 'household', entityId: Number(h.id), regionCode: village });
      return Number(h.id);
    });
  }

  it('counts a new household at its village and every ancestor', async () => {
    await addHousehold(VILLAGES[0], 'lifted', 3);
    const village = await regionStats(t.app, SYSTEM_ACTOR, { region: VILLAGES[0] });
    expect(village.values).toMatchObject({ laborers: 3, laborers_lifted: 3, households: 1, willing_to_work: 3 });
    for (const code of ['140225100', '140225', '1402', '14']) {
      expect((await regionStats(t.app, SYSTEM_ACTOR, { region: code })).values.laborers).toBe(3);
    }
    const towns = await childStats(t.app, SYSTEM_ACTOR, { region: '140225' });
    expect(towns.children.find((c) => c.code === '140225100')?.values.laborers).toBe(3);
    expect(towns.children.find((c) => c.code === '140225101')?.values.laborers).toBe(0);
    expect((await verifyStats(t.app)).ok).toBe(true);
  });

  it('rolls back the figures with the transaction', async () => {
    const before = (await regionStats(t.app, SYSTEM_ACTOR, { region: '14' })).values.laborers;
    await expect(
      inTransaction(t.app, async (trx) => {
        await trx.updateTable('persons').set({ deleted_at: nowIso() }).where('village_code', '=', VILLAGES[0]).execute();
        await writeAudit(trx, SYSTEM_ACTOR, { action: 'x', entity: 'x', entityId: 1, regionCode: VILLAGES[0] });
        throw new Error('abandon');
      }),
    ).rejects.toThrow('abandon');
    expect((await regionStats(t.app, SYSTEM_ACTOR, { region: '14' })).values.laborers).toBe(before);
  });

  it('agrees with a full recount after a random sequence of creates, edits and deletions', async () => {
    const rand = rng(20200301);
    const households: number[] = [];
    for (let step = 0; step < 40; step++) {
      const r = rand();
      const village = VILLAGES[Math.floor(rand() * VILLAGES.length)];
      if (r < 0.45 || households.length === 0) {
        households.push(await addHousehold(village, ['lifted', 'monitored', 'none'][Math.floor(rand() * 3)], 1 + Math.floor(rand() * 4), STATUSES[Math.floor(rand() * STATUSES.length)]));
      } else if (r < 0.75) {
        const id = households[Math.floor(rand() * households.length)];
        await inTransaction(t.app, async (trx) => {
          const p = await trx.selectFrom('persons').select(['id', 'village_code']).where('household_id', '=', id).where('deleted_at', 'is', null).executeTakeFirst();
          if (!p) return;
          await trx.updateTable('persons').set({ employment_status: STATUSES[Math.floor(rand() * STATUSES.length)], verification_status: rand() < 0.5 ? 'verified' : 'unverified' }).where('id', '=', p.id).execute();
          await writeAudit(trx, SYSTEM_ACTOR, { action: 'person.update', entity: 'person', entityId: Number(p.id), regionCode: p.village_code });
        });
      } else if (r < 0.9) {
        const id = households.splice(Math.floor(rand() * households.length), 1)[0];
        await inTransaction(t.app, async (trx) => {
          const h = await trx.selectFrom('households').select('village_code').where('id', '=', id).executeTakeFirstOrThrow();
          await trx.updateTable('persons').set({ deleted_at: nowIso() }).where('household_id', '=', id).execute();
          await trx.updateTable('households').set({ deleted_at: nowIso() }).where('id', '=', id).execute();
          await writeAudit(trx, SYSTEM_ACTOR, { action: 'household.delete', entity: 'household', entityId: id, regionCode: h.village_code });
        });
      } else {
        // A household moves to another village: both villages change.
        const id = households[Math.floor(rand() * households.length)];
        await inTransaction(t.app, async (trx) => {
          const h = await trx.selectFrom('households').select('village_code').where('id', '=', id).executeTakeFirstOrThrow();
          await trx.updateTable('households').set({ village_code: village }).where('id', '=', id).execute();
          await trx.updateTable('persons').set({ village_code: village }).where('household_id', '=', id).execute();
          await writeAudit(trx, SYSTEM_ACTOR, { action: 'household.move', entity: 'household', entityId: id, regionCode: h.village_code });
          await writeAudit(trx, SYSTEM_ACTOR, { action: 'household.move', entity: 'household', entityId: id, regionCode: village });
        });
      }
    }
    const v = await verifyStats(t.app);
    expect(v.differences).toEqual([]);
    const live = await t.app.database.db.selectFrom('persons').select((eb) => eb.fn.countAll<number>().as('n')).where('deleted_at', 'is', null).where('village_code', 'like', '14%').executeTakeFirstOrThrow();
    expect((await regionStats(t.app, SYSTEM_ACTOR, { region: '14' })).values.laborers).toBe(Number(live.n));
  });

  it('answers as of a past date from the daily history and rebuilds to the same figures', async () => {
    const now = await regionStats(t.app, SYSTEM_ACTOR, { region: '14' });
    const past = await regionStats(t.app, SYSTEM_ACTOR, { region: '14', date: '2019-12-31' });
    expect(past.values.laborers).toBe(0);
    expect(past.date).toBe('2019-12-31');
    await rebuildStats(t.app);
    expect((await regionStats(t.app, SYSTEM_ACTOR, { region: '14' })).values).toEqual(now.values);
    expect((await verifyStats(t.app)).ok).toBe(true);
  });

  it('refuses a region outside the account and a malformed date', async () => {
    const officer = { userId: 99, username: 'o', role: 'county_officer' as const, regionCode: '140225', employerId: null };
    await expect(regionStats(t.app, officer, { region: '141127' })).rejects.toMatchObject({ code: 'out_of_scope' });
    await expect(regionStats(t.app, officer, { region: '140225', date: '2020-13-01' })).rejects.toMatchObject({ code: 'validation_failed' });
    expect((await regionStats(t.app, officer, {})).region.code).toBe('140225');
  });
});
