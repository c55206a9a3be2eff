import type { Actor } from '../../domain/access/actor.ts';
import { authorize, inScope, scopeRegion } from '../../domain/access/policy.ts';
import { isRole, ROLE_SCOPE_DEPTH, ROLES } from '../../domain/access/roles.ts';
import { DomainError, type FieldIssue } from '../../domain/errors.ts';
import { regionDepth } from '../../domain/regions/region-code.ts';
import { regionsRepository } from '../../store/repositories/regions.repository.ts';
import { usersRepository, type UserRecord } from '../../store/repositories/users.repository.ts';
import { writeAudit } from '../audit/audit.ts';
import { inTransaction, type App } from '../context.ts';
import { generatePassword, hashPassword, passwordProblem } from './passwords.ts';

export interface NewUser {
  username: string;
  password: string;
  role: string;
  regionCode: string;
  displayName?: string;
  employerId?: number | null;
}

/** What any client may see of an account: never the password hash. */
export function presentUser(u: UserRecord) {
  return { id: u.id, username: u.username, displayName: u.displayName, role: u.role, regionCode: u.regionCode, employerId: u.employerId, disabled: u.disabled, createdAt: u.createdAt };
}

/** Creates an account inside the actor's scope; an officer cannot create administrators. */
export async function addUser(app: App, actor: Actor, input: NewUser) {
  authorize(actor, 'user.manage');
  const issues: FieldIssue[] = [];
  if (!/^[a-zA-Z0-9_.-]{3,40}$/.test(input.username)) issues.push({ field: 'username', code: 'username_format', message: 'must be 3–40 letters, digits, dot, dash or underscore', messageZh: '用户名须为3至40位字母、数字、点、横线或下划线' });
  const pw = passwordProblem(input.password);
  if (pw) issues.push({ field: 'password', code: 'password_weak', message: pw, messageZh: '密码至少8位，且须包含字母与数字或符号' });
  if (!isRole(input.role)) issues.push({ field: 'role', code: 'role_unknown', message: `must be one of ${ROLES.join(', ')}`, messageZh: '角色无效' });
  const depth = regionDepth(input.regionCode);
  if (input.role === 'admin' && input.regionCode === '') {
    // administrators may have the whole country as scope
  } else if (depth === 0) {
    issues.push({ field: 'regionCode', code: 'region_code_format', message: 'must be a region code of 2, 4, 6, 9 or 12 digits', messageZh: '区划代码须为2、4、6、9或12位数字' });
  } else if (isRole(input.role)) {
    const want = ROLE_SCOPE_DEPTH[input.role];
    if (want !== null && want !== depth) issues.push({ field: 'regionCode', code: 'region_level_for_role', message: `a ${input.role} account needs a region at level ${want} (${[2, 4, 6, 9, 12][want - 1]} digits)`, messageZh: '该角色的区划级别不符' });
  }
  if (input.role === 'admin' && actor.role !== 'admin') issues.push({ field: 'role', code: 'role_not_grantable', message: 'only an administrator may create administrators', messageZh: '只有管理员可以创建管理员' });
  if (issues.length) throw DomainError.invalid(issues);
  if (input.regionCode !== '' && !inScope(actor, input.regionCode)) {
    throw DomainError.invalid([{ field: 'regionCode', code: 'out_of_scope', message: `region ${input.regionCode} is outside your region ${actor.regionCode}`, messageZh: '区划超出本账号的管辖范围' }]);
  }
  return inTransaction(app, async (trx) => {
    if (input.regionCode !== '' && !(await regionsRepository.find(trx, input.regionCode))) {
      throw DomainError.invalid([{ field: 'regionCode', code: 'region_unknown', message: `no region with code ${input.regionCode} is loaded`, messageZh: '区划代码不存在' }]);
    }
    if (await usersRepository.byUsername(trx, input.username)) {
      throw DomainError.invalid([{ field: 'username', code: 'username_taken', message: `the username ${input.username} is taken`, messageZh: '用户名已被使用' }]);
    }
    const user = await usersRepository.insert(trx, {
      username: input.username,
      displayName: input.displayName ?? input.username,
      passwordHash: await hashPassword(input.password),
      role: input.role,
      regionCode: input.regionCode,
      employerId: input.employerId ?? null,
    });
    const shown = presentUser(user);
    await writeAudit(trx, actor, { action: 'user.create', entity: 'user', entityId: user.id, regionCode: user.regionCode, after: shown });
    return shown;
  });
}

export async function listUsers(app: App, actor: Actor, opts: { region?: string } = {}) {
  authorize(actor, 'user.read');
  const within = scopeRegion(actor, opts.region);
  return (await usersRepository.list(app.database.db, within)).map(presentUser);
}

/**
 * Makes sure an administrator exists: creates `admin` with the configured password, or a generated
 * one that is returned so the caller can print it once.
 */
export async function ensureAdmin(app: App, actor: Actor): Promise<{ created: boolean; password?: string; generated: boolean }> {
  if ((await usersRepository.countAdmins(app.database.db)) > 0) return { created: false, generated: false };
  const generated = !app.config.adminPassword;
  const password = app.config.adminPassword ?? generatePassword();
  await addUser(app, actor, { username: 'admin', password, role: 'admin', regionCode: '', displayName: 'Administrator' });
  return { created: true, password: generated ? password : undefined, generated };
}
