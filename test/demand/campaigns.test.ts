import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../src/http/server.ts';
import type { Server } from '../../src/http/types.ts';
import { ADMIN_PASSWORD, createTestApp, type TestApp } from '../support/app.ts';
import { ENGINES } from '../support/databases.ts';
import { Client } from '../support/http.ts';
import { addPerson, employerBody, postingBody } from './support.ts';

const VILLAGE = '140225100218';

describe.each(ENGINES)('campaigns, fairs, attendance and intentions on %s', (engine) => {
  let t: TestApp;
  let server: Server;
  let admin: Client;
  let officer: Client;
  let villager: Client;
  let campaign: any;
  let event: any;
  let postingId: number;
  let person: { id: number; idNumber: string };
  beforeAll(async () => {
    t = await createTestApp(engine);
    server = await buildServer(t.app);
    admin = new Client(server);
    await admin.login('admin', ADMIN_PASSWORD);
    await admin.post('/api/v1/users', { username: 'hy-officer', password: 'county-pass-1', role: 'county_officer', regionCode: '140225' });
    await admin.post('/api/v1/users', { username: 'hy-village', password: 'village-pass-1', role: 'village_commissioner', regionCode: VILLAGE });
    officer = new Client(server);
    await officer.login('hy-officer', 'county-pass-1');
    villager = new Client(server);
    await villager.login('hy-village', 'village-pass-1');
    const e = await officer.post('/api/v1/employers', employerBody(1));
    postingId = (await officer.post('/api/v1/postings', postingBody(e.body.id))).body.id;
    person = await addPerson(t.app, { name: '王秀英', village: VILLAGE, seq: 12, phone: '13912345678' });
    await addPerson(t.app, { name: '王建国', village: '140225100201', seq: 13 });
  });
  afterAll(async () => {
    await server?.close();
    await t?.close();
  });

  it('creates a campaign and an on-site fair with employers and postings', async () => {
    const c = await officer.post('/api/v1/campaigns', { name: '2024年春风行动', regionCode: '140225', startsOn: '2024-02-01', endsOn: '2024-03-31' });
    expect(c.status).toBe(201);
    campaign = c.body;
    const outside = await officer.post(`/api/v1/campaigns/${campaign.id}/events`, { kind: 'onsite_fair', name: '县城专场', regionCode: '140225', heldOn: '2024-04-10' });
    expect(outside.body.errors[0]).toMatchObject({ field: 'heldOn', code: 'outside_campaign_period' });
    const ev = await officer.post(`/api/v1/campaigns/${campaign.id}/events`, { kind: 'caravan', name: '大篷车进村', regionCode: '140225100', place: '村委会广场', heldOn: '2024-02-20', postingIds: [postingId] });
    expect(ev.status).toBe(201);
    expect(ev.body.employerIds).toHaveLength(1);
    event = ev.body;
    const stale = await officer.patch(`/api/v1/campaigns/${campaign.id}/events/${event.id}`, { place: '村小学', version: event.version + 1 });
    expect(stale.status).toBe(412);
  });

  it('finds people by name, ID number or phone and records attendance and intentions once', async () => {
    const url = `/api/v1/campaigns/${campaign.id}/events/${event.id}`;
    const byName = await villager.get(`${url}/people?q=${encodeURIComponent('王')}`);
    // The village commissioner sees only the people of the village.
    expect(byName.body.items.map((p: any) => p.name)).toEqual(['王秀英']);
    expect(byName.body.items[0].idMasked).toMatch(/\*{4}/);
    expect(JSON.stringify(byName.body)).not.toContain(person.idNumber);
    expect((await villager.get(`${url}/people?q=${person.idNumber}`)).body.items[0].id).toBe(person.id);
    expect((await villager.get(`${url}/people?q=139-1234-5678`)).body.items[0].id).toBe(person.id);
    const first = await villager.post(`${url}/attendance`, { personId: person.id });
    expect(first.body.created).toBe(true);
    expect((await villager.post(`${url}/attendance`, { personId: person.id })).body).toMatchObject({ created: false, id: first.body.id });
    const notHere = await villager.post(`${url}/intentions`, { personId: person.id, postingId: postingId + 1000 });
    expect(notHere.body.errors[0].code).toBe('posting_not_at_event');
    expect((await villager.post(`${url}/intentions`, { personId: person.id, postingId })).body.created).toBe(true);
    const detail = await officer.get(url);
    expect(detail.body.attendance).toHaveLength(1);
    expect(detail.body.intentions[0]).toMatchObject({ personId: person.id, postingId, name: '王秀英' });
  });

  it('summarises the campaign by region', async () => {
    const c = await officer.get(`/api/v1/campaigns/${campaign.id}`);
    expect(c.body.summary.total).toMatchObject({ events: 1, employers: 1, postings: 1, openings: 5, attendees: 1, intentions: 1 });
    expect(c.body.summary.byRegion).toEqual([expect.objectContaining({ regionCode: '140225100', events: 1, attendees: 1, intentions: 1 })]);
    const list = await villager.get('/api/v1/campaigns');
    expect(list.body.items.map((x: any) => x.id)).toContain(campaign.id);
  });
});
