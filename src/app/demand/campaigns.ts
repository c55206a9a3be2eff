import type { Actor } from '../../domain/access/actor.ts';
import { authorize, inScope, scopeRegion } from '../../domain/access/policy.ts';
import { isIsoDate } from '../../domain/dates.ts';
import { EVENT_KINDS } from '../../domain/demand/vocabulary.ts';
import { DomainError, type FieldIssue } from '../../domain/errors.ts';
import { ID_NUMBER_MESSAGES, parseIdNumber } from '../../domain/ledger/id-number.ts';
import { parsePhone } from '../../domain/ledger/phone.ts';
import { ancestorCodes, regionDepth } from '../../domain/regions/region-code.ts';
import { campaignsRepository, type CampaignFields, type CampaignRecord, type EventFields, type EventRecord } from '../../store/repositories/campaigns.repository.ts';
import { demandRegionsRepository } from '../../store/repositories/demand-regions.repository.ts';
import { employersRepository } from '../../store/repositories/employers.repository.ts';
import { postingsRepository } from '../../store/repositories/postings.repository.ts';
import { writeAudit } from '../audit/audit.ts';
import { inTransaction, type App, type Tx } from '../context.ts';
import { idNumberHash, phoneHash } from '../ledger/person-record.ts';
import { decodeCursor, page, requireRegion, versionConflict } from './common.ts';

/**
 * A campaign or event is visible to an account whose scope contains its region, and to one whose
 * region lies inside it: a province-wide Spring Breeze Action reaches every county's staff.
 */
function covers(actor: Actor, region: string): boolean {
  return actor.role === 'admin' || inScope(actor, region) || actor.regionCode.startsWith(region);
}

function hide(what: string, id: number): DomainError {
  return new DomainError('not_found', `${what} ${id} was not found in your region`);
}

export function presentCampaign(c: CampaignRecord) {
  return { id: c.id, name: c.name, regionCode: c.regionCode, startsOn: c.startsOn, endsOn: c.endsOn, description: c.description, createdAt: c.createdAt, updatedAt: c.updatedAt, version: c.version };
}

export function presentEvent(e: EventRecord, links: { employerIds: number[]; postingIds: number[] }) {
  return { id: e.id, campaignId: e.campaignId, kind: e.kind, name: e.name, regionCode: e.regionCode, place: e.place, heldOn: e.heldOn, employerIds: links.employerIds, postingIds: links.postingIds, version: e.version };
}

export interface CampaignInput {
  name?: string;
  regionCode?: string;
  startsOn?: string;
  endsOn?: string;
  description?: string;
}

async function checkCampaign(db: Tx, actor: Actor, c: CampaignFields): Promise<CampaignFields> {
  const issues: FieldIssue[] = [];
  if (!c.name.trim()) issues.push({ field: 'name', code: 'required', message: 'is required', messageZh: '请填写活动名称' });
  if (!isIsoDate(c.startsOn)) issues.push({ field: 'startsOn', code: 'date_format', message: 'must be a date YYYY-MM-DD', messageZh: '日期格式应为 YYYY-MM-DD' });
  if (!isIsoDate(c.endsOn)) issues.push({ field: 'endsOn', code: 'date_format', message: 'must be a date YYYY-MM-DD', messageZh: '日期格式应为 YYYY-MM-DD' });
  else if (isIsoDate(c.startsOn) && c.endsOn < c.startsOn) issues.push({ field: 'endsOn', code: 'date_order', message: 'may not be before the start', messageZh: '结束日期不能早于开始日期' });
  if (regionDepth(c.regionCode) === 0) issues.push({ field: 'regionCode', code: 'region_code_format', message: 'must be a region code of 2, 4, 6, 9 or 12 digits', messageZh: '区划代码格式不正确' });
  else if (!inScope(actor, c.regionCode)) issues.push({ field: 'regionCode', code: 'out_of_scope', message: `region ${c.regionCode} is outside your region ${actor.regionCode}`, messageZh: '区划超出本账号的管辖范围' });
  if (issues.length) throw DomainError.invalid(issues);
  await requireRegion(db, 'regionCode', c.regionCode);
  return { ...c, name: c.name.trim() };
}

