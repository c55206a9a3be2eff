import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemandDemo } from '../../src/app/demand/demo-demand.ts';
import { buildServer } from '../../src/http/server.ts';
import { attach, TRIP } from '../policy/fixtures.ts';
import { countyVillages, demoRows, writeCsv } from '../ledger-import/support.ts';
import { ADMIN_PASSWORD, createTestApp, type TestApp } from '../support/app.ts';
import { ENGINES } from '../support/databases.ts';
import { Client } from '../support/http.ts';
import { sqlitePath } from '../../src/store/database.ts';
import { count, freePort, HOLDS, invariants, jiuye, killDuringWrite, until } from './fault-support.ts';

/**
 * Kills `jiuye import ledger` once some batches have committed, checks the invariants, then runs the
 * same import again: it must complete the file with no duplicates. `flags` go to both runs.
 */
async function killImportAndRerun(t: TestApp, env: Record<string, string>, dbUrl: string, flags: string[] = []) {
  const villages = await countyVillages(t.app);
  // About 35,000 rows by default; JIUYE_FAULT_HOUSEHOLDS=70000 gives the 200,000 of a county ledger.
  const rows = demoRows(villages, Number(process.env.JIUYE_FAULT_HOUSEHOLDS ?? 12_000), 5);
  const file = writeCsv(rows);
  const batch = 2_000;
  const child = jiuye(['import', 'ledger', file, '--db', dbUrl, '--batch-size', String(batch), '--json', ...flags], env);
  const committed = await until(async () => (await count(t.app, 'persons')) >= batch, 240_000, 50);
  expect(committed, `the import committed no batch: ${child.stderr}`).toBe(true);
  child.proc.kill('SIGKILL');
  const exit = await child.exit;
  const done = await count(t.app, 'persons');
  expect(exit.signal, `the import finished before it could be killed (${done} of ${rows.length} rows)`).toBe('SIGKILL');
  expect(done).toBeLessThan(rows.length);
  expect(await invariants(t.app)).toEqual(HOLDS);

  const again = jiuye(['import', 'ledger', file, '--db', dbUrl, '--batch-size', String(batch), '--json', ...flags], env);
  const end = await again.exit;
  expect(end.code, again.stderr).toBe(0);
  const summary = JSON.parse(again.stdout);
  expect(summary.rejected).toBe(0);
  expect(summary.created + summary.unchanged).toBe(rows.length);
  expect(summary.unchanged).toBeGreaterThanOrEqual(done - batch);
  expect(await count(t.app, 'persons')).toBe(rows.length);
  expect(await invariants(t.app)).toEqual(HOLDS);
}

/**
 * kill -9 in the middle of the three bulk jobs that write many rows: a ledger import, a batch match
 * commit and a payment batch. Each is killed while it works; afterwards every invariant holds (see
 * fault-support.ts) and running the job again completes it without duplicates. One SQLite file is
 * shared by the jobs, written by child processes, as an operator's server would be.
 */
