import { sql } from 'kysely';
import type { Tx } from '../../app/context.ts';
import type { PostingRequirements } from '../../domain/demand/posting-rules.ts';
import type { Skill } from '../../domain/ledger/person.ts';
import type { PersonFacts, PostingFacts } from '../../domain/matching/facts.ts';
import { toBool, toJson } from '../codec.ts';
import { inRegion } from '../region-prefix.ts';

/** A posting's matching facts plus what the recommendation lists show and the scope checks need. */
export interface PostingMatchRow extends PostingFacts {
  title: string;
  employerId: number;
  employerName: string;
  scopeCode: string;
  address: string;
  updatedAt: string;
}

/** A person's matching facts plus the name shown to staff and the household id. */
export interface PersonMatchRow extends PersonFacts {
  name: string;
  gender: string;
  householdId: number;
}

const POSTING_COLUMNS = [
  'p.id', 'p.title', 'p.employer_id', 'p.occupation_code', 'p.region_code', 'p.scope_code', 'p.address', 'p.pay_min_fen', 'p.pay_max_fen', 'p.openings', 'p.filled',
  'p.status', 'p.start_date', 'p.end_date', 'p.requirements', 'p.weak_labor_ok', 'p.post_type', 'p.updated_at', 'e.name as employer_name',
] as const;

export function decodePostingFacts(r: any): PostingMatchRow {
  const req = toJson<PostingRequirements>(r.requirements) ?? {};
  return {
    id: Number(r.id),
    title: r.title,
    employerId: Number(r.employer_id),
    employerName: r.employer_name ?? '',
    scopeCode: r.scope_code,
    address: r.address ?? '',
    occupationCode: r.occupation_code,
    regionCode: r.region_code,
    payMinFen: Number(r.pay_min_fen),
    payMaxFen: Number(r.pay_max_fen),
    openings: Number(r.openings),
    filled: Number(r.filled),
    status: r.status,
    startDate: r.start_date,
    endDate: r.end_date ?? null,
    ageMin: req.ageMin ?? null,
    ageMax: req.ageMax ?? null,
    healthCertificate: req.healthCertificate === true,
    weakLaborOk: toBool(r.weak_labor_ok),
    postType: r.post_type,
    updatedAt: r.updated_at,
  };
}

const PERSON_COLUMNS = [
  'p.id', 'p.name', 'p.gender', 'p.household_id', 'p.village_code', 'p.birth_date', 'p.labor_capacity', 'p.employment_status', 'p.job_wish_types', 'p.skills',
  'p.available_from', 'p.preferred_scope', 'p.min_monthly_pay_yuan', 'h.category', 'h.relocated', 'h.zero_employment',
] as const;

export function decodePersonFacts(r: any): PersonMatchRow {
  return {
    id: Number(r.id),
    name: r.name,
    gender: r.gender,
    householdId: Number(r.household_id),
    villageCode: r.village_code,
    birthDate: r.birth_date,
    laborCapacity: r.labor_capacity,
    employmentStatus: r.employment_status,
    jobWishTypes: toJson<string[]>(r.job_wish_types) ?? [],
    skills: toJson<Skill[]>(r.skills) ?? [],
    availableFrom: r.available_from ?? null,
    preferredScope: r.preferred_scope ?? null,
    minMonthlyPayYuan: r.min_monthly_pay_yuan == null ? null : Number(r.min_monthly_pay_yuan),
    household: { category: r.category, relocated: toBool(r.relocated), zeroEmployment: toBool(r.zero_employment) },
  };
}

function postings(db: Tx) {
  return db.selectFrom('postings as p').innerJoin('employers as e', 'e.id', 'p.employer_id').select(POSTING_COLUMNS);
}

function persons(db: Tx) {
  return db.selectFrom('persons as p').innerJoin('households as h', 'h.id', 'p.household_id').select(PERSON_COLUMNS).where('p.deleted_at', 'is', null);
}

