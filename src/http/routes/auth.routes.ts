import { z } from 'zod';
import { changePassword, createApiToken, listApiTokens, login, logout, me, revokeApiToken } from '../../app/accounts/auth.ts';
import { SESSION_COOKIE } from '../auth-hook.ts';
import { idParams } from '../params.ts';
import { actorOf, type Server } from '../types.ts';

const account = z.object({
  id: z.number(),
  username: z.string(),
  displayName: z.string(),
  role: z.string(),
  regionCode: z.string(),
  regionName: z.string(),
  employerId: z.number().nullable(),
  disabled: z.boolean(),
  createdAt: z.string(),
});

export async function authRoutes(server: Server) {
  const app = server.jiuye;
  server.post('/api/v1/auth/login', {
    config: { access: { action: 'public' }, rateLimit: { max: 30, timeWindow: '1 minute' } },
    schema: {
      tags: ['auth'],
      summary: 'Log in with a username and password; sets an HttpOnly session cookie',
      body: z.strictObject({ username: z.string().min(1).max(100), password: z.string().min(1).max(200) }),
      response: { 200: z.object({ user: account, expiresAt: z.string() }) },
    },
  }, async (req, reply) => {
    const r = await login(app, { ...req.body, ip: req.ip, userAgent: req.headers['user-agent'] });
    reply.setCookie(SESSION_COOKIE, r.secret, { path: '/', httpOnly: true, sameSite: 'lax', secure: req.protocol === 'https', expires: new Date(r.expiresAt) });
    return { user: r.user, expiresAt: r.expiresAt };
  });

  server.post('/api/v1/auth/logout', {
    config: { access: { action: 'account.self' } },
    schema: { tags: ['auth'], summary: 'End the current session', response: { 204: z.null() } },
  }, async (req, reply) => {
    if (req.credential?.kind === 'session') await logout(app, actorOf(req), req.credential.secret);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.code(204).send(null);
  });

  server.get('/api/v1/auth/me', {
    config: { access: { action: 'account.self' } },
    schema: { tags: ['auth'], summary: 'The logged-in account', response: { 200: z.object({ user: account }) } },
  }, async (req) => ({ user: await me(app, actorOf(req)) }));

  server.post('/api/v1/auth/password', {
    config: { access: { action: 'account.self' } },
    schema: {
      tags: ['auth'],
      summary: 'Change one’s own password (ends every session of the account)',
      body: z.strictObject({ currentPassword: z.string().min(1).max(200), newPassword: z.string().min(1).max(200) }),
      response: { 204: z.null() },
    },
  }, async (req, reply) => {
    await changePassword(app, actorOf(req), req.body);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.code(204).send(null);
  });

  const token = z.object({ id: z.number(), name: z.string(), createdAt: z.string(), lastUsedAt: z.string().nullable(), revokedAt: z.string().nullable() });
  server.get('/api/v1/auth/tokens', {
    config: { access: { action: 'account.self' } },
    schema: { tags: ['auth'], summary: 'API tokens of the logged-in account', response: { 200: z.object({ items: z.array(token) }) } },
  }, async (req) => ({ items: await listApiTokens(app, actorOf(req)) }));

  server.post('/api/v1/auth/tokens', {
    config: { access: { action: 'account.self' } },
    schema: {
      tags: ['auth'],
      summary: 'Create an API token for scripts; the token is shown once',
      body: z.strictObject({ name: z.string().max(80) }),
      response: { 201: z.object({ id: z.number(), name: z.string(), token: z.string() }) },
    },
  }, async (req, reply) => reply.code(201).send(await createApiToken(app, actorOf(req), req.body.name)));

  server.delete('/api/v1/auth/tokens/:id', {
    config: { access: { action: 'account.self', resource: 'api_token' } },
    schema: { tags: ['auth'], summary: 'Revoke an API token', params: idParams, response: { 204: z.null() } },
  }, async (req, reply) => {
    await revokeApiToken(app, actorOf(req), req.params.id);
    return reply.code(204).send(null);
  });
}
