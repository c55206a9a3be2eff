import type { Actor } from '../../domain/access/actor.ts';
import { authorize, inScope } from '../../domain/access/policy.ts';
import { DomainError } from '../../domain/errors.ts';
import { ageOn } from '../../domain/ledger/id-number.ts';
import { evaluatePair } from '../../domain/matching/evaluate.ts';
import type { Reason } from '../../domain/matching/reasons.ts';
import { builtinOccupation } from '../../domain/occupations/catalog.ts';
import { codeAtDepth, regionDepth } from '../../domain/regions/region-code.ts';
import { matchingRepository, type PersonMatchRow, type PostingMatchRow } from '../../store/repositories/matching.repository.ts';
import type { App } from '../context.ts';
import { maskName, today } from './common.ts';
import { postingIndex } from './posting-index-cache.ts';

export const MAX_K = 100;

function clampK(k: number | undefined): number {
  return Math.min(Math.max(Math.trunc(k ?? 10), 1), MAX_K);
}

async function openReferrals(app: App, by: 'person' | 'posting', id: number): Promise<Map<number, number>> {
  const rows = await app.database.db
    .selectFrom('referrals')
    .select(['id', 'person_id', 'posting_id'])
    .where(by === 'person' ? 'person_id' : 'posting_id', '=', id)
    .where('closed_on', 'is', null)
    .execute();
  return new Map(rows.map((r) => [Number(by === 'person' ? r.posting_id : r.person_id), Number(r.id)]));
}

function presentPostingBrief(p: PostingMatchRow) {
  const o = builtinOccupation(p.occupationCode);
  return {
    id: p.id,
    title: p.title,
    employerId: p.employerId,
    employerName: p.employerName,
    occupationCode: p.occupationCode,
    occupationName: o ? { zh: o.zh, en: o.en } : null,
    postType: p.postType,
    regionCode: p.regionCode,
    address: p.address,
    payMinYuan: p.payMinFen / 100,
    payMaxYuan: p.payMaxFen / 100,
    openings: p.openings,
    filled: p.filled,
    startDate: p.startDate,
    endDate: p.endDate,
  };
}

/**
 * The k postings that suit a person best, each with its score and reasons. Candidates come from
 * the in-memory index (no scan of the postings table); the best of them are read again from the
 * database and checked with the full rules, so a posting filled a moment ago is not offered.
 */
export async function recommendPostings(app: App, actor: Actor, personId: number, k?: number) {
  authorize(actor, 'recommendation.read');
  const db = app.database.db;
  // Independent reads go out together: on PostgreSQL each is a round trip of its own.
  const [person, index] = await Promise.all([matchingRepository.personById(db, personId), postingIndex(app)]);
  if (!person || !inScope(actor, person.villageCode)) throw new DomainError('not_found', `Person ${personId} was not found in your region`, { details: { what: 'Person', id: personId } });
  const n = clampK(k);
  const on = today();
  const candidates = index.topK(person, on, n * 2 + 5);
  const [rows, referred] = await Promise.all([matchingRepository.postingsByIds(db, candidates.map((c) => c.postingId)), openReferrals(app, 'person', personId)]);
  const fresh = new Map(rows.map((p) => [p.id, p]));
  const items: { posting: ReturnType<typeof presentPostingBrief>; score: number; reasons: Reason[]; referralId: number | null }[] = [];
  for (const c of candidates) {
    const p = fresh.get(c.postingId);
    if (!p) continue;
    const e = evaluatePair(person, p, { on });
    if (!e.ok) continue;
    items.push({ posting: presentPostingBrief(p), score: e.score!.total, reasons: e.reasons, referralId: referred.get(p.id) ?? null });
  }
  items.sort((a, b) => b.score - a.score || a.posting.id - b.posting.id);
  return { personId, on, items: items.slice(0, n) };
}

/** Rows read per region tier when looking for candidates; a tier beyond it is not read further. */
export const TIER_LIMIT = 20_000;

/**
 * The region tiers to search for people around a work place, nearest first (town, county, city,
 * province, everywhere), each narrowed to the region whose people the caller may see.
 */
export function candidateTiers(workRegion: string, visible: string): string[] {
  const tiers: string[] = [];
  for (let d = Math.min(regionDepth(workRegion), 4); d >= 0; d--) {
    const t = d === 0 ? '' : codeAtDepth(workRegion, d)!;
    const narrowed = t.startsWith(visible) ? t : visible.startsWith(t) ? visible : null;
    if (narrowed !== null && tiers[tiers.length - 1] !== narrowed) tiers.push(narrowed);
    if (narrowed === visible) break;
  }
  return tiers;
}

/**
 * The k people who suit a posting best. People are read nearest first, tier by tier (the town of
 * the work place, its county, city, province, then beyond), from the index on looking-for-work
 * people by village; a farther tier is read only while fewer than k fitting people were found,
 * because close to home is the point. Staff see the people of their own region; an employer
 * account sees, for its own postings only, the people of the region that manages the posting,
 * masked: surname, age and home county, the fit reasons without household priority, no id.
 */
export async function recommendPeople(app: App, actor: Actor, postingId: number, k?: number) {
  authorize(actor, 'candidate.read');
  const db = app.database.db;
  const posting = await matchingRepository.postingById(db, postingId);
  if (!posting) throw DomainError.notFound('Posting', postingId);
  authorize(actor, 'candidate.read', { regionCode: posting.scopeCode, employerId: posting.employerId }, `Posting ${postingId}`);
  const employer = actor.role === 'employer';
  const visible = employer ? posting.scopeCode : actor.role === 'admin' ? '' : actor.regionCode;
  const n = clampK(k);
  const on = today();
  const found: { person: PersonMatchRow; score: number; reasons: Reason[] }[] = [];
  let previous: string | null = null;
  for (const tier of candidateTiers(posting.regionCode, visible)) {
    const people = await matchingRepository.seekingPeople(db, tier, { exclude: previous ?? undefined, limit: TIER_LIMIT });
    for (const person of people) {
      const e = evaluatePair(person, posting, { on }, employer ? 'employer' : 'staff');
      if (e.ok) found.push({ person, score: e.score!.total, reasons: e.reasons });
    }
    previous = tier;
    if (found.length >= n) break;
  }
  found.sort((a, b) => b.score - a.score || a.person.id - b.person.id);
  const top = found.slice(0, n);
  if (employer) {
    return {
      postingId,
      on,
      items: top.map((c, i) => ({ rank: i + 1, personId: null, name: maskName(c.person.name), age: ageOn(c.person.birthDate, on), homeRegionCode: c.person.villageCode.slice(0, 6), score: c.score, reasons: c.reasons, referralId: null })),
    };
  }
  const referred = await openReferrals(app, 'posting', postingId);
  return {
    postingId,
    on,
    items: top.map((c, i) => ({
      rank: i + 1,
      personId: c.person.id,
      name: c.person.name,
      age: ageOn(c.person.birthDate, on),
      homeRegionCode: c.person.villageCode,
      score: c.score,
      reasons: c.reasons,
      referralId: referred.get(c.person.id) ?? null,
    })),
  };
}
