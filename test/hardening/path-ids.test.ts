import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeIdNumber } from '../../src/domain/ledger/id-number.ts';
import { buildServer } from '../../src/http/server.ts';
import type { Server } from '../../src/http/types.ts';
import { baseFixture, COUNTY_A, type AccessFixture } from '../access/fixture.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { ENGINES } from '../support/databases.ts';
import type { Response } from '../support/http.ts';

/**
 * Record ids in paths and query strings are plain digits. Spellings a number parser would also read
 * (hex, exponent, sign, leading zero or space, a number past the exact integers) are refused with a
 * 400 that names the parameter, instead of quietly reaching another record or none.
 */

/** Refused everywhere an id goes. */
const BAD = ['0x10', '1e3', '+5', '05', ' 5', '-1', '0', '5.0', '99999999999999999999'];

/** Names of path parameters that are record ids (the others are region or occupation codes). */
const ID_PARAM = /^(id|\w+Id)$/;

function expectBadId(res: Response, field: string, what: string) {
  expect(res.status, `${what}: ${JSON.stringify(res.body)}`).toBe(400);
  expect(String(res.headers['content-type']), what).toMatch(/^application\/problem\+json/);
  expect(res.body.code, what).toBe('validation_failed');
  expect(res.body.errors, what).toContainEqual(expect.objectContaining({ field, code: 'invalid_record_id', message: expect.stringMatching(/digits/) }));
}

describe.each(ENGINES)('record ids in paths and queries on %s', (engine) => {
  let t: TestApp;
  let server: Server;
  let f: AccessFixture;
  let household: { id: number; members: { id: number }[] };

  beforeAll(async () => {
    t = await createTestApp(engine);
    server = await buildServer(t.app);
    await server.ready();
    f = await baseFixture(server);
    // Five households, so that a record with id 5 exists whatever the engine's sequence does.
    for (let i = 1; i <= 5; i++) {
      const r = await f.officerA.post('/api/v1/households', { householdNo: `PID-${i}`, villageCode: '140225100218', category: 'none', members: [{ relation: 'head', name: `编号${i}`, idNumber: makeIdNumber(COUNTY_A, '1980-01-01', 100 + i), laborCapacity: 'full', employmentStatus: 'seeking' }] });
      expect(r.status, JSON.stringify(r.body)).toBe(201);
      household = r.body;
    }
  });
  afterAll(async () => {
    await server?.close();
    await t?.close();
  });

  it('reads a record by its plain id and refuses every other spelling of it', async () => {
    const hh = await f.officerA.get(`/api/v1/households/5`);
    expect(hh.status, JSON.stringify(hh.body)).toBe(200);
    expect(hh.body.id).toBe(5);
    const person = household.members[0].id;
    expect((await f.officerA.get(`/api/v1/persons/${person}`)).status).toBe(200);
    for (const value of [...BAD, `0${person}`, `+${person}`, `${person}e0`, `0x${person.toString(16)}`, ` ${person}`, `${person} `]) {
      for (const url of [`/api/v1/households/${encodeURIComponent(value)}`, `/api/v1/persons/${encodeURIComponent(value)}`, `/api/v1/imports/${encodeURIComponent(value)}`, `/api/v1/persons/${encodeURIComponent(value)}/recommendations`]) {
        expectBadId(await f.officerA.get(url), 'id', `GET ${url}`);
      }
      const patch = `/api/v1/persons/${encodeURIComponent(value)}`;
      expectBadId(await f.officerA.patch(patch, { version: 1, name: '改名' }), 'id', `PATCH ${patch}`);
      const del = `/api/v1/households/${encodeURIComponent(value)}`;
      expectBadId(await f.officerA.delete(del), 'id', `DELETE ${del}`);
    }
    // Nothing was changed through a refused spelling.
    const again = await f.officerA.get(`/api/v1/persons/${person}`);
    expect(again.body.version).toBe(1);
  });

  it('names the offending parameter of a route with two ids', async () => {
    for (const value of BAD) {
      const v = encodeURIComponent(value);
      expectBadId(await f.admin.get(`/api/v1/campaigns/1/events/${v}`), 'eventId', `eventId ${value}`);
      expectBadId(await f.admin.get(`/api/v1/campaigns/${v}/events/1`), 'id', `campaign id ${value}`);
      expectBadId(await f.admin.delete(`/api/v1/trips/1/passengers/${v}`), 'passengerId', `passengerId ${value}`);
      expectBadId(await f.admin.post(`/api/v1/verification-rounds/1/conflicts/${v}/resolve`, {}), 'conflictId', `conflictId ${value}`);
    }
    // A well-formed id of nothing is a 404, not a 400.
    expect((await f.admin.get('/api/v1/campaigns/5/events/5')).status).toBe(404);
  });

  it('refuses the same spellings in id filters of list queries, and filters by a plain id', async () => {
    const ok = await f.officerA.get(`/api/v1/persons?householdId=5`);
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body.items.length).toBe(1);
    expect(ok.body.items[0].householdId).toBe(5);
    for (const value of [...BAD, '']) {
      const v = encodeURIComponent(value);
      for (const [url, field] of [[`/api/v1/persons?householdId=${v}`, 'householdId'], [`/api/v1/postings?employerId=${v}`, 'employerId'], [`/api/v1/referrals?personId=${v}`, 'personId'], [`/api/v1/enrollments?courseId=${v}`, 'courseId'], [`/api/v1/audit?actorId=${v}`, 'actorId']]) {
        expectBadId(await f.admin.get(url), field, url);
      }
    }
  });

  it('checks every id parameter of every route', async () => {
    const failures: string[] = [];
    let tried = 0;
    for (const r of server.routeTable) {
      // A policy's id is its name (hiring-subsidy-lan-2020), not a record number.
      if (!r.url.startsWith('/api/v1/') || r.url.startsWith('/api/v1/policies/:id')) continue;
      const names = [...r.url.matchAll(/:(\w+)/g)].map((m) => m[1]).filter((n) => ID_PARAM.test(n));
      for (const name of names) {
        for (const value of ['0x10', '1e3', '05', '%205']) {
          const url = r.url.replace(/:(\w+)/g, (_, n) => (n === name ? value : '1'));
          const res = await f.admin.request(r.method, url, ['POST', 'PUT', 'PATCH'].includes(r.method) ? {} : undefined);
          tried++;
          if (res.status !== 400 || !res.body?.errors?.some((e: any) => e.field === name && e.code === 'invalid_record_id')) failures.push(`${r.method} ${url}: ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`);
        }
      }
    }
    expect(tried).toBeGreaterThan(150);
    expect(failures).toEqual([]);
  });
});
