import { sql } from 'kysely';
import type { Tx } from '../../app/context.ts';
import { fromBool, fromJson, nowIso, toBool, toJson } from '../codec.ts';
import { verificationConflictsRepository } from './verification-conflicts.repository.ts';
import { verificationProgressRepository } from './verification-progress.repository.ts';
import { inRegion } from '../region-prefix.ts';

export type { ConflictRecord } from './verification-conflicts.repository.ts';
export type { ProgressRow } from './verification-progress.repository.ts';

export interface RoundRecord {
  id: number;
  countyCode: string;
  name: string;
  startsOn: string | null;
  endsOn: string | null;
  status: 'open' | 'closed';
  createdBy: number;
  createdAt: string;
  closedAt: string | null;
  closedBy: number | null;
  version: number;
}

function decodeRound(r: any): RoundRecord {
  return {
    id: Number(r.id),
    countyCode: r.county_code,
    name: r.name,
    startsOn: r.starts_on ?? null,
    endsOn: r.ends_on ?? null,
    status: r.status,
    createdBy: Number(r.created_by),
    createdAt: r.created_at,
    closedAt: r.closed_at ?? null,
    closedBy: r.closed_by == null ? null : Number(r.closed_by),
    version: Number(r.version),
  };
}

export interface TaskRecord {
  id: number;
  roundId: number;
  teamId: number;
  householdId: number;
  villageCode: string;
  status: 'pending' | 'visited' | 'conflict';
  visitedAt: string | null;
  visitedBy: number | null;
  frozen: boolean;
  updatedAt: string;
}

function decodeTask(r: any): TaskRecord {
  return {
    id: Number(r.id),
    roundId: Number(r.round_id),
    teamId: Number(r.team_id),
    householdId: Number(r.household_id),
    villageCode: r.village_code,
    status: r.status,
    visitedAt: r.visited_at ?? null,
    visitedBy: r.visited_by == null ? null : Number(r.visited_by),
    frozen: toBool(r.frozen),
    updatedAt: r.updated_at,
  };
}

