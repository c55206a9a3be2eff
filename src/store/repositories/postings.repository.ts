import { sql } from 'kysely';
import type { Tx } from '../../app/context.ts';
import { fromBool, fromJson, nowIso, toBool, toJson } from '../codec.ts';
import type { PostingDraft, PostingRequirements } from '../../domain/demand/posting-rules.ts';
import { versionedUpdate } from '../versioned.ts';
import { inRegion } from '../region-prefix.ts';

/** A stored posting: the fields the posting rules check (`PostingDraft`), its employer, managing region and version. */
export interface PostingRecord extends PostingDraft {
  id: number;
  employerId: number;
  externalNo: string | null;
  scopeCode: string;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export type PostingFields = Omit<PostingRecord, 'id' | 'createdAt' | 'updatedAt' | 'version'>;

export function decodePosting(r: any): PostingRecord {
  return {
    id: Number(r.id),
    employerId: Number(r.employer_id),
    externalNo: r.external_no,
    title: r.title,
    occupationCode: r.occupation_code,
    postType: r.post_type,
    openings: Number(r.openings),
    filled: Number(r.filled),
    payMinFen: Number(r.pay_min_fen),
    payMaxFen: Number(r.pay_max_fen),
    regionCode: r.region_code,
    scopeCode: r.scope_code,
    address: r.address,
    startDate: r.start_date,
    endDate: r.end_date,
    hours: r.hours,
    requirements: toJson<PostingRequirements>(r.requirements) ?? {},
    board: toBool(r.board),
    lodging: toBool(r.lodging),
    weakLaborOk: toBool(r.weak_labor_ok),
    status: r.status,
    accidentInsuranceFen: r.accident_insurance_fen == null ? null : Number(r.accident_insurance_fen),
    description: r.description,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    version: Number(r.version),
  };
}

/** The province, city, county and town prefixes of a work place, for the board's per-level indexes. */
export function regionPrefixes(code: string) {
  return { province_code: code.slice(0, 2), city_code: code.length >= 4 ? code.slice(0, 4) : null, county_code: code.length >= 6 ? code.slice(0, 6) : null, town_code: code.length >= 9 ? code.slice(0, 9) : null };
}

export function encodePosting(p: PostingFields) {
  return {
    employer_id: p.employerId,
    external_no: p.externalNo,
    title: p.title,
    occupation_code: p.occupationCode,
    post_type: p.postType,
    openings: p.openings,
    filled: p.filled,
    pay_min_fen: p.payMinFen,
    pay_max_fen: p.payMaxFen,
    region_code: p.regionCode,
    ...regionPrefixes(p.regionCode),
    scope_code: p.scopeCode,
    address: p.address,
    start_date: p.startDate,
    end_date: p.endDate,
    hours: p.hours,
    requirements: fromJson(p.requirements),
    board: fromBool(p.board),
    lodging: fromBool(p.lodging),
    weak_labor_ok: fromBool(p.weakLaborOk),
    status: p.status,
    accident_insurance_fen: p.accidentInsuranceFen,
    description: p.description,
  };
}

export interface PostingFilter {
  within: string;
  employerId?: number | null;
  onlyEmployer?: number;
  status?: string;
  postType?: string;
  q?: string;
  afterId?: number;
  limit: number;
  like: 'like' | 'ilike';
}

/** What the public board may filter on. */
export interface BoardFilter {
  region?: string;
  occupation?: string;
  postType?: string;
  minPayFen?: number;
  beforeId?: number;
  limit: number;
}

/** A posting as the public job board shows it, with its employer's name. */
export type BoardRow = Pick<
  PostingRecord,
  'id' | 'title' | 'occupationCode' | 'postType' | 'openings' | 'filled' | 'payMinFen' | 'payMaxFen' | 'regionCode' | 'startDate' | 'endDate' | 'hours' | 'board' | 'lodging' | 'weakLaborOk' | 'requirements'
> & { employerName: string };

export const postingsRepository = {
  async byId(db: Tx, id: number): Promise<PostingRecord | undefined> {
    const r = await db.selectFrom('postings').selectAll().where('id', '=', id).executeTakeFirst();
    return r && decodePosting(r);
  },
  async byIds(db: Tx, ids: number[]): Promise<PostingRecord[]> {
    if (!ids.length) return [];
    return (await db.selectFrom('postings').selectAll().where('id', 'in', ids).orderBy('id').execute()).map(decodePosting);
  },
  async byExternal(db: Tx, employerId: number, externalNo: string): Promise<PostingRecord | undefined> {
    const r = await db.selectFrom('postings').selectAll().where('employer_id', '=', employerId).where('external_no', '=', externalNo).executeTakeFirst();
    return r && decodePosting(r);
  },
  /** Postings by (employer, external number), 500 pairs a query as a row-value IN list (one index probe a pair). */
  async byExternalMany(db: Tx, keys: { employerId: number; externalNo: string }[]): Promise<Map<string, PostingRecord>> {
    const out = new Map<string, PostingRecord>();
    for (let i = 0; i < keys.length; i += 500) {
      const pairs = keys.slice(i, i + 500).map((k) => sql`(cast(${k.employerId} as integer), cast(${k.externalNo} as text))`);
      const rows = await db
        .selectFrom('postings')
        .selectAll()
        .where(sql<boolean>`(employer_id, external_no) in (values ${sql.join(pairs)})`)
        .execute();
      for (const r of rows) out.set(`${r.employer_id}\u0000${r.external_no}`, decodePosting(r));
    }
    return out;
  },
  async insert(db: Tx, p: PostingFields): Promise<PostingRecord> {
    const now = nowIso();
    const r = await db.insertInto('postings').values({ ...encodePosting(p), created_at: now, updated_at: now, version: 1 }).returningAll().executeTakeFirstOrThrow();
    return decodePosting(r);
  },
  async update(db: Tx, id: number, version: number, p: PostingFields): Promise<PostingRecord | undefined> {
    const r = await versionedUpdate(db, 'postings', id, version, encodePosting(p));
    return r && decodePosting(r);
  },
  /** Moves the postings of an employer to a new managing region (when the employer's scope changes). */
  async rescope(db: Tx, employerId: number, scopeCode: string): Promise<void> {
    await db.updateTable('postings').set({ scope_code: scopeCode }).where('employer_id', '=', employerId).execute();
  },
  async list(db: Tx, f: PostingFilter): Promise<(PostingRecord & { employerName: string })[]> {
    const q = f.q?.trim();
    const rows = await db
      .selectFrom('postings as p')
      .innerJoin('employers as e', 'e.id', 'p.employer_id')
      .selectAll('p')
      .select('e.name as employer_name')
      .$if(f.within !== '', (qb) => qb.where((eb) => inRegion(eb, 'p.scope_code', f.within)))
      .$if(f.employerId !== undefined, (qb) => qb.where('p.employer_id', '=', f.employerId ?? -1))
      .$if(f.onlyEmployer !== undefined, (qb) => qb.where('p.employer_id', '=', f.onlyEmployer!))
      .$if(!!f.status, (qb) => qb.where('p.status', '=', f.status!))
      .$if(!!f.postType, (qb) => qb.where('p.post_type', '=', f.postType!))
      .$if(!!q, (qb) => qb.where((eb) => eb.or([eb('p.title', f.like, `%${q!.replace(/[%_]/g, '')}%`), eb('e.name', f.like, `%${q!.replace(/[%_]/g, '')}%`)])))
      .$if(f.afterId != null, (qb) => qb.where('p.id', '>', f.afterId!))
      .orderBy('p.id')
      .limit(f.limit)
      .execute();
    return rows.map((r) => ({ ...decodePosting(r), employerName: (r as any).employer_name }));
  },
  /**
   * Open postings for the public board, newest first, keyset-paged on id. A region filter is an
   * equality on the column of its level (province, city, county, town, or the village's own code),
   * each with a partial index on (column, id, other filters), so the page is read from the index in
   * order and stops after `limit` rows.
   */
  async board(db: Tx, f: BoardFilter): Promise<BoardRow[]> {
    const region = f.region ?? '';
    const rows = await db
      .selectFrom('postings as p')
      .innerJoin('employers as e', 'e.id', 'p.employer_id')
      .select([
        'p.id', 'p.title', 'p.occupation_code', 'p.post_type', 'p.openings', 'p.filled', 'p.pay_min_fen', 'p.pay_max_fen', 'p.region_code',
        'p.start_date', 'p.end_date', 'p.hours', 'p.board', 'p.lodging', 'p.weak_labor_ok', 'p.requirements', 'e.name as employer_name',
      ])
      .where('p.status', '=', 'open')
      .$if(region.length === 2, (qb) => qb.where('p.province_code', '=', region))
      .$if(region.length === 4, (qb) => qb.where('p.city_code', '=', region))
      .$if(region.length === 6, (qb) => qb.where('p.county_code', '=', region))
      .$if(region.length === 9, (qb) => qb.where('p.town_code', '=', region))
      .$if(region.length === 12, (qb) => qb.where('p.region_code', '=', region))
      .$if(!!f.occupation, (qb) => (f.occupation!.split('-').length === 4 ? qb.where('p.occupation_code', '=', f.occupation!) : qb.where('p.occupation_code', 'like', `${f.occupation}-%`)))
      .$if(!!f.postType, (qb) => qb.where('p.post_type', '=', f.postType!))
      .$if(f.minPayFen != null, (qb) => qb.where('p.pay_max_fen', '>=', f.minPayFen!))
      .$if(f.beforeId != null, (qb) => qb.where('p.id', '<', f.beforeId!))
      .orderBy('p.id', 'desc')
      .limit(f.limit)
      .execute();
    return rows.map((r) => ({
      id: Number(r.id),
      title: r.title,
      occupationCode: r.occupation_code,
      postType: r.post_type,
      openings: Number(r.openings),
      filled: Number(r.filled),
      payMinFen: Number(r.pay_min_fen),
      payMaxFen: Number(r.pay_max_fen),
      regionCode: r.region_code,
      startDate: r.start_date,
      endDate: r.end_date,
      hours: r.hours,
      board: toBool(r.board),
      lodging: toBool(r.lodging),
      weakLaborOk: toBool(r.weak_labor_ok),
      requirements: toJson<PostingRequirements>(r.requirements) ?? {},
      employerName: r.employer_name,
    }));
  },
  /** Openings of postings by status within a scope, for campaign and region summaries. */
  async countOpen(db: Tx, within: string) {
    const r = await db
      .selectFrom('postings')
      .select([(eb) => eb.fn.countAll<number>().as('n'), sql<number>`coalesce(sum(openings), 0)`.as('openings')])
      .where('status', '=', 'open')
      .$if(within !== '', (qb) => qb.where((eb) => inRegion(eb, 'scope_code', within)))
      .executeTakeFirstOrThrow();
    return { postings: Number(r.n), openings: Number(r.openings) };
  },
};
