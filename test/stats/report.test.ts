import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmployer } from '../../src/app/demand/employers.ts';
import { createHousehold } from '../../src/app/ledger/households.ts';
import { regionStats } from '../../src/app/stats/stats-queries.ts';
import type { Actor } from '../../src/domain/access/actor.ts';
import { buildServer } from '../../src/http/server.ts';
import type { Server } from '../../src/http/types.ts';
import { creditCode } from '../demand/support.ts';
import { nextHouseholdNo, nextId } from '../ledger/ledger-fixture.ts';
import { ADMIN_PASSWORD, createTestApp, type TestApp } from '../support/app.ts';
import { ENGINES } from '../support/databases.ts';
import { Client } from '../support/http.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

function cli(args: string[], env: Record<string, string>): Promise<{ code: number; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(ROOT, 'bin/jiuye.mjs'), ...args], { cwd: ROOT, env: { ...process.env, ...env, JIUYE_LOG_LEVEL: 'silent' } });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('close', (code) => resolve({ code: code ?? -1, out, err }));
  });
}

async function sheetOf(buf: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as any);
  return wb;
}

const text = (ws: ExcelJS.Worksheet, r: number) => (ws.getRow(r).values as unknown[]).slice(1).map((v) => (v == null ? null : typeof v === 'object' ? JSON.stringify(v) : v));

describe.each(ENGINES)('the statistics report on %s', (engine) => {
  let t: TestApp;
  let server: Server;
  let admin: Client;
  let actor: Actor;
  beforeAll(async () => {
    t = await createTestApp(engine);
    server = await buildServer(t.app);
    await server.ready();
    admin = new Client(server);
    await admin.login('admin', ADMIN_PASSWORD);
    const u = await t.app.database.db.selectFrom('users').select(['id']).where('username', '=', 'admin').executeTakeFirstOrThrow();
    actor = { userId: Number(u.id), username: 'admin', role: 'admin', regionCode: '', employerId: null };
    for (const [village, n] of [['140225100010', 3], ['140225101200', 2]] as const) {
      await createHousehold(t.app, actor, { householdNo: nextHouseholdNo('RPT'), villageCode: village, category: 'lifted', relocated: false, members: Array.from({ length: n }, (_, i) => ({ relation: i ? 'child' : 'head', name: `报表${i}`, idNumber: nextId(), laborCapacity: 'full', employmentStatus: i ? 'employed_county' : 'seeking' })) } as any);
    }
    // Located at the county itself, so it belongs to no township: the report shows it on its own row.
    await createEmployer(t.app, actor, { name: '县人社局', creditCode: creditCode(777), regionCode: '140225', operatingStatus: 'operating', employeesTotal: 10, poorEmployees: 0 } as any);
  });
  afterAll(async () => {
    await server?.close();
    await t?.close();
  });

  it('exports one row per township, the county\'s own records and a totals row, with Chinese headers and a titled, dated sheet', async () => {
    const res = await server.inject({ method: 'GET', url: '/api/v1/stats/report.xlsx?region=140225', headers: { cookie: `jiuye_session=${admin.cookie}` } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = await sheetOf(res.rawPayload);
    const ws = wb.getWorksheet('统计报表')!;
    expect(String(ws.getCell(1, 1).value)).toBe('浑源县农村劳动力转移就业统计报表');
    expect(String(ws.getCell(2, 1).value)).toContain(`统计截至：${new Date().toISOString().slice(0, 10)}`);
    expect(text(ws, 4).slice(0, 4)).toEqual(['乡镇名称', '区划代码', '登记劳动力', '脱贫户劳动力']);
    const towns = await t.app.database.db.selectFrom('regions').select('code').where('parent_code', '=', '140225').execute();
    const body = Array.from({ length: ws.rowCount - 4 }, (_, i) => text(ws, i + 5));
    expect(body.length).toBe(towns.length + 2);
    const col = (key: string) => text(ws, 4).indexOf(key);
    const laborers = col('登记劳动力');
    const employers = col('登记用人单位');
    expect(body.find((r) => r[1] === '140225100')![laborers]).toBe(3);
    expect(body.find((r) => r[1] === '140225101')![laborers]).toBe(2);
    const own = body[body.length - 2];
    expect(own[0]).toMatch(/^本级/);
    expect(own[employers]).toBe(1);
    expect(own[laborers]).toBe(0);
    const totals = body[body.length - 1];
    expect(totals[0]).toBe('合计');
    const now = await regionStats(t.app, actor, { region: '140225' });
    expect(totals[laborers]).toBe(now.values.laborers);
    expect(totals[employers]).toBe(1);
    expect(totals[col('就业率（%）')]).toBe(now.ratios.at_work_pct);
    expect(ws.pageSetup.orientation).toBe('landscape');
    expect(ws.pageSetup.paperSize).toBe(9);
    expect(wb.getWorksheet('指标说明')!.rowCount).toBeGreaterThan(30);
  });

  it('reports as of a past date from the daily history', async () => {
    const res = await server.inject({ method: 'GET', url: '/api/v1/stats/report.xlsx?region=140225&date=2019-12-31', headers: { cookie: `jiuye_session=${admin.cookie}` } });
    const ws = (await sheetOf(res.rawPayload)).getWorksheet('统计报表')!;
    expect(String(ws.getCell(2, 1).value)).toContain('统计截至：2019-12-31');
    const totals = text(ws, ws.rowCount);
    expect(totals[0]).toBe('合计');
    expect(totals.slice(2).filter((v) => typeof v === 'number' && v !== 0)).toEqual([]);
    const bad = await admin.get('/api/v1/stats/report.xlsx?region=140225&date=2020-02-30');
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0]).toMatchObject({ field: 'date', code: 'date_format' });
  });

  it('writes the same report from the command line', async () => {
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'jiuye-report-')), 'hunyuan.xlsx');
    const r = await cli(['--db', t.app.config.databaseUrl, '--json', 'stats', 'report', '--region', '140225', '--out', out], { JIUYE_DATA_DIR: t.app.config.dataDir });
    expect(r.code, r.err).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ file: out, region: '140225' });
    const ws = (await sheetOf(fs.readFileSync(out))).getWorksheet('统计报表')!;
    expect(String(ws.getCell(1, 1).value)).toBe('浑源县农村劳动力转移就业统计报表');
    fs.rmSync(path.dirname(out), { recursive: true, force: true });
  });
});
