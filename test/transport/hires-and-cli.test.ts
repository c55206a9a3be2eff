import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { creditCodeCheckChar } from '../../src/domain/demand/credit-code.ts';
import { makeIdNumber } from '../../src/domain/ledger/id-number.ts';
import { buildServer } from '../../src/http/server.ts';
import type { Server } from '../../src/http/types.ts';
import { ADMIN_PASSWORD, createTestApp, type TestApp } from '../support/app.ts';
import { ENGINES } from '../support/databases.ts';
import { Client } from '../support/http.ts';
import { DATONG_SITE, HUNYUAN, loginSettled } from './seed.ts';
import { chinaToday } from '../../src/domain/dates.ts';

const root = resolve(import.meta.dirname, '../..');
// A hire is dated the day it is recorded, so the hired person's first day to travel is today.
// Steps are dated in China time: from 16:00 UTC on, that is already tomorrow in UTC terms.
const TODAY = chinaToday();

/** Runs the command without blocking this process's event loop (the in-process server sheds load when it is blocked). */
function jiuye(args: string[], dataDir: string): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [join(root, 'bin/jiuye.mjs'), ...args], { cwd: root, env: { ...process.env, JIUYE_DATA_DIR: dataDir, JIUYE_LOG_LEVEL: 'silent' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', fail);
    child.on('close', (status) => done({ status, stdout, stderr }));
  });
}

