import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../src/http/server.ts';
import type { Server } from '../../src/http/types.ts';
import { ADMIN_PASSWORD, createTestApp, type TestApp } from '../support/app.ts';
import { ENGINES } from '../support/databases.ts';
import { Client } from '../support/http.ts';

describe.each(ENGINES)('accounts and sessions on %s', (engine) => {
  let t: TestApp;
  let server: Server;
  beforeAll(async () => {
    t = await createTestApp(engine);
    server = await buildServer(t.app);
  });
  afterAll(async () => {
    await server?.close();
    await t?.close();
  });

  it('logs in, shows the account, and logout really ends the session', async () => {
    const c = new Client(server);
    const r = await c.login('admin', ADMIN_PASSWORD);
    expect(r.body.user).toMatchObject({ username: 'admin', role: 'admin' });
    expect(r.body.user).not.toHaveProperty('passwordHash');
    const setCookie = String(r.headers['set-cookie']);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    expect((await c.get('/api/v1/auth/me')).status).toBe(200);
    const stolen = c.cookie;
    expect((await c.post('/api/v1/auth/logout')).status).toBe(204);
    const replay = new Client(server);
    replay.cookie = stolen;
    const me = await replay.get('/api/v1/auth/me');
    expect(me.status).toBe(401);
    expect(me.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(me.body.code).toBe('unauthenticated');
  });

  it('refuses a wrong password with the same answer as an unknown user, then throttles', async () => {
    const c = new Client(server);
    const wrong = await c.post('/api/v1/auth/login', { username: 'admin', password: 'nope-nope-1' });
    const unknown = await c.post('/api/v1/auth/login', { username: 'ghost', password: 'nope-nope-1' });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body.detail).toBe(unknown.body.detail);
    const victim = 'throttle-me';
    for (let i = 0; i < 5; i++) await c.post('/api/v1/auth/login', { username: victim, password: `wrong-${i}-x` });
    const blocked = await c.post('/api/v1/auth/login', { username: victim, password: 'whatever-1' });
    expect(blocked.status).toBe(429);
    expect(blocked.body.code).toBe('login_throttled');
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('rejects unknown fields and names them', async () => {
    const c = new Client(server);
    const r = await c.post('/api/v1/auth/login', { username: 'admin', password: ADMIN_PASSWORD, remember: true });
    expect(r.status).toBe(400);
    expect(r.body.code).toBe('validation_failed');
    expect(r.body.errors).toContainEqual(expect.objectContaining({ field: 'remember', code: 'unknown_field' }));
  });

  it('limits request bodies', async () => {
    const c = new Client(server);
    const r = await c.post('/api/v1/auth/login', { username: 'admin', password: 'x'.repeat(2 * 1024 * 1024) });
    expect(r.status).toBe(413);
    expect(r.body.code).toBe('payload_too_large');
  });

  it('refuses cookie-authenticated writes from another site', async () => {
    const c = new Client(server);
    await c.login('admin', ADMIN_PASSWORD);
    const r = await c.post('/api/v1/auth/tokens', { name: 'x' }, { origin: 'https://evil.example', 'x-requested-with': '' });
    expect(r.status).toBe(403);
    expect(r.body.code).toBe('csrf_rejected');
  });

  it('issues API tokens that work for scripts and stop working when revoked', async () => {
    const c = new Client(server);
    await c.login('admin', ADMIN_PASSWORD);
    const created = await c.post('/api/v1/auth/tokens', { name: 'nightly export' });
    expect(created.status).toBe(201);
    const script = new Client(server);
    const auth = { authorization: `Bearer ${created.body.token}` };
    expect((await script.get('/api/v1/auth/me', auth)).body.user.username).toBe('admin');
    const list = await c.get('/api/v1/auth/tokens');
    expect(list.body.items.map((t: any) => t.name)).toContain('nightly export');
    expect(JSON.stringify(list.body)).not.toContain(created.body.token);
    expect((await c.delete(`/api/v1/auth/tokens/${created.body.id}`)).status).toBe(204);
    expect((await script.get('/api/v1/auth/me', auth)).status).toBe(401);
  });

  it('changes a password, checks the old one, and ends other sessions', async () => {
    const admin = new Client(server);
    await admin.login('admin', ADMIN_PASSWORD);
    const created = await admin.post('/api/v1/users', { username: 'pw-user', password: 'first-pass-1', role: 'viewer', regionCode: '140225' });
    expect(created.status).toBe(201);
    const a = new Client(server);
    const b = new Client(server);
    await a.login('pw-user', 'first-pass-1');
    await b.login('pw-user', 'first-pass-1');
    const bad = await a.post('/api/v1/auth/password', { currentPassword: 'not-it-1', newPassword: 'second-pass-2' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0]).toMatchObject({ field: 'currentPassword', code: 'password_wrong' });
    const weak = await a.post('/api/v1/auth/password', { currentPassword: 'first-pass-1', newPassword: '12345678' });
    expect(weak.body.errors[0]).toMatchObject({ field: 'newPassword', code: 'password_weak' });
    expect((await a.post('/api/v1/auth/password', { currentPassword: 'first-pass-1', newPassword: 'second-pass-2' })).status).toBe(204);
    expect((await b.get('/api/v1/auth/me')).status).toBe(401);
    await new Client(server).login('pw-user', 'second-pass-2');
  });

  it('serves OpenAPI 3.1 generated from the route schemas', async () => {
    const r = await server.inject({ method: 'GET', url: '/api/openapi.json' });
    const doc = r.json();
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.paths['/api/v1/auth/login'].post.requestBody).toBeDefined();
    expect(doc.paths['/api/v1/regions/{code}']).toBeDefined();
    expect((await server.inject({ method: 'GET', url: '/api/docs' })).statusCode).toBeLessThan(400);
  });
});
