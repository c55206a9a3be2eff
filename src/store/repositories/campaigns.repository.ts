import { sql } from 'kysely';
import type { Tx } from '../../app/context.ts';
import { nowIso } from '../codec.ts';
import { inRegion } from '../region-prefix.ts';

export interface CampaignRecord {
  id: number;
  name: string;
  regionCode: string;
  startsOn: string;
  endsOn: string;
  description: string;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface EventRecord {
  id: number;
  campaignId: number;
  kind: string;
  name: string;
  regionCode: string;
  place: string;
  heldOn: string;
  createdAt: string;
  updatedAt: string;
  version: number;
}

const decodeCampaign = (r: any): CampaignRecord => ({ id: Number(r.id), name: r.name, regionCode: r.region_code, startsOn: r.starts_on, endsOn: r.ends_on, description: r.description, createdAt: r.created_at, updatedAt: r.updated_at, version: Number(r.version) });
const decodeEvent = (r: any): EventRecord => ({ id: Number(r.id), campaignId: Number(r.campaign_id), kind: r.kind, name: r.name, regionCode: r.region_code, place: r.place, heldOn: r.held_on, createdAt: r.created_at, updatedAt: r.updated_at, version: Number(r.version) });

export type CampaignFields = Pick<CampaignRecord, 'name' | 'regionCode' | 'startsOn' | 'endsOn' | 'description'>;
export type EventFields = Pick<EventRecord, 'kind' | 'name' | 'regionCode' | 'place' | 'heldOn'>;

const campaignRow = (c: CampaignFields) => ({ name: c.name, region_code: c.regionCode, starts_on: c.startsOn, ends_on: c.endsOn, description: c.description });
const eventRow = (e: EventFields) => ({ kind: e.kind, name: e.name, region_code: e.regionCode, place: e.place, held_on: e.heldOn });

export interface PersonHit {
  id: number;
  name: string;
  villageCode: string;
  idMasked: string;
  phoneMasked: string | null;
  birthDate: string;
}

export const campaignsRepository = {
  async byId(db: Tx, id: number): Promise<CampaignRecord | undefined> {
    const r = await db.selectFrom('campaigns').selectAll().where('id', '=', id).executeTakeFirst();
    return r && decodeCampaign(r);
  },
  async insert(db: Tx, c: CampaignFields): Promise<CampaignRecord> {
    const now = nowIso();
    return decodeCampaign(await db.insertInto('campaigns').values({ ...campaignRow(c), created_at: now, updated_at: now, version: 1 }).returningAll().executeTakeFirstOrThrow());
  },
  async update(db: Tx, id: number, version: number, c: CampaignFields): Promise<CampaignRecord | undefined> {
    const r = await db.updateTable('campaigns').set({ ...campaignRow(c), updated_at: nowIso(), version: version + 1 }).where('id', '=', id).where('version', '=', version).returningAll().executeTakeFirst();
    return r && decodeCampaign(r);
  },
  /** Campaigns inside `within`, and those covering it from above (a province campaign reaches its counties). */
  async list(db: Tx, within: string, ancestors: string[], afterId: number | undefined, limit: number): Promise<CampaignRecord[]> {
    const rows = await db
      .selectFrom('campaigns')
      .selectAll()
      .$if(within !== '', (qb) => qb.where((eb) => eb.or([inRegion(eb, 'region_code', within), ...(ancestors.length ? [eb('region_code', 'in', ancestors)] : [])])))
      .$if(afterId != null, (qb) => qb.where('id', '<', afterId!))
      .orderBy('id', 'desc')
      .limit(limit)
      .execute();
    return rows.map(decodeCampaign);
  },

  async eventById(db: Tx, id: number): Promise<EventRecord | undefined> {
    const r = await db.selectFrom('campaign_events').selectAll().where('id', '=', id).executeTakeFirst();
    return r && decodeEvent(r);
  },
  async events(db: Tx, campaignId: number, within: string): Promise<EventRecord[]> {
    const rows = await db
      .selectFrom('campaign_events')
      .selectAll()
      .where('campaign_id', '=', campaignId)
      .$if(within !== '', (qb) => qb.where((eb) => inRegion(eb, 'region_code', within)))
      .orderBy('held_on')
      .orderBy('id')
      .execute();
    return rows.map(decodeEvent);
  },
  async insertEvent(db: Tx, campaignId: number, e: EventFields): Promise<EventRecord> {
    const now = nowIso();
    return decodeEvent(await db.insertInto('campaign_events').values({ ...eventRow(e), campaign_id: campaignId, created_at: now, updated_at: now, version: 1 }).returningAll().executeTakeFirstOrThrow());
  },
  async updateEvent(db: Tx, id: number, version: number, e: EventFields): Promise<EventRecord | undefined> {
    const r = await db.updateTable('campaign_events').set({ ...eventRow(e), updated_at: nowIso(), version: version + 1 }).where('id', '=', id).where('version', '=', version).returningAll().executeTakeFirst();
    return r && decodeEvent(r);
  },
  async eventLinks(db: Tx, eventIds: number[]): Promise<{ employers: Map<number, number[]>; postings: Map<number, number[]> }> {
    const employers = new Map<number, number[]>();
    const postings = new Map<number, number[]>();
    if (!eventIds.length) return { employers, postings };
    for (const r of await db.selectFrom('event_employers').selectAll().where('event_id', 'in', eventIds).orderBy('employer_id').execute()) employers.set(Number(r.event_id), [...(employers.get(Number(r.event_id)) ?? []), Number(r.employer_id)]);
    for (const r of await db.selectFrom('event_postings').selectAll().where('event_id', 'in', eventIds).orderBy('posting_id').execute()) postings.set(Number(r.event_id), [...(postings.get(Number(r.event_id)) ?? []), Number(r.posting_id)]);
    return { employers, postings };
  },
  async setEventLinks(db: Tx, eventId: number, employerIds: number[], postingIds: number[]): Promise<void> {
    await db.deleteFrom('event_employers').where('event_id', '=', eventId).execute();
    await db.deleteFrom('event_postings').where('event_id', '=', eventId).execute();
    if (employerIds.length) await db.insertInto('event_employers').values(employerIds.map((employer_id) => ({ event_id: eventId, employer_id }))).execute();
    if (postingIds.length) await db.insertInto('event_postings').values(postingIds.map((posting_id) => ({ event_id: eventId, posting_id }))).execute();
  },

  async attendance(db: Tx, eventId: number) {
    const rows = await db
      .selectFrom('event_attendance as a')
      .innerJoin('persons as p', 'p.id', 'a.person_id')
      .select(['a.id', 'a.person_id', 'a.village_code', 'a.checked_in_at', 'p.name', 'p.id_masked'])
      .where('a.event_id', '=', eventId)
      .orderBy('a.id', 'desc')
      .execute();
    return rows.map((r) => ({ id: Number(r.id), personId: Number(r.person_id), name: r.name, idMasked: r.id_masked, villageCode: r.village_code, checkedInAt: r.checked_in_at }));
  },
  async findAttendance(db: Tx, eventId: number, personId: number) {
    const r = await db.selectFrom('event_attendance').selectAll().where('event_id', '=', eventId).where('person_id', '=', personId).executeTakeFirst();
    return r ? { id: Number(r.id), checkedInAt: r.checked_in_at } : undefined;
  },
  async addAttendance(db: Tx, a: { eventId: number; personId: number; villageCode: string; by: number }) {
    const r = await db.insertInto('event_attendance').values({ event_id: a.eventId, person_id: a.personId, village_code: a.villageCode, checked_in_at: nowIso(), checked_in_by: a.by }).returningAll().executeTakeFirstOrThrow();
    return { id: Number(r.id), checkedInAt: r.checked_in_at };
  },
  async intentions(db: Tx, eventId: number) {
    const rows = await db
      .selectFrom('event_intentions as i')
      .innerJoin('persons as p', 'p.id', 'i.person_id')
      .innerJoin('postings as j', 'j.id', 'i.posting_id')
      .innerJoin('employers as e', 'e.id', 'j.employer_id')
      .select(['i.id', 'i.person_id', 'i.posting_id', 'i.village_code', 'i.note', 'i.created_at', 'p.name', 'p.id_masked', 'j.title', 'e.name as employer_name'])
      .where('i.event_id', '=', eventId)
      .orderBy('i.id', 'desc')
      .execute();
    return rows.map((r) => ({ id: Number(r.id), personId: Number(r.person_id), name: r.name, idMasked: r.id_masked, villageCode: r.village_code, postingId: Number(r.posting_id), postingTitle: r.title, employerName: r.employer_name, note: r.note, createdAt: r.created_at }));
  },
  async findIntention(db: Tx, eventId: number, personId: number, postingId: number) {
    const r = await db.selectFrom('event_intentions').select(['id', 'created_at']).where('event_id', '=', eventId).where('person_id', '=', personId).where('posting_id', '=', postingId).executeTakeFirst();
    return r ? { id: Number(r.id), createdAt: r.created_at } : undefined;
  },
  async addIntention(db: Tx, i: { eventId: number; personId: number; postingId: number; villageCode: string; note: string; by: number }) {
    const r = await db.insertInto('event_intentions').values({ event_id: i.eventId, person_id: i.personId, posting_id: i.postingId, village_code: i.villageCode, note: i.note, created_at: nowIso(), created_by: i.by }).returningAll().executeTakeFirstOrThrow();
    return { id: Number(r.id), createdAt: r.created_at };
  },

  /** Per event: distinct employers, postings, their openings, attendees and intentions. */
  async eventCounts(db: Tx, eventIds: number[]) {
    if (!eventIds.length) return [];
    const rows = await db
      .selectFrom('campaign_events as ev')
      .select([
        'ev.id',
        'ev.region_code',
        (eb) => eb.selectFrom('event_employers as x').whereRef('x.event_id', '=', 'ev.id').select(eb.fn.countAll<number>().as('n')).as('employers'),
        (eb) => eb.selectFrom('event_postings as x').whereRef('x.event_id', '=', 'ev.id').select(eb.fn.countAll<number>().as('n')).as('postings'),
        (eb) => eb.selectFrom('event_postings as x').innerJoin('postings as p', 'p.id', 'x.posting_id').whereRef('x.event_id', '=', 'ev.id').select(sql<number>`coalesce(sum(p.openings), 0)`.as('n')).as('openings'),
        (eb) => eb.selectFrom('event_attendance as x').whereRef('x.event_id', '=', 'ev.id').select(eb.fn.countAll<number>().as('n')).as('attendees'),
        (eb) => eb.selectFrom('event_intentions as x').whereRef('x.event_id', '=', 'ev.id').select(eb.fn.countAll<number>().as('n')).as('intentions'),
      ])
      .where('ev.id', 'in', eventIds)
      .execute();
    return rows.map((r) => ({ eventId: Number(r.id), regionCode: r.region_code, employers: Number(r.employers), postings: Number(r.postings), openings: Number(r.openings), attendees: Number(r.attendees), intentions: Number(r.intentions) }));
  },
  /** Distinct people, employers and postings across events, for totals that do not double count. */
  async distinctTotals(db: Tx, eventIds: number[]) {
    if (!eventIds.length) return { employers: 0, postings: 0, openings: 0, attendees: 0, intentions: 0 };
    const one = async (q: any) => Number((await q.executeTakeFirstOrThrow()).n);
    const employers = await one(db.selectFrom('event_employers').select(sql<number>`count(distinct employer_id)`.as('n')).where('event_id', 'in', eventIds));
    const postings = await one(db.selectFrom('event_postings').select(sql<number>`count(distinct posting_id)`.as('n')).where('event_id', 'in', eventIds));
    const openings = await one(db.selectFrom('postings').select(sql<number>`coalesce(sum(openings), 0)`.as('n')).where('id', 'in', db.selectFrom('event_postings').select('posting_id').where('event_id', 'in', eventIds)));
    const attendees = await one(db.selectFrom('event_attendance').select(sql<number>`count(distinct person_id)`.as('n')).where('event_id', 'in', eventIds));
    const intentions = await one(db.selectFrom('event_intentions').select(sql<number>`count(*)`.as('n')).where('event_id', 'in', eventIds));
    return { employers, postings, openings, attendees, intentions };
  },

  /** People of the ledger inside `within`, by exact ID-number or phone hash, or by name prefix. */
  async findPeople(db: Tx, within: string, q: { idHash?: string; phoneHash?: string; name?: string }, limit: number): Promise<PersonHit[]> {
    const rows = await db
      .selectFrom('persons')
      .select(['id', 'name', 'village_code', 'id_masked', 'phone_masked', 'birth_date'])
      .where('deleted_at', 'is', null)
      .$if(within !== '', (qb) => qb.where((eb) => inRegion(eb, 'village_code', within)))
      .$if(!!q.idHash, (qb) => qb.where('id_hash', '=', q.idHash!))
      .$if(!!q.phoneHash, (qb) => qb.where('phone_hash', '=', q.phoneHash!))
      .$if(!!q.name, (qb) => qb.where('name', 'like', `${q.name!.replace(/[%_]/g, '')}%`))
      .orderBy('name')
      .orderBy('id')
      .limit(limit)
      .execute();
    return rows.map((r) => ({ id: Number(r.id), name: r.name, villageCode: r.village_code, idMasked: r.id_masked, phoneMasked: r.phone_masked, birthDate: r.birth_date }));
  },
  async person(db: Tx, id: number) {
    const r = await db.selectFrom('persons').select(['id', 'name', 'village_code', 'id_masked']).where('id', '=', id).where('deleted_at', 'is', null).executeTakeFirst();
    return r && { id: Number(r.id), name: r.name, villageCode: r.village_code, idMasked: r.id_masked };
  },
};
