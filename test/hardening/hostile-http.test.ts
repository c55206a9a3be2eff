import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeIdNumber } from '../../src/domain/ledger/id-number.ts';
import { buildServer } from '../../src/http/server.ts';
import type { Server } from '../../src/http/types.ts';
import { baseFixture, COUNTY_A, type AccessFixture } from '../access/fixture.ts';
import { SETUPS } from '../access/probes.ts';
import { multipart, upload, waitForJob } from '../ledger-import/upload.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { ENGINES } from '../support/databases.ts';
import { Client } from '../support/http.ts';

/**
 * Hostile requests over HTTP: SQL injection in every list filter and every path parameter,
 * path traversal in file names and download paths, oversized and mistyped uploads, cross-site
 * writes with a session cookie. Each is refused (4xx) or answered normally, never with a 5xx, and
 * the data is the same afterwards. Filters and parameters come from the OpenAPI document, so new
 * routes are covered as they are added.
 */

const MAIN_TABLES = ['households', 'persons', 'employers', 'postings', 'campaigns', 'referrals', 'employments', 'claims', 'payment_batches', 'payment_entries', 'courses', 'enrollments', 'trips', 'trip_passengers', 'verification_rounds', 'users', 'policies', 'regions', 'stats_total'];

/** Values that widen or break a query if they ever reach SQL as text; none can match a real record. */
const INJECTIONS = [
  "zz' OR '1'='1",
  'zz" OR "1"="1',
  "zz'; DROP TABLE persons; --",
  'zz) OR 1=1 --',
  "zz%' OR 1=1 --",
  "zz' UNION SELECT id_number_enc, phone_enc FROM persons --",
  "zz'||(select string_agg(username,',') from users)||'",
  'zz\\\'; delete from households; --',
  "zz' AND pg_sleep(3) IS NULL --",
];
const TRAVERSALS = ['../../../../etc/passwd', '..%2F..%2F..%2Fetc%2Fpasswd', '....//....//etc/passwd', 'C:\\Windows\\win.ini', '/etc/passwd%00.csv'];
/** Query parameters that page or shape a list rather than filter it: a bad value may fall back to the first page. */
const SHAPING = new Set(['cursor', 'after', 'before', 'limit', 'offset', 'page', 'sort', 'order', 'lang', 'format', 'fields']);

