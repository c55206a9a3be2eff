import { sql } from 'kysely';
import type { Tx } from '../../app/context.ts';
import { groupedCounts, type StatsFamily } from './family.ts';
import { inRegion } from '../region-prefix.ts';

/** Referral states that mean the person took the job (left is reached only from at work). */
const SECURED = `('hired', 'at_work', 'left')`;
/** Referral states that mean the person showed an intention for the posting (rejected: they came forward). */
const INTERESTED = `('interested', 'interviewed', 'hired', 'at_work', 'left', 'rejected')`;

export const referralsFamily: StatsFamily = {
  name: 'referrals',
  indicators: ['jobs_secured'],
  recount: (trx, codes) =>
    groupedCounts(
      trx,
      codes,
      (filter) => sql`
        select r.village_code as code, ${sql.raw(`sum(case when r.status in ${SECURED} then 1 else 0 end)`)} as jobs_secured
        from referrals r
        where ${filter}
        group by r.village_code`,
      'r.village_code',
    ),
};

/** One person and one posting count once, whether the intention came from a fair, a referral or both. */
export const intentionsFamily: StatsFamily = {
  name: 'intentions',
  indicators: ['intentions'],
  recount: (trx, codes) =>
    groupedCounts(
      trx,
      codes,
      (filter) => sql`
        select x.village_code as code, count(*) as intentions
        from (
          select person_id, posting_id, village_code from event_intentions where ${filter}
          union
          select person_id, posting_id, village_code from referrals where status in ${sql.raw(INTERESTED)} and ${filter}
        ) x
        group by x.village_code`,
      'village_code',
    ),
};

/** At work since the date the person's county set; employments count at the person's village. */
export const employmentsFamily: StatsFamily = {
  name: 'employments',
  indicators: ['returned_to_work'],
  recount: (trx, codes) =>
    groupedCounts(
      trx,
      codes,
      (filter) => sql`
        select e.village_code as code,
          sum(case when e.status = 'at_work' and d.since_date is not null and e.start_date >= d.since_date then 1 else 0 end) as returned_to_work
        from employments e
        left join return_to_work_dates d on d.county_code = substr(e.village_code, 1, 6)
        where ${filter}
        group by e.village_code`,
      'e.village_code',
    ),
};

/**
 * The villages of a county holding employments: a change of the county's return-to-work date
 * changes the figures of exactly these.
 */
export async function villagesWithEmployments(trx: Tx, county: string): Promise<string[]> {
  const rows = await trx.selectFrom('employments').select('village_code').distinct().where((eb) => inRegion(eb, 'village_code', county)).execute();
  return rows.map((r) => r.village_code);
}
