import type { Tx } from '../../app/context.ts';
import { inRegion } from '../region-prefix.ts';

/** Tally of tasks and people of a round, grouped by village and team. */
export interface ProgressRow {
  villageCode: string;
  teamId: number;
  households: number;
  visited: number;
  conflicts: number;
}

/** Progress of a verification round: tasks, people and outcomes counted by village and team. */
export const verificationProgressRepository = {
  async openConflictsOfTask(db: Tx, taskId: number): Promise<number> {
    const r = await db.selectFrom('verification_conflicts').select((eb) => eb.fn.countAll<number>().as('n')).where('task_id', '=', taskId).where('status', '=', 'open').executeTakeFirstOrThrow();
    return Number(r.n);
  },

  /** Households, visited and in conflict, by village and team. */
  async taskTally(db: Tx, roundId: number, within: string): Promise<ProgressRow[]> {
    const rows = await db
      .selectFrom('verification_tasks')
      .select((eb) => [
        'village_code',
        'team_id',
        eb.fn.countAll<number>().as('households'),
        eb.fn.sum<number>(eb.case().when('status', '!=', 'pending').then(1).else(0).end()).as('visited'),
        eb.fn.sum<number>(eb.case().when('status', '=', 'conflict').then(1).else(0).end()).as('conflicts'),
      ])
      .where('round_id', '=', roundId)
      .where((eb) => inRegion(eb, 'village_code', within))
      .groupBy(['village_code', 'team_id'])
      .execute();
    return rows.map((r) => ({ villageCode: r.village_code, teamId: Number(r.team_id), households: Number(r.households), visited: Number(r.visited ?? 0), conflicts: Number(r.conflicts ?? 0) }));
  },

  /** Live people of the round's households, by village and team. */
  async personTally(db: Tx, roundId: number, within: string) {
    const rows = await db
      .selectFrom('verification_tasks as t')
      .innerJoin('persons as p', 'p.household_id', 't.household_id')
      .select((eb) => ['t.village_code', 't.team_id', eb.fn.countAll<number>().as('n')])
      .where('t.round_id', '=', roundId)
      .where((eb) => inRegion(eb, 't.village_code', within))
      .where('p.deleted_at', 'is', null)
      .groupBy(['t.village_code', 't.team_id'])
      .execute();
    return rows.map((r) => ({ villageCode: r.village_code, teamId: Number(r.team_id), persons: Number(r.n) }));
  },

  /** Each person's latest check in the round, counted by outcome, village and team. */
  async outcomeTally(db: Tx, roundId: number, within: string) {
    const rows = await db
      .selectFrom('verification_checks as c')
      .innerJoin('verification_tasks as t', 't.id', 'c.task_id')
      .select((eb) => ['c.village_code', 't.team_id', 'c.outcome', 'c.state', eb.fn.countAll<number>().as('n')])
      .where('c.round_id', '=', roundId)
      .where((eb) => inRegion(eb, 'c.village_code', within))
      .where(({ eb, selectFrom }) => eb('c.id', '=', selectFrom('verification_checks as c2').select((e2) => e2.fn.max('c2.id').as('m')).where('c2.round_id', '=', roundId).whereRef('c2.person_id', '=', 'c.person_id')))
      .groupBy(['c.village_code', 't.team_id', 'c.outcome', 'c.state'])
      .execute();
    return rows.map((r) => ({ villageCode: r.village_code, teamId: Number(r.team_id), outcome: r.outcome, state: r.state as string, n: Number(r.n) }));
  },
};
