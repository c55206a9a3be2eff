import crypto from 'node:crypto';
import type { Actor } from '../../domain/access/actor.ts';
import { authorize } from '../../domain/access/policy.ts';
import { isRole } from '../../domain/access/roles.ts';
import { DomainError } from '../../domain/errors.ts';
import { apiTokensRepository, sessionsRepository } from '../../store/repositories/sessions.repository.ts';
import { usersRepository, type UserRecord } from '../../store/repositories/users.repository.ts';
import { regionsRepository } from '../../store/repositories/regions.repository.ts';
import { writeAudit } from '../audit/audit.ts';
import { inTransaction, type App } from '../context.ts';
import { forgetCredentials, rememberedActor } from './credential-cache.ts';
import { LoginThrottle } from './login-throttle.ts';
import { hashPassword, passwordProblem, verifyPassword } from './passwords.ts';
import { presentUser } from './users.ts';

// Five wrong passwords lock a username for a while; an address gets more room, since one office may share it.
const throttles = new WeakMap<App, { user: LoginThrottle; ip: LoginThrottle }>();
function throttleOf(app: App) {
  let t = throttles.get(app);
  if (!t) throttles.set(app, (t = { user: new LoginThrottle(5), ip: new LoginThrottle(50) }));
  return t;
}

export function actorOf(u: UserRecord): Actor {
  if (!isRole(u.role)) throw new Error(`account ${u.username} has an unknown role`);
  return { userId: u.id, username: u.username, role: u.role, regionCode: u.regionCode, employerId: u.employerId };
}

// A dummy hash, so a wrong username costs as much time as a wrong password.
const DUMMY = 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';

/** Checks a username and password; on success opens a server-side session and returns its secret once. */
export async function login(app: App, input: { username: string; password: string; ip?: string; userAgent?: string }) {
  const userKey = [input.username.toLowerCase()];
  const ipKey = input.ip ? [input.ip] : [];
  const throttle = throttleOf(app);
  const wait = Math.max(throttle.user.retryAfter(userKey), throttle.ip.retryAfter(ipKey));
  if (wait > 0) throw new DomainError('login_throttled', `Too many failed logins; try again in ${wait} seconds`, { details: { retryAfter: wait } });
  const user = await usersRepository.byUsername(app.database.db, input.username);
  const ok = await verifyPassword(input.password, user?.passwordHash ?? DUMMY);
  if (!user || !ok || user.disabled) {
    throttle.user.fail(userKey);
    throttle.ip.fail(ipKey);
    throw new DomainError('login_failed', 'Wrong username or password');
  }
  throttle.user.succeed(userKey);
  const secret = crypto.randomBytes(32).toString('base64url');
  const expiresAt = new Date(Date.now() + app.config.sessionHours * 3600_000).toISOString();
  await inTransaction(app, async (trx) => {
    await sessionsRepository.create(trx, { idHash: app.secrets.hmac('session', secret), userId: user.id, expiresAt, userAgent: input.userAgent?.slice(0, 200) ?? null });
    await writeAudit(trx, actorOf(user), { action: 'auth.login', entity: 'user', entityId: user.id, regionCode: user.regionCode, ip: input.ip });
  });
  return { secret, expiresAt, user: await describeAccount(app, user) };
}

export async function logout(app: App, actor: Actor, secret: string): Promise<void> {
  await inTransaction(app, async (trx) => {
    await sessionsRepository.revoke(trx, app.secrets.hmac('session', secret));
    await writeAudit(trx, actor, { action: 'auth.logout', entity: 'user', entityId: actor.userId });
  });  forgetCredentials(app);
}

/** The actor behind a session cookie, or undefined when the session is unknown, ended or expired. */
export async function actorFromSession(app: App, secret: string): Promise<Actor | undefined> {
  const hash = app.secrets.hmac('session', secret);
  return rememberedActor(app, `s:${hash}`, async () => {
    const s = await sessionsRepository.findLive(app.database.db, hash, new Date().toISOString());
    const actor = s && (await liveActor(app, s.userId));
    return actor && { actor, expiresAt: s.expiresAt };
  });
}

