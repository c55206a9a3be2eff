import { sql } from 'kysely';
import { groupedCounts, type StatsFamily } from './family.ts';

/** Training counts at the person's village, recorded on the enrollment. */
export const enrollmentsFamily: StatsFamily = {
  name: 'enrollments',
  indicators: ['trained', 'certified'],
  recount: (trx, codes) =>
    groupedCounts(
      trx,
      codes,
      (filter) => sql`
        select n.village_code as code,
          sum(case when n.status = 'completed' then 1 else 0 end) as trained,
          sum(case when n.status = 'completed' and n.certificate_no is not null and n.certificate_no <> '' then 1 else 0 end) as certified
        from enrollments n
        where ${filter}
        group by n.village_code`,
      'n.village_code',
    ),
};

const ON_THE_ROAD = `t.status in ('departed', 'arrived')`;

/** Trips and their passengers count at the county they pick up in. */
export const tripsFamily: StatsFamily = {
  name: 'trips',
  indicators: ['trips', 'people_transported'],
  recount: (trx, codes) =>
    groupedCounts(
      trx,
      codes,
      (filter) => sql`
        select t.origin_county as code,
          ${sql.raw(`sum(case when ${ON_THE_ROAD} then 1 else 0 end)`)} as trips,
          ${sql.raw(`sum(case when ${ON_THE_ROAD} then (select count(*) from trip_passengers p where p.trip_id = t.id and p.status in ('boarded', 'arrived')) else 0 end)`)} as people_transported
        from trips t
        where ${filter}
        group by t.origin_county`,
      't.origin_county',
    ),
};

/** Subsidy claims at the claim's region. */
export const claimsFamily: StatsFamily = {
  name: 'claims',
  indicators: ['subsidies_approved', 'subsidies_approved_fen', 'subsidies_paid', 'subsidies_paid_fen'],
  recount: (trx, codes) =>
    groupedCounts(
      trx,
      codes,
      (filter) => sql`
        select c.region_code as code,
          sum(case when c.status in ('approved', 'paid') then 1 else 0 end) as subsidies_approved,
          sum(case when c.status in ('approved', 'paid') then c.amount_fen else 0 end) as subsidies_approved_fen,
          sum(case when c.status = 'paid' then 1 else 0 end) as subsidies_paid,
          sum(case when c.status = 'paid' then c.amount_fen else 0 end) as subsidies_paid_fen
        from claims c
        where ${filter}
        group by c.region_code`,
      'c.region_code',
    ),
};