export async function createCampaign(app: App, actor: Actor, input: CampaignInput) {
  authorize(actor, 'campaign.manage');
  return inTransaction(app, async (trx) => {
    const fields = await checkCampaign(trx, actor, { name: input.name ?? '', regionCode: input.regionCode ?? actor.regionCode, startsOn: input.startsOn ?? '', endsOn: input.endsOn ?? '', description: input.description ?? '' });
    const c = await campaignsRepository.insert(trx, fields);
    await writeAudit(trx, actor, { action: 'campaign.create', entity: 'campaign', entityId: c.id, regionCode: c.regionCode, after: presentCampaign(c) });
    return presentCampaign(c);
  });
}

async function loadCampaign(db: Tx, actor: Actor, id: number, manage: boolean): Promise<CampaignRecord> {
  const c = await campaignsRepository.byId(db, id);
  if (!c || !(manage ? inScope(actor, c.regionCode) : covers(actor, c.regionCode))) throw hide('Campaign', id);
  return c;
}

export async function updateCampaign(app: App, actor: Actor, id: number, input: CampaignInput & { version: number }) {
  authorize(actor, 'campaign.manage');
  return inTransaction(app, async (trx) => {
    const before = await loadCampaign(trx, actor, id, true);
    if (before.version !== input.version) throw versionConflict('Campaign', id, before.version);
    const fields = await checkCampaign(trx, actor, { name: input.name ?? before.name, regionCode: input.regionCode ?? before.regionCode, startsOn: input.startsOn ?? before.startsOn, endsOn: input.endsOn ?? before.endsOn, description: input.description ?? before.description });
    const after = await campaignsRepository.update(trx, id, input.version, fields);
    if (!after) throw versionConflict('Campaign', id, (await campaignsRepository.byId(trx, id))?.version);
    await writeAudit(trx, actor, { action: 'campaign.update', entity: 'campaign', entityId: id, regionCode: after.regionCode, before: presentCampaign(before), after: presentCampaign(after) });
    return presentCampaign(after);
  });
}

export async function listCampaigns(app: App, actor: Actor, q: { region?: string; cursor?: string; limit?: number }) {
  authorize(actor, 'campaign.read');
  const within = scopeRegion(actor, q.region);
  const limit = Math.min(Math.max(q.limit ?? 50, 1), 200);
  const rows = await campaignsRepository.list(app.database.db, within, within ? ancestorCodes(within) : [], decodeCursor(q.cursor), limit + 1);
  const p = page(rows, limit);
  return { items: p.items.map(presentCampaign), nextCursor: p.nextCursor };
}

/** The campaign with the events the actor may see, and the summary by region (child level of the campaign's region). */
export async function getCampaign(app: App, actor: Actor, id: number) {
  authorize(actor, 'campaign.read');
  const db = app.database.db;
  const c = await loadCampaign(db, actor, id, false);
  const events = (await campaignsRepository.events(db, id, '')).filter((e) => covers(actor, e.regionCode));
  const ids = events.map((e) => e.id);
  const [links, counts, totals] = await Promise.all([campaignsRepository.eventLinks(db, ids), campaignsRepository.eventCounts(db, ids), campaignsRepository.distinctTotals(db, ids)]);
  const childLength = [2, 4, 6, 9, 12][Math.min(regionDepth(c.regionCode), 4)];
  const groups = new Map<string, { events: number; employers: number; postings: number; openings: number; attendees: number; intentions: number }>();
  for (const k of counts) {
    const code = k.regionCode.slice(0, childLength);
    const g = groups.get(code) ?? { events: 0, employers: 0, postings: 0, openings: 0, attendees: 0, intentions: 0 };
    g.events++;
    g.employers += k.employers;
    g.postings += k.postings;
    g.openings += k.openings;
    g.attendees += k.attendees;
    g.intentions += k.intentions;
    groups.set(code, g);
  }
  const names = await demandRegionsRepository.names(db, [...groups.keys(), ...events.map((e) => e.regionCode)]);
  const perEvent = new Map(counts.map((k) => [k.eventId, k]));
  return {
    ...presentCampaign(c),
    events: events.map((e) => ({
      ...presentEvent(e, { employerIds: links.employers.get(e.id) ?? [], postingIds: links.postings.get(e.id) ?? [] }),
      regionName: names.get(e.regionCode) ?? null,
      attendees: perEvent.get(e.id)?.attendees ?? 0,
      intentions: perEvent.get(e.id)?.intentions ?? 0,
    })),
    summary: {
      total: { events: events.length, ...totals },
      byRegion: [...groups].sort(([a], [b]) => a.localeCompare(b)).map(([code, g]) => ({ regionCode: code, regionName: names.get(code) ?? null, ...g })),
    },
  };
}

