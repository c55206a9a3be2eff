import type { Tx } from '../../app/context.ts';
import { nowIso } from '../codec.ts';
import type { TravelerCandidate } from '../../domain/transport/plan-records.ts';
import { inRegion } from '../region-prefix.ts';

/** Ledger statuses that say the person works, or is to work, outside the home county. */
export const AWAY_STATUSES = ['employed_province', 'employed_outside'] as const;

/** Referral states that are an intention to work: the person said yes, the employer has not hired yet. */
export const INTENTION_STATES = ['interested', 'interviewed'] as const;

function later(a: string | null, b: string | null): string | null {
  if (!a) return b;
  if (!b) return a;
  return a > b ? a : b;
}

export const transportTravelersRepository = {
  /**
   * People of a region hired through the matching module and not yet at work: their employment
   * gives the destination (the work site's region and its employer) and the first day (its start).
   */
  async fromEmployments(db: Tx, within: string): Promise<TravelerCandidate[]> {
    const rows = await db
      .selectFrom('employments as e')
      .innerJoin('persons as p', 'p.id', 'e.person_id')
      .innerJoin('employers as m', 'm.id', 'e.employer_id')
      .select(['e.person_id', 'p.village_code', 'e.start_date', 'p.available_from', 'e.employer_id', 'm.name', 'e.region_code'])
      .where('e.status', '=', 'hired')
      .where('e.end_date', 'is', null)
      .where('p.deleted_at', 'is', null)
      .where((eb) => inRegion(eb, 'p.village_code', within))
      .orderBy('e.person_id')
      .execute();
    return rows.map((r) => ({
      personId: Number(r.person_id),
      villageCode: r.village_code,
      startDate: later(r.start_date, r.available_from)!,
      destination: { kind: 'employer', regionCode: r.region_code, name: r.name, employerId: Number(r.employer_id) },
      source: 'employment',
    }));
  },

  /**
   * People of a region with an intention (a referral they are interested in or interviewed for):
   * the posting gives the destination; the first day is the later of the posting's start and the
   * person's available-from date. The latest referral of a person wins.
   */
  async fromReferrals(db: Tx, within: string): Promise<TravelerCandidate[]> {
    const rows = await db
      .selectFrom('referrals as r')
      .innerJoin('persons as p', 'p.id', 'r.person_id')
      .innerJoin('postings as po', 'po.id', 'r.posting_id')
      .innerJoin('employers as m', 'm.id', 'r.employer_id')
      .select(['r.id', 'r.person_id', 'p.village_code', 'po.start_date', 'p.available_from', 'r.employer_id', 'm.name', 'po.region_code'])
      .where('r.status', 'in', [...INTENTION_STATES])
      .where('r.closed_on', 'is', null)
      .where('p.deleted_at', 'is', null)
      .where((eb) => inRegion(eb, 'p.village_code', within))
      .orderBy('r.person_id')
      .orderBy('r.id', 'desc')
      .execute();
    const seen = new Set<number>();
    const out: TravelerCandidate[] = [];
    for (const r of rows) {
      const id = Number(r.person_id);
      if (seen.has(id)) continue;
      seen.add(id);
      out.push({
        personId: id,
        villageCode: r.village_code,
        startDate: later(r.start_date, r.available_from)!,
        destination: { kind: 'employer', regionCode: r.region_code, name: r.name, employerId: Number(r.employer_id) },
        source: 'referral',
      });
    }
    return out;
  },

  /** Open referrals of people to one employer that a hire or an arrival moves on (hired, or an intention). */
  async openReferrals(db: Tx, personIds: number[], employerId: number): Promise<{ id: number; personId: number; status: string }[]> {
    if (personIds.length === 0) return [];
    const rows = await db
      .selectFrom('referrals')
      .select(['id', 'person_id', 'status'])
      .where('person_id', 'in', personIds)
      .where('employer_id', '=', employerId)
      .where('status', 'in', ['hired', ...INTENTION_STATES])
      .where('closed_on', 'is', null)
      .orderBy('id', 'desc')
      .execute();
    return rows.map((r) => ({ id: Number(r.id), personId: Number(r.person_id), status: r.status }));
  },

  /**
   * People of a region who need a ride, read from the ledger: a live person with an available-from
   * date whose employment status points outside the county (employed elsewhere in the province or
   * outside it) and whose employer name is a registered employer, which gives the destination
   * (that employer's site and region code). Also returns how many such people name no registered
   * employer, so the planner can say who was left out and why.
   */
  async fromLedger(db: Tx, within: string): Promise<{ candidates: TravelerCandidate[]; noDestination: number }> {
    const rows = await db
      .selectFrom('persons as p')
      .leftJoin('employers as e', 'e.name', 'p.employer_name')
      .select(['p.id', 'p.village_code', 'p.available_from', 'e.id as employer_id', 'e.name as employer', 'e.region_code as employer_region'])
      .where('p.deleted_at', 'is', null)
      .where((eb) => inRegion(eb, 'p.village_code', within))
      .where('p.available_from', 'is not', null)
      .where('p.employment_status', 'in', [...AWAY_STATUSES])
      .orderBy('p.id')
      .orderBy('e.id')
      .execute();
    const candidates: TravelerCandidate[] = [];
    const seen = new Set<number>();
    let noDestination = 0;
    for (const r of rows) {
      const id = Number(r.id);
      if (seen.has(id)) continue;
      seen.add(id);
      if (r.employer_id == null || !r.employer_region) {
        noDestination++;
        continue;
      }
      candidates.push({
        personId: id,
        villageCode: r.village_code,
        startDate: r.available_from!,
        destination: { kind: 'employer', regionCode: r.employer_region, name: r.employer!, employerId: Number(r.employer_id) },
        source: 'ledger',
      });
    }
    return { candidates, noDestination };
  },

  /** Names of regions (towns and counties for pickup points). */
  async regionNames(db: Tx, codes: string[]): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    const unique = [...new Set(codes)];
    for (let i = 0; i < unique.length; i += 500) {
      for (const r of await db.selectFrom('regions').select(['code', 'name']).where('code', 'in', unique.slice(i, i + 500)).execute()) out.set(r.code, r.name);
    }
    return out;
  },

  /** The people named (live ones only), with what a manifest and the arrival rules need. */
  async persons(db: Tx, ids: number[]) {
    const out = new Map<number, { id: number; villageCode: string; householdId: number; category: string; employmentStatus: string; version: number }>();
    for (let i = 0; i < ids.length; i += 500) {
      const rows = await db
        .selectFrom('persons as p')
        .innerJoin('households as h', 'h.id', 'p.household_id')
        .select(['p.id', 'p.village_code', 'p.household_id', 'h.category', 'p.employment_status', 'p.version'])
        .where('p.id', 'in', ids.slice(i, i + 500))
        .where('p.deleted_at', 'is', null)
        .execute();
      for (const r of rows) out.set(Number(r.id), { id: Number(r.id), villageCode: r.village_code, householdId: Number(r.household_id), category: r.category, employmentStatus: r.employment_status, version: Number(r.version) });
    }
    return out;
  },

  /** Records that a person is at work (status and employer), bumping the person's version. */
  async setAtWork(trx: Tx, personId: number, v: { employmentStatus: string; employerName: string | null }): Promise<boolean> {
    const r = await trx
      .updateTable('persons')
      .set((eb) => ({ employment_status: v.employmentStatus, employer_name: v.employerName, updated_at: nowIso(), version: eb('version', '+', 1) }))
      .where('id', '=', personId)
      .where('deleted_at', 'is', null)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  },

  /** Claims of a person under a policy in a year that are submitted, approved or paid. */
  async liveClaims(db: Tx, personId: number, policyId: string, year: number): Promise<number> {
    const r = await db
      .selectFrom('claims')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('person_id', '=', personId)
      .where('policy_id', '=', policyId)
      .where('year', '=', year)
      .where('status', 'in', ['submitted', 'approved', 'paid'])
      .executeTakeFirstOrThrow();
    return Number(r.n);
  },
};
