import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idNumberHash } from '../../src/app/ledger/person-record.ts';
import { buildServer } from '../../src/http/server.ts';
import type { Server } from '../../src/http/types.ts';
import { fromJson } from '../../src/store/codec.ts';
import { isDuplicateIdNumber, personsRepository } from '../../src/store/repositories/persons.repository.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { ENGINES } from '../support/databases.ts';
import type { Client } from '../support/http.ts';
import { household, ledgerClients, nextId, nextPhone, person, VILLAGE_A1, VILLAGE_A2, VILLAGE_A3, VILLAGE_B } from './ledger-fixture.ts';

const EMPLOYMENT = ['employed_county', 'employed_outside', 'seeking', 'not_seeking', 'public_welfare'];
const VILLAGES = [VILLAGE_A1, VILLAGE_A2, VILLAGE_A3];

describe.each(ENGINES)('ledger search and paging on %s', (engine) => {
  let t: TestApp;
  let server: Server;
  let c: Awaited<ReturnType<typeof ledgerClients>>;
  /** Everyone created in county A, as the API returned them. */
  const people: any[] = [];
  const households: any[] = [];
  let special: { idNumber: string; phone: string; personId: number };

  beforeAll(async () => {
    t = await createTestApp(engine);
    server = await buildServer(t.app);
    c = await ledgerClients(server);
    for (let i = 0; i < 24; i++) {
      const members = [0, 1].map((j) =>
        person({
          relation: j === 0 ? 'head' : 'spouse',
          name: `${i % 3 === 0 ? '王' : '李'}${i}-${j}`,
          idNumber: nextId(`19${70 + (i % 20)}-0${1 + j}-1${i % 9}`),
          employmentStatus: EMPLOYMENT[(i + j) % EMPLOYMENT.length],
          trainingWish: i % 4 === 0 ? '保洁员' : null,
          jobWishTypes: i % 5 === 0 ? ['保安员', '保洁员'] : [],
          preferredScope: i % 2 === 0 ? 'county' : 'anywhere',
          verificationStatus: i % 6 === 0 ? 'verified' : undefined,
        }),
      );
      const r = await c.officer.post('/api/v1/households', household({
        householdNo: `HY${String(i).padStart(3, '0')}`,
        villageCode: VILLAGES[i % 3],
        category: ['lifted', 'monitored', 'none'][i % 3],
        monitoredSubtype: i % 3 === 1 ? 'sudden_hardship' : null,
        relocated: i % 4 === 0,
        members,
      }));
      expect(r.status, JSON.stringify(r.body)).toBe(201);
      households.push(r.body);
      people.push(...r.body.members);
    }
    const idNumber = nextId('1986-10-10').replace(/X$/, 'X');
    const phone = nextPhone();
    const r = await c.officer.post('/api/v1/persons', { householdId: households[0].id, ...person({ name: '欧阳娜娜', idNumber, phone, relation: 'child' }) });
    special = { idNumber, phone, personId: r.body.id };
    people.push(r.body);
    // County B has its own people with similar names; they must never show up for county A.
    await c.otherCounty.post('/api/v1/households', household({ householdNo: 'HY900', villageCode: VILLAGE_B, members: [person({ name: '王0-0' }), person({ name: '李9', relation: 'spouse' })] }));
  });
  afterAll(async () => {
    await server?.close();
    await t?.close();
  });

  it('narrows people to one household by its number', async () => {
    const r = await c.officer.get('/api/v1/persons?householdNo=HY005&limit=50');
    expect(r.status).toBe(200);
    expect(r.body.items.map((p: any) => p.name).sort()).toEqual(['李5-0', '李5-1']);
    expect((await c.officer.get('/api/v1/persons?householdNo=HY900')).body.items).toEqual([]);
  });

  /** Lists come by village, then id within a village: records of one place stay together. */
  const byPlace = <T extends { villageCode: string; id: number }>(xs: T[]): T[] => [...xs].sort((a, b) => (a.villageCode < b.villageCode ? -1 : a.villageCode > b.villageCode ? 1 : a.id - b.id));

  async function all(client: Client, url: string, limit: number, from: string | null = null) {
    const ids: number[] = [];
    let cursor: string | null = from;
    let pages = 0;
    do {
      const sep = url.includes('?') ? '&' : '?';
      const r = await client.get(`${url}${sep}limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`);
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      expect(r.body.items.length).toBeLessThanOrEqual(limit);
      ids.push(...r.body.items.map((x: any) => x.id));
      cursor = r.body.nextCursor;
      pages++;
    } while (cursor && pages < 100);
    return { ids, pages };
  }

  it('pages through everyone in keyset order with no duplicates or gaps', async () => {
    const expected = byPlace(people).map((p) => p.id);
    for (const limit of [1, 7, 49, 200]) {
      const { ids, pages } = await all(c.officer, '/api/v1/persons', limit);
      expect(ids).toEqual(expected);
      expect(pages).toBe(Math.max(1, Math.ceil(expected.length / limit)));
    }
    const hh = await all(c.officer, '/api/v1/households', 5);
    expect(hh.ids).toEqual(byPlace(households).map((h) => h.id));
    // Pages stay consistent when records are added behind and ahead of the cursor.
    const first = await c.officer.get('/api/v1/persons?limit=10');
    const added = await c.officer.post('/api/v1/persons', { householdId: households[1].id, ...person({ name: '新增' }) });
    people.push(added.body);
    const rest = await all(c.officer, '/api/v1/persons', 10, first.body.nextCursor);
    const seen = [...first.body.items.map((x: any) => x.id), ...rest.ids];
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBe(expected.length + 1);
    const bad = await c.officer.get('/api/v1/persons?cursor=not-a-cursor');
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0]).toMatchObject({ field: 'cursor', code: 'cursor_invalid' });
  });

  it('finds a person by exact ID number or phone, however they are written', async () => {
    const { idNumber, phone, personId } = special;
    const spaced = ` ${idNumber.slice(0, 6)} ${idNumber.slice(6, 14)} ${idNumber.slice(14).toLowerCase()} `;
    const fullWidth = idNumber.replace(/\d/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));
    for (const q of [idNumber, spaced, fullWidth]) {
      const r = await c.officer.get(`/api/v1/persons?idNumber=${encodeURIComponent(q)}`);
      expect(r.body.items.map((x: any) => x.id), q).toEqual([personId]);
    }
    for (const q of [phone, `+86 ${phone.slice(0, 3)}-${phone.slice(3, 7)}-${phone.slice(7)}`]) {
      const r = await c.officer.get(`/api/v1/persons?phone=${encodeURIComponent(q)}`);
      expect(r.body.items.map((x: any) => x.id), q).toEqual([personId]);
    }
    const hh = await c.officer.get(`/api/v1/households?phone=${phone}`);
    expect(hh.body.items.map((x: any) => x.id)).toEqual([households[0].id]);
    const invalid = await c.officer.get('/api/v1/persons?idNumber=12345&phone=999');
    expect(invalid.status).toBe(400);
    expect(invalid.body.errors.map((e: any) => `${e.field}:${e.code}`).sort()).toEqual(['idNumber:id_number_format', 'phone:phone_format']);
    expect(invalid.body.errors[0].messageZh).toBeTruthy();
    // The other county does not find the person, even by the exact number.
    expect((await c.otherCounty.get(`/api/v1/persons?idNumber=${idNumber}`)).body.items).toEqual([]);
  });

  it('filters by name prefix, region subtree and household facts', async () => {
    const wang = await c.officer.get('/api/v1/persons?name=王&limit=200');
    expect(wang.body.items.length).toBe(people.filter((p) => p.name.startsWith('王')).length);
    expect(wang.body.items.every((p: any) => p.name.startsWith('王') && p.villageCode.startsWith('140225'))).toBe(true);
    const exact = await c.officer.get(`/api/v1/persons?name=${encodeURIComponent('李1-')}&limit=200`);
    expect(exact.body.items.every((p: any) => p.name.startsWith('李1-'))).toBe(true);
    expect((await c.officer.get(`/api/v1/persons?name=${encodeURIComponent('%')}`)).body.items).toEqual([]);

    const town = await c.officer.get('/api/v1/persons?region=140225101&limit=200');
    expect(new Set(town.body.items.map((p: any) => p.villageCode))).toEqual(new Set([VILLAGE_A1, VILLAGE_A2]));
    const village = await c.officer.get(`/api/v1/households?region=${VILLAGE_A3}&limit=200`);
    expect(village.body.items.map((h: any) => h.id)).toEqual(households.filter((h) => h.villageCode === VILLAGE_A3).map((h) => h.id));
    const province = await c.officer.get('/api/v1/persons?region=14&limit=200');
    expect(province.body.items.every((p: any) => p.villageCode.startsWith('140225'))).toBe(true);
    expect((await c.officer.get('/api/v1/persons?region=141127')).status).toBe(403);

    const monitored = await c.officer.get('/api/v1/persons?category=监测户&limit=200');
    expect(monitored.body.items.length).toBe(people.filter((p) => p.category === 'monitored').length);
    expect(monitored.body.items.every((p: any) => p.category === 'monitored' && p.monitoredSubtype === 'sudden_hardship')).toBe(true);
    const relocatedH = await c.officer.get('/api/v1/households?relocated=true&limit=200');
    expect(relocatedH.body.items.map((h: any) => h.householdNo)).toEqual(byPlace(households.filter((h) => h.relocated)).map((h) => h.householdNo));
    const relocatedP = await c.officer.get('/api/v1/persons?relocated=1&limit=200');
    expect(relocatedP.body.items.every((p: any) => p.relocated)).toBe(true);
    const zero = await c.officer.get('/api/v1/households?zeroEmployment=true&limit=200');
    expect(zero.body.items.map((h: any) => h.id)).toEqual(byPlace(households.filter((h) => h.zeroEmployment)).map((h) => h.id));
    expect(zero.body.items.length).toBeGreaterThan(0);
    const byNo = await c.officer.get('/api/v1/households?householdNo=HY01&limit=200');
    expect(byNo.body.items.map((h: any) => h.householdNo)).toEqual(byPlace(households.filter((h) => h.householdNo.startsWith('HY01'))).map((h) => h.householdNo));
    expect(byNo.body.items.map((h: any) => h.householdNo).sort()).toEqual(['HY010', 'HY011', 'HY012', 'HY013', 'HY014', 'HY015', 'HY016', 'HY017', 'HY018', 'HY019']);
  });

  it('filters by employment, wishes and verification, also households by their members', async () => {
    const seeking = await c.officer.get('/api/v1/persons?employmentStatus=seeking&limit=200');
    expect(seeking.body.items.map((p: any) => p.id)).toEqual(byPlace(people.filter((p) => p.employmentStatus === 'seeking')).map((p) => p.id));
    const zh = await c.officer.get(`/api/v1/persons?employmentStatus=${encodeURIComponent('省外务工')}&limit=200`);
    expect(zh.body.items.length).toBeGreaterThan(0);
    expect(zh.body.items.every((p: any) => p.employmentStatus === 'employed_outside')).toBe(true);
    const train = await c.officer.get(`/api/v1/persons?trainingWish=${encodeURIComponent('保洁员')}&limit=200`);
    expect(train.body.items.length).toBe(people.filter((p) => p.trainingWish === '4-09-08-01').length);
    const wish = await c.officer.get('/api/v1/persons?jobWishType=4-07-05-01&limit=200');
    expect(wish.body.items.length).toBe(people.filter((p) => p.jobWishTypes.includes('4-07-05-01')).length);
    expect(wish.body.items.length).toBeGreaterThan(0);
    const scope = await c.officer.get('/api/v1/persons?preferredScope=county&employmentStatus=seeking&limit=200');
    expect(scope.body.items.every((p: any) => p.preferredScope === 'county' && p.employmentStatus === 'seeking')).toBe(true);
    const verified = await c.officer.get('/api/v1/persons?verificationStatus=verified&limit=200');
    expect(verified.body.items.length).toBe(people.filter((p) => p.verificationStatus === 'verified').length);
    expect(verified.body.items.every((p: any) => p.verifiedAt && p.verifiedBy)).toBe(true);
    const hh = await c.officer.get(`/api/v1/households?name=${encodeURIComponent('王3-')}&limit=200`);
    expect(hh.body.items.map((h: any) => h.householdNo)).toEqual(['HY003']);
    const hhWish = await c.officer.get('/api/v1/households?jobWishType=4-07-05-01&category=lifted&limit=200');
    expect(hhWish.body.items.map((h: any) => h.householdNo)).toEqual(byPlace(households.filter((h, i) => i % 5 === 0 && h.category === 'lifted')).map((h) => h.householdNo));
    const bad = await c.officer.get('/api/v1/persons?employmentStatus=astronaut&jobWishType=宇航员');
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: any) => e.field).sort()).toEqual(['employmentStatus', 'jobWishType']);
  });

  it('relies on the unique index when two writers race past the duplicate check', async () => {
    const [p] = people;
    const row = (await personsRepository.byId(t.app.database.db, p.id))!;
    const { id: _id, household_no: _n, household_category: _c, household_subtype: _s, household_relocated: _r, household_village_code: _hv, household_address: _ha, household_income_per_capita_yuan: _hi, version: _v, created_at: _ca, updated_at: _u, deleted_at: _d, ...copy } = row;
    expect(copy.id_hash).toBe(idNumberHash(t.app.secrets, (await c.officer.post(`/api/v1/persons/${p.id}/reveal`)).body.idNumber));
    const err = await personsRepository.insert(t.app.database.db, { ...copy, skills: fromJson(copy.skills), job_wish_types: fromJson(copy.job_wish_types) }).then(() => null, (e) => e);
    expect(err).toBeTruthy();
    expect(isDuplicateIdNumber(err)).toBe(true);
  });
});