export interface EventInput {
  kind?: string;
  name?: string;
  regionCode?: string;
  place?: string;
  heldOn?: string;
  employerIds?: number[];
  postingIds?: number[];
}

async function checkEvent(db: Tx, actor: Actor, c: CampaignRecord, e: EventFields, employerIds: number[], postingIds: number[]) {
  const issues: FieldIssue[] = [];
  if (!(EVENT_KINDS as readonly string[]).includes(e.kind)) issues.push({ field: 'kind', code: 'event_kind_unknown', message: `must be one of ${EVENT_KINDS.join(', ')}`, messageZh: '活动类型无效' });
  if (!e.name.trim()) issues.push({ field: 'name', code: 'required', message: 'is required', messageZh: '请填写活动名称' });
  if (!isIsoDate(e.heldOn)) issues.push({ field: 'heldOn', code: 'date_format', message: 'must be a date YYYY-MM-DD', messageZh: '日期格式应为 YYYY-MM-DD' });
  else if (e.heldOn < c.startsOn || e.heldOn > c.endsOn) issues.push({ field: 'heldOn', code: 'outside_campaign_period', message: `must fall within the campaign, ${c.startsOn} to ${c.endsOn}`, messageZh: `应在活动期间（${c.startsOn}至${c.endsOn}）内`, params: { from: c.startsOn, to: c.endsOn } });
  if (!e.regionCode.startsWith(c.regionCode) || regionDepth(e.regionCode) === 0) issues.push({ field: 'regionCode', code: 'outside_campaign_region', message: `must lie within the campaign's region ${c.regionCode}`, messageZh: '地点应在活动覆盖的区划内' });
  else if (!inScope(actor, e.regionCode)) issues.push({ field: 'regionCode', code: 'out_of_scope', message: `region ${e.regionCode} is outside your region ${actor.regionCode}`, messageZh: '区划超出本账号的管辖范围' });
  const postings = await postingsRepository.byIds(db, postingIds);
  const missing = postingIds.filter((id) => !postings.some((p) => p.id === id && inScope(actor, p.scopeCode)));
  if (missing.length) issues.push({ field: 'postingIds', code: 'posting_unknown', message: `no posting ${missing.join(', ')} in your region`, messageZh: '部分岗位不存在或不在本辖区' });
  const allEmployers = [...new Set([...employerIds, ...postings.map((p) => p.employerId)])];
  for (const id of employerIds) {
    const emp = await employersRepository.byId(db, id);
    if (!emp || !inScope(actor, emp.scopeCode)) issues.push({ field: 'employerIds', code: 'employer_unknown', message: `no employer ${id} in your region`, messageZh: '部分用人单位不存在或不在本辖区' });
  }
  if (issues.length) throw DomainError.invalid(issues);
  await requireRegion(db, 'regionCode', e.regionCode);
  return { fields: { ...e, name: e.name.trim() }, employerIds: allEmployers.sort((a, b) => a - b), postingIds: [...new Set(postingIds)].sort((a, b) => a - b) };
}

export async function createEvent(app: App, actor: Actor, campaignId: number, input: EventInput) {
  authorize(actor, 'campaign.event');
  return inTransaction(app, async (trx) => {
    const c = await loadCampaign(trx, actor, campaignId, false);
    const checked = await checkEvent(trx, actor, c, { kind: input.kind ?? '', name: input.name ?? '', regionCode: input.regionCode ?? '', place: input.place ?? '', heldOn: input.heldOn ?? '' }, input.employerIds ?? [], input.postingIds ?? []);
    const e = await campaignsRepository.insertEvent(trx, campaignId, checked.fields);
    await campaignsRepository.setEventLinks(trx, e.id, checked.employerIds, checked.postingIds);
    const shown = presentEvent(e, checked);
    await writeAudit(trx, actor, { action: 'campaign.event.create', entity: 'campaign_event', entityId: e.id, regionCode: e.regionCode, after: shown });
    return shown;
  });
}

