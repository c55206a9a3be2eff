import type { Actor } from '../../domain/access/actor.ts';
import type { Tx } from '../context.ts';
import { fromJson, nowIso } from '../../store/codec.ts';
import { noteRegionsChanged } from '../region-changes.ts';
import { reusableQuery } from '../../store/reusable-query.ts';

export type Changes = Record<string, { before: unknown; after: unknown }>;

/** The fields whose values differ between two versions of a record (absent = null). */
export function diff(before: Record<string, unknown> | null, after: Record<string, unknown> | null): Changes {
  const out: Changes = {};
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  for (const k of keys) {
    const b = before?.[k] ?? null;
    const a = after?.[k] ?? null;
    if (JSON.stringify(b) !== JSON.stringify(a)) out[k] = { before: b, after: a };
  }
  return out;
}

export interface AuditEntry {
  action: string;
  entity: string;
  entityId: string | number;
  regionCode?: string | null;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
  ip?: string | null;
}

/**
 * Records who did what to which record, with changed fields before and after, in the caller's
 * transaction so the audit trail and the change land together. Callers pass sensitive fields masked.
 */
export async function writeAudit(trx: Tx, actor: Actor, e: AuditEntry): Promise<void> {
  noteRegionsChanged(trx, [e.regionCode]);
  await insertAudit.all(trx, nowIso(), actor.userId, actor.username, e.action, e.entity, String(e.entityId), e.regionCode ?? null, fromJson(diff(e.before ?? null, e.after ?? null)), e.ip ?? null);
}

/** Every audited write inserts one row: the statement is built and compiled once. */
const insertAudit = reusableQuery(
  (trx: Tx, at: string, actorId: number, actorName: string, action: string, entity: string, entityId: string, regionCode: string | null, changes: string, ip: string | null) =>
    trx.insertInto('audit_log').values({ at, actor_id: actorId, actor_name: actorName, action, entity, entity_id: entityId, region_code: regionCode, changes, ip }),
);