describe('kill -9 during bulk jobs (SQLite file)', () => {
  let t: TestApp;
  let env: Record<string, string>;
  let dbUrl: string;
  beforeAll(async () => {
    t = await createTestApp('sqlite');
    dbUrl = t.app.config.databaseUrl;
    env = { JIUYE_DATA_DIR: t.app.config.dataDir, JIUYE_DATABASE_URL: dbUrl, JIUYE_DEMO: '0', JIUYE_ADMIN_PASSWORD: ADMIN_PASSWORD };
  });
  afterAll(async () => {
    await t?.close();
  });

  it('a ledger import killed after some batches committed leaves whole households, and a re-run completes it without duplicates', async () => {
    // Into an empty ledger the command loads in one transaction unless told to commit batch by batch (below).
    await killImportAndRerun(t, env, dbUrl, ['--in-batches']);
  }, 600_000);

  it('a batch match commit killed at any moment writes all its referrals or none, and a re-run fills no place twice', async () => {
    await generateDemandDemo(t.app, { county: '140225', seed: 5 });
    const places = async () => count(t.app, 'referrals');
    const kills: { killed: boolean; signal: string | null; referrals: number }[] = [];
    for (let i = 0; i < 3; i++) {
      const before = await places();
      const child = jiuye(['match', 'run', '--region', '140225', '--commit', '--json'], env);
      const killed = await killDuringWrite(sqlitePath(dbUrl), child);
      const exit = await child.exit;
      kills.push({ killed, signal: exit.signal, referrals: (await places()) - before });
      // All of the run's referrals or none of them.
      if (killed) expect((await places()) - before).toBe(0);
      expect(await invariants(t.app)).toEqual(HOLDS);
    }
    expect(kills.some((k) => k.killed), JSON.stringify(kills)).toBe(true);
    const run = jiuye(['match', 'run', '--region', '140225', '--commit', '--json'], env);
    const end = await run.exit;
    expect(end.code, run.stderr).toBe(0);
    const first = JSON.parse(run.stdout);
    expect(await invariants(t.app)).toEqual(HOLDS);
    const total = await places();
    expect(total).toBeGreaterThan(0);
    // A second run finds every place taken or every person referred: nothing more to write.
    const rerun = jiuye(['match', 'run', '--region', '140225', '--commit', '--json'], env);
    expect((await rerun.exit).code, rerun.stderr).toBe(0);
    expect(JSON.parse(rerun.stdout).referralsCreated).toBe(0);
    expect(await places()).toBe(total);
    expect(await invariants(t.app)).toEqual(HOLDS);
    console.info('match kills', JSON.stringify(kills), 'completed run created', first.referralsCreated);
  }, 600_000);

  it('a payment batch killed while the server writes it pays each claim once and the ledger sums to the paid claims', async () => {
    // Approved claims, made through the API in this process; then the server runs as its own process.
    const server = await buildServer(t.app);
    const admin = new Client(server);
    await admin.login('admin', ADMIN_PASSWORD);
    for (const [username, role, regionCode] of [['fault-county', 'county_officer', '141127'], ['fault-town', 'town_commissioner', '141127100']]) {
      expect((await admin.post('/api/v1/users', { username, password: `${username}-pw-1`, role, regionCode })).status).toBe(201);
    }
    const county = new Client(server);
    await county.login('fault-county', 'fault-county-pw-1');
    const town = new Client(server);
    await town.login('fault-town', 'fault-town-pw-1');
    const claims = 60;
    expect((await county.put('/api/v1/budgets', { fund: 'employment-subsidy', regionCode: '141127', year: 2020, amount: 1_000_000 })).status).toBe(200);
    for (let i = 0; i < claims; i++) {
      const c = await county.post('/api/v1/claims', { policy: 'transport-subsidy-shanxi-2020', subjectKind: 'trip', subjectId: `fault-trip-${i}`, personId: 10_000 + i, regionCode: '141127100200', facts: { ...TRIP, travelCost: 100 + i }, submit: true });
      expect(c.status, JSON.stringify(c.body)).toBe(201);
      expect((await attach(county, c.body.id, 'ticket')).status).toBe(201);
      expect((await town.post(`/api/v1/claims/${c.body.id}/decisions`, { decision: 'approve' })).status).toBe(200);
      const done = await county.post(`/api/v1/claims/${c.body.id}/decisions`, { decision: 'approve' });
      expect(done.status, JSON.stringify(done.body)).toBe(200);
    }
    await server.close();

    const port = await freePort();
    const start = async () => {
      const s = jiuye(['serve', '--port', String(port), '--host', '127.0.0.1'], env);
      const up = await until(async () => (await fetch(`http://127.0.0.1:${port}/readyz`).catch(() => null))?.status === 200, 120_000, 200);
      expect(up, s.stderr).toBe(true);
      const login = await fetch(`http://127.0.0.1:${port}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'fault-county', password: 'fault-county-pw-1' }) });
      const cookie = /jiuye_session=([^;]+)/.exec(login.headers.get('set-cookie') ?? '')?.[1];
      expect(cookie).toBeDefined();
      return { s, cookie: cookie! };
    };
    const pay = (cookie: string, reference: string) =>
      fetch(`http://127.0.0.1:${port}/api/v1/payment-batches`, { method: 'POST', headers: { 'content-type': 'application/json', cookie: `jiuye_session=${cookie}`, 'x-requested-with': 'jiuye' }, body: JSON.stringify({ fund: 'employment-subsidy', regionCode: '141127', entryDate: '2020-04-01', reference }) });

    const outcomes: string[] = [];
    for (let i = 0; i < 3; i++) {
      const { s, cookie } = await start();
      const reference = `FAULT-${crypto.randomBytes(3).toString('hex')}`;
      const sent = pay(cookie, reference).then((r) => r.status).catch(() => 'cut');
      const killed = await killDuringWrite(sqlitePath(dbUrl), s, 60_000);
      await s.exit;
      outcomes.push(`${killed ? 'killed while writing' : 'not killed'}: ${await sent}, ${await count(t.app, 'payment_batches')} batch(es)`);
      if (killed) expect(await count(t.app, 'payment_batches')).toBe(0);
      expect(await invariants(t.app)).toEqual(HOLDS);
    }
    expect(outcomes.some((o) => o.startsWith('killed')), outcomes.join('; ')).toBe(true);
    const { s, cookie } = await start();
    const last = await pay(cookie, `FAULT-FINAL-${crypto.randomBytes(3).toString('hex')}`);
    expect([201, 422]).toContain(last.status);
    const again = await pay(cookie, `FAULT-AGAIN-${crypto.randomBytes(3).toString('hex')}`);
    expect(again.status, 'every approved claim is paid: nothing left for another batch').toBe(422);
    s.proc.kill('SIGTERM');
    await s.exit;
    const db = t.app.database.db;
    const paid = await db.selectFrom('claims').select((eb) => eb.fn.countAll().as('n')).where('status', '=', 'paid').executeTakeFirstOrThrow();
    expect(Number(paid.n)).toBe(claims);
    expect(await count(t.app, 'payment_entries')).toBe(claims);
    expect(await invariants(t.app)).toEqual(HOLDS);
    console.info('payment kills', outcomes.join('; '));
  }, 600_000);
});

describe('a full disk during an import', () => {
  const mount = fs.mkdtempSync('/tmp/jiuye-fulldisk-');
  let mounted = false;
  let t: TestApp | undefined;
  beforeAll(async () => {
    const { spawnSync } = await import('node:child_process');
    const m = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=160m', 'tmpfs', mount], { encoding: 'utf8' });
    mounted = m.status === 0;
    if (!mounted) console.warn(`full-disk test skipped: cannot mount a tmpfs (${m.stderr.trim() || m.error?.message})`);
  });
  afterAll(async () => {
    await t?.app.database.close().catch(() => {});
    if (mounted) (await import('node:child_process')).spawnSync('umount', ['-l', mount]);
    fs.rmSync(mount, { recursive: true, force: true });
  });

  it('fails with a clear error and leaves only whole batches; with space again a re-run completes', async (ctx) => {
    if (!mounted) return ctx.skip();
    const { openApp, prepare } = await import('../../src/app/bootstrap.ts');
    const { loadConfig } = await import('../../src/config.ts');
    const config = loadConfig({}, { databaseUrl: `sqlite:${path.join(mount, 'jiuye.db')}`, dataDir: mount, adminPassword: ADMIN_PASSWORD, demo: false, logLevel: 'silent', shedDelayMs: 0 });
    const app = await openApp(config);
    await prepare(app);
    t = { app, engine: 'sqlite', close: async () => app.database.close() };
    const villages = await countyVillages(app);
    const rows = demoRows(villages, 12_000, 9);
    const file = writeCsv(rows);
    // Leave about 3 MB: a few batches fit, the rest of the file does not.
    const filler = path.join(mount, 'filler');
    const free = () => {
      const s = fs.statfsSync(mount);
      return s.bavail * s.bsize;
    };
    fs.writeFileSync(filler, Buffer.alloc(Math.max(0, free() - 3 * 1024 * 1024)));
    const child = jiuye(['import', 'ledger', file, '--db', config.databaseUrl, '--batch-size', '1000'], { JIUYE_DATA_DIR: mount });
    const exit = await child.exit;
    expect(exit.code, child.stdout).not.toBe(0);
    expect(exit.signal).toBe(null);
    expect(child.stderr).toMatch(/disk is full|no space|SQLITE_FULL|ENOSPC/i);
    expect(child.stderr).not.toMatch(/\n\s+at .*\(.*:\d+:\d+\)/);
    const partial = await count(app, 'persons');
    expect(partial).toBeLessThan(rows.length);
    // Figures of the committed batches are recounted once there is room to write them again.
    fs.rmSync(filler);
    expect(await invariants(app)).toEqual(HOLDS);

    const again = jiuye(['import', 'ledger', file, '--db', config.databaseUrl, '--batch-size', '1000', '--json'], { JIUYE_DATA_DIR: mount });
    expect((await again.exit).code, again.stderr).toBe(0);
    expect(await count(app, 'persons')).toBe(rows.length);
    expect(await invariants(app)).toEqual(HOLDS);
    console.info(`full disk: ${partial} of ${rows.length} rows committed before the disk filled; message: ${child.stderr.trim().split('\n')[0]}`);
  }, 600_000);
});

/**
 * Into an empty SQLite ledger `jiuye import ledger` loads the whole file in one transaction: killed
 * in the middle, it keeps nothing at all (no person, no household, no queued recount) and every
 * index it set aside is there again; the next run loads the file completely.
 */
describe('kill -9 during a first load into an empty ledger (SQLite, one transaction)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('sqlite');
  });
  afterAll(async () => {
    await t?.close();
  });
  const indexes = () => t.app.database.sqlite!.prepare(`select name, sql from sqlite_master where type = 'index' and sql is not null order by name`).all();
  const tables = async () => ({ persons: await count(t.app, 'persons'), households: await count(t.app, 'households'), history: await count(t.app, 'household_category_history') });

  it('keeps nothing of a load killed midway, leaves every index, and a re-run loads it all', async () => {
    const dbUrl = t.app.config.databaseUrl;
    const env = { JIUYE_DATA_DIR: t.app.config.dataDir, JIUYE_DATABASE_URL: dbUrl, JIUYE_DEMO: '0', JIUYE_ADMIN_PASSWORD: ADMIN_PASSWORD };
    const rows = demoRows(await countyVillages(t.app), 12_000, 7);
    const file = writeCsv(rows);
    const before = { indexes: indexes(), tables: await tables() };
    expect(before.tables.persons).toBe(0);

    const child = jiuye(['import', 'ledger', file, '--db', dbUrl, '--batch-size', '2000', '--json'], env);
    // Killed once it has held the write lock for a while: in the middle of writing its rows.
    const killed = await killDuringWrite(sqlitePath(dbUrl), child, 240_000, 400);
    const exit = await child.exit;
    expect(killed, `the import finished before it could be killed: ${child.stdout}`).toBe(true);
    expect(exit.signal).toBe('SIGKILL');
    expect(await tables()).toEqual(before.tables);
    expect(indexes()).toEqual(before.indexes);
    expect(await invariants(t.app)).toEqual(HOLDS);

    const again = jiuye(['import', 'ledger', file, '--db', dbUrl, '--batch-size', '2000', '--json'], env);
    const end = await again.exit;
    expect(end.code, again.stderr).toBe(0);
    const summary = JSON.parse(again.stdout);
    expect(summary).toMatchObject({ created: rows.length, unchanged: 0, rejected: 0 });
    expect(await count(t.app, 'persons')).toBe(rows.length);
    expect(indexes()).toEqual(before.indexes);
    expect(await invariants(t.app)).toEqual(HOLDS);
    // The ID-number index is back and unique: a second load of the same file finds every row unchanged.
    const third = jiuye(['import', 'ledger', file, '--db', dbUrl, '--json'], env);
    expect((await third.exit).code, third.stderr).toBe(0);
    expect(JSON.parse(third.stdout)).toMatchObject({ created: 0, unchanged: rows.length });
  }, 600_000);
});

describe.skipIf(!ENGINES.includes('postgres'))('kill -9 during a ledger import (PostgreSQL)', () => {
  let t: TestApp;
  let env: Record<string, string>;
  beforeAll(async () => {
    t = await createTestApp('postgres');
    env = { JIUYE_DATA_DIR: t.app.config.dataDir, JIUYE_DATABASE_URL: t.app.config.databaseUrl, JIUYE_DEMO: '0', JIUYE_ADMIN_PASSWORD: ADMIN_PASSWORD };
  });
  afterAll(async () => {
    await t?.close();
  });

  it('a ledger import killed after some batches committed leaves whole households, and a re-run completes it without duplicates', async () => {
    await killImportAndRerun(t, env, t.app.config.databaseUrl);
  }, 600_000);
});