async function loadEvent(db: Tx, actor: Actor, campaignId: number, eventId: number, manage: boolean): Promise<{ campaign: CampaignRecord; event: EventRecord }> {
  const campaign = await loadCampaign(db, actor, campaignId, false);
  const event = await campaignsRepository.eventById(db, eventId);
  if (!event || event.campaignId !== campaignId || !(manage ? inScope(actor, event.regionCode) : covers(actor, event.regionCode))) throw hide('Event', eventId);
  return { campaign, event };
}

export async function updateEvent(app: App, actor: Actor, campaignId: number, eventId: number, input: EventInput & { version: number }) {
  authorize(actor, 'campaign.event');
  return inTransaction(app, async (trx) => {
    const { campaign, event: before } = await loadEvent(trx, actor, campaignId, eventId, true);
    if (before.version !== input.version) throw versionConflict('Event', eventId, before.version);
    const links = await campaignsRepository.eventLinks(trx, [eventId]);
    const checked = await checkEvent(
      trx, actor, campaign,
      { kind: input.kind ?? before.kind, name: input.name ?? before.name, regionCode: input.regionCode ?? before.regionCode, place: input.place ?? before.place, heldOn: input.heldOn ?? before.heldOn },
      input.employerIds ?? links.employers.get(eventId) ?? [], input.postingIds ?? links.postings.get(eventId) ?? [],
    );
    const after = await campaignsRepository.updateEvent(trx, eventId, input.version, checked.fields);
    if (!after) throw versionConflict('Event', eventId, (await campaignsRepository.eventById(trx, eventId))?.version);
    await campaignsRepository.setEventLinks(trx, eventId, checked.employerIds, checked.postingIds);
    const beforeShown = presentEvent(before, { employerIds: links.employers.get(eventId) ?? [], postingIds: links.postings.get(eventId) ?? [] });
    const shown = presentEvent(after, checked);
    await writeAudit(trx, actor, { action: 'campaign.event.update', entity: 'campaign_event', entityId: eventId, regionCode: after.regionCode, before: beforeShown, after: shown });
    return shown;
  });
}

/**
 * Everything the check-in page needs: the event, its postings (to record intentions against),
 * and the attendance and intentions recorded so far (people shown by name and masked ID only).
 */
export async function getEvent(app: App, actor: Actor, campaignId: number, eventId: number) {
  authorize(actor, 'campaign.read');
  const db = app.database.db;
  const { campaign, event } = await loadEvent(db, actor, campaignId, eventId, false);
  const links = await campaignsRepository.eventLinks(db, [eventId]);
  const postings = await postingsRepository.byIds(db, links.postings.get(eventId) ?? []);
  const employers = new Map<number, string>();
  for (const id of links.employers.get(eventId) ?? []) employers.set(id, (await employersRepository.byId(db, id))?.name ?? '');
  const within = actor.role === 'admin' ? '' : actor.regionCode;
  const mine = (v: { villageCode: string }) => v.villageCode.startsWith(within);
  return {
    campaign: presentCampaign(campaign),
    event: presentEvent(event, { employerIds: links.employers.get(eventId) ?? [], postingIds: links.postings.get(eventId) ?? [] }),
    employers: [...employers].map(([id, name]) => ({ id, name })),
    postings: postings.map((p) => ({ id: p.id, title: p.title, employerId: p.employerId, employerName: employers.get(p.employerId) ?? '', postType: p.postType, openings: p.openings, filled: p.filled, payMinFen: p.payMinFen, payMaxFen: p.payMaxFen, regionCode: p.regionCode, status: p.status })),
    // People outside the actor's own region are counted, not listed.
    attendance: (await campaignsRepository.attendance(db, eventId)).filter(mine),
    intentions: (await campaignsRepository.intentions(db, eventId)).filter(mine),
  };
}

