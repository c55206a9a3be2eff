import type { Tx } from '../../app/context.ts';
import { toJson } from '../codec.ts';
import { inRegion } from '../region-prefix.ts';

export interface AuditFilter {
  within: string;
  entity?: string;
  entityId?: string;
  actorId?: number;
  from?: string;
  to?: string;
  beforeId?: number;
  limit: number;
}

export const auditRepository = {
  /** Newest first, keyset-paged on id. Entries without a region are visible only to an unrestricted scope. */
  async list(db: Tx, f: AuditFilter) {
    const rows = await db
      .selectFrom('audit_log')
      .selectAll()
      .$if(f.within !== '', (q) => q.where((eb) => inRegion(eb, 'region_code', f.within)))
      .$if(!!f.entity, (q) => q.where('entity', '=', f.entity!))
      .$if(!!f.entityId, (q) => q.where('entity_id', '=', f.entityId!))
      .$if(f.actorId != null, (q) => q.where('actor_id', '=', f.actorId!))
      .$if(!!f.from, (q) => q.where('at', '>=', f.from!))
      .$if(!!f.to, (q) => q.where('at', '<=', f.to!))
      .$if(f.beforeId != null, (q) => q.where('id', '<', f.beforeId!))
      .orderBy('id', 'desc')
      .limit(f.limit)
      .execute();
    return rows.map((r) => ({
      id: Number(r.id),
      at: r.at,
      actorId: Number(r.actor_id),
      actorName: r.actor_name,
      action: r.action,
      entity: r.entity,
      entityId: r.entity_id,
      regionCode: r.region_code,
      changes: toJson<Record<string, { before: unknown; after: unknown }>>(r.changes) ?? {},
      ip: r.ip,
    }));
  },
};
