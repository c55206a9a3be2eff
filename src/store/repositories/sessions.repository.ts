import type { Tx } from '../../app/context.ts';
import { nowIso } from '../codec.ts';

export interface CredentialOwner {
  userId: number;
  expiresAt?: string;
}

export const sessionsRepository = {
  async create(db: Tx, s: { idHash: string; userId: number; expiresAt: string; userAgent: string | null }): Promise<void> {
    await db.insertInto('sessions').values({ id_hash: s.idHash, user_id: s.userId, created_at: nowIso(), expires_at: s.expiresAt, revoked_at: null, user_agent: s.userAgent }).execute();
  },
  /** The live session with this hash: not revoked, not expired. */
  async findLive(db: Tx, idHash: string, now: string): Promise<CredentialOwner | undefined> {
    const r = await db
      .selectFrom('sessions')
      .select(['user_id', 'expires_at'])
      .where('id_hash', '=', idHash)
      .where('revoked_at', 'is', null)
      .where('expires_at', '>', now)
      .executeTakeFirst();
    return r && { userId: Number(r.user_id), expiresAt: r.expires_at };
  },
  async revoke(db: Tx, idHash: string): Promise<void> {
    await db.updateTable('sessions').set({ revoked_at: nowIso() }).where('id_hash', '=', idHash).where('revoked_at', 'is', null).execute();
  },
  async revokeAllOf(db: Tx, userId: number): Promise<void> {
    await db.updateTable('sessions').set({ revoked_at: nowIso() }).where('user_id', '=', userId).where('revoked_at', 'is', null).execute();
  },
};

export const apiTokensRepository = {
  async create(db: Tx, t: { userId: number; name: string; tokenHash: string }): Promise<number> {
    const r = await db.insertInto('api_tokens').values({ user_id: t.userId, name: t.name, token_hash: t.tokenHash, created_at: nowIso(), last_used_at: null, revoked_at: null }).returning('id').executeTakeFirstOrThrow();
    return Number(r.id);
  },
  async findLive(db: Tx, tokenHash: string): Promise<CredentialOwner | undefined> {
    const r = await db.selectFrom('api_tokens').select('user_id').where('token_hash', '=', tokenHash).where('revoked_at', 'is', null).executeTakeFirst();
    return r && { userId: Number(r.user_id) };
  },
  async listOf(db: Tx, userId: number) {
    const rows = await db.selectFrom('api_tokens').select(['id', 'name', 'created_at', 'last_used_at', 'revoked_at']).where('user_id', '=', userId).orderBy('id').execute();
    return rows.map((r) => ({ id: Number(r.id), name: r.name, createdAt: r.created_at, lastUsedAt: r.last_used_at, revokedAt: r.revoked_at }));
  },
  async revoke(db: Tx, userId: number, id: number): Promise<boolean> {
    const r = await db.updateTable('api_tokens').set({ revoked_at: nowIso() }).where('id', '=', id).where('user_id', '=', userId).where('revoked_at', 'is', null).executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  },
};
