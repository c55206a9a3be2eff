import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../src/http/server.ts';
import type { Server } from '../../src/http/types.ts';
import { ADMIN_PASSWORD, createTestApp, type TestApp } from '../support/app.ts';
import { ENGINES } from '../support/databases.ts';
import { Client } from '../support/http.ts';

describe.each(ENGINES)('accounts and the audit trail on %s', (engine) => {
  let t: TestApp;
  let server: Server;
  let admin: Client;
  beforeAll(async () => {
    t = await createTestApp(engine);
    server = await buildServer(t.app);
    admin = new Client(server);
    await admin.login('admin', ADMIN_PASSWORD);
  });
  afterAll(async () => {
    await server?.close();
    await t?.close();
  });

  it('validates a new account field by field and writes nothing on failure', async () => {
    const r = await admin.post('/api/v1/users', { username: 'a', password: 'short', role: 'county_officer', regionCode: '1402' });
    expect(r.status).toBe(400);
    const fields = r.body.errors.map((e: any) => `${e.field}:${e.code}`);
    expect(fields).toEqual(expect.arrayContaining(['username:username_format', 'password:password_weak', 'regionCode:region_level_for_role']));
    expect(r.body.errors.every((e: any) => e.message && e.messageZh)).toBe(true);
    const unknownRegion = await admin.post('/api/v1/users', { username: 'hy-officer', password: 'county-pass-1', role: 'county_officer', regionCode: '149999' });
    expect(unknownRegion.body.errors[0]).toMatchObject({ field: 'regionCode', code: 'region_unknown' });
    const list = await admin.get('/api/v1/users');
    expect(list.body.items.map((u: any) => u.username)).not.toContain('hy-officer');
  });

  it('lets a county officer create accounts only inside the county, never administrators', async () => {
    expect((await admin.post('/api/v1/users', { username: 'hy-officer', password: 'county-pass-1', role: 'county_officer', regionCode: '140225' })).status).toBe(201);
    const officer = new Client(server);
    await officer.login('hy-officer', 'county-pass-1');
    const inside = await officer.post('/api/v1/users', { username: 'hy-town', password: 'town-pass-1', role: 'town_commissioner', regionCode: '140225100' });
    expect(inside.status).toBe(201);
    const outside = await officer.post('/api/v1/users', { username: 'lan-town', password: 'town-pass-1', role: 'county_officer', regionCode: '141127' });
    expect(outside.status).toBe(400);
    expect(outside.body.errors[0]).toMatchObject({ field: 'regionCode', code: 'out_of_scope' });
    const adminTry = await officer.post('/api/v1/users', { username: 'sneaky', password: 'sneaky-pass-1', role: 'admin', regionCode: '140225' });
    expect(adminTry.body.errors.map((e: any) => e.code)).toContain('role_not_grantable');
    const viewer = new Client(server);
    expect((await admin.post('/api/v1/users', { username: 'hy-viewer', password: 'viewer-pass-1', role: 'viewer', regionCode: '140225' })).status).toBe(201);
    await viewer.login('hy-viewer', 'viewer-pass-1');
    const denied = await viewer.post('/api/v1/users', { username: 'x-user', password: 'x-pass-123', role: 'viewer', regionCode: '140225' });
    expect(denied.status).toBe(403);
    expect(denied.body.code).toBe('forbidden');
  });

  it('records every write with who, when, what and the fields after', async () => {
    const r = await admin.get('/api/v1/audit?entity=user&limit=50');
    expect(r.status).toBe(200);
    const created = r.body.items.find((i: any) => i.action === 'user.create' && i.changes.username?.after === 'hy-town');
    expect(created).toMatchObject({ actorName: 'hy-officer', entity: 'user', regionCode: '140225100' });
    expect(created.changes.role).toEqual({ before: null, after: 'town_commissioner' });
    expect(Date.parse(created.at)).toBeGreaterThan(Date.now() - 600_000);
    expect(JSON.stringify(r.body)).not.toMatch(/scrypt\$/);
    const byActor = await admin.get(`/api/v1/audit?actorId=${created.actorId}`);
    expect(byActor.body.items.every((i: any) => i.actorId === created.actorId)).toBe(true);
    const future = await admin.get(`/api/v1/audit?from=${encodeURIComponent(new Date(Date.now() + 3600_000).toISOString())}`);
    expect(future.body.items).toEqual([]);
  });

  it('pages the audit trail with a cursor', async () => {
    const first = await admin.get('/api/v1/audit?limit=2');
    expect(first.body.items).toHaveLength(2);
    expect(first.body.nextCursor).toBeTruthy();
    const second = await admin.get(`/api/v1/audit?limit=2&cursor=${first.body.nextCursor}`);
    expect(second.body.items[0].id).toBeLessThan(first.body.items[1].id);
  });
});