/** Finds people of the ledger within the actor's scope by name prefix, ID number or phone (the last two by keyed hash). */
export async function findPeopleForCheckIn(app: App, actor: Actor, campaignId: number, eventId: number, text: string) {
  authorize(actor, 'campaign.checkin');
  const db = app.database.db;
  await loadEvent(db, actor, campaignId, eventId, false);
  const q = text.trim();
  if (!q) return { items: [] };
  const within = actor.role === 'admin' ? '' : actor.regionCode;
  let filter: { idHash?: string; phoneHash?: string; name?: string };
  if (/^\d{15,17}[\dXx]$/.test(q)) {
    const id = parseIdNumber(q);
    if (!id.ok) throw DomainError.invalid([{ field: 'q', code: id.error, message: ID_NUMBER_MESSAGES[id.error].en, messageZh: ID_NUMBER_MESSAGES[id.error].zh }]);
    filter = { idHash: idNumberHash(app.secrets, id.info.value) };
  } else if (/^[+\d][\d\s-]{6,}$/.test(q)) {
    const p = parsePhone(q);
    filter = p.ok && p.value ? { phoneHash: phoneHash(app.secrets, p.value) } : { name: '\u0000' };
  } else filter = { name: q };
  const people = await campaignsRepository.findPeople(db, within, filter, 20);
  const names = await demandRegionsRepository.names(db, people.map((p) => p.villageCode));
  return { items: people.map((p) => ({ ...p, villageName: names.get(p.villageCode) ?? null })) };
}

async function personFor(db: Tx, actor: Actor, personId: number) {
  const p = await campaignsRepository.person(db, personId);
  if (!p || !(actor.role === 'admin' || p.villageCode.startsWith(actor.regionCode))) {
    throw DomainError.invalid([{ field: 'personId', code: 'person_unknown', message: `no person ${personId} in your region`, messageZh: '本辖区台账中没有此人' }]);
  }
  return p;
}

/** Records that a person came to the event; a second check-in of the same person returns the first. */
export async function checkIn(app: App, actor: Actor, campaignId: number, eventId: number, personId: number) {
  authorize(actor, 'campaign.checkin');
  return inTransaction(app, async (trx) => {
    await loadEvent(trx, actor, campaignId, eventId, false);
    const person = await personFor(trx, actor, personId);
    const existing = await campaignsRepository.findAttendance(trx, eventId, personId);
    if (existing) return { ...existing, personId, name: person.name, idMasked: person.idMasked, villageCode: person.villageCode, created: false };
    const a = await campaignsRepository.addAttendance(trx, { eventId, personId, villageCode: person.villageCode, by: actor.userId });
    await writeAudit(trx, actor, { action: 'campaign.attendance', entity: 'campaign_event', entityId: eventId, regionCode: person.villageCode, after: { personId, checkedInAt: a.checkedInAt } });
    return { ...a, personId, name: person.name, idMasked: person.idMasked, villageCode: person.villageCode, created: true };
  });
}

/** Records a person's intention to take a posting offered at the event (checking the person in if needed). */
export async function recordIntention(app: App, actor: Actor, campaignId: number, eventId: number, input: { personId: number; postingId: number; note?: string }) {
  authorize(actor, 'campaign.checkin');
  return inTransaction(app, async (trx) => {
    await loadEvent(trx, actor, campaignId, eventId, false);
    const person = await personFor(trx, actor, input.personId);
    const links = await campaignsRepository.eventLinks(trx, [eventId]);
    if (!(links.postings.get(eventId) ?? []).includes(input.postingId)) {
      throw DomainError.invalid([{ field: 'postingId', code: 'posting_not_at_event', message: `posting ${input.postingId} is not offered at this event`, messageZh: '该岗位未参加本场活动' }]);
    }
    if (!(await campaignsRepository.findAttendance(trx, eventId, input.personId))) await campaignsRepository.addAttendance(trx, { eventId, personId: input.personId, villageCode: person.villageCode, by: actor.userId });
    const existing = await campaignsRepository.findIntention(trx, eventId, input.personId, input.postingId);
    if (existing) return { ...existing, personId: input.personId, postingId: input.postingId, created: false };
    const i = await campaignsRepository.addIntention(trx, { eventId, personId: input.personId, postingId: input.postingId, villageCode: person.villageCode, note: input.note ?? '', by: actor.userId });
    await writeAudit(trx, actor, { action: 'campaign.intention', entity: 'campaign_event', entityId: eventId, regionCode: person.villageCode, after: { personId: input.personId, postingId: input.postingId } });
    return { ...i, personId: input.personId, postingId: input.postingId, created: true };
  });
}
