import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/domain/access/actor.ts';
import { createHousehold } from '../../src/app/ledger/households.ts';
import { updatePerson } from '../../src/app/ledger/persons.ts';
import { verifyStats } from '../../src/app/stats/maintain.ts';
import { regionStats } from '../../src/app/stats/stats-queries.ts';
import { nextHouseholdNo, nextId, VILLAGE_A1, VILLAGE_B } from '../ledger/ledger-fixture.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { ENGINES } from '../support/databases.ts';

/**
 * Person edits keep the figures by difference instead of recounting the village. Concurrent edits
 * of members of one household must still leave every figure equal to a recount: a household
 * counts as verified only once all its members are, which no single edit sees on its own.
 */
describe.each(ENGINES)('figures kept by difference on person edits on %s', (engine) => {
  let t: TestApp;
  let admin: Actor;
  beforeAll(async () => {
    t = await createTestApp(engine);
    const u = await t.app.database.db.selectFrom('users').select(['id', 'username']).where('username', '=', 'admin').executeTakeFirstOrThrow();
    admin = { userId: Number(u.id), username: u.username, role: 'admin', regionCode: '', employerId: null };
  });
  afterAll(async () => t?.close());

  const members = (n: number) => Array.from({ length: n }, (_, i) => ({ relation: i === 0 ? 'head' : 'child', name: `差额${i}`, idNumber: nextId(), laborCapacity: 'full', employmentStatus: 'seeking' }));
  const live = async (householdId: number) => (await t.app.database.db.selectFrom('persons').select(['id', 'version']).where('household_id', '=', householdId).where('deleted_at', 'is', null).orderBy('id').execute()).map((p) => ({ id: Number(p.id), version: Number(p.version) }));

  it('counts a household verified when its members are verified by concurrent edits', async () => {
    const h = (await createHousehold(t.app, admin, { householdNo: nextHouseholdNo('CW'), villageCode: VILLAGE_A1, category: 'lifted', relocated: false, members: members(4) } as any)) as any;
    const before = (await regionStats(t.app, admin, { region: VILLAGE_A1 })).values;
    const ps = await live(h.id);
    await Promise.all(ps.map((p) => updatePerson(t.app, admin, p.id, { verificationStatus: 'verified', employmentStatus: 'employed_county', version: p.version } as any)));
    const after = (await regionStats(t.app, admin, { region: VILLAGE_A1 })).values;
    expect(after.households_verified - (before.households_verified ?? 0)).toBe(1);
    expect(after.persons_verified - (before.persons_verified ?? 0)).toBe(4);
    expect(after.at_work_county - (before.at_work_county ?? 0)).toBe(4);
    expect(after.willing_to_work - before.willing_to_work).toBe(-4);
    expect(after.households_zero_employment ?? 0).toBe(0);
    expect((await verifyStats(t.app)).differences).toEqual([]);
    // And back: each edit alone sees the household still verified before it.
    await Promise.all((await live(h.id)).map((p) => updatePerson(t.app, admin, p.id, { verificationStatus: 'unverified', version: p.version } as any)));
    expect((await regionStats(t.app, admin, { region: VILLAGE_A1 })).values.households_verified ?? 0).toBe(before.households_verified ?? 0);
    expect((await verifyStats(t.app)).differences).toEqual([]);
  });

  it('moves a person\'s figures to the other county when they join a household there', async () => {
    const a = (await createHousehold(t.app, admin, { householdNo: nextHouseholdNo('CW'), villageCode: VILLAGE_A1, category: 'monitored', monitoredSubtype: 'marginal', relocated: true, members: members(2) } as any)) as any;
    const b = (await createHousehold(t.app, admin, { householdNo: nextHouseholdNo('CW'), villageCode: VILLAGE_B, category: 'none', relocated: false, members: members(1) } as any)) as any;
    const county = async (code: string) => (await regionStats(t.app, admin, { region: code })).values;
    const [hy0, lan0] = [await county('140225'), await county('141127')];
    const [mover] = (await live(a.id)).slice(1);
    await updatePerson(t.app, admin, mover.id, { householdId: b.id, version: mover.version } as any);
    const [hy1, lan1] = [await county('140225'), await county('141127')];
    expect(hy1.laborers - hy0.laborers).toBe(-1);
    expect(hy1.laborers_monitored - hy0.laborers_monitored).toBe(-1);
    expect(hy1.laborers_relocated - hy0.laborers_relocated).toBe(-1);
    expect(lan1.laborers - lan0.laborers).toBe(1);
    expect(lan1.laborers_none - (lan0.laborers_none ?? 0)).toBe(1);
    expect((await verifyStats(t.app)).differences).toEqual([]);
  });

  it('leaves the figures alone when an edit is refused', async () => {
    const h = (await createHousehold(t.app, admin, { householdNo: nextHouseholdNo('CW'), villageCode: VILLAGE_A1, category: 'lifted', relocated: false, members: members(1) } as any)) as any;
    const [p] = await live(h.id);
    const before = (await regionStats(t.app, admin, { region: '14' })).values;
    await expect(updatePerson(t.app, admin, p.id, { employmentStatus: 'employed_outside', version: p.version + 5 } as any)).rejects.toMatchObject({ code: 'version_conflict' });
    expect((await regionStats(t.app, admin, { region: '14' })).values).toEqual(before);
    expect((await verifyStats(t.app)).differences).toEqual([]);
  });

  it('rewrites only the columns an edit changes, and counts only edits a figure reads', async () => {
    const h = (await createHousehold(t.app, admin, { householdNo: nextHouseholdNo('CW'), villageCode: VILLAGE_A1, category: 'lifted', relocated: false, members: members(2) } as any)) as any;
    const [p] = await live(h.id);
    const stored = () => t.app.database.db.selectFrom('persons').select(['id_enc', 'phone_enc', 'min_monthly_pay_yuan', 'version']).where('id', '=', p.id).executeTakeFirstOrThrow();
    const s0 = await stored();
    const before = (await regionStats(t.app, admin, { region: VILLAGE_A1 })).values;
    // No figure reads the pay wish or the phone: the ID number keeps its sealed form, the phone gets one.
    const e1 = (await updatePerson(t.app, admin, p.id, { minMonthlyPay: 3200, phone: '13800138000', version: p.version } as any)) as any;
    const s1 = await stored();
    expect(Buffer.from(s1.id_enc as unknown as Uint8Array).equals(Buffer.from(s0.id_enc as unknown as Uint8Array))).toBe(true);
    expect(s1.phone_enc).not.toBeNull();
    expect(Number(s1.min_monthly_pay_yuan)).toBe(3200);
    expect(e1.version).toBe(p.version + 1);
    expect((await regionStats(t.app, admin, { region: VILLAGE_A1 })).values).toEqual(before);
    // A training wish is a figure; the same phone again keeps its sealed form too.
    const e2 = (await updatePerson(t.app, admin, p.id, { trainingWish: '6-01-02-01', phone: '13800138000', version: e1.version } as any)) as any;
    expect(Buffer.from((await stored()).phone_enc as unknown as Uint8Array).equals(Buffer.from(s1.phone_enc as unknown as Uint8Array))).toBe(true);
    expect(e2.phone).toBe(e1.phone);
    const after = (await regionStats(t.app, admin, { region: VILLAGE_A1 })).values;
    expect(after.willing_to_train - (before.willing_to_train ?? 0)).toBe(1);
    // An edit that changes nothing still moves the version on.
    const e3 = (await updatePerson(t.app, admin, p.id, { trainingWish: '6-01-02-01', version: e2.version } as any)) as any;
    expect(e3.version).toBe(e2.version + 1);
    expect((await verifyStats(t.app)).differences).toEqual([]);
  });
});
