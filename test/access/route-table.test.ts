import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../src/http/server.ts';
import type { Server } from '../../src/http/types.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { ENGINES } from '../support/databases.ts';
import { Client } from '../support/http.ts';
import { baseFixture, type AccessFixture } from './fixture.ts';
import { PROBES, SETUPS } from './probes.ts';

/**
 * Goes through every route of the API's route table. Each must have a probe: a county officer of
 * one county tries the records of another county and must get 403/404 (or 400 naming the scope)
 * and see or change nothing. A route added without a probe fails this test.
 */
describe.each(ENGINES)('route table access on %s', (engine) => {
  let t: TestApp;
  let server: Server;
  let f: AccessFixture;
  beforeAll(async () => {
    t = await createTestApp(engine);
    server = await buildServer(t.app);
    await server.ready();
    f = await baseFixture(server);
    for (const setup of SETUPS) await setup(f);
  });
  afterAll(async () => {
    await server?.close();
    await t?.close();
  });

  it('has a probe for every API route', () => {
    const routes = server.routeTable.filter((r) => r.url.startsWith('/api/v1/')).map((r) => `${r.method} ${r.url}`);
    expect(routes.length).toBeGreaterThan(5);
    const missing = routes.filter((r) => !PROBES[r]);
    expect(missing, 'routes without an access probe').toEqual([]);
    const stale = Object.keys(PROBES).filter((k) => !routes.includes(k));
    expect(stale, 'probes for routes that do not exist').toEqual([]);
  });

  it('declares an access rule on every API route', () => {
    const bare = server.routeTable.filter((r) => r.url.startsWith('/api/v1/') && !r.access).map((r) => `${r.method} ${r.url}`);
    expect(bare).toEqual([]);
  });

  it('refuses anonymous requests on every non-public route', async () => {
    const anon = new Client(server);
    for (const r of server.routeTable.filter((r) => r.url.startsWith('/api/v1/') && r.access?.action !== 'public')) {
      const url = r.url.replace(/:(\w+)/g, (_m, p) => (p === 'code' ? '14' : '1'));
      const res = await anon.request(r.method, url, ['POST', 'PUT', 'PATCH'].includes(r.method) ? {} : undefined);
      expect(res.status, `${r.method} ${r.url}`).toBe(401);
    }
  });

  it('keeps a county officer out of another county’s records on every scoped route', async () => {
    const failures: string[] = [];
    for (const [route, p] of Object.entries(PROBES)) {
      if (p.kind === 'self' && p.probe) {
        if ((await p.probe(f)).leaked) failures.push(`${route}: shows another account's data`);
      }
      if (p.kind !== 'scoped') continue;
      const { res, leaked } = await p.probe(f);
      // A list filtered to the caller's scope may answer 200 with nothing of county B in it.
      const refused = [400, 403, 404].includes(res.status) || (res.status === 200 && Array.isArray(res.body?.items) && res.body.items.length === 0);
      if (!refused || leaked) failures.push(`${route}: status ${res.status}${leaked ? ', county B data leaked or changed' : ''}`);
      if (res.status === 400) expect(JSON.stringify(res.body), route).toMatch(/scope|region/i);
    }
    expect(failures).toEqual([]);
  });
});
