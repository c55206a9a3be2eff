import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { creditCodeCheckChar } from '../../src/domain/demand/credit-code.ts';
import { PERMISSIONS } from '../../src/domain/access/permissions/index.ts';
import { ROLES, type Role } from '../../src/domain/access/roles.ts';
import { buildServer } from '../../src/http/server.ts';
import type { RouteInfo, Server } from '../../src/http/types.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { ENGINES } from '../support/databases.ts';
import { Client, type Response } from '../support/http.ts';
import { baseFixture, COUNTY_A, COUNTY_B, type AccessFixture } from './fixture.ts';
import { PROBES, SETUPS } from './probes.ts';

/**
 * Every API route, tried by an account of every role. The route table and the permission table
 * drive it, so a new route or a new action is covered without touching this file:
 * - a role the permission table does not name gets 403 (before the route looks at anything);
 * - a role it names, scoped to county A, never reaches a county B record through a route whose
 *   access probe is `scoped` (403/404, or 400 naming the scope);
 * - nothing answers 5xx, whatever the role and however empty the request.
 */

/** Which record of county B (test/access setups) a path parameter names, by the segment before it. */
const PARAM_RECORDS: Record<string, string> = {
  'campaigns/:id': 'campaignB',
  'events/:eventId': 'eventB',
  'claims/:id': 'claimSubmittedB',
  'courses/:id': 'courseB',
  'employers/:id': 'employerB',
  'enrollments/:id': 'enrollmentB',
  'households/:id': 'householdB',
  'imports/:id': 'importJobB',
  'payment-batches/:id': 'batchB',
  'payment-entries/:id': 'entryB',
  'persons/:id': 'personB',
  'postings/:id': 'postingB',
  'referrals/:id': 'referralB',
  'trips/:id': 'tripB',
  'passengers/:passengerId': 'tripPassengerB',
  'verification-rounds/:id': 'roundB',
  'teams/:teamId': 'teamB',
  'conflicts/:conflictId': 'conflictB',
  'training-providers/:id': 'providerB',
  'tokens/:id': 'tokenB',
  'users/:id': 'userB',
};

/** Parameters that name a region rather than a record. */
const REGION_PARAMS = new Set([':code', ':county']);

/** Routes that would end or replace the probing account's own session; the foundation tests cover them. */
const SESSION_ROUTES = new Set(['POST /api/v1/auth/login', 'POST /api/v1/auth/logout']);

/** The account of each role, in county A (employer and trainer linked to county A's company and provider). */
const SCOPES: Record<Exclude<Role, 'admin' | 'county_officer'>, string> = {
  province_officer: '14',
  city_officer: '1402',
  town_commissioner: '140225100',
  village_commissioner: '', // the first village of the town, looked up
  field_verifier: COUNTY_A,
  employer: COUNTY_A,
  trainer: COUNTY_A,
  viewer: COUNTY_A,
};

function urlFor(route: RouteInfo, ids: Record<string, number | string>): { url: string; namesB: boolean } {
  let namesB = false;
  const url = route.url.replace(/([\w-]+)\/(:\w+)/g, (_m, seg: string, param: string) => {
    if (REGION_PARAMS.has(param)) {
      namesB = true;
      return `${seg}/${COUNTY_B}`;
    }
    const key = PARAM_RECORDS[`${seg}/${param}`];
    if (key && ids[key] != null) {
      namesB = true;
      return `${seg}/${ids[key]}`;
    }
    return `${seg}/999999`;
  });
  return { url, namesB };
}

function scopeOf(role: Role): string {
  if (role === 'admin') return '';
  return role === 'county_officer' ? COUNTY_A : SCOPES[role];
}

function allowed(role: Role, action: string): boolean {
  if (action === 'public' || role === 'admin') return true;
  return (PERMISSIONS[action] ?? []).includes(role);
}

