import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/domain/access/actor.ts';
import { createHousehold } from '../../src/app/ledger/households.ts';
import { updatePerson } from '../../src/app/ledger/persons.ts';
import { foldStatsDifferences, verifyStats } from '../../src/app/stats/maintain.ts';
import { inTransaction } from '../../src/app/context.ts';
import { STATS_FAMILIES } from '../../src/store/stats/families.ts';
import { statKey } from '../../src/store/stats/family.ts';
import { statsRepository } from '../../src/store/stats/stats.repository.ts';
import { regionStats } from '../../src/app/stats/stats-queries.ts';
import { nextHouseholdNo, nextId, VILLAGE_A1, VILLAGE_A2, VILLAGE_A3, VILLAGE_B } from '../ledger/ledger-fixture.ts';
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
  const logged = async () => (await t.app.database.db.selectFrom('stats_delta').select(['region_code', 'indicator', 'day', 'value']).orderBy('id').execute()).map((r) => ({ ...r, value: Number(r.value) }));
  const total = async (code: string, indicator: string) => Number((await t.app.database.db.selectFrom('stats_total').select('value').where('region_code', '=', code).where('indicator', '=', indicator).executeTakeFirst())?.value ?? 0);

  it('logs an edit\'s differences for its village only, and every read of the figures sees them', async () => {
    const h = (await createHousehold(t.app, admin, { householdNo: nextHouseholdNo('CW'), villageCode: VILLAGE_A2, category: 'lifted', relocated: false, members: members(1) } as any)) as any;
    await foldStatsDifferences(t.app);
    const [p] = await live(h.id);
    const province0 = await total('14', 'willing_to_train');
    const before = (await regionStats(t.app, admin, { region: '14' })).values;
    await updatePerson(t.app, admin, p.id, { trainingWish: '6-01-02-01', version: p.version } as any);
    // The edit wrote one difference, for its village; the province's stored total has not moved yet.
    expect(await logged()).toEqual([{ region_code: VILLAGE_A2, indicator: 'willing_to_train', day: new Date().toISOString().slice(0, 10), value: 1 }]);
    expect(await total('14', 'willing_to_train')).toBe(province0);
    // A read adds the log in first, at every level.
    expect((await regionStats(t.app, admin, { region: '14' })).values.willing_to_train).toBe((before.willing_to_train ?? 0) + 1);
    expect(await logged()).toEqual([]);
    expect(await total('14', 'willing_to_train')).toBe(province0 + 1);
    expect(await total(VILLAGE_A2, 'willing_to_train')).toBe((await regionStats(t.app, admin, { region: VILLAGE_A2 })).values.willing_to_train);
    expect((await verifyStats(t.app)).differences).toEqual([]);
  });

  it('counts a logged difference once when its village is recounted before the log is folded', async () => {
    const h = (await createHousehold(t.app, admin, { householdNo: nextHouseholdNo('CW'), villageCode: VILLAGE_A3, category: 'lifted', relocated: false, members: members(2) } as any)) as any;
    const [p] = await live(h.id);
    await updatePerson(t.app, admin, p.id, { employmentStatus: 'employed_county', version: p.version } as any);
    expect((await logged()).some((r) => r.region_code === VILLAGE_A3)).toBe(true);
    // A new household is counted by recounting its village, which takes in that village's log.
    await createHousehold(t.app, admin, { householdNo: nextHouseholdNo('CW'), villageCode: VILLAGE_A3, category: 'none', relocated: false, members: members(1) } as any);
    expect((await logged()).some((r) => r.region_code === VILLAGE_A3)).toBe(false);
    expect((await verifyStats(t.app)).differences).toEqual([]);
  });

  it('keeps every figure equal to a recount while edits in many villages run beside folds', async () => {
    const villages = [VILLAGE_A1, VILLAGE_A2, VILLAGE_A3, VILLAGE_B];
    const people: { id: number; version: number }[] = [];
    for (const v of villages) {
      const h = (await createHousehold(t.app, admin, { householdNo: nextHouseholdNo('CW'), villageCode: v, category: 'monitored', monitoredSubtype: 'unstable', relocated: false, members: members(3) } as any)) as any;
      people.push(...(await live(h.id)));
    }
    const statuses = ['employed_county', 'seeking', 'employed_outside', 'not_seeking'];
    for (let round = 0; round < 3; round++) {
      await Promise.all([
        ...people.map(async (p, i) => {
          const r = (await updatePerson(t.app, admin, p.id, { employmentStatus: statuses[(i + round) % statuses.length], verificationStatus: round % 2 ? 'verified' : 'unverified', version: p.version } as any)) as any;
          p.version = r.version;
        }),
        foldStatsDifferences(t.app),
        foldStatsDifferences(t.app),
      ]);
    }
    expect((await verifyStats(t.app)).differences).toEqual([]);
    expect(await logged()).toEqual([]);
  });

  it('adds a difference logged on an earlier day to that day\'s history and to the later days already written', async () => {
    const day = new Date().toISOString().slice(0, 10);
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    await foldStatsDifferences(t.app);
    const county0 = await total('140225', 'laborers');
    // A difference counted just before midnight and not folded yet, then a recount of another region today.
    await inTransaction(t.app, (trx) => statsRepository.applyChanges(trx, [], STATS_FAMILIES, yesterday, new Map([[statKey(VILLAGE_A1, 'laborers'), 5]])));
    await inTransaction(t.app, (trx) => statsRepository.applyChanges(trx, [VILLAGE_A2], STATS_FAMILIES, day));
    await inTransaction(t.app, (trx) => statsRepository.foldDifferences(trx, day));
    const history = async (d: string) => Number((await t.app.database.db.selectFrom('stats_history').select('value').where('region_code', '=', '140225').where('indicator', '=', 'laborers').where('day', '=', d).executeTakeFirst())?.value);
    expect(await total('140225', 'laborers')).toBe(county0 + 5);
    expect(await history(yesterday)).toBe(county0 + 5);
    expect(await history(day)).toBe(county0 + 5);
    // Take the made-up difference back out, so the figures agree with the records again.
    await inTransaction(t.app, (trx) => statsRepository.applyChanges(trx, [], STATS_FAMILIES, day, new Map([[statKey(VILLAGE_A1, 'laborers'), -5]])));
    expect((await verifyStats(t.app)).differences).toEqual([]);
  });
  it.runIf(engine === 'postgres')('lets writers of one village and folds go on beside one another, while a recount waits for the writers to commit', async () => {
    const day = new Date().toISOString().slice(0, 10);
    const lock = (kind: 'exclusive' | 'shared') => sql.raw(kind === 'exclusive' ? 'pg_try_advisory_xact_lock' : 'pg_try_advisory_xact_lock_shared');
    const free = async (kind: 'exclusive' | 'shared') => (await sql<{ got: boolean }>`select ${lock(kind)}(hashtext(${`stats:${VILLAGE_A2}`})) as got`.execute(t.app.database.db)).rows[0].got;
    const log = (trx: Parameters<typeof statsRepository.applyChanges>[0], d: number) => statsRepository.applyChanges(trx, [], STATS_FAMILIES, day, new Map([[statKey(VILLAGE_A2, 'laborers'), d]]));
    await foldStatsDifferences(t.app);
    const county0 = await total('140225', 'laborers');
    // A committed difference waits in the village's log.
    await inTransaction(t.app, (trx) => log(trx, 1));
    expect(await free('exclusive')).toBe(true);
    let whileLogged: { exclusive: boolean; shared: boolean; fold: number | 'waited' } | undefined;
    await inTransaction(t.app, async (trx) => {
      await log(trx, 1);
      // Another writer of the village could log too; a recount could not start.
      const exclusive = await free('exclusive');
      const shared = await free('shared');
      // A fold from another connection does not wait for this writer: it takes the committed difference and leaves this one.
      const fold = await Promise.race([foldStatsDifferences(t.app), new Promise<'waited'>((r) => setTimeout(() => r('waited'), 5000))]);
      whileLogged = { exclusive, shared, fold };
    });
    expect(whileLogged).toEqual({ exclusive: false, shared: true, fold: 1 });
    expect(await total('140225', 'laborers')).toBe(county0 + 1);
    expect(await logged()).toEqual([{ region_code: VILLAGE_A2, indicator: 'laborers', day, value: 1 }]);
    expect(await free('exclusive')).toBe(true);
    await foldStatsDifferences(t.app);
    expect(await total('140225', 'laborers')).toBe(county0 + 2);
    // Take the made-up differences back out, so the figures agree with the records again.
    await inTransaction(t.app, (trx) => log(trx, -2));
    expect((await verifyStats(t.app)).differences).toEqual([]);
  });
});
