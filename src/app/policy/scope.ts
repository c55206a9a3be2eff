import type { Actor } from '../../domain/access/actor.ts';
import { scopeRegion } from '../../domain/access/policy.ts';
import { DomainError } from '../../domain/errors.ts';

/** An opaque cursor for keyset paging on a numeric id. */
export function encodeCursor(id: number): string {
  return Buffer.from(String(id)).toString('base64url');
}

export function decodeCursor(cursor: string | undefined): number | undefined {
  if (!cursor) return undefined;
  const id = Number(Buffer.from(cursor, 'base64url').toString());
  if (!Number.isInteger(id) || id < 0) throw DomainError.invalid([{ field: 'cursor', code: 'cursor_invalid', message: 'is not a cursor this API returned', messageZh: '分页游标无效' }]);
  return id;
}

/** For employer accounts, the one company whose claims they see (−1 when the account has none). */
export function ownEmployer(actor: Actor): number | undefined {
  if (actor.role !== 'employer') return undefined;
  return actor.employerId ?? -1;
}

/** The region subtree a list may show: the requested region narrowed to the scope (employers see by company instead). */
export function listScope(actor: Actor, requested?: string): string {
  return actor.role === 'employer' ? (requested ?? '') : scopeRegion(actor, requested);
}
