import type { Actor } from '../../domain/access/actor.ts';
import { DomainError } from '../../domain/errors.ts';
import { idempotencyRepository } from '../../store/repositories/idempotency.repository.ts';
import { inTransaction, type App, type Tx } from '../context.ts';

/**
 * Requests sent from an offline outbox may arrive twice (the answer was lost, the phone resent).
 * `once` runs a write at most once per key: the first run's answer is stored in the same
 * transaction as the write, and a repeat gets that stored answer back. Any module whose clients
 * queue writes (the verifier's visits, the escort's boarding checks) can wrap its use case in it.
 */
export const IDEMPOTENCY_KEY = /^[A-Za-z0-9][A-Za-z0-9_.:-]{7,99}$/;

export function checkIdempotencyKey(key: string | undefined): string {
  if (!key || !IDEMPOTENCY_KEY.test(key)) {
    throw DomainError.invalid([{ field: 'idempotency-key', code: 'idempotency_key_format', message: 'the Idempotency-Key header must be 8–100 letters, digits, dot, dash, colon or underscore', messageZh: '请求须带有8至100位的 Idempotency-Key 头' }]);
  }
  return key;
}

function isUniqueViolation(e: unknown): boolean {
  const err = e as { code?: string };
  return err?.code === '23505' || /^SQLITE_CONSTRAINT/.test(err?.code ?? '');
}

function replay<T>(actor: Actor, scope: string, prior: { userId: number; scope: string; response: unknown }): { value: T; replayed: true } {
  if (prior.userId !== actor.userId || prior.scope !== scope) {
    throw DomainError.conflict('idempotency_key_reused', 'This Idempotency-Key was already used for another request; send a new key for a new request');
  }
  return { value: prior.response as T, replayed: true };
}

/** Runs `fn` in one transaction unless `key` was seen before; then returns the first answer. */
export async function once<T>(app: App, actor: Actor, scope: string, key: string, fn: (trx: Tx) => Promise<T>): Promise<{ value: T; replayed: boolean }> {
  checkIdempotencyKey(key);
  try {
    return await inTransaction(app, async (trx) => {
      const prior = await idempotencyRepository.find(trx, key);
      if (prior) return replay<T>(actor, scope, prior);
      const value = await fn(trx);
      await idempotencyRepository.insert(trx, { key, userId: actor.userId, scope, status: 200, response: value });
      return { value, replayed: false };
    });
  } catch (e) {
    // Two copies raced: the loser's transaction rolled back at the key; answer as the winner did.
    if (isUniqueViolation(e)) {
      const prior = await idempotencyRepository.find(app.database.db, key);
      if (prior) return replay<T>(actor, scope, prior);
    }
    throw e;
  }
}
