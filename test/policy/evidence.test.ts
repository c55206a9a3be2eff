import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evidenceDir } from '../../src/app/policy/evidence.ts';
import { buildServer } from '../../src/http/server.ts';
import type { Server } from '../../src/http/types.ts';
import { ADMIN_PASSWORD, createTestApp, type TestApp } from '../support/app.ts';
import { ENGINES } from '../support/databases.ts';
import { HIRE, JPEG, PDF, PNG, PatientClient, TRIP, attach } from './fixtures.ts';

const sha256 = (b: Buffer) => crypto.createHash('sha256').update(b).digest('hex');
const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(64, 0x90), Buffer.from('This program cannot be run in DOS mode.')]);

describe.each(ENGINES)('claim evidence on %s', (engine) => {
  let t: TestApp;
  let server: Server;
  let admin: PatientClient;
  let county: PatientClient;
  let town: PatientClient;
  let other: PatientClient;
  let viewer: PatientClient;
  let n = 0;

  const tripClaim = async (submit = true) => {
    const r = await county.post('/api/v1/claims', { policy: 'transport-subsidy-shanxi-2020', subjectKind: 'trip', subjectId: `ev-trip-${++n}`, personId: 7000 + n, regionCode: '141127100200', facts: TRIP, submit });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    return r.body;
  };
  const hireClaim = async () => {
    const r = await county.post('/api/v1/claims', { policy: 'hiring-subsidy-lan-2020', subjectKind: 'hire', subjectId: `ev-hire-${++n}`, personId: 7000 + n, employerId: 70, regionCode: '141127100', facts: HIRE, submit: true });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    return r.body;
  };
  /** The stored files and the evidence rows: what a refused upload must leave as it was. */
  const written = async () => ({
    files: fs.existsSync(evidenceDir(t.app)) ? fs.readdirSync(evidenceDir(t.app)).sort() : [],
    rows: Number((await t.app.database.db.selectFrom('claim_evidence').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n),
    audit: Number((await t.app.database.db.selectFrom('audit_log').select((eb) => eb.fn.countAll().as('n')).where('action', '=', 'claim.evidence.add').executeTakeFirstOrThrow()).n),
  });

  beforeAll(async () => {
    t = await createTestApp(engine);
    server = await buildServer(t.app);
    admin = new PatientClient(server);
    await admin.login('admin', ADMIN_PASSWORD);
    for (const [username, role, regionCode] of [['ev-county', 'county_officer', '141127'], ['ev-town', 'town_commissioner', '141127100'], ['ev-other', 'county_officer', '140225'], ['ev-viewer', 'viewer', '141127']]) {
      expect((await admin.post('/api/v1/users', { username, password: `${username}-pass-1`, role, regionCode })).status).toBe(201);
    }
    const login = async (u: string) => {
      const c = new PatientClient(server);
      await c.login(u, `${u}-pass-1`);
      return c;
    };
    county = await login('ev-county');
    town = await login('ev-town');
    other = await login('ev-other');
    viewer = await login('ev-viewer');
    expect((await county.put('/api/v1/budgets', { fund: 'employment-subsidy', regionCode: '141127', year: 2020, amount: 1_000_000 })).status).toBe(200);
  });
  afterAll(async () => {
    await server?.close();
    await t?.close();
  });

  it('stores a file under a generated name, lists it with its SHA-256 and gives it back byte for byte', async () => {
    const c = await tripClaim();
    const up = await attach(county, c.id, 'ticket', PDF, 'application/pdf', '车票 3月10日.pdf');
    expect(up.status, JSON.stringify(up.body)).toBe(201);
    expect(up.body).toEqual({ id: expect.any(Number), kind: 'ticket', name: '车票 3月10日.pdf', contentType: 'application/pdf', size: PDF.length, sha256: sha256(PDF), uploadedBy: 'ev-county', uploadedAt: expect.any(String) });
    const png = await attach(county, c.id, 'ticket', PNG, 'image/png', 'photo.png');
    expect(png.status).toBe(201);
    const jpeg = await attach(county, c.id, 'ticket', JPEG, 'image/jpeg; charset=binary', '');
    expect(jpeg.status).toBe(201);
    expect(jpeg.body).toMatchObject({ name: 'ticket.jpg', contentType: 'image/jpeg', sha256: sha256(JPEG) });

    const list = await county.get(`/api/v1/claims/${c.id}/evidence`);
    expect(list.status).toBe(200);
    expect(list.body.items.map((e: any) => [e.name, e.contentType, e.size])).toEqual([['车票 3月10日.pdf', 'application/pdf', PDF.length], ['photo.png', 'image/png', PNG.length], ['ticket.jpg', 'image/jpeg', JPEG.length]]);
    expect(await town.get(`/api/v1/claims/${c.id}/evidence`)).toMatchObject({ status: 200 });

    const down = await server.inject({ method: 'GET', url: `/api/v1/claims/${c.id}/evidence/${up.body.id}`, headers: { cookie: `jiuye_session=${county.cookie}` } });
    expect(down.statusCode).toBe(200);
    expect(down.headers['content-type']).toBe('application/pdf');
    expect(down.headers['content-disposition']).toBe(`attachment; filename="__ 3_10_.pdf"; filename*=UTF-8''${encodeURIComponent('车票 3月10日.pdf')}`);
    expect(sha256(down.rawPayload)).toBe(up.body.sha256);
    expect(down.rawPayload.equals(PDF)).toBe(true);

    // On disk: one file per upload, named by a generated id, holding exactly the bytes.
    const files = fs.readdirSync(evidenceDir(t.app));
    const stored = (await t.app.database.db.selectFrom('claim_evidence').select(['storage_key', 'sha256']).where('claim_id', '=', c.id).execute());
    expect(stored).toHaveLength(3);
    for (const s of stored) {
      expect(s.storage_key).toMatch(/^[0-9a-f-]{36}$/);
      expect(files).toContain(s.storage_key);
      expect(sha256(fs.readFileSync(path.join(evidenceDir(t.app), s.storage_key)))).toBe(s.sha256);
    }
    const audit = await county.get(`/api/v1/audit?entity=claim&entityId=${c.id}`);
    expect(audit.body.items.filter((e: any) => e.action === 'claim.evidence.add')).toHaveLength(3);
  });

  it('keeps a path in the name harmless: the file is stored under its generated id and shown by its last part', async () => {
    const c = await tripClaim();
    const target = path.resolve(evidenceDir(t.app), '../../etc/passwd');
    const existed = fs.existsSync(target);
    const r = await attach(county, c.id, 'ticket', PDF, 'application/pdf', '../../etc/passwd');
    expect(r.status).toBe(201);
    expect(r.body.name).toBe('passwd');
    expect(fs.existsSync(target)).toBe(existed);
    const win = await attach(county, c.id, 'ticket', PDF, 'application/pdf', '..\\..\\boot.ini');
    expect(win.body.name).toBe('boot.ini');
    const dots = await attach(county, c.id, 'ticket', PDF, 'application/pdf', '..');
    expect(dots.body.name).toBe('ticket.pdf');
    const down = await server.inject({ method: 'GET', url: `/api/v1/claims/${c.id}/evidence/${r.body.id}`, headers: { cookie: `jiuye_session=${county.cookie}` } });
    expect(down.headers['content-disposition']).toBe(`attachment; filename="passwd"; filename*=UTF-8''passwd`);
    expect(fs.readdirSync(evidenceDir(t.app)).every((f) => /^[0-9a-f-]{36}$/.test(f))).toBe(true);
  });

  it('refuses a wrong type, kind or size and writes nothing', async () => {
    const c = await tripClaim();
    const before = await written();
    const exe = await attach(county, c.id, 'ticket', EXE, 'application/pdf', 'ticket.pdf');
    expect(exe.status).toBe(415);
    expect(exe.body).toMatchObject({ code: 'evidence_type' });
    expect(exe.body.detail).toContain('application/pdf');
    const disguised = await attach(county, c.id, 'ticket', PNG, 'application/pdf');
    expect(disguised.body.code).toBe('evidence_type');
    const empty = await attach(county, c.id, 'ticket', Buffer.alloc(0), 'image/png');
    expect(empty.body.code).toBe('evidence_type');
    const text = await attach(county, c.id, 'ticket', Buffer.from('%PDF-1.4 as text'), 'text/plain');
    expect(text.status).toBe(415);
    const kind = await attach(county, c.id, 'passport');
    expect(kind.status).toBe(400);
    expect(kind.body).toMatchObject({ code: 'evidence_kind' });
    expect(kind.body.detail).toContain('ticket');
    const big = Buffer.concat([PDF, Buffer.alloc(10 * 1024 * 1024 + 1 - PDF.length, 0x20)]);
    const tooBig = await attach(county, c.id, 'ticket', big);
    expect(tooBig.status).toBe(413);
    expect(tooBig.headers['content-type']).toContain('application/problem+json');
    expect(tooBig.body).toMatchObject({ status: 413, code: 'payload_too_large' });
    expect(await written()).toEqual(before);
    // Exactly 10 MB is accepted.
    const limit = await attach(county, c.id, 'ticket', big.subarray(0, 10 * 1024 * 1024));
    expect(limit.status).toBe(201);
    expect(limit.body.size).toBe(10 * 1024 * 1024);
  });

  it('keeps evidence within the claim’s region and away from viewers', async () => {
    const c = await tripClaim();
    const up = await attach(county, c.id, 'ticket');
    const before = await written();
    expect((await attach(other, c.id, 'ticket')).status).toBe(404);
    expect((await other.get(`/api/v1/claims/${c.id}/evidence`)).status).toBe(404);
    expect((await other.get(`/api/v1/claims/${c.id}/evidence/${up.body.id}`)).status).toBe(404);
    expect((await viewer.get(`/api/v1/claims/${c.id}/evidence`)).status).toBe(403);
    expect((await viewer.get(`/api/v1/claims/${c.id}`)).status).toBe(200);
    expect((await county.get(`/api/v1/claims/${c.id}/evidence/999999`)).status).toBe(404);
    expect(await written()).toEqual(before);
  });

  it('refuses to approve a claim while required evidence is missing, naming it; submission does not need it', async () => {
    const c = await hireClaim();
    expect(c.status).toBe('submitted');
    const none = await town.post(`/api/v1/claims/${c.id}/decisions`, { decision: 'approve' });
    expect(none.status).toBe(422);
    expect(none.body.code).toBe('evidence_missing');
    expect(none.body.detail).toContain('Labor contract (labor-contract)');
    expect(none.body.errors.map((e: any) => e.message)).toEqual(['Labor contract (labor-contract) is required', 'Proof of SME status (sme-proof) is required']);
    expect((await attach(county, c.id, 'labor-contract')).status).toBe(201);
    const one = await town.post(`/api/v1/claims/${c.id}/decisions`, { decision: 'approve' });
    expect(one.body.code).toBe('evidence_missing');
    expect(one.body.errors.map((e: any) => e.messageZh)).toEqual(['缺少证明材料：中小企业划型证明']);
    expect((await county.get(`/api/v1/claims/${c.id}`)).body).toMatchObject({ status: 'submitted', currentStep: 0 });
    // A rejection needs no evidence.
    const other = await hireClaim();
    expect((await town.post(`/api/v1/claims/${other.id}/decisions`, { decision: 'reject', reason: 'no contract' })).status).toBe(200);
    expect((await attach(county, other.id, 'labor-contract')).body.code).toBe('claim_closed');

    expect((await attach(county, c.id, 'sme-proof', PNG, 'image/png', 'sme.png')).status).toBe(201);
    expect((await town.post(`/api/v1/claims/${c.id}/decisions`, { decision: 'approve' })).status).toBe(200);
    const done = await county.post(`/api/v1/claims/${c.id}/decisions`, { decision: 'approve' });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect(done.body.status).toBe('approved');
    const closed = await attach(county, c.id, 'labor-contract');
    expect(closed.status).toBe(409);
    expect(closed.body.code).toBe('claim_closed');
  });
});