describe.each(ENGINES)('hostile requests on %s', (engine) => {
  let t: TestApp;
  let server: Server;
  let f: AccessFixture;
  let openapi: any;

  async function counts(): Promise<Record<string, number>> {
    const out: Record<string, number> = {};
    for (const table of MAIN_TABLES) {
      const { rows } = await sql<{ n: number }>`select count(*) as n from ${sql.table(table)}`.execute(t.app.database.db);
      out[table] = Number(rows[0].n);
    }
    return out;
  }

  beforeAll(async () => {
    t = await createTestApp(engine);
    server = await buildServer(t.app);
    await server.ready();
    f = await baseFixture(server);
    for (const setup of SETUPS) await setup(f);
    openapi = server.swagger();
  });
  afterAll(async () => {
    await server?.close();
    await t?.close();
  });

  it('shrugs off SQL injection and traversal in every query parameter of every GET route', async () => {
    const before = await counts();
    const failures: string[] = [];
    let tried = 0;
    for (const [p, ops] of Object.entries<any>(openapi.paths)) {
      if (!p.startsWith('/api/v1/') || !ops.get || p.includes('{')) continue;
      const params = (ops.get.parameters ?? []).filter((x: any) => x.in === 'query');
      for (const param of params) {
        // What a harmless value that matches nothing returns: an injection must not return more.
        const baseline = await f.admin.get(`${p}?${param.name}=zzqqxx`);
        const baseItems = Array.isArray(baseline.body?.items) ? baseline.body.items.length : 0;
        for (const value of [...INJECTIONS, ...TRAVERSALS]) {
          const url = `${p}?${param.name}=${encodeURIComponent(value)}`;
          const started = Date.now();
          const res = await f.admin.get(url);
          tried++;
          if (res.status >= 500) failures.push(`${url}: ${res.status}`);
          else if (Date.now() - started > 2500) failures.push(`${url}: took ${Date.now() - started} ms (a sleep ran?)`);
          else if (res.status === 200 && !SHAPING.has(param.name) && Array.isArray(res.body?.items) && res.body.items.length > baseItems && INJECTIONS.includes(value)) {
            failures.push(`${url}: the filter matched ${res.body.items.length} records, a harmless value ${baseItems}`);
          } else if (res.status >= 300 && res.status !== 400 && res.status !== 403 && res.status !== 404) failures.push(`${url}: ${res.status}`);
        }
      }
    }
    expect(tried).toBeGreaterThan(100);
    expect(failures).toEqual([]);
    expect(await counts()).toEqual(before);
  });

  it('refuses injection and traversal in every path parameter of every route, whatever the method', async () => {
    const before = await counts();
    const failures: string[] = [];
    const routes = server.routeTable.filter((r) => r.url.startsWith('/api/v1/') && r.url.includes(':'));
    for (const r of routes) {
      for (const value of ['1 OR 1=1', "1'; DROP TABLE persons; --", '1;DELETE FROM households', '1) OR (1=1', '-1', '99999999999999999999999', ...TRAVERSALS]) {
        const url = r.url.replace(/:(\w+)/g, () => encodeURIComponent(value));
        const res = await f.admin.request(r.method, url, ['POST', 'PUT', 'PATCH'].includes(r.method) ? {} : undefined);
        if (res.status >= 500 || res.status < 400) failures.push(`${r.method} ${url}: ${res.status} ${JSON.stringify(res.body).slice(0, 160)}`);
      }
    }
    expect(failures).toEqual([]);
    expect(await counts()).toEqual(before);
  });

  it('keeps uploaded file names inside the upload folder and harmless in the error report download', async () => {
    const officer = f.officerA;
    const marker = `jiuye-evil-${crypto.randomBytes(4).toString('hex')}`;
    const names = [
      `../../../../../../tmp/${marker}.csv`,
      `..\\..\\..\\${marker}.csv`,
      `/tmp/${marker}-abs.csv`,
      `${'a'.repeat(300)}.csv`,
      // Browsers send a quote in a file name as %22.
      '%22; rm -rf / ; %22.csv',
      '<img src=x onerror=alert(1)>.csv',
      "x'; DROP TABLE import_jobs; --.csv",
      '%2e%2e%2f%2e%2e%2fevil.csv',
    ];
    const csv = '户编号,与户主关系,姓名,身份证号,村代码,户类别,劳动能力,就业状态\r\nH1,户主,张三,123,140225100218,脱贫户,full,seeking\r\n';
    for (const name of names) {
      const r = await upload(officer, name, csv);
      expect([202, 415], `${name}: ${JSON.stringify(r.body)}`).toContain(r.status);
      if (r.status === 415) continue;
      expect(r.body.fileName).not.toMatch(/[/\\]/);
      const job = await waitForJob(officer, r.body.id);
      expect(job.body.status, name).toBe('done');
      expect(job.body.rejected).toBe(1);
      const report = await officer.get(`/api/v1/imports/${r.body.id}/errors`);
      expect(report.status).toBe(200);
      const disposition = String(report.headers['content-disposition']);
      expect(disposition).not.toMatch(/[\r\n]/);
      expect(disposition).toMatch(/^attachment; filename="import-\d+-errors\.csv"; filename\*=UTF-8''[A-Za-z0-9%._~!*'()-]+$/);
    }
    expect(fs.existsSync(`/tmp/${marker}.csv`)).toBe(false);
    expect(fs.existsSync(`/tmp/${marker}-abs.csv`)).toBe(false);
    expect(fs.readdirSync(os.tmpdir()).filter((n) => n.includes(marker))).toEqual([]);
    expect(fs.readdirSync(path.dirname(t.app.config.dataDir)).filter((n) => n.includes(marker))).toEqual([]);
  });

  it('refuses uploads of the wrong type (415) and bodies over the limit (413)', async () => {
    for (const name of ['ledger.exe', 'ledger.xls', 'ledger', 'ledger.csv.php', 'ledger.html']) {
      const r = await upload(f.officerA, name, 'MZ\u0090\u0000');
      expect(r.status, name).toBe(415);
      expect(r.body.code).toBe('unsupported_media_type');
    }
    const json = await f.officerA.post('/api/v1/imports/ledger', { file: 'ledger.csv' });
    expect(json.status).toBe(415);
    const text = await f.officerA.post('/api/v1/households', '<household/>', { 'content-type': 'application/xml' });
    expect(text.status).toBe(415);
    const big = await f.officerA.post('/api/v1/households', { householdNo: 'H-big', villageCode: '140225100218', category: 'none', address: 'x'.repeat(2 * 1024 * 1024) });
    expect(big.status).toBe(413);
    expect(big.body.code).toBe('payload_too_large');
    const m = multipart('huge-form.csv', 'x');
    const many = await f.officerA.post('/api/v1/imports/ledger', Buffer.concat([Buffer.from(`--${m.headers['content-type'].split('boundary=')[1]}\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n`.repeat(10)), m.body]), m.headers);
    expect(many.status).toBeGreaterThanOrEqual(400);
    expect(many.status).toBeLessThan(500);
  });

  it.runIf(engine === 'sqlite')('refuses a ledger upload over 200 MB with 413 and keeps no part of it', async () => {
    await server.listen({ port: 0, host: '127.0.0.1' });
    const port = (server.server.address() as { port: number }).port;
    const m = multipart('huge.csv', Buffer.alloc(0));
    const [head, tail] = [m.body.subarray(0, m.body.indexOf('\r\n\r\n') + 4), m.body.subarray(m.body.indexOf('\r\n\r\n') + 4)];
    const before = fs.readdirSync(os.tmpdir()).filter((n) => n.startsWith('jiuye-upload-')).length;
    const chunk = Buffer.alloc(1024 * 1024, 'a');
    const status = await new Promise<number>((resolve, reject) => {
      const req = http.request({ host: '127.0.0.1', port, method: 'POST', path: '/api/v1/imports/ledger', headers: { ...m.headers, cookie: `jiuye_session=${f.officerA.cookie}`, 'x-requested-with': 'jiuye' } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', (e: NodeJS.ErrnoException) => (e.code === 'EPIPE' || e.code === 'ECONNRESET' ? undefined : reject(e)));
      req.write(head);
      let sent = 0;
      const pump = () => {
        while (sent < 201) {
          sent++;
          if (!req.write(chunk)) return void req.once('drain', pump);
        }
        req.end(tail);
      };
      pump();
    });
    expect(status).toBe(413);
    await new Promise((r) => setTimeout(r, 200));
    expect(fs.readdirSync(os.tmpdir()).filter((n) => n.startsWith('jiuye-upload-')).length).toBeLessThanOrEqual(before);
  }, 120_000);

  it('refuses traversal in export and download paths', async () => {
    for (const q of ['region=../../etc', 'region=140225/../../', 'format=../../../etc/passwd', "region=14' OR '1'='1", 'format=csv%00.sh']) {
      const r = await f.officerA.get(`/api/v1/exports/ledger?${q}`);
      expect(r.status, q).toBe(400);
    }
    for (const id of TRAVERSALS) {
      for (const url of [`/api/v1/payment-batches/${encodeURIComponent(id)}/export`, `/api/v1/imports/${encodeURIComponent(id)}/errors`]) {
        const r = await f.admin.get(url);
        expect([400, 404], url).toContain(r.status);
        expect(String(r.body)).not.toMatch(/root:/);
      }
    }
    const raw = await server.inject({ method: 'GET', url: '/api/v1/../../../../etc/passwd' });
    expect(raw.body).not.toMatch(/root:.*:0:0:/);
    const ui = await server.inject({ method: 'GET', url: '/..%2F..%2F..%2F..%2Fetc%2Fpasswd' });
    expect(ui.body).not.toMatch(/root:.*:0:0:/);
  });

  it('sends security headers on API, problem, UI and docs responses', async () => {
    const responses = {
      api: await server.inject({ method: 'GET', url: '/api/v1/regions?parent=14', headers: { cookie: `jiuye_session=${f.officerA.cookie}` } }),
      problem: await server.inject('/api/v1/auth/me'),
      notFound: await server.inject('/api/v1/no-such-thing'),
      ui: await server.inject('/'),
      uiDeep: await server.inject('/ledger/persons'),
      docs: await server.inject('/api/docs'),
    };
    for (const [what, r] of Object.entries(responses)) {
      expect(r.statusCode, what).toBeLessThan(500);
      expect(r.headers['x-content-type-options'], what).toBe('nosniff');
      expect(r.headers['content-security-policy'], what).toMatch(/default-src 'self'/);
      expect(r.headers['content-security-policy'], what).toMatch(/frame-ancestors 'self'/);
      expect(r.headers['x-frame-options'], what).toBe('SAMEORIGIN');
      expect(r.headers['referrer-policy'], what).toBe('no-referrer');
      expect(r.headers['cross-origin-opener-policy'], what).toBe('same-origin');
      expect(r.headers['strict-transport-security'], what).toBeDefined();
      expect(r.headers['x-powered-by'], what).toBeUndefined();
    }
  });

  it('refuses cross-site PUT, PATCH and DELETE on a ledger record made with the session cookie, and leaves it unchanged', async () => {
    const officer = f.officerA;
    const create = await officer.post('/api/v1/households', { householdNo: 'CSRF-1', villageCode: '140225100218', category: 'none', members: [{ relation: 'head', name: '跨站测试', idNumber: makeIdNumber(COUNTY_A, '1980-01-01', 31), laborCapacity: 'full', employmentStatus: 'seeking' }] });
    expect(create.status, JSON.stringify(create.body)).toBe(201);
    const household = create.body;
    const url = `/api/v1/households/${household.id}`;
    const attempts: [string, Record<string, string>][] = [
      ['evil origin', { origin: 'https://evil.example' }],
      ['evil referer', { origin: '', referer: 'https://evil.example/page' }],
      ['no marker', { 'x-requested-with': '' }],
      ['lookalike origin', { origin: `http://localhost:80.evil.example` }],
      ['null origin', { origin: 'null' }],
    ];
    for (const [why, headers] of attempts) {
      for (const method of ['PUT', 'PATCH', 'DELETE']) {
        const body = method === 'DELETE' ? undefined : { version: household.version, address: 'forged', villageCode: household.villageCode, householdNo: household.householdNo, category: household.category };
        const clean = Object.fromEntries(Object.entries(headers).filter(([, v]) => v !== ''));
        if (headers.origin === '' || headers['x-requested-with'] === '') {
          const res = await server.inject({ method: method as any, url, payload: body as any, headers: { cookie: `jiuye_session=${officer.cookie}`, ...clean } });
          expect(res.statusCode, `${why} ${method}`).toBe(403);
          expect(res.json().code).toBe('csrf_rejected');
        } else {
          const res = await officer.request(method, url, body, headers);
          expect(res.status, `${why} ${method}`).toBe(403);
          expect(res.body.code).toBe('csrf_rejected');
        }
      }
    }
    const after = await officer.get(url);
    expect(after.status).toBe(200);
    expect(after.body.version).toBe(household.version);
    expect(after.body.address).not.toBe('forged');
    // An API token is not sent by browsers on their own, so a script may write from anywhere.
    const token = await officer.post('/api/v1/auth/tokens', { name: 'csrf-test' });
    const viaToken = await server.inject({ method: 'PATCH', url, payload: { version: household.version, address: '脚本更新' }, headers: { authorization: `Bearer ${token.body.token}`, origin: 'https://evil.example' } });
    expect(viaToken.statusCode, viaToken.body).toBe(200);
  });

  it('still throttles repeated failed logins', async () => {
    const c = new Client(server);
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) statuses.push((await c.post('/api/v1/auth/login', { username: 'officer-a', password: `wrong-${i}` })).status);
    expect(statuses).toContain(429);
    expect(statuses.filter((s) => s >= 500)).toEqual([]);
  });
});
