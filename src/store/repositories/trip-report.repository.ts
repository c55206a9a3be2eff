import { sql } from 'kysely';
import type { Tx } from '../../app/context.ts';
import { inRegion } from '../region-prefix.ts';

export interface ReportRow {
  region: string;
  day: string;
  mode: string;
  trips: number;
  seats: number;
  costFen: number;
}

export interface PeopleRow {
  region: string;
  day: string;
  scheduled: number;
  transported: number;
  poorTransported: number;
  subsidyPaidFen: number;
}

/** Report queries: trips and people by pickup county (or a shorter prefix) and day, cancelled trips left out. */
export const tripReportRepository = {
  async trips(db: Tx, within: string, groupLength: number, from?: string, to?: string): Promise<ReportRow[]> {
    const region = sql<string>`substr(origin_county, 1, ${sql.lit(groupLength)})`;
    let q = db
      .selectFrom('trips')
      .select([region.as('region'), 'travel_date as day', 'mode', (eb) => eb.fn.countAll<number>().as('trips'), (eb) => eb.fn.sum<number>('capacity').as('seats'), (eb) => eb.fn.sum<number>('cost_fen').as('cost_fen')])
      .where('status', '<>', 'cancelled');
    if (within) q = q.where((eb) => inRegion(eb, 'origin_county', within));
    if (from) q = q.where('travel_date', '>=', from);
    if (to) q = q.where('travel_date', '<=', to);
    const rows = await q.groupBy([region, 'travel_date', 'mode']).execute();
    return rows.map((r) => ({ region: r.region, day: r.day, mode: r.mode, trips: Number(r.trips), seats: Number(r.seats), costFen: Number(r.cost_fen) }));
  },

  /**
   * People per region and day: scheduled (holding a seat), transported (arrived), of them from a
   * poor household (lifted or monitored, as the household stands now), and the net subsidy paid
   * on their transport claims (payments less reversals).
   */
  async people(db: Tx, within: string, groupLength: number, from?: string, to?: string): Promise<PeopleRow[]> {
    const region = sql<string>`substr(t.origin_county, 1, ${sql.lit(groupLength)})`;
    let q = db
      .selectFrom('trip_passengers as tp')
      .innerJoin('trips as t', 't.id', 'tp.trip_id')
      .innerJoin('persons as p', 'p.id', 'tp.person_id')
      .innerJoin('households as h', 'h.id', 'p.household_id')
      .leftJoin(
        (eb) => eb.selectFrom('payment_entries').select(['claim_id', (e) => e.fn.sum<number>('amount_fen').as('paid')]).where('claim_id', 'is not', null).groupBy('claim_id').as('pe'),
        (join) => join.onRef('pe.claim_id', '=', 'tp.claim_id'),
      )
      .select([
        region.as('region'),
        't.travel_date as day',
        sql<number>`sum(case when tp.status in ('listed', 'boarded', 'arrived') then 1 else 0 end)`.as('scheduled'),
        sql<number>`sum(case when tp.status = 'arrived' then 1 else 0 end)`.as('transported'),
        sql<number>`sum(case when tp.status = 'arrived' and h.category in ('lifted', 'monitored') then 1 else 0 end)`.as('poor'),
        sql<number>`coalesce(sum(pe.paid), 0)`.as('paid'),
      ])
      .where('t.status', '<>', 'cancelled');
    if (within) q = q.where((eb) => inRegion(eb, 't.origin_county', within));
    if (from) q = q.where('t.travel_date', '>=', from);
    if (to) q = q.where('t.travel_date', '<=', to);
    const rows = await q.groupBy([region, 't.travel_date']).execute();
    return rows.map((r) => ({ region: r.region, day: r.day, scheduled: Number(r.scheduled), transported: Number(r.transported), poorTransported: Number(r.poor), subsidyPaidFen: Number(r.paid) }));
  },
};
