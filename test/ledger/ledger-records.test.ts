import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { householdDataOf, personDataOf, rowHashOf } from '../../src/app/ledger/ledger-common.ts';
import { maskIdNumber } from '../../src/domain/ledger/id-number.ts';
import { buildServer } from '../../src/http/server.ts';
import type { Server } from '../../src/http/types.ts';
import { householdsRepository } from '../../src/store/repositories/households.repository.ts';
import { personsRepository } from '../../src/store/repositories/persons.repository.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { ENGINES } from '../support/databases.ts';
import type { Client } from '../support/http.ts';
import { household, ledgerClients, nextId, nextPhone, person, VILLAGE_A1, VILLAGE_A2, VILLAGE_B } from './ledger-fixture.ts';

describe.each(ENGINES)('ledger records on %s', (engine) => {
  let t: TestApp;
  let server: Server;
  let c: Awaited<ReturnType<typeof ledgerClients>>;
  beforeAll(async () => {
    t = await createTestApp(engine);
    server = await buildServer(t.app);
    c = await ledgerClients(server);
  });
  afterAll(async () => {
    await server?.close();
    await t?.close();
  });

  async function count(table: 'households' | 'persons' | 'audit_log') {
    const r = await t.app.database.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return Number(r.n);
  }

  async function newHousehold(client: Client = c.officer, extra: Record<string, unknown> = {}) {
    const r = await client.post('/api/v1/households', household(extra));
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    return r.body;
  }

  it('creates a household with its members in one transaction, members masked and sharing its village and category', async () => {
    const head = nextId('1980-03-02');
    const phone = nextPhone();
    const r = await c.officer.post('/api/v1/households', household({
      category: '监测户', monitoredSubtype: 'marginal', address: '西坊城村3号', incomePerCapita: '6,500',
      members: [person({ idNumber: head, phone, skills: '砌筑工(初级):SX2020-01', jobWishTypes: ['保洁员'] }), person({ relation: '配偶', name: '李秀英', idNumber: nextId('1982-07-09'), phone: '' })],
    }));
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.headers.etag).toBe('"1"');
    expect(r.body).toMatchObject({ category: 'monitored', monitoredSubtype: 'marginal', incomePerCapita: 6500, memberCount: 2, workingAgeCount: 2, employedCount: 0, zeroEmployment: true, version: 1 });
    expect(r.body.villageName).toBeTruthy();
    expect(r.body.members).toHaveLength(2);
    const [m0, m1] = r.body.members;
    expect(m0).toMatchObject({ villageCode: VILLAGE_A1, category: 'monitored', relation: 'head', gender: 'male', birthDate: '1980-03-02', idNumber: maskIdNumber(head), phone: `${phone.slice(0, 3)}****${phone.slice(7)}` });
    expect(m0.skills).toEqual([{ occupation: '6-29-01-01', level: '初级', certificate: 'SX2020-01' }]);
    expect(m1).toMatchObject({ relation: 'spouse', phone: null });
    expect(JSON.stringify(r.body)).not.toContain(head);
    expect(JSON.stringify(r.body)).not.toContain(phone);
    expect(r.body.categoryHistory).toHaveLength(1);
    expect(r.body.categoryHistory[0]).toMatchObject({ category: 'monitored', monitoredSubtype: 'marginal' });

    const got = await c.viewer.get(`/api/v1/households/${r.body.id}`);
    expect(got.status).toBe(200);
    expect(got.body.members.map((m: any) => m.id)).toEqual([m0.id, m1.id]);
    const p = await c.viewer.get(`/api/v1/persons/${m0.id}`);
    expect(p.status).toBe(200);
    expect(p.headers.etag).toBe('"1"');
    expect(p.body.idNumber).toBe(maskIdNumber(head));
    expect(JSON.stringify(p.body)).not.toMatch(/id_enc|id_hash|v1\./);
  });

  it('validates every field, in both languages, and writes nothing on failure', async () => {
    const before = [await count('households'), await count('persons'), await count('audit_log')];
    const r = await c.officer.post('/api/v1/households', household({
      householdNo: 'bad no!', category: 'rich', relocated: 'maybe',
      members: [person(), person({ name: '', idNumber: '140225198506150372', phone: '123', employmentStatus: 'astronaut' })],
    }));
    expect(r.status).toBe(400);
    expect(r.body.code).toBe('validation_failed');
    const fields = r.body.errors.map((e: any) => `${e.field}:${e.code}`);
    expect(fields).toEqual(expect.arrayContaining([
      'householdNo:household_no_format', 'category:value_unknown', 'relocated:yes_no',
      'members.1.name:required', 'members.1.idNumber:id_number_checksum', 'members.1.phone:phone_format', 'members.1.employmentStatus:value_unknown',
    ]));
    expect(r.body.errors.every((e: any) => e.message && e.messageZh)).toBe(true);
    // A valid household with one invalid member is not half-written either.
    const half = await c.officer.post('/api/v1/households', household({ members: [person(), person({ idNumber: '123' })] }));
    expect(half.status).toBe(400);
    const unknownVillage = await c.officer.post('/api/v1/households', household({ villageCode: '140225999999' }));
    expect(unknownVillage.body.errors[0]).toMatchObject({ field: 'villageCode', code: 'region_unknown' });
    const badPerson = await c.officer.post('/api/v1/persons', { householdId: 999999, ...person() });
    expect(badPerson.status).toBe(400);
    expect(badPerson.body.errors[0]).toMatchObject({ field: 'householdId', code: 'household_unknown' });
    expect([await count('households'), await count('persons'), await count('audit_log')]).toEqual(before);
  });

  it('keeps one live person per ID number, naming the field, also under two concurrent creates', async () => {
    const h = await newHousehold();
    const id = nextId('1990-01-01');
    const first = await c.officer.post('/api/v1/persons', { householdId: h.id, ...person({ idNumber: id }) });
    expect(first.status).toBe(201);
    // The same number written another way (lower-case x, spaces, 15 digits) is the same person.
    const again = await c.officer.post('/api/v1/persons', { householdId: h.id, ...person({ idNumber: ` ${id.slice(0, 6)} ${id.slice(6)} ` }) });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('id_number_duplicate');
    expect(again.body.errors[0]).toMatchObject({ field: 'idNumber', code: 'id_number_duplicate' });
    expect(again.body.errors[0].messageZh).toBeTruthy();
    const inMembers = await c.officer.post('/api/v1/households', household({ members: [person({ idNumber: id })] }));
    expect(inMembers.status).toBe(409);
    expect(inMembers.body.errors[0].field).toBe('members.0.idNumber');
    const twice = nextId('1991-01-01');
    const sameBatch = await c.officer.post('/api/v1/households', household({ members: [person({ idNumber: twice }), person({ idNumber: twice })] }));
    expect(sameBatch.body.errors[0]).toMatchObject({ field: 'members.1.idNumber', code: 'id_number_duplicate' });

    for (let round = 0; round < 3; round++) {
      const contested = nextId('1992-02-02');
      const results = await Promise.all([0, 1].map(() => c.officer.post('/api/v1/persons', { householdId: h.id, ...person({ idNumber: contested }) })));
      expect(results.map((x) => x.status).sort()).toEqual([201, 409]);
      expect(results.find((x) => x.status === 409)!.body.code).toBe('id_number_duplicate');
    }
    // Household numbers are unique too.
    const dupNo = await c.officer.post('/api/v1/households', household({ householdNo: h.householdNo }));
    expect(dupNo.status).toBe(409);
    expect(dupNo.body.errors[0]).toMatchObject({ field: 'householdNo', code: 'household_no_duplicate' });
  });

  it('updates with optimistic concurrency: a stale version gets 412 with the current one, never a lost update', async () => {
    const h = await newHousehold();
    const p = (await c.officer.post('/api/v1/persons', { householdId: h.id, ...person({ employerName: null }) })).body;
    const noVersion = await c.officer.patch(`/api/v1/persons/${p.id}`, { name: '王五' });
    expect(noVersion.status).toBe(400);
    expect(noVersion.body.errors[0]).toMatchObject({ field: 'version', code: 'version_required' });
    const ok = await c.officer.patch(`/api/v1/persons/${p.id}`, { version: 1, employmentStatus: 'employed_county', employerName: '浑源县建筑公司', monthlyIncome: 3500 });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body).toMatchObject({ version: 2, employmentStatus: 'employed_county', employerName: '浑源县建筑公司', monthlyIncome: 3500, name: p.name, idNumber: p.idNumber });
    const stale = await c.officer.put(`/api/v1/persons/${p.id}`, { version: 1, name: '王五' });
    expect(stale.status).toBe(412);
    expect(stale.body).toMatchObject({ code: 'version_conflict', currentVersion: 2 });
    const viaHeader = await c.officer.patch(`/api/v1/persons/${p.id}`, { name: '王五' }, { 'if-match': '"2"' });
    expect(viaHeader.status).toBe(200);
    expect(viaHeader.body.version).toBe(3);
    const staleHeader = await c.officer.patch(`/api/v1/persons/${p.id}`, { name: '赵六' }, { 'if-match': '"2"' });
    expect(staleHeader.status).toBe(412);

    // Two writers who both read version 3: exactly one wins and the other learns it.
    const both = await Promise.all([
      c.officer.patch(`/api/v1/persons/${p.id}`, { version: 3, monthlyIncome: 4000 }),
      c.officer.patch(`/api/v1/persons/${p.id}`, { version: 3, monthlyIncome: 5000 }),
    ]);
    expect(both.map((b) => b.status).sort()).toEqual([200, 412]);
    const winner = both.find((b) => b.status === 200)!;
    const now = await c.officer.get(`/api/v1/persons/${p.id}`);
    expect(now.body.monthlyIncome).toBe(winner.body.monthlyIncome);
    expect(now.body.version).toBe(4);

    const hs = await Promise.all([
      c.officer.patch(`/api/v1/households/${h.id}`, { version: h.version, address: 'A' }),
      c.officer.patch(`/api/v1/households/${h.id}`, { version: h.version, address: 'B' }),
    ]);
    expect(hs.map((b) => b.status).sort()).toEqual([200, 412]);
    const badUpdate = await c.officer.patch(`/api/v1/persons/${p.id}`, { version: 4, phone: '12345', idNumber: 'nope' });
    expect(badUpdate.status).toBe(400);
    expect(badUpdate.body.errors.map((e: any) => e.field).sort()).toEqual(['idNumber', 'phone']);
    expect((await c.officer.get(`/api/v1/persons/${p.id}`)).body.version).toBe(4);
  });

  it('keeps an edited person’s row fingerprint equal to one worked out from a fresh read of the household, kept or moved to', async () => {
    const stored = async (id: number) => (await personsRepository.byId(t.app.database.db, id))!;
    const expected = async (id: number) => {
      const row = await stored(id);
      const h = (await householdsRepository.byId(t.app.database.db, row.household_id))!;
      return rowHashOf(personDataOf(t.app.secrets, row), householdDataOf(h));
    };
    const h = await newHousehold(c.officer, { address: '东坊城村12号', incomePerCapita: '7,200' });
    const other = await newHousehold(c.officer, { address: '西坊城村3号', incomePerCapita: '5,100', category: '一般户' });
    const p = (await c.officer.post('/api/v1/persons', { householdId: h.id, ...person() })).body;
    const kept = await c.officer.patch(`/api/v1/persons/${p.id}`, { version: p.version, minMonthlyPay: 3100 });
    expect(kept.status, JSON.stringify(kept.body)).toBe(200);
    expect((await stored(p.id)).row_hash).toBe(await expected(p.id));
    const moved = await c.officer.patch(`/api/v1/persons/${p.id}`, { version: kept.body.version, householdId: other.id, minMonthlyPay: 3200 });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    expect(moved.body).toMatchObject({ householdNo: other.householdNo, category: 'none' });
    expect((await stored(p.id)).row_hash).toBe(await expected(p.id));
    // The household's own data changes under the person: the next edit of the person takes it in.
    const hh = await c.officer.patch(`/api/v1/households/${other.id}`, { version: other.version, address: '西坊城村4号', incomePerCapita: '5,300' });
    expect(hh.status, JSON.stringify(hh.body)).toBe(200);
    const again = await c.officer.patch(`/api/v1/persons/${p.id}`, { version: moved.body.version, minMonthlyPay: 3300 });
    expect(again.status, JSON.stringify(again.body)).toBe(200);
    expect((await stored(p.id)).row_hash).toBe(await expected(p.id));
  });

  it('carries a new village and category over to the members, with a dated category history', async () => {
    const h = (await c.officer.post('/api/v1/households', household({ category: 'lifted', members: [person(), person({ relation: 'child', idNumber: nextId('2000-05-05') })] }))).body;
    const moved = await c.officer.patch(`/api/v1/households/${h.id}`, { version: 1, villageCode: VILLAGE_A2, category: 'monitored', monitoredSubtype: 'unstable' });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    expect(moved.body.members.every((m: any) => m.villageCode === VILLAGE_A2 && m.category === 'monitored' && m.monitoredSubtype === 'unstable')).toBe(true);
    expect(moved.body.categoryHistory.map((e: any) => [e.category, e.monitoredSubtype])).toEqual([['lifted', null], ['monitored', 'unstable']]);
    expect(moved.body.categoryHistory[1].effectiveDate).toBe(new Date().toISOString().slice(0, 10));
    // A change recorded late carries the date it took effect, and the history is in that order.
    const back = await c.officer.put(`/api/v1/households/${h.id}`, { version: 2, category: 'none', categoryEffectiveDate: '2020-06-30' });
    expect(back.body).toMatchObject({ category: 'none', monitoredSubtype: null });
    expect(back.body.categoryHistory.map((e: any) => [e.category, e.effectiveDate.slice(0, 4)])[0]).toEqual(['none', '2020']);
    expect(back.body.categoryHistory).toHaveLength(3);
    const listed = await c.officer.get(`/api/v1/persons?householdId=${h.id}`);
    expect(listed.body.items.every((m: any) => m.villageCode === VILLAGE_A2 && m.category === 'none')).toBe(true);
    // A household outside the officer's county is out of reach, as is a village there.
    const away = await c.officer.patch(`/api/v1/households/${h.id}`, { version: 3, villageCode: VILLAGE_B });
    expect(away.status).toBe(400);
    expect(away.body.errors[0]).toMatchObject({ field: 'villageCode', code: 'out_of_scope' });
    const future = await c.officer.patch(`/api/v1/households/${h.id}`, { version: 3, category: 'lifted', categoryEffectiveDate: '2999-01-01' });
    expect(future.body.errors[0]).toMatchObject({ field: 'categoryEffectiveDate', code: 'date_future' });
  });

  it('keeps the derived household facts (zero-employment) in step with the members', async () => {
    const h = (await c.officer.post('/api/v1/households', household({ members: [person(), person({ relation: 'parent', idNumber: nextId('1940-01-01'), laborCapacity: 'none', employmentStatus: 'not_seeking' })] }))).body;
    expect(h).toMatchObject({ memberCount: 2, workingAgeCount: 1, employedCount: 0, zeroEmployment: true });
    const zero = await c.officer.get('/api/v1/households?zeroEmployment=true&limit=200');
    expect(zero.body.items.map((x: any) => x.id)).toContain(h.id);
    const worker = h.members.find((m: any) => m.relation === 'head');
    await c.officer.patch(`/api/v1/persons/${worker.id}`, { version: worker.version, employmentStatus: 'employed_outside' });
    const after = (await c.officer.get(`/api/v1/households/${h.id}`)).body;
    expect(after).toMatchObject({ employedCount: 1, zeroEmployment: false });
    const none = await c.officer.get('/api/v1/households?zeroEmployment=true&limit=200');
    expect(none.body.items.map((x: any) => x.id)).not.toContain(h.id);
    const young = await c.officer.post('/api/v1/persons', { householdId: h.id, ...person({ relation: 'child', idNumber: nextId('2001-01-01') }) });
    expect((await c.officer.get(`/api/v1/households/${h.id}`)).body).toMatchObject({ memberCount: 3, workingAgeCount: 2 });
    await c.officer.delete(`/api/v1/persons/${young.body.id}`);
    expect((await c.officer.get(`/api/v1/households/${h.id}`)).body).toMatchObject({ memberCount: 2, workingAgeCount: 1 });
  });

  it('soft-deletes: the record disappears from every read, and frees nothing else', async () => {
    const idNumber = nextId('1975-05-05');
    const h = (await c.officer.post('/api/v1/households', household({ members: [person({ idNumber }), person({ relation: 'spouse', idNumber: nextId('1976-06-06') })] }))).body;
    const [gone, stays] = h.members;
    const notEmpty = await c.officer.delete(`/api/v1/households/${h.id}`);
    expect(notEmpty.status).toBe(409);
    expect(notEmpty.body.code).toBe('household_not_empty');
    expect((await c.officer.delete(`/api/v1/persons/${gone.id}`, { 'if-match': '"7"' })).status).toBe(412);
    const del = await c.officer.delete(`/api/v1/persons/${gone.id}`);
    expect(del.status).toBe(200);
    expect((await c.officer.get(`/api/v1/persons/${gone.id}`)).status).toBe(404);
    expect((await c.officer.patch(`/api/v1/persons/${gone.id}`, { version: 2, name: 'x' })).status).toBe(404);
    expect((await c.officer.delete(`/api/v1/persons/${gone.id}`)).status).toBe(404);
    expect((await c.officer.post(`/api/v1/persons/${gone.id}/reveal`)).status).toBe(404);
    expect((await c.officer.get(`/api/v1/persons?idNumber=${idNumber}`)).body.items).toEqual([]);
    const hh = (await c.officer.get(`/api/v1/households/${h.id}`)).body;
    expect(hh.members.map((m: any) => m.id)).toEqual([stays.id]);
    expect(hh.memberCount).toBe(1);
    expect((await c.officer.get(`/api/v1/persons/${stays.id}`)).status).toBe(200);
    // The removed record stays in the database for the audit trail.
    expect(await t.app.database.db.selectFrom('persons').select('deleted_at').where('id', '=', gone.id).executeTakeFirst()).toMatchObject({ deleted_at: expect.any(String) });
    // Its ID number may be entered again as a new record (one live person per number).
    expect((await c.officer.post('/api/v1/persons', { householdId: h.id, ...person({ idNumber }) })).status).toBe(201);

    const empty = await newHousehold();
    expect((await c.officer.delete(`/api/v1/households/${empty.id}`)).status).toBe(200);
    expect((await c.officer.get(`/api/v1/households/${empty.id}`)).status).toBe(404);
    expect((await c.officer.post('/api/v1/persons', { householdId: empty.id, ...person() })).status).toBe(400);
    const reuse = await c.officer.post('/api/v1/households', household({ householdNo: empty.householdNo }));
    expect(reuse.status).toBe(409);
  });

  it('never shows a full ID number or phone in lists, reads or the audit trail; reveal is a separate audited request', async () => {
    const idNumber = nextId('1988-08-08');
    const phone = nextPhone();
    const h = (await c.officer.post('/api/v1/households', household({ members: [person({ idNumber, phone })] }))).body;
    const p = h.members[0];
    await c.officer.patch(`/api/v1/persons/${p.id}`, { version: 1, phone: nextPhone() });
    const seen = [
      await c.officer.get(`/api/v1/persons?idNumber=${idNumber}`),
      await c.officer.get(`/api/v1/persons/${p.id}`),
      await c.officer.get(`/api/v1/households/${h.id}`),
      await c.officer.get(`/api/v1/households?idNumber=${idNumber}`),
      await c.admin.get('/api/v1/audit?entity=person&limit=500'),
    ];
    for (const r of seen) {
      expect(r.status).toBe(200);
      expect(JSON.stringify(r.body)).not.toContain(idNumber);
      expect(JSON.stringify(r.body)).not.toContain(phone);
    }
    expect(seen[0].body.items.map((x: any) => x.id)).toEqual([p.id]);
    expect(seen[3].body.items.map((x: any) => x.id)).toEqual([h.id]);

    // Only staff in scope may reveal; viewers, verifiers and other counties may not.
    expect((await c.viewer.post(`/api/v1/persons/${p.id}/reveal`)).status).toBe(403);
    expect((await c.verifier.post(`/api/v1/persons/${p.id}/reveal`)).status).toBe(403);
    expect((await c.otherCounty.post(`/api/v1/persons/${p.id}/reveal`)).status).toBe(404);
    const shown = await c.officer.post(`/api/v1/persons/${p.id}/reveal`);
    expect(shown.status).toBe(200);
    expect(shown.headers['cache-control']).toBe('no-store');
    expect(shown.body.idNumber).toBe(idNumber);
    expect(shown.body.phone).toMatch(/^1\d{10}$/);
    const trail = await c.admin.get(`/api/v1/audit?entity=person&entityId=${p.id}`);
    const reveal = trail.body.items.find((i: any) => i.action === 'person.reveal');
    expect(reveal).toMatchObject({ actorName: 'hy-ledger', regionCode: VILLAGE_A1 });
    expect(reveal.changes.revealed.after).toEqual(['idNumber', 'phone']);
    expect(JSON.stringify(trail.body)).not.toContain(idNumber);
    expect(JSON.stringify(trail.body)).not.toContain(shown.body.phone);
    const update = trail.body.items.find((i: any) => i.action === 'person.update');
    expect(update.changes.phone.before).toMatch(/^\d{3}\*{4}\d{4}$/);
    expect(update.changes.phoneChanged.after).toBe(true);
  });

  it('audits a person edit with exactly what a read before and after it shows changed, and a stale edit with nothing', async () => {
    const from = await newHousehold();
    const to = await newHousehold(c.officer, { category: '监测户', monitoredSubtype: 'marginal' });
    const p = (await c.officer.post('/api/v1/persons', { householdId: from.id, ...person({ skills: '砌筑工(初级):SX2020-01' }) })).body;
    const before = (await c.officer.get(`/api/v1/persons/${p.id}`)).body;
    const edit = await c.officer.patch(`/api/v1/persons/${p.id}`, {
      version: before.version, householdId: to.id, employmentStatus: 'employed_county', employerName: '浑源县建筑公司', monthlyIncome: 3600,
      skills: '焊工(中级):SX2021-07;砌筑工(初级):SX2020-01', jobWishTypes: ['保洁员', '保安员'], minMonthlyPay: 3200, verificationStatus: 'verified',
    });
    expect(edit.status, JSON.stringify(edit.body)).toBe(200);
    const after = (await c.officer.get(`/api/v1/persons/${p.id}`)).body;
    const trail = await c.admin.get(`/api/v1/audit?entity=person&entityId=${p.id}`);
    const entry = trail.body.items.find((i: any) => i.action === 'person.update');
    const expected: Record<string, unknown> = {};
    for (const k of Object.keys(after)) {
      if (k === 'version' || k === 'updatedAt' || JSON.stringify(before[k]) === JSON.stringify(after[k])) continue;
      expected[k] = { before: before[k], after: after[k] };
    }
    expect(Object.keys(expected)).toEqual(expect.arrayContaining(['householdId', 'householdNo', 'category', 'employmentStatus', 'skills', 'verificationStatus', 'verifiedAt']));
    expect(entry.changes).toEqual(expected);
    expect(entry.regionCode).toBe(after.villageCode);

    const entries = await count('audit_log');
    const stale = await c.officer.patch(`/api/v1/persons/${p.id}`, { version: before.version, minMonthlyPay: 9999 });
    expect(stale.status).toBe(412);
    expect(await count('audit_log')).toBe(entries);
    expect((await c.officer.get(`/api/v1/persons/${p.id}`)).body.minMonthlyPay).toBe(3200);
  });

  it('audits every write with who, what and the masked fields before and after', async () => {
    const h = (await c.officer.post('/api/v1/households', household({ members: [person()] }))).body;
    await c.officer.patch(`/api/v1/households/${h.id}`, { version: 1, relocated: '是' });
    const trail = await c.admin.get(`/api/v1/audit?entity=household&entityId=${h.id}`);
    const actions = trail.body.items.map((i: any) => i.action);
    expect(actions).toEqual(['household.update', 'household.create']);
    expect(trail.body.items[0].changes.relocated).toEqual({ before: false, after: true });
    expect(trail.body.items[0].actorName).toBe('hy-ledger');
    const personTrail = await c.admin.get(`/api/v1/audit?entity=person&entityId=${h.members[0].id}`);
    expect(personTrail.body.items[0].changes.idNumber.after).toBe(h.members[0].idNumber);
  });

  it('lets each role do only what it may, and keeps records of other counties out of reach', async () => {
    const h = (await c.officer.post('/api/v1/households', household({ members: [person()] }))).body;
    const p = h.members[0];
    expect((await c.viewer.get(`/api/v1/households/${h.id}`)).status).toBe(200);
    expect((await c.verifier.get(`/api/v1/persons/${p.id}`)).status).toBe(200);
    expect((await c.viewer.post('/api/v1/households', household())).status).toBe(403);
    expect((await c.viewer.patch(`/api/v1/persons/${p.id}`, { version: 1, name: 'x' })).status).toBe(403);
    expect((await c.viewer.delete(`/api/v1/persons/${p.id}`)).status).toBe(403);
    expect((await c.verifier.patch(`/api/v1/persons/${p.id}`, { version: 1, name: 'x' })).status).toBe(403);
    expect((await c.employer.get('/api/v1/persons')).status).toBe(403);
    expect((await c.employer.get(`/api/v1/households/${h.id}`)).status).toBe(403);
    // The town commissioner of 140225101 reaches its own villages only.
    expect((await c.town.get(`/api/v1/persons/${p.id}`)).status).toBe(200);
    const elsewhere = (await c.officer.post('/api/v1/households', household({ villageCode: '140225100010', members: [person()] }))).body;
    expect((await c.town.get(`/api/v1/households/${elsewhere.id}`)).status).toBe(404);
    expect((await c.town.get('/api/v1/persons?region=140225100')).status).toBe(403);
    expect((await c.otherCounty.get(`/api/v1/households/${h.id}`)).status).toBe(404);
    expect((await c.otherCounty.get(`/api/v1/persons/${p.id}`)).status).toBe(404);
    expect((await c.otherCounty.post('/api/v1/persons', { householdId: h.id, ...person() })).status).toBe(400);
    expect((await c.otherCounty.get('/api/v1/persons?limit=200')).body.items).toEqual([]);
    expect((await c.otherCounty.post('/api/v1/households', household({ villageCode: VILLAGE_A1 }))).status).toBe(400);
    const own = await c.otherCounty.post('/api/v1/households', household({ villageCode: VILLAGE_B, members: [person()] }));
    expect(own.status).toBe(201);
    expect((await c.officer.get(`/api/v1/households/${own.body.id}`)).status).toBe(404);
  });
});
