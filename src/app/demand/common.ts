import type { Actor } from '../../domain/access/actor.ts';
import { scopeRegion } from '../../domain/access/policy.ts';
import { DomainError } from '../../domain/errors.ts';
import { demandRegionsRepository } from '../../store/repositories/demand-regions.repository.ts';
import type { Tx } from '../context.ts';

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

/** Returns the page and the cursor of the next one (`limit + 1` rows were fetched). */
export function page<T extends { id: number }>(rows: T[], limit: number, next: (last: T) => number = (l) => l.id) {
  const more = rows.length > limit;
  const items = rows.slice(0, limit);
  return { items, nextCursor: more ? encodeCursor(next(items[items.length - 1])) : null };
}

/** For employer accounts, the one company they may see (−1 when the account has none); otherwise undefined. */
export function ownEmployer(actor: Actor): number | undefined {
  if (actor.role !== 'employer') return undefined;
  return actor.employerId ?? -1;
}

/** The region subtree a list may show: the requested region narrowed to the scope (employers see by company instead). */
export function listScope(actor: Actor, requested?: string): string {
  return actor.role === 'employer' ? (requested ?? '') : scopeRegion(actor, requested);
}

/** Resolves a region code that must exist (loaded regions, or the national county list), or reports it on `field`. */
export async function requireRegion(db: Tx, field: string, code: string): Promise<{ code: string; name: string }> {
  const r = /^\d{2,12}$/.test(code) ? await demandRegionsRepository.resolve(db, code) : undefined;
  if (!r) throw DomainError.invalid([{ field, code: 'region_unknown', message: `no region with code ${code} exists`, messageZh: `区划代码${code}不存在` }]);
  return r;
}

/** 0351-1234567 → 0351****567; 13812345678 → 138****5678. */
export function maskContactPhone(phone: string): string {
  if (phone.length < 7) return phone ? '*'.repeat(phone.length) : '';
  return `${phone.slice(0, 3)}****${phone.slice(-4)}`;
}

export function versionConflict(what: string, id: number, current: number | undefined): DomainError {
  return new DomainError('version_conflict', `${what} ${id} was changed by someone else (now at version ${current ?? '?'}); reload it and apply your change again`, { details: { id, currentVersion: current } });
}
