import type { Tx } from '../../app/context.ts';
import { fromJson, nowIso, toJson } from '../codec.ts';

export interface PolicyRow {
  id: string;
  nameZh: string;
  nameEn: string;
  regionScope: string;
  currentVersion: number;
  createdAt: string;
  updatedAt: string;
}

export interface PolicyVersionRow {
  policyId: string;
  version: number;
  rule: unknown;
  effectiveFrom: string;
  effectiveTo: string | null;
  source: string;
  note: string;
  createdBy: number;
  createdByName: string;
  createdAt: string;
}

function decode(r: any): PolicyRow {
  return { id: r.id, nameZh: r.name_zh, nameEn: r.name_en, regionScope: r.region_scope, currentVersion: Number(r.current_version), createdAt: r.created_at, updatedAt: r.updated_at };
}

function decodeVersion(r: any): PolicyVersionRow {
  return {
    policyId: r.policy_id,
    version: Number(r.version),
    rule: toJson(r.rule),
    effectiveFrom: r.effective_from,
    effectiveTo: r.effective_to,
    source: r.source,
    note: r.note,
    createdBy: Number(r.created_by),
    createdByName: r.created_by_name,
    createdAt: r.created_at,
  };
}

export interface NewVersion {
  policyId: string;
  version: number;
  rule: unknown;
  effectiveFrom: string;
  effectiveTo: string | null;
  source: string;
  note: string;
  createdBy: number;
  createdByName: string;
}

export const policiesRepository = {
  async list(db: Tx): Promise<PolicyRow[]> {
    return (await db.selectFrom('policies').selectAll().orderBy('id').execute()).map(decode);
  },
  async find(db: Tx, id: string): Promise<PolicyRow | undefined> {
    const r = await db.selectFrom('policies').selectAll().where('id', '=', id).executeTakeFirst();
    return r && decode(r);
  },
  async versions(db: Tx, id: string): Promise<PolicyVersionRow[]> {
    return (await db.selectFrom('policy_versions').selectAll().where('policy_id', '=', id).orderBy('version', 'desc').execute()).map(decodeVersion);
  },
  async version(db: Tx, id: string, version: number): Promise<PolicyVersionRow | undefined> {
    const r = await db.selectFrom('policy_versions').selectAll().where('policy_id', '=', id).where('version', '=', version).executeTakeFirst();
    return r && decodeVersion(r);
  },
  /** The current version of every policy, for lists and simulations. */
  async currentVersions(db: Tx): Promise<PolicyVersionRow[]> {
    const rows = await db
      .selectFrom('policy_versions as v')
      .innerJoin('policies as p', (j) => j.onRef('p.id', '=', 'v.policy_id').onRef('p.current_version', '=', 'v.version'))
      .selectAll('v')
      .orderBy('v.policy_id')
      .execute();
    return rows.map(decodeVersion);
  },
  /** Creates the policy row; false when it exists already (another process got there first). */
  async insert(db: Tx, p: { id: string; nameZh: string; nameEn: string; regionScope: string }): Promise<boolean> {
    const now = nowIso();
    const r = await db
      .insertInto('policies')
      .values({ id: p.id, name_zh: p.nameZh, name_en: p.nameEn, region_scope: p.regionScope, current_version: 1, created_at: now, updated_at: now })
      .onConflict((oc) => oc.column('id').doNothing())
      .returning('id')
      .executeTakeFirst();
    return !!r;
  },
  /** Moves the policy to a new current version; false when someone else moved it first (`expected` is stale). */
  async advance(db: Tx, id: string, expected: number, next: { nameZh: string; nameEn: string; regionScope: string }): Promise<boolean> {
    const r = await db
      .updateTable('policies')
      .set({ current_version: expected + 1, name_zh: next.nameZh, name_en: next.nameEn, region_scope: next.regionScope, updated_at: nowIso() })
      .where('id', '=', id)
      .where('current_version', '=', expected)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  },
  async insertVersion(db: Tx, v: NewVersion): Promise<PolicyVersionRow> {
    const r = await db
      .insertInto('policy_versions')
      .values({
        policy_id: v.policyId,
        version: v.version,
        rule: fromJson(v.rule),
        effective_from: v.effectiveFrom,
        effective_to: v.effectiveTo,
        source: v.source,
        note: v.note,
        created_by: v.createdBy,
        created_by_name: v.createdByName,
        created_at: nowIso(),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return decodeVersion(r);
  },
};