export const verificationRepository = {
  async insertRound(db: Tx, v: { countyCode: string; name: string; startsOn: string | null; endsOn: string | null; createdBy: number }): Promise<RoundRecord> {
    const r = await db
      .insertInto('verification_rounds')
      .values({ county_code: v.countyCode, name: v.name, starts_on: v.startsOn, ends_on: v.endsOn, status: 'open', created_by: v.createdBy, created_at: nowIso(), version: 1 })
      .returningAll()
      .executeTakeFirstOrThrow();
    return decodeRound(r);
  },

  async round(db: Tx, id: number): Promise<RoundRecord | undefined> {
    const r = await db.selectFrom('verification_rounds').selectAll().where('id', '=', id).executeTakeFirst();
    return r && decodeRound(r);
  },

  /** Rounds of counties inside `within`, or, with `memberId`, the rounds that account is a team member of. */
  async rounds(db: Tx, f: { within?: string; memberId?: number; status?: string }): Promise<RoundRecord[]> {
    let q = db.selectFrom('verification_rounds as r').selectAll('r');
    if (f.within) q = q.where((eb) => inRegion(eb, 'r.county_code', f.within!));
    if (f.memberId != null) q = q.where('r.id', 'in', db.selectFrom('verification_team_members').select('round_id').where('user_id', '=', f.memberId));
    if (f.status) q = q.where('r.status', '=', f.status);
    return (await q.orderBy('r.id', 'desc').limit(500).execute()).map(decodeRound);
  },

  async closeRound(db: Tx, id: number, by: number, expectedVersion: number): Promise<boolean> {
    const now = nowIso();
    const r = await db
      .updateTable('verification_rounds')
      .set({ status: 'closed', closed_at: now, closed_by: by, version: sql`version + 1` })
      .where('id', '=', id)
      .where('version', '=', expectedVersion)
      .where('status', '=', 'open')
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) return false;
    await db.updateTable('verification_tasks').set({ frozen: fromBool(true), updated_at: now }).where('round_id', '=', id).execute();
    return true;
  },

  async insertTeam(db: Tx, roundId: number, name: string): Promise<number> {
    const r = await db.insertInto('verification_teams').values({ round_id: roundId, name, created_at: nowIso() }).returning('id').executeTakeFirstOrThrow();
    return Number(r.id);
  },

  async renameTeam(db: Tx, teamId: number, name: string): Promise<void> {
    await db.updateTable('verification_teams').set({ name }).where('id', '=', teamId).execute();
  },

  async team(db: Tx, teamId: number): Promise<{ id: number; roundId: number; name: string } | undefined> {
    const r = await db.selectFrom('verification_teams').select(['id', 'round_id', 'name']).where('id', '=', teamId).executeTakeFirst();
    return r && { id: Number(r.id), roundId: Number(r.round_id), name: r.name };
  },

  async teamByName(db: Tx, roundId: number, name: string): Promise<number | undefined> {
    const r = await db.selectFrom('verification_teams').select('id').where('round_id', '=', roundId).where('name', '=', name).executeTakeFirst();
    return r && Number(r.id);
  },

  async setMembers(db: Tx, roundId: number, teamId: number, userIds: number[]): Promise<void> {
    await db.deleteFrom('verification_team_members').where('team_id', '=', teamId).execute();
    if (userIds.length) await db.insertInto('verification_team_members').values(userIds.map((u) => ({ round_id: roundId, team_id: teamId, user_id: u }))).execute();
  },

  /** Teams of a round with their members (names from the accounts) and their villages. */
  async teams(db: Tx, roundId: number) {
    const teams = await db.selectFrom('verification_teams').select(['id', 'name', 'created_at']).where('round_id', '=', roundId).orderBy('id').execute();
    const members = await db
      .selectFrom('verification_team_members as m')
      .innerJoin('users as u', 'u.id', 'm.user_id')
      .select(['m.team_id', 'u.id', 'u.username', 'u.display_name', 'u.region_code'])
      .where('m.round_id', '=', roundId)
      .orderBy('u.username')
      .execute();
    const villages = await db.selectFrom('verification_assignments').select(['team_id', 'village_code']).where('round_id', '=', roundId).orderBy('village_code').execute();
    return teams.map((t) => ({
      id: Number(t.id),
      name: t.name,
      createdAt: t.created_at,
      members: members.filter((m) => Number(m.team_id) === Number(t.id)).map((m) => ({ userId: Number(m.id), username: m.username, displayName: m.display_name, regionCode: m.region_code })),
      villages: villages.filter((v) => Number(v.team_id) === Number(t.id)).map((v) => v.village_code),
    }));
  },

  /** The team of a round an account belongs to, if any. */
  async teamOf(db: Tx, roundId: number, userId: number): Promise<number | undefined> {
    const r = await db.selectFrom('verification_team_members').select('team_id').where('round_id', '=', roundId).where('user_id', '=', userId).executeTakeFirst();
    return r && Number(r.team_id);
  },

  async memberships(db: Tx, userId: number): Promise<Map<number, number>> {
    const rows = await db.selectFrom('verification_team_members').select(['round_id', 'team_id']).where('user_id', '=', userId).execute();
    return new Map(rows.map((r) => [Number(r.round_id), Number(r.team_id)]));
  },

  /** Members of a round other than the given team, among `userIds`. */
  async membersElsewhere(db: Tx, roundId: number, teamId: number, userIds: number[]): Promise<number[]> {
    if (!userIds.length) return [];
    const rows = await db.selectFrom('verification_team_members').select('user_id').where('round_id', '=', roundId).where('team_id', '!=', teamId).where('user_id', 'in', userIds).execute();
    return rows.map((r) => Number(r.user_id));
  },

  /**
   * Assigns a village to a team: the village's existing tasks move to the team, and every live
   * household of the village without a task gets one. Returns how many tasks were created.
   */
  async assignVillage(db: Tx, roundId: number, teamId: number, villageCode: string): Promise<number> {
    const now = nowIso();
    const existing = await db.selectFrom('verification_assignments').select('team_id').where('round_id', '=', roundId).where('village_code', '=', villageCode).executeTakeFirst();
    if (existing) {
      await db.updateTable('verification_assignments').set({ team_id: teamId, assigned_at: now }).where('round_id', '=', roundId).where('village_code', '=', villageCode).execute();
      await db.updateTable('verification_tasks').set({ team_id: teamId, updated_at: now }).where('round_id', '=', roundId).where('village_code', '=', villageCode).execute();
    } else {
      await db.insertInto('verification_assignments').values({ round_id: roundId, village_code: villageCode, team_id: teamId, assigned_at: now }).execute();
    }
    // Numbers and the timestamp are written as literals: PostgreSQL cannot type parameters in an INSERT … SELECT list.
    const before = await this.countTasks(db, roundId, villageCode);
    await db
      .insertInto('verification_tasks')
      .columns(['round_id', 'team_id', 'household_id', 'village_code', 'status', 'updated_at'])
      .expression(
        db
          .selectFrom('households as h')
          .select([
            sql.lit(roundId).as('round_id'),
            sql.lit(teamId).as('team_id'),
            'h.id',
            'h.village_code',
            sql.lit('pending').as('status'),
            sql.lit(now).as('updated_at'),
          ])
          .where('h.village_code', '=', villageCode)
          .where('h.deleted_at', 'is', null)
          .where(({ not, exists, selectFrom }) => not(exists(selectFrom('verification_tasks as t').select('t.id').where('t.round_id', '=', roundId).whereRef('t.household_id', '=', 'h.id')))),
      )
      .execute();
    return (await this.countTasks(db, roundId, villageCode)) - before;
  },

  async countTasks(db: Tx, roundId: number, villageCode: string): Promise<number> {
    const r = await db.selectFrom('verification_tasks').select((eb) => eb.fn.countAll<number>().as('n')).where('round_id', '=', roundId).where('village_code', '=', villageCode).executeTakeFirstOrThrow();
    return Number(r.n);
  },

  async task(db: Tx, id: number): Promise<TaskRecord | undefined> {
    const r = await db.selectFrom('verification_tasks').selectAll().where('id', '=', id).executeTakeFirst();
    return r && decodeTask(r);
  },

  /** Tasks of a round with their household, narrowed by team, village prefix and status. */
  async tasks(db: Tx, roundId: number, f: { teamId?: number; within?: string; status?: string; afterId?: number; limit: number }) {
    let q = db
      .selectFrom('verification_tasks as t')
      .innerJoin('households as h', 'h.id', 't.household_id')
      .select(['t.id', 't.round_id', 't.team_id', 't.household_id', 't.village_code', 't.status', 't.visited_at', 't.visited_by', 't.frozen', 't.updated_at', 'h.household_no', 'h.address', 'h.category'])
      .where('t.round_id', '=', roundId);
    if (f.teamId != null) q = q.where('t.team_id', '=', f.teamId);
    if (f.within) q = q.where((eb) => inRegion(eb, 't.village_code', f.within!));
    if (f.status) q = q.where('t.status', '=', f.status);
    if (f.afterId != null) q = q.where('t.id', '>', f.afterId);
    const rows = await q.orderBy('t.id').limit(f.limit).execute();
    return rows.map((r) => ({ ...decodeTask(r), householdNo: r.household_no, address: r.address ?? null, category: r.category }));
  },

  /** Live members of the households, with what a verifier sees and checks. */
  async householdMembers(db: Tx, householdIds: number[]) {
    const out: any[] = [];
    for (let i = 0; i < householdIds.length; i += 500) {
      const chunk = householdIds.slice(i, i + 500);
      if (!chunk.length) continue;
      out.push(...(await db.selectFrom('persons').selectAll().where('household_id', 'in', chunk).where('deleted_at', 'is', null).orderBy('household_id').orderBy('id').execute()));
    }
    return out;
  },

  async person(db: Tx, id: number) {
    return db.selectFrom('persons').selectAll().where('id', '=', id).where('deleted_at', 'is', null).executeTakeFirst();
  },

  /** Writes a person's checked values when the version is still the one expected; false otherwise. */
  async updatePerson(db: Tx, id: number, expectedVersion: number, set: Record<string, unknown>): Promise<boolean> {
    const r = await db
      .updateTable('persons')
      .set({ ...set, version: sql`version + 1`, updated_at: nowIso() } as any)
      .where('id', '=', id)
      .where('version', '=', expectedVersion)
      .where('deleted_at', 'is', null)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  },

  async setTaskVisited(db: Tx, taskId: number, status: 'visited' | 'conflict', at: string, by: number): Promise<void> {
    await db.updateTable('verification_tasks').set({ status, visited_at: at, visited_by: by, updated_at: nowIso() }).where('id', '=', taskId).execute();
  },

  async setTaskStatus(db: Tx, taskId: number, status: 'visited' | 'conflict'): Promise<void> {
    await db.updateTable('verification_tasks').set({ status, updated_at: nowIso() }).where('id', '=', taskId).execute();
  },

  async visitByKey(db: Tx, key: string) {
    const r = await db.selectFrom('verification_visits').select(['id', 'task_id', 'verifier_id', 'result']).where('idempotency_key', '=', key).executeTakeFirst();
    return r && { id: Number(r.id), taskId: Number(r.task_id), verifierId: Number(r.verifier_id), result: toJson<unknown>(r.result) };
  },

  async insertVisit(db: Tx, v: { roundId: number; taskId: number; villageCode: string; verifierId: number; key: string; visitedAt: string; note: string | null }): Promise<number> {
    const r = await db
      .insertInto('verification_visits')
      .values({ round_id: v.roundId, task_id: v.taskId, village_code: v.villageCode, verifier_id: v.verifierId, idempotency_key: v.key, visited_at: v.visitedAt, received_at: nowIso(), note: v.note, applied: 0, conflicts: 0, result: fromJson({}) })
      .returning('id')
      .executeTakeFirstOrThrow();
    return Number(r.id);
  },

  async finishVisit(db: Tx, id: number, applied: number, conflicts: number, result: unknown): Promise<void> {
    await db.updateTable('verification_visits').set({ applied, conflicts, result: fromJson(result) }).where('id', '=', id).execute();
  },

  async visits(db: Tx, roundId: number, f: { teamId?: number; within?: string; verifierId?: number; afterId?: number; limit: number }) {
    let q = db
      .selectFrom('verification_visits as v')
      .innerJoin('verification_tasks as t', 't.id', 'v.task_id')
      .innerJoin('households as h', 'h.id', 't.household_id')
      .leftJoin('users as u', 'u.id', 'v.verifier_id')
      .select(['v.id', 'v.task_id', 'v.village_code', 'v.verifier_id', 'u.username', 'v.visited_at', 'v.received_at', 'v.note', 'v.applied', 'v.conflicts', 't.team_id', 'h.household_no'])
      .where('v.round_id', '=', roundId);
    if (f.teamId != null) q = q.where('t.team_id', '=', f.teamId);
    if (f.within) q = q.where((eb) => inRegion(eb, 'v.village_code', f.within!));
    if (f.verifierId != null) q = q.where('v.verifier_id', '=', f.verifierId);
    if (f.afterId != null) q = q.where('v.id', '<', f.afterId);
    const rows = await q.orderBy('v.id', 'desc').limit(f.limit).execute();
    return rows.map((r) => ({
      id: Number(r.id),
      taskId: Number(r.task_id),
      teamId: Number(r.team_id),
      householdNo: r.household_no,
      villageCode: r.village_code,
      verifierId: Number(r.verifier_id),
      verifier: r.username ?? null,
      visitedAt: r.visited_at,
      receivedAt: r.received_at,
      note: r.note ?? null,
      applied: Number(r.applied),
      conflicts: Number(r.conflicts),
    }));
  },

  async insertCheck(db: Tx, v: { roundId: number; taskId: number; visitId: number; personId: number; villageCode: string; outcome: string; state: 'applied' | 'conflict' }): Promise<void> {
    await db.insertInto('verification_checks').values({ round_id: v.roundId, task_id: v.taskId, visit_id: v.visitId, person_id: v.personId, village_code: v.villageCode, outcome: v.outcome, state: v.state, checked_at: nowIso() }).execute();
  },

  async setCheckState(db: Tx, visitId: number, personId: number, state: 'resolved', outcome: string): Promise<void> {
    await db.updateTable('verification_checks').set({ state, outcome }).where('visit_id', '=', visitId).where('person_id', '=', personId).execute();
  },

  ...verificationConflictsRepository,
  ...verificationProgressRepository,
};
