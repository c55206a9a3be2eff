import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COL } from '../../src/app/ledger/import/template.ts';
import { buildServer } from '../../src/http/server.ts';
import type { Server } from '../../src/http/types.ts';
import { ADMIN_PASSWORD, createTestApp, type TestApp } from '../support/app.ts';
import { ENGINES } from '../support/databases.ts';
import { Client } from '../support/http.ts';
import { countyVillages, demoRows, tmp, writeCsv } from './support.ts';
import { upload, waitForJob } from './upload.ts';

describe.each(ENGINES)('ledger import and export over HTTP on %s', (engine) => {
  let t: TestApp;
  let server: Server;
  let admin: Client;
  let officer: Client;
  let rows: string[][];
  beforeAll(async () => {
    t = await createTestApp(engine);
    server = await buildServer(t.app);
    await server.ready();
    admin = new Client(server);
    await admin.login('admin', ADMIN_PASSWORD);
    await admin.post('/api/v1/users', { username: 'hy-officer', password: 'hy-officer-pass-1', role: 'county_officer', regionCode: '140225' });
    officer = new Client(server);
    await officer.login('hy-officer', 'hy-officer-pass-1');
    rows = demoRows(await countyVillages(t.app), 40, 21);
  });
  afterAll(async () => {
    await server?.close();
    await t?.close();
  });

  it('uploads a file, reports progress as a job, and offers the rejected rows as a report', async () => {
    const bad = rows.map((r) => [...r]);
    bad[3][COL.phone] = '110';
    const file = writeCsv(bad);
    const r = await upload(officer, '浑源台账.csv', fs.readFileSync(file));
    expect(r.status).toBe(202);
    expect(r.body).toMatchObject({ fileName: '浑源台账.csv', kind: 'ledger' });
    const done = await waitForJob(officer, r.body.id);
    expect(done.body).toMatchObject({ status: 'done', rowsDone: rows.length, accepted: rows.length - 1, created: rows.length - 1, rejected: 1, hasErrorReport: true });
    const report = await officer.get(`/api/v1/imports/${r.body.id}/errors`);
    expect(report.status).toBe(200);
    expect(String(report.headers['content-type'])).toContain('text/csv');
    expect(report.body).toContain('phone_format');
    expect(report.body).toContain(bad[3][COL.id_number]);
  });

  it('refuses files of other types', async () => {
    const r = await upload(officer, 'ledger.pdf', 'not a ledger');
    expect(r.status).toBe(415);
  });

  it('exports masked by default and in full only to those who may reveal, auditing that', async () => {
    const masked = await officer.get('/api/v1/exports/ledger?format=csv&region=140225');
    expect(masked.status).toBe(200);
    expect(masked.body).toContain('户编号');
    expect(masked.body).not.toContain(rows[0][COL.id_number]);
    const full = await officer.get('/api/v1/exports/ledger?format=csv&reveal=true');
    expect(full.status).toBe(200);
    expect(full.body).toContain(rows[0][COL.id_number]);
    const audit = await t.app.database.db.selectFrom('audit_log').select('action').where('action', '=', 'ledger.export_reveal').execute();
    expect(audit.length).toBeGreaterThan(0);
    const xlsx = await officer.get('/api/v1/exports/ledger');
    expect(xlsx.status).toBe(200);
    expect(String(xlsx.headers['content-type'])).toContain('spreadsheetml');
  });
});

describe('jiuye import ledger (CLI)', () => {
  const run = promisify(execFile);
  it('prints the JSON contract and exits 0 with rejected rows; non-zero when the file cannot be read', async () => {
    const t = await createTestApp('sqlite');
    const villages = await countyVillages(t.app);
    await t.app.database.close();
    const db = t.app.database.url;
    const rows = demoRows(villages, 5, 8);
    rows[1][COL.id_number] = '123';
    const file = writeCsv(rows);
    const env = { ...process.env, JIUYE_DATA_DIR: path.join(tmp, 'cli-data') };
    const bin = path.resolve('bin/jiuye.mjs');
    const r = await run(process.execPath, [bin, '--db', db, '--json', 'import', 'ledger', file], { env });
    const out = JSON.parse(r.stdout);
    expect(Object.keys(out)).toEqual(['accepted', 'created', 'updated', 'unchanged', 'rejected', 'errors']);
    expect(out).toMatchObject({ accepted: rows.length - 1, created: rows.length - 1, rejected: 1, errors: [{ row: 3, column: '身份证号', code: 'id_number_format' }] });
    const dry = JSON.parse((await run(process.execPath, [bin, '--db', db, '--json', 'import', 'ledger', file, '--dry-run'], { env })).stdout);
    expect(dry).toMatchObject({ unchanged: rows.length - 1, created: 0 });
    await expect(run(process.execPath, [bin, '--db', db, '--json', 'import', 'ledger', path.join(tmp, 'missing.csv')], { env })).rejects.toMatchObject({ code: expect.any(Number) });
    fs.rmSync(path.dirname(db.replace(/^sqlite:/, '')), { recursive: true, force: true });
  });
});
