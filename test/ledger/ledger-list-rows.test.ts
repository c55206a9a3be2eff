import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COL } from '../../src/app/ledger/import/template.ts';
import { listPersons } from '../../src/app/ledger/person-queries.ts';
import { buildServer } from '../../src/http/server.ts';
import type { Server } from '../../src/http/types.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { ENGINES } from '../support/databases.ts';
import { countyVillages, demoRows, importFile, officerOf, writeCsv } from '../ledger-import/support.ts';
import { ledgerClients } from './ledger-fixture.ts';

/**
 * The ledger list keeps people as it last wrote them and writes again only those whose stamp
 * moved. Whatever changes a person or a household, by whichever path, the page must equal the
 * page read straight from the database.
 */
describe.each(ENGINES)('ledger list pages kept as written on %s', (engine) => {
  let t: TestApp;
  let server: Server;
  let c: Awaited<ReturnType<typeof ledgerClients>>;
  let rows: string[][];
  const QUERY = { region: '140225', limit: 200 };
  const URL = '/api/v1/persons?region=140225&limit=200';

  beforeAll(async () => {
    t = await createTestApp(engine);
    server = await buildServer(t.app);
    c = await ledgerClients(server);
    rows = demoRows(await countyVillages(t.app), 25, 11);
    expect(await importFile(t.app, writeCsv(rows))).toMatchObject({ rejected: 0, created: rows.length });
  });
  afterAll(async () => {
    await server?.close();
    await t?.close();
  });

  /** The page through the API, after checking it against the same page read in full from the database. */
  async function page(): Promise<any[]> {
    const r = await c.officer.get(URL);
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toMatch(/^application\/json/);
    const direct = JSON.parse(JSON.stringify(await listPersons(t.app, officerOf('140225'), QUERY)));
    expect(r.body).toEqual(direct);
    return r.body.items;
  }

  it('serves the same page again, and the edit of a person at once', async () => {
    const first = await page();
    expect(first.length).toBe(rows.length);
    expect(await page()).toEqual(first);
    const p = first[3];
    const r = await c.officer.patch(`/api/v1/persons/${p.id}`, { version: p.version, minMonthlyPay: 4321, employmentStatus: 'employed_county' });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const after = (await page()).find((x) => x.id === p.id);
    expect(after).toMatchObject({ minMonthlyPay: 4321, employmentStatus: 'employed_county', version: p.version + 1 });
  });

  it('shows a change of the household to each of its members, who keep their own version', async () => {
    const items = await page();
    const member = items.find((x) => x.category !== 'monitored')!;
    const h = (await c.officer.get(`/api/v1/households/${member.householdId}`)).body;
    const r = await c.officer.patch(`/api/v1/households/${h.id}`, { version: h.version, category: 'monitored', monitoredSubtype: 'marginal' });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const members = (await page()).filter((x) => x.householdId === h.id);
    expect(members.length).toBe(h.members.length);
    expect(members.every((x) => x.category === 'monitored' && x.monitoredSubtype === 'marginal')).toBe(true);
    // A move of the household to another village moves its members and their place in the list.
    const villages = await countyVillages(t.app);
    const other = villages.find((v) => v !== member.villageCode)!;
    const h2 = (await c.officer.get(`/api/v1/households/${h.id}`)).body;
    expect((await c.officer.patch(`/api/v1/households/${h.id}`, { version: h2.version, villageCode: other })).status).toBe(200);
    expect((await page()).filter((x) => x.householdId === h.id).every((x) => x.villageCode === other)).toBe(true);
  });

  it('shows what an import of edited rows changed, and leaves out a person deleted', async () => {
    await page();
    const edited = rows.map((r) => [...r]);
    edited[0][COL.min_monthly_pay] = '6100';
    edited[0][COL.employment_status] = '省外务工';
    edited[0][COL.employer_name] = '太原钢铁集团';
    // The file also takes back the earlier tests' edits of a person and a household.
    const r = await importFile(t.app, writeCsv(edited));
    expect(r).toMatchObject({ rejected: 0 });
    expect(r.updated).toBeGreaterThan(1);
    const items = await page();
    expect(items.find((x) => x.name === rows[0][COL.name] && x.minMonthlyPay === 6100)).toMatchObject({ employmentStatus: 'employed_outside', employerName: '太原钢铁集团' });

    const gone = items[5];
    expect((await c.officer.delete(`/api/v1/persons/${gone.id}`)).status).toBe(200);
    const left = await page();
    expect(left.map((x) => x.id)).not.toContain(gone.id);
    expect(left.length).toBe(items.length - 1);
  });

  it('pages with a cursor from the kept rows as from the database', async () => {
    const firstPage = await c.officer.get('/api/v1/persons?region=140225&limit=7');
    const next = await c.officer.get(`/api/v1/persons?region=140225&limit=7&cursor=${firstPage.body.nextCursor}`);
    const direct = await listPersons(t.app, officerOf('140225'), { region: '140225', limit: 7, cursor: firstPage.body.nextCursor });
    expect(next.body).toEqual(JSON.parse(JSON.stringify(direct)));
    expect(next.body.items.length).toBe(7);
  });
});
