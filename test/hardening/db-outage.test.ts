import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp, prepare } from '../../src/app/bootstrap.ts';
import type { App } from '../../src/app/context.ts';
import { loadConfig } from '../../src/config.ts';
import { buildServer } from '../../src/http/server.ts';
import type { Server } from '../../src/http/types.ts';
import { ADMIN_PASSWORD } from '../support/app.ts';
import { Client } from '../support/http.ts';
import { freePort, until } from './fault-support.ts';

/**
 * PostgreSQL going away under a running server, and coming back. The shared test server must never
 * be stopped, so this test starts a PostgreSQL of its own in a temporary folder (as the postgres
 * account, since initdb refuses root) and skips with the reason when that is impossible.
 */
const BIN = '/usr/lib/postgresql/15/bin';

function asPostgres(args: string[]) {
  const runner = process.getuid?.() === 0 ? ['runuser', '-u', 'postgres', '--'] : [];
  const [cmd, ...rest] = [...runner, ...args];
  return spawnSync(cmd, rest, { encoding: 'utf8', timeout: 120_000 });
}

describe('the database going away', () => {
  let dir = '';
  let port = 0;
  let why = '';
  let app: App | undefined;
  let server: Server | undefined;

  const pgCtl = (action: 'start' | 'stop') =>
    asPostgres(action === 'start'
      ? [`${BIN}/pg_ctl`, '-D', `${dir}/data`, '-l', `${dir}/log`, '-w', '-t', '60', '-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`, 'start']
      : [`${BIN}/pg_ctl`, '-D', `${dir}/data`, '-m', 'fast', '-w', 'stop']);

  beforeAll(async () => {
    if (!fs.existsSync(`${BIN}/initdb`)) {
      why = `no PostgreSQL server binaries in ${BIN}`;
      return;
    }
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jiuye-pg-outage-'));
    fs.chmodSync(dir, 0o777);
    port = await freePort();
    const init = asPostgres([`${BIN}/initdb`, '-D', `${dir}/data`, '-A', 'trust', '-U', 'postgres', '--no-sync']);
    if (init.status !== 0) {
      why = `initdb failed: ${(init.stderr || init.error?.message || '').trim().split('\n').pop()}`;
      return;
    }
    const started = pgCtl('start');
    if (started.status !== 0) {
      why = `pg_ctl start failed: ${(started.stderr || started.stdout).trim()}`;
      return;
    }
    const admin = new pg.Client({ connectionString: `postgres://postgres@127.0.0.1:${port}/postgres` });
    await admin.connect();
    await admin.query('create database jiuye');
    await admin.end();
    const dataDir = path.join(dir, 'app');
    fs.mkdirSync(dataDir);
    app = await openApp(loadConfig({}, { databaseUrl: `postgres://postgres@127.0.0.1:${port}/jiuye`, dataDir, adminPassword: ADMIN_PASSWORD, demo: false, logLevel: 'silent', shedDelayMs: 0 }));
    await prepare(app);
    server = await buildServer(app);
    await server.ready();
  }, 300_000);

  afterAll(async () => {
    await server?.close().catch(() => {});
    await app?.database.close().catch(() => {});
    if (dir) {
      pgCtl('stop');
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('answers 503 problem+json with Retry-After while PostgreSQL is stopped, and recovers by itself when it is back', async (ctx) => {
    if (why) {
      console.warn(`database outage test skipped: ${why}`);
      return ctx.skip();
    }
    const s = server!;
    const officer = new Client(s);
    await officer.login('admin', ADMIN_PASSWORD);
    expect((await officer.get('/api/v1/households')).status).toBe(200);
    expect((await s.inject('/readyz')).statusCode).toBe(200);

    // pg_ctl runs synchronously, so the next request checks out a pooled client whose connection has
    // already dropped without its socket having said so yet: the race a live server meets.
    expect(pgCtl('stop').status).toBe(0);
    const checks = {
      readyz: await s.inject('/readyz'),
      read: await s.inject({ url: '/api/v1/households', headers: { cookie: `jiuye_session=${officer.cookie}` } }),
      write: await s.inject({ method: 'POST', url: '/api/v1/households', payload: { householdNo: 'OUT-1', villageCode: '140225100218', category: 'none' }, headers: { cookie: `jiuye_session=${officer.cookie}`, 'x-requested-with': 'jiuye' } }),
      login: await s.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'admin', password: ADMIN_PASSWORD } }),
    };
    for (const [what, r] of Object.entries(checks)) {
      expect(r.statusCode, `${what}: ${r.body}`).toBe(503);
      expect(r.headers['content-type'], what).toMatch(/application\/problem\+json/);
      expect(r.headers['retry-after'], what).toBe('5');
      expect(r.json().code, what).toBe('unavailable');
      expect(r.body, what).not.toMatch(/ECONNREFUSED|at .*\.ts:\d+/);
    }
    expect((await s.inject('/healthz')).statusCode).toBe(200);

    expect(pgCtl('start').status).toBe(0);
    const t0 = Date.now();
    const back = await until(async () => (await s.inject('/readyz')).statusCode === 200, 30_000, 100);
    expect(back, 'the server did not reconnect within 30 s').toBe(true);
    console.info(`database outage: ready again ${Date.now() - t0} ms after PostgreSQL started`);
    const after = await officer.get('/api/v1/households');
    expect(after.status).toBe(200);
    const write = await officer.post('/api/v1/households', { householdNo: 'OUT-2', villageCode: '140225100218', category: 'none' });
    expect(write.status, JSON.stringify(write.body)).toBe(201);
  }, 180_000);
});