/** The actor behind an API token (`Authorization: Bearer …`). */
export async function actorFromToken(app: App, token: string): Promise<Actor | undefined> {
  const hash = app.secrets.hmac('api-token', token);
  return rememberedActor(app, `t:${hash}`, async () => {
    const t = await apiTokensRepository.findLive(app.database.db, hash);
    const actor = t && (await liveActor(app, t.userId));
    return actor && { actor };
  });
}

async function liveActor(app: App, userId: number): Promise<Actor | undefined> {
  const u = await usersRepository.byId(app.database.db, userId);
  return u && !u.disabled ? actorOf(u) : undefined;
}

async function describeAccount(app: App, u: UserRecord) {
  const region = u.regionCode ? await regionsRepository.find(app.database.db, u.regionCode) : undefined;
  return { ...presentUser(u), regionName: region?.name ?? (u.regionCode ? u.regionCode : '全国') };
}

export async function me(app: App, actor: Actor) {
  authorize(actor, 'account.self');
  const u = await usersRepository.byId(app.database.db, actor.userId);
  if (!u) throw DomainError.notFound('Account', actor.userId);
  return describeAccount(app, u);
}

/** Changes one's own password; every other session of the account ends. */
export async function changePassword(app: App, actor: Actor, input: { currentPassword: string; newPassword: string }) {
  authorize(actor, 'account.self');
  const u = await usersRepository.byId(app.database.db, actor.userId);
  if (!u || !(await verifyPassword(input.currentPassword, u.passwordHash))) {
    throw DomainError.invalid([{ field: 'currentPassword', code: 'password_wrong', message: 'is not the current password', messageZh: '当前密码不正确' }]);
  }
  const problem = passwordProblem(input.newPassword);
  if (problem) throw DomainError.invalid([{ field: 'newPassword', code: 'password_weak', message: problem, messageZh: '密码至少8位，且须包含字母与数字或符号' }]);
  const hash = await hashPassword(input.newPassword);
  await inTransaction(app, async (trx) => {
    await usersRepository.setPassword(trx, u.id, hash);
    await sessionsRepository.revokeAllOf(trx, u.id);
    await writeAudit(trx, actor, { action: 'user.password', entity: 'user', entityId: u.id, regionCode: u.regionCode, after: { password: '(changed)' } });
  });  forgetCredentials(app);
}

/** Creates an API token for scripts; its secret is shown once and only its keyed hash is kept. */
export async function createApiToken(app: App, actor: Actor, name: string) {
  authorize(actor, 'account.self');
  if (!name.trim() || name.length > 80) throw DomainError.invalid([{ field: 'name', code: 'token_name', message: 'must be 1–80 characters', messageZh: '名称须为1至80个字符' }]);
  const token = `jy_${crypto.randomBytes(32).toString('base64url')}`;
  const id = await inTransaction(app, async (trx) => {
    const id = await apiTokensRepository.create(trx, { userId: actor.userId, name: name.trim(), tokenHash: app.secrets.hmac('api-token', token) });
    await writeAudit(trx, actor, { action: 'token.create', entity: 'api_token', entityId: id, after: { name } });
    return id;
  });
  return { id, name: name.trim(), token };
}

export async function listApiTokens(app: App, actor: Actor) {
  authorize(actor, 'account.self');
  return apiTokensRepository.listOf(app.database.db, actor.userId);
}

export async function revokeApiToken(app: App, actor: Actor, id: number) {
  authorize(actor, 'account.self');
  await inTransaction(app, async (trx) => {
    if (!(await apiTokensRepository.revoke(trx, actor.userId, id))) throw DomainError.notFound('API token', id);
    await writeAudit(trx, actor, { action: 'token.revoke', entity: 'api_token', entityId: id });
  });  forgetCredentials(app);
}