export const matchingRepository = {
  async postingById(db: Tx, id: number): Promise<PostingMatchRow | undefined> {
    const r = await postings(db).where('p.id', '=', id).executeTakeFirst();
    return r && decodePostingFacts(r);
  },
  async postingsByIds(db: Tx, ids: number[]): Promise<PostingMatchRow[]> {
    const out: PostingMatchRow[] = [];
    for (let i = 0; i < ids.length; i += 500) out.push(...(await postings(db).where('p.id', 'in', ids.slice(i, i + 500)).execute()).map(decodePostingFacts));
    return out;
  },
  /** Open postings in id order after `afterId`, only the columns the index keeps, for building it in pages. */
  async openPostingFactsPage(db: Tx, afterId: number, limit: number): Promise<PostingFacts[]> {
    const rows = await db
      .selectFrom('postings')
      .select(['id', 'occupation_code', 'region_code', 'pay_min_fen', 'pay_max_fen', 'openings', 'filled', 'status', 'start_date', 'end_date', 'requirements', 'weak_labor_ok', 'post_type'])
      .where('status', '=', 'open')
      .where('id', '>', afterId)
      .orderBy('id')
      .limit(limit)
      .execute();
    return rows.map((r) => {
      const req = toJson<PostingRequirements>(r.requirements) ?? {};
      return {
        id: Number(r.id), occupationCode: r.occupation_code, regionCode: r.region_code, payMinFen: Number(r.pay_min_fen), payMaxFen: Number(r.pay_max_fen),
        openings: Number(r.openings), filled: Number(r.filled), status: r.status, startDate: r.start_date, endDate: r.end_date ?? null,
        ageMin: req.ageMin ?? null, ageMax: req.ageMax ?? null, healthCertificate: req.healthCertificate === true, weakLaborOk: toBool(r.weak_labor_ok), postType: r.post_type,
      };
    });
  },
  /**
   * Postings changed after the (updated_at, id) position given, in that order, whatever their
   * status. Two range reads on the (updated_at, id) index: the rest of the same instant, then later
   * instants; a bulk load stamps many rows with one instant, and one combined condition would make
   * SQLite walk all of them on every call.
   */
  async postingsChangedAfter(db: Tx, at: string, id: number, limit: number): Promise<PostingMatchRow[]> {
    const same = await postings(db).where('p.updated_at', '=', at).where('p.id', '>', id).orderBy('p.updated_at').orderBy('p.id').limit(limit).execute();
    const later = same.length < limit ? await postings(db).where('p.updated_at', '>', at).orderBy('p.updated_at').orderBy('p.id').limit(limit - same.length).execute() : [];
    return [...same, ...later].map(decodePostingFacts);
  },
  /** Postings whose change time lies in [from, to]. */
  async postingsChangedBetween(db: Tx, from: string, to: string, limit: number): Promise<PostingMatchRow[]> {
    const rows = await postings(db).where('p.updated_at', '>=', from).where('p.updated_at', '<=', to).limit(limit).execute();
    return rows.map(decodePostingFacts);
  },
  /** The latest change position (updated_at, id). */
  async latestPostingChange(db: Tx): Promise<{ at: string; id: number } | null> {
    const r = await db.selectFrom('postings').select(['updated_at', 'id']).orderBy('updated_at', 'desc').orderBy('id', 'desc').limit(1).executeTakeFirst();
    return r ? { at: r.updated_at, id: Number(r.id) } : null;
  },
  /** Open postings located in, or managed from, a region: the postings of a batch run. */
  async openPostingsOfRegion(db: Tx, region: string): Promise<PostingMatchRow[]> {
    const rows = await postings(db)
      .where('p.status', '=', 'open')
      .$if(region !== '', (qb) => qb.where((eb) => eb.or([inRegion(eb, 'p.region_code', region), inRegion(eb, 'p.scope_code', region)])))
      .orderBy('p.id')
      .execute();
    return rows.map(decodePostingFacts);
  },
  async personById(db: Tx, id: number): Promise<PersonMatchRow | undefined> {
    const r = await persons(db).where('p.id', '=', id).executeTakeFirst();
    return r && decodePersonFacts(r);
  },
  async personsByIds(db: Tx, ids: number[]): Promise<PersonMatchRow[]> {
    const out: PersonMatchRow[] = [];
    for (let i = 0; i < ids.length; i += 500) out.push(...(await persons(db).where('p.id', 'in', ids.slice(i, i + 500)).execute()).map(decodePersonFacts));
    return out;
  },
  /**
   * People looking for work whose home lies in a region, read on the (employment_status,
   * village_code, id) index; `exclude` skips a nearer region already read; at most `limit` rows.
   */
  async seekingPeople(db: Tx, within: string, opts: { exclude?: string; limit?: number; afterId?: number } = {}): Promise<PersonMatchRow[]> {
    const rows = await persons(db)
      .where('p.employment_status', '=', 'seeking')
      .$if(within !== '', (qb) => qb.where((eb) => inRegion(eb, 'p.village_code', within)))
      .$if(!!opts.exclude, (qb) => qb.where('p.village_code', 'not like', `${opts.exclude}%`))
      .$if(opts.afterId != null, (qb) => qb.where('p.id', '>', opts.afterId!))
      .orderBy('p.id')
      .$if(opts.limit != null, (qb) => qb.limit(opts.limit!))
      .execute();
    return rows.map(decodePersonFacts);
  },
  /** People with an open referral (any posting), among those given. */
  async peopleWithOpenReferrals(db: Tx, within: string): Promise<Set<number>> {
    const rows = await db
      .selectFrom('referrals')
      .select('person_id')
      .where('closed_on', 'is', null)
      .$if(within !== '', (qb) => qb.where((eb) => inRegion(eb, 'village_code', within)))
      .execute();
    return new Set(rows.map((r) => Number(r.person_id)));
  },
  /** Referrals still on their way to a hire, per posting: they hold a place in a batch run. */
  async pendingReferralsByPosting(db: Tx, postingIds: number[]): Promise<Map<number, number>> {
    const out = new Map<number, number>();
    for (let i = 0; i < postingIds.length; i += 500) {
      const rows = await db
        .selectFrom('referrals')
        .select(['posting_id', sql<number>`count(*)`.as('n')])
        .where('posting_id', 'in', postingIds.slice(i, i + 500))
        .where('status', 'in', ['recommended', 'contacted', 'interested', 'interviewed'])
        .groupBy('posting_id')
        .execute();
      for (const r of rows) out.set(Number(r.posting_id), Number(r.n));
    }
    return out;
  },
  /** Person names and posting titles with employer names, for lists of referrals and employments. */
  async names(db: Tx, personIds: number[], postingIds: number[]) {
    const persons = new Map<number, string>();
    const postings = new Map<number, { title: string; employerName: string }>();
    const pIds = [...new Set(personIds)];
    const jIds = [...new Set(postingIds)];
    for (let i = 0; i < pIds.length; i += 500) {
      for (const r of await db.selectFrom('persons').select(['id', 'name']).where('id', 'in', pIds.slice(i, i + 500)).execute()) persons.set(Number(r.id), r.name);
    }
    for (let i = 0; i < jIds.length; i += 500) {
      const rows = await db.selectFrom('postings as p').innerJoin('employers as e', 'e.id', 'p.employer_id').select(['p.id', 'p.title', 'e.name']).where('p.id', 'in', jIds.slice(i, i + 500)).execute();
      for (const r of rows) postings.set(Number(r.id), { title: r.title, employerName: r.name });
    }
    return { persons, postings };
  },
};