describe.each(ENGINES)('transport with matching’s hires and the command line on %s', (engine) => {
  let t: TestApp;
  let server: Server;
  let admin: Client;
  const ids: Record<string, number> = {};

  beforeAll(async () => {
    t = await createTestApp(engine);
    server = await buildServer(t.app);
    admin = new Client(server);
    await loginSettled(admin, 'admin', ADMIN_PASSWORD);
    const body = `91${DATONG_SITE}MA0000001`;
    const e = await admin.post('/api/v1/employers', { name: '大同某物流公司', creditCode: body + creditCodeCheckChar(body), regionCode: DATONG_SITE, scopeCode: '14', operatingStatus: 'operating', employeesTotal: 80, poorEmployees: 5 });
    if (e.status !== 201) throw new Error(JSON.stringify(e.body));
    ids.employer = e.body.id;
    const p = await admin.post('/api/v1/postings', { employerId: e.body.id, title: '装卸工', occupationCode: '4-02-06-01', postType: 'regular', openings: 5, payMinFen: 300_000, payMaxFen: 400_000, regionCode: DATONG_SITE, startDate: '2020-03-18', status: 'open' });
    if (p.status !== 201) throw new Error(JSON.stringify(p.body));
    ids.posting = p.body.id;
    const h = await admin.post('/api/v1/households', {
      householdNo: 'HY-M-1', villageCode: '140225101204', category: 'lifted',
      members: [
        { relation: 'head', name: '意向人', idNumber: makeIdNumber(HUNYUAN, '1979-06-01', 11), laborCapacity: 'full', employmentStatus: 'seeking', availableFrom: '2020-03-19' },
        { relation: 'spouse', name: '已录用', idNumber: makeIdNumber(HUNYUAN, '1981-06-01', 12), laborCapacity: 'full', employmentStatus: 'seeking', availableFrom: '2020-03-18' },
      ],
    });
    if (h.status !== 201) throw new Error(JSON.stringify(h.body));
    [ids.intending, ids.hired] = h.body.members.map((m: { id: number }) => m.id);
    for (const who of ['intending', 'hired']) {
      const r = await admin.post('/api/v1/referrals', { personId: ids[who], postingId: ids.posting, source: 'fair_intention' });
      if (r.status !== 201) throw new Error(JSON.stringify(r.body));
      ids[`${who}Referral`] = r.body.id;
    }
    const hire = await admin.post(`/api/v1/referrals/${ids.hiredReferral}/transitions`, { to: 'hired', note: '录用' });
    if (hire.status !== 200) throw new Error(JSON.stringify(hire.body));
  });
  afterAll(async () => {
    await server?.close();
    await t?.close();
  });

  it('plans from the command line: a dry run prints, --commit creates, a re-run plans nobody', async () => {
    const db = ['--db', t.app.config.databaseUrl];
    const dry = await jiuye(['transport', 'plan', '--region', HUNYUAN, '--from', TODAY, '--window', '5', ...db], t.app.config.dataDir);
    expect(dry.stderr).toBe('');
    expect(dry.status).toBe(0);
    expect(dry.stdout).toMatch(new RegExp(`Dry run: region 140225, from ${TODAY}`));
    expect(dry.stdout).toMatch(/Cost 600\.00 yuan, lower bound 600\.00 yuan, gap 0\.00%/);
    expect(dry.stdout).toMatch(/浑源县 → 大同某物流公司 \(140213\)\s+car-4 2\/4/);

    const fleet = join(t.app.config.dataDir, 'fleet.json');
    writeFileSync(fleet, JSON.stringify([{ type: 'van-7', mode: 'minibus', capacity: 7, costFen: 45_000 }]));
    const committed = await jiuye(['transport', 'plan', '--region', HUNYUAN, '--from', TODAY, '--window', '5', '--fleet', fleet, '--commit', '--json', ...db], t.app.config.dataDir);
    expect(committed.stderr).toBe('');
    const plan = JSON.parse(committed.stdout);
    expect(plan).toMatchObject({ committed: true, travelers: 2, sources: { employment: 1, referral: 1, ledger: 0 }, costFen: 45_000, lowerBoundFen: 45_000 });
    expect(plan.trips).toEqual([expect.objectContaining({ vehicleType: 'van-7', mode: 'minibus', travelDate: TODAY, destination: expect.objectContaining({ employerId: ids.employer }) })]);
    ids.trip = plan.trips[0].id;

    const again = await jiuye(['transport', 'plan', '--region', HUNYUAN, '--from', TODAY, '--commit', '--json', ...db], t.app.config.dataDir);
    expect(JSON.parse(again.stdout)).toMatchObject({ travelers: 0, alreadyOnTrips: 2, trips: [] });

    const bad = await jiuye(['transport', 'plan', '--region', 'x', ...db], t.app.config.dataDir);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/region: must be a region code/);
  });

  it('marks the hire at work on arrival, and hires the one who only had an intention', async () => {
    const url = `/api/v1/trips/${ids.trip}`;
    const boarding = await admin.post(`${url}/transitions`, { to: 'boarding' });
    expect(boarding.status, JSON.stringify(boarding.body)).toBe(200);
    for (const p of (await admin.get(url)).body.passengers) {
      await admin.post(`${url}/passengers/${p.id}/check`, { temperature: 36.2, healthCertificate: true, kitIssued: true });
      expect((await admin.post(`${url}/passengers/${p.id}/board`, {})).status).toBe(200);
    }
    await admin.post(`${url}/transitions`, { to: 'departed' });
    const arrived = await admin.post(`${url}/transitions`, { to: 'arrived' });
    expect(arrived.status, JSON.stringify(arrived.body)).toBe(200);
    expect(arrived.body.hires.map((h: any) => [h.referralId, h.status, h.error]).sort()).toEqual([[ids.hiredReferral, 'at_work', null], [ids.intendingReferral, 'at_work', null]].sort());
    for (const r of [ids.hiredReferral, ids.intendingReferral]) expect((await admin.get(`/api/v1/referrals/${r}`)).body.status).toBe('at_work');
    const person = await admin.get(`/api/v1/persons/${ids.intending}`);
    expect(person.body).toMatchObject({ employmentStatus: 'employed_province', employerName: '大同某物流公司' });
    // 450 yuan over two riders. The hire was dated today, so they travelled today: outside the 2020
    // policy's period, so the claims are filed but stay ineligible drafts, with the rule that failed.
    expect(arrived.body.claims.map((c: any) => [c.eligible, c.status, c.error])).toEqual([[false, 'draft', null], [false, 'draft', null]]);
    const claim = await admin.get(`/api/v1/claims/${arrived.body.claims[0].claimId}`);
    expect(claim.body.explanation.filter((l: any) => !l.passed).map((l: any) => l.condition)).toEqual(['travel-in-period']);
    expect(arrived.body.passengers.map((p: any) => p.costShareFen)).toEqual([22_500, 22_500]);
  });
});
