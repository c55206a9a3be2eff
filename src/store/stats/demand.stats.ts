import { sql } from 'kysely';
import { groupedCounts, type StatsFamily } from './family.ts';

const count = (cond: string) => sql.raw(`sum(case when ${cond} then 1 else 0 end)`);
const total = (cond: string, column: string) => sql.raw(`sum(case when ${cond} then ${column} else 0 end)`);

/** Employers at their location (region_code), whatever office manages them. */
export const employersFamily: StatsFamily = {
  name: 'employers',
  indicators: ['employers', 'employers_operating', 'employers_resumed', 'employers_stopped'],
  recount: (trx, codes) =>
    groupedCounts(
      trx,
      codes,
      (filter) => sql`
        select e.region_code as code,
          count(*) as employers,
          ${count(`e.operating_status in ('operating', 'resumed')`)} as employers_operating,
          ${count(`e.operating_status = 'resumed'`)} as employers_resumed,
          ${count(`e.operating_status in ('resumed', 'suspended')`)} as employers_stopped
        from employers e
        where ${filter}
        group by e.region_code`,
      'e.region_code',
    ),
};

const PUBLISHED = `p.status <> 'draft'`;

/** Postings at their place of work (region_code). */
export const postingsFamily: StatsFamily = {
  name: 'postings',
  indicators: ['postings', 'postings_open', 'openings', 'filled'],
  recount: (trx, codes) =>
    groupedCounts(
      trx,
      codes,
      (filter) => sql`
        select p.region_code as code,
          ${count(PUBLISHED)} as postings,
          ${count(`p.status = 'open'`)} as postings_open,
          ${total(PUBLISHED, 'p.openings')} as openings,
          ${total(PUBLISHED, 'p.filled')} as filled
        from postings p
        where ${filter}
        group by p.region_code`,
      'p.region_code',
    ),
};