describe.each(ENGINES)('every route for every role on %s', (engine) => {
  let t: TestApp;
  let server: Server;
  let f: AccessFixture;
  const clients = new Map<Role, Client>();
  const passwords = new Map<Role, string>();

  async function mustCreate(r: Response, what: string) {
    if (r.status !== 201) throw new Error(`roles setup: ${what}: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  }

  beforeAll(async () => {
    t = await createTestApp(engine);
    server = await buildServer(t.app);
    await server.ready();
    f = await baseFixture(server);
    for (const setup of SETUPS) await setup(f);

    const db = t.app.database.db;
    const village = await db.selectFrom('regions').select('code').where('level', '=', 5).where('code', 'like', `${SCOPES.town_commissioner}%`).orderBy('code').limit(1).executeTakeFirstOrThrow();
    SCOPES.village_commissioner = village.code;
    const body = `91${COUNTY_A}MA${'7'.repeat(7)}`;
    const employerA = await mustCreate(await f.officerA.post('/api/v1/employers', { name: '浑源县角色测试公司', creditCode: body + creditCodeCheckChar(body), regionCode: COUNTY_A, operatingStatus: 'operating', employeesTotal: 5, poorEmployees: 1 }), 'employer A');
    const providerA = await mustCreate(await f.officerA.post('/api/v1/training-providers', { name: '浑源县角色测试培训学校' }), 'provider A');

    clients.set('admin', f.admin);
    clients.set('county_officer', f.officerA);
    for (const [role, regionCode] of Object.entries(SCOPES) as [Role, string][]) {
      const username = `role-${role.replace(/_/g, '-')}`;
      const password = `${username}-pass-1`;
      const u = await mustCreate(await f.admin.post('/api/v1/users', { username, password, role, regionCode, ...(role === 'employer' ? { employerId: employerA.id } : {}) }), username);
      if (role === 'trainer') {
        const link = await f.officerA.post(`/api/v1/training-providers/${providerA.id}/accounts`, { userId: u.id });
        if (![200, 201].includes(link.status)) throw new Error(`roles setup: link trainer: ${JSON.stringify(link.body)}`);
      }
      const c = new Client(server);
      await c.login(username, password);
      clients.set(role, c);
      passwords.set(role, password);
    }
  });
  afterAll(async () => {
    await server?.close();
    await t?.close();
  });

  it('has an account of every role', () => {
    expect([...clients.keys()].sort()).toEqual([...ROLES].sort());
  });

  it('refuses each role what the permission table does not give it, keeps it out of county B, and never answers 5xx', async () => {
    const routes = server.routeTable.filter((r) => r.url.startsWith('/api/v1/') && !SESSION_ROUTES.has(`${r.method} ${r.url}`));
    expect(routes.length).toBeGreaterThan(100);
    // Roles whose scope holds county B may change its records; they go last, and deletions last of all,
    // so that the other roles probe records that still exist.
    const seesB = (role: Role) => COUNTY_B.startsWith(scopeOf(role));
    const order = [...ROLES].sort((a, b) => Number(seesB(a)) - Number(seesB(b)));
    const ordered = [...routes].sort((a, b) => Number(a.method === 'DELETE') - Number(b.method === 'DELETE'));
    const failures: string[] = [];
    let tried = 0;
    for (const pass of [false, true]) {
      for (const route of ordered) {
        const action = route.access?.action ?? '(none)';
        const key = `${route.method} ${route.url}`;
        const { url, namesB } = urlFor(route, f.ids);
        for (const role of order.filter((r) => seesB(r) === pass)) {
          const client = clients.get(role)!;
          const res = await client.request(route.method, url, ['POST', 'PUT', 'PATCH'].includes(route.method) ? {} : undefined);
          tried++;
          if (!client.cookie) throw new Error(`${key} ended the session of ${role}`);
          const where = `${role} ${route.method} ${url} (${action})`;
          if (res.status >= 500) failures.push(`${where}: ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`);
          else if (!allowed(role, action)) {
            if (res.status !== 403) failures.push(`${where}: not in the permission table, got ${res.status}`);
          } else if (action !== 'public' && res.status === 403 && res.body?.code === 'forbidden' && /may not perform/.test(res.body?.detail ?? res.body?.title ?? '')) {
            failures.push(`${where}: in the permission table, but refused by role`);
          } else if (!seesB(role) && namesB && PROBES[key]?.kind === 'scoped') {
            const refused = [403, 404].includes(res.status) || (res.status === 400 && /scope|region/i.test(JSON.stringify(res.body)));
            // An empty body or a missing required query is refused by validation before any record is looked up.
            const invalid = [400, 415].includes(res.status);
            if (!refused && !invalid) failures.push(`${where}: county B record reached: ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`);
          }
        }
      }
    }
    expect(tried).toBe(routes.length * ROLES.length);
    expect(failures).toEqual([]);
  });

  it('keeps every role scoped to county A out of county B in every list', async () => {
    const lists = server.routeTable.filter((r) => r.method === 'GET' && r.url.startsWith('/api/v1/') && !r.url.includes(':') && PROBES[`GET ${r.url}`]?.kind === 'scoped');
    const failures: string[] = [];
    for (const role of ROLES.filter((r) => !COUNTY_B.startsWith(scopeOf(r)))) {
      const client = clients.get(role)!;
      for (const r of lists) {
        if (!allowed(role, r.access!.action)) continue;
        const res = await client.get(`${r.url}?region=${COUNTY_B}`);
        const refused = [400, 403, 404].includes(res.status) || (res.status === 200 && !JSON.stringify(res.body).includes(`"${COUNTY_B}`));
        if (!refused || res.status >= 500) failures.push(`${role} GET ${r.url}?region=${COUNTY_B}: ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`);
      }
    }
    expect(failures).toEqual([]);
  });
});
