import type { Tx } from '../../app/context.ts';
import { fromJson, nowIso, toJson } from '../codec.ts';
import { inRegion } from '../region-prefix.ts';

/** A visit's answer that met a newer server version of the person: kept until the county decides field by field. */
export interface ConflictRecord {
  id: number;
  roundId: number;
  taskId: number;
  visitId: number;
  personId: number;
  villageCode: string;
  verifierId: number;
  baseVersion: number;
  serverVersion: number;
  fieldValues: { values: Record<string, unknown>; sealed: Record<string, string> };
  status: 'open' | 'resolved';
  createdAt: string;
  resolvedAt: string | null;
  resolvedBy: number | null;
  resolution: Record<string, string> | null;
  visitedAt: string;
}

function decodeConflict(r: any): ConflictRecord {
  return {
    id: Number(r.id),
    roundId: Number(r.round_id),
    taskId: Number(r.task_id),
    visitId: Number(r.visit_id),
    personId: Number(r.person_id),
    villageCode: r.village_code,
    verifierId: Number(r.verifier_id),
    baseVersion: Number(r.base_version),
    serverVersion: Number(r.server_version),
    fieldValues: toJson(r.field_values),
    status: r.status,
    createdAt: r.created_at,
    resolvedAt: r.resolved_at ?? null,
    resolvedBy: r.resolved_by == null ? null : Number(r.resolved_by),
    resolution: toJson(r.resolution) ?? null,
    visitedAt: r.visited_at,
  };
}

/** The conflicts of verification rounds; part of verificationRepository. */
export const verificationConflictsRepository = {
  async insertConflict(db: Tx, v: { roundId: number; taskId: number; visitId: number; personId: number; villageCode: string; verifierId: number; baseVersion: number; serverVersion: number; fieldValues: unknown }): Promise<number> {
    const r = await db
      .insertInto('verification_conflicts')
      .values({ round_id: v.roundId, task_id: v.taskId, visit_id: v.visitId, person_id: v.personId, village_code: v.villageCode, verifier_id: v.verifierId, base_version: v.baseVersion, server_version: v.serverVersion, field_values: fromJson(v.fieldValues), status: 'open', created_at: nowIso() })
      .returning('id')
      .executeTakeFirstOrThrow();
    return Number(r.id);
  },

  async conflict(db: Tx, id: number): Promise<ConflictRecord | undefined> {
    const r = await db
      .selectFrom('verification_conflicts as c')
      .innerJoin('verification_visits as v', 'v.id', 'c.visit_id')
      .selectAll('c')
      .select('v.visited_at')
      .where('c.id', '=', id)
      .executeTakeFirst();
    return r && decodeConflict(r);
  },

  async conflicts(db: Tx, roundId: number, f: { within?: string; status?: string; limit: number }): Promise<ConflictRecord[]> {
    let q = db
      .selectFrom('verification_conflicts as c')
      .innerJoin('verification_visits as v', 'v.id', 'c.visit_id')
      .selectAll('c')
      .select('v.visited_at')
      .where('c.round_id', '=', roundId);
    if (f.within) q = q.where((eb) => inRegion(eb, 'c.village_code', f.within!));
    if (f.status) q = q.where('c.status', '=', f.status);
    return (await q.orderBy('c.id').limit(f.limit).execute()).map(decodeConflict);
  },

  async resolveConflict(db: Tx, id: number, by: number, resolution: Record<string, string>): Promise<boolean> {
    const r = await db
      .updateTable('verification_conflicts')
      .set({ status: 'resolved', resolved_at: nowIso(), resolved_by: by, resolution: fromJson(resolution) })
      .where('id', '=', id)
      .where('status', '=', 'open')
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  },
};
