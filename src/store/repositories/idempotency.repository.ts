import type { Tx } from '../../app/context.ts';
import { fromJson, nowIso, toJson } from '../codec.ts';

/** Stored answers of requests sent with an idempotency key. */
export const idempotencyRepository = {
  async find(db: Tx, key: string): Promise<{ userId: number; scope: string; status: number; response: unknown } | undefined> {
    const r = await db.selectFrom('idempotency_keys').select(['user_id', 'scope', 'status', 'response']).where('key', '=', key).executeTakeFirst();
    return r && { userId: Number(r.user_id), scope: r.scope, status: Number(r.status), response: toJson(r.response) };
  },
  async insert(db: Tx, v: { key: string; userId: number; scope: string; status: number; response: unknown }): Promise<void> {
    await db.insertInto('idempotency_keys').values({ key: v.key, user_id: v.userId, scope: v.scope, status: v.status, response: fromJson(v.response), created_at: nowIso() }).execute();
  },
};
