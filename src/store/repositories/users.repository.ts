import type { Tx } from '../../app/context.ts';
import { fromBool, nowIso, toBool } from '../codec.ts';
import { inRegion } from '../region-prefix.ts';

export interface UserRecord {
  id: number;
  username: string;
  displayName: string;
  passwordHash: string;
  role: string;
  regionCode: string;
  employerId: number | null;
  disabled: boolean;
  createdAt: string;
  version: number;
}

const select = ['id', 'username', 'display_name', 'password_hash', 'role', 'region_code', 'employer_id', 'disabled', 'created_at', 'version'] as const;

function decode(r: any): UserRecord {
  return {
    id: Number(r.id),
    username: r.username,
    displayName: r.display_name,
    passwordHash: r.password_hash,
    role: r.role,
    regionCode: r.region_code,
    employerId: r.employer_id == null ? null : Number(r.employer_id),
    disabled: toBool(r.disabled),
    createdAt: r.created_at,
    version: Number(r.version),
  };
}

export const usersRepository = {
  async byUsername(db: Tx, username: string): Promise<UserRecord | undefined> {
    const r = await db.selectFrom('users').select(select).where('username', '=', username).executeTakeFirst();
    return r && decode(r);
  },
  async byId(db: Tx, id: number): Promise<UserRecord | undefined> {
    const r = await db.selectFrom('users').select(select).where('id', '=', id).executeTakeFirst();
    return r && decode(r);
  },
  async insert(db: Tx, u: { username: string; displayName: string; passwordHash: string; role: string; regionCode: string; employerId: number | null }): Promise<UserRecord> {
    const now = nowIso();
    const r = await db
      .insertInto('users')
      .values({ username: u.username, display_name: u.displayName, password_hash: u.passwordHash, role: u.role, region_code: u.regionCode, employer_id: u.employerId, disabled: fromBool(false), created_at: now, updated_at: now, version: 1 })
      .returning(select)
      .executeTakeFirstOrThrow();
    return decode(r);
  },
  async setPassword(db: Tx, id: number, passwordHash: string): Promise<void> {
    await db
      .updateTable('users')
      .set((eb) => ({ password_hash: passwordHash, updated_at: nowIso(), version: eb('version', '+', 1) }))
      .where('id', '=', id)
      .execute();
  },
  /** Accounts whose scope lies inside `within` (empty = all), by username. */
  async list(db: Tx, within: string): Promise<UserRecord[]> {
    const rows = await db
      .selectFrom('users')
      .select(select)
      .$if(within !== '', (q) => q.where((eb) => inRegion(eb, 'region_code', within)))
      .orderBy('username')
      .execute();
    return rows.map(decode);
  },
  async countAdmins(db: Tx): Promise<number> {
    const r = await db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).where('role', '=', 'admin').executeTakeFirstOrThrow();
    return Number(r.n);
  },
};
