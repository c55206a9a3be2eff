import type { Actor } from '../../domain/access/actor.ts';
import { authorize, scopeRegion } from '../../domain/access/policy.ts';
import { auditPeriod } from '../../domain/audit/period.ts';
import { DomainError } from '../../domain/errors.ts';
import { auditRepository } from '../../store/repositories/audit.repository.ts';
import type { App } from '../context.ts';

export interface AuditQuery {
  entity?: string;
  entityId?: string;
  actorId?: number;
  region?: string;
  /** A date YYYY-MM-DD (a day in China) or an ISO date-time. */
  from?: string;
  /** As `from`; a date takes in its whole day. */
  to?: string;
  cursor?: string;
  limit?: number;
}

/** The audit trail within the actor's scope, newest first, with a cursor for the next page. */
export async function listAudit(app: App, actor: Actor, q: AuditQuery) {
  authorize(actor, 'audit.read');
  const { from, to } = auditPeriod(q.from, q.to);
  const limit = Math.min(Math.max(q.limit ?? 50, 1), 500);
  let beforeId: number | undefined;
  if (q.cursor) {
    beforeId = Number(Buffer.from(q.cursor, 'base64url').toString());
    if (!Number.isInteger(beforeId)) throw DomainError.invalid([{ field: 'cursor', code: 'cursor_invalid', message: 'is not a cursor this API returned' }]);
  }
  const items = await auditRepository.list(app.database.db, { within: scopeRegion(actor, q.region), entity: q.entity, entityId: q.entityId, actorId: q.actorId, from, to, beforeId, limit: limit + 1 });
  const more = items.length > limit;
  const page = items.slice(0, limit);
  return { items: page, nextCursor: more ? Buffer.from(String(page[page.length - 1].id)).toString('base64url') : null };
}
