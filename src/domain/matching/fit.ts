import { ageOn } from '../ledger/id-number.ts';
import { LOCATION_SCOPE, SCOPE_DEPTH, type LocationScope } from '../ledger/vocabulary.ts';
import { occupationAffinity } from '../occupations/catalog.ts';
import { regionDepth } from '../regions/region-code.ts';
import { hasHealthCertificate, type PersonFacts, type PostingFacts } from './facts.ts';

/** The day the rules are judged on (today, YYYY-MM-DD). */
export interface FitContext {
  on: string;
}

/** The lowest occupation affinity that counts as a fit: same medium group (中类). */
export const MIN_AFFINITY = 2;

export type FitFailureCode =
  | 'not_seeking'
  | 'no_labor_capacity'
  | 'not_available'
  | 'posting_not_open'
  | 'posting_full'
  | 'posting_ended'
  | 'occupation_mismatch'
  | 'pay_below_minimum'
  | 'outside_preferred_scope'
  | 'too_young'
  | 'too_old'
  | 'health_certificate_required'
  | 'not_suitable_for_weak_capacity';

/** One hard constraint the pair fails, said in both languages. */
export interface FitFailure {
  code: FitFailureCode;
  en: string;
  zh: string;
  params?: Record<string, unknown>;
}

/** What the rules found out about a pair, which the score and the reasons are built from. */
export interface FitMatch {
  /** Region levels home village and work place share: 5 same village … 1 same province, 0 none. */
  commonDepth: number;
  /** Best occupation affinity over wishes and skills (4 detailed, 3 minor, 2 medium group, below 2 no fit). */
  affinity: number;
  /** Whether the best affinity came from a wished work type or from a skill (a wish wins a tie). */
  via: 'wish' | 'skill' | null;
  /** The wish or skill occupation code that gave the best affinity. */
  viaCode: string | null;
  /** Posting's lowest pay minus the person's minimum, in yuan; null when the person states no minimum. */
  paySurplusYuan: number | null;
  /** Age on the day work would begin. */
  age: number;
  /** The day work would begin: the posting's start, or today when the posting has already started. */
  startBy: string;
}

export interface FitResult {
  ok: boolean;
  failures: FitFailure[];
  match: FitMatch;
}

const LENGTHS = [2, 4, 6, 9, 12];

/** Number of region levels two codes share from the top (0 when not even the province agrees). */
export function commonDepth(a: string, b: string): number {
  const n = Math.min(regionDepth(a), regionDepth(b));
  let d = 0;
  while (d < n && a.slice(0, LENGTHS[d]) === b.slice(0, LENGTHS[d])) d++;
  return d;
}

/** Region depth the person's preferred scope requires to be shared (0 = anywhere, also when unstated). */
export function scopeDepth(scope: string | null): number {
  return scope && LOCATION_SCOPE.has(scope) ? SCOPE_DEPTH[scope as LocationScope] : 0;
}

/** The best affinity of an occupation code to a person's wishes (first) and skills. */
export function occupationFit(person: Pick<PersonFacts, 'jobWishTypes' | 'skills'>, occupationCode: string): { affinity: number; via: 'wish' | 'skill' | null; viaCode: string | null } {
  let best = { affinity: 0, via: null as 'wish' | 'skill' | null, viaCode: null as string | null };
  for (const w of person.jobWishTypes) {
    const a = occupationAffinity(w, occupationCode);
    if (a > best.affinity) best = { affinity: a, via: 'wish', viaCode: w };
  }
  for (const s of person.skills) {
    const a = occupationAffinity(s.occupation, occupationCode);
    if (a > best.affinity) best = { affinity: a, via: 'skill', viaCode: s.occupation };
  }
  return best;
}

const fmt = (n: number) => n.toLocaleString('en');

/**
 * Checks every hard constraint of a person against a posting and reports all that fail. A posting
 * that has already started but is still open counts from today, so "available by the start" means
 * available by the later of the start date and today; age is taken on that day too.
 */
export function checkFit(person: PersonFacts, posting: PostingFacts, ctx: FitContext): FitResult {
  const failures: FitFailure[] = [];
  const fail = (code: FitFailureCode, en: string, zh: string, params?: Record<string, unknown>) => failures.push({ code, en, zh, ...(params ? { params } : {}) });
  const startBy = posting.startDate > ctx.on ? posting.startDate : ctx.on;

  if (person.employmentStatus !== 'seeking') fail('not_seeking', 'the person is not recorded as looking for work', '此人未登记为有就业意愿的未就业人员', { status: person.employmentStatus });
  if (person.laborCapacity === 'none') fail('no_labor_capacity', 'the person has no labor capacity', '此人无劳动能力');
  if (person.availableFrom && person.availableFrom > startBy) {
    fail('not_available', `available from ${person.availableFrom}, after the start on ${startBy}`, `可到岗时间${person.availableFrom}晚于岗位开始时间${startBy}`, { availableFrom: person.availableFrom, startBy });
  }

  if (posting.status !== 'open') fail('posting_not_open', `the posting is ${posting.status}, not open`, '岗位未在招聘中', { status: posting.status });
  else if (posting.filled >= posting.openings) fail('posting_full', `all ${posting.openings} openings are filled`, `岗位${posting.openings}个名额已满`, { openings: posting.openings });
  if (posting.endDate && posting.endDate < ctx.on) fail('posting_ended', `the posting ended on ${posting.endDate}`, `岗位已于${posting.endDate}结束`, { endDate: posting.endDate });

  const occ = occupationFit(person, posting.occupationCode);
  if (occ.affinity < MIN_AFFINITY) {
    fail('occupation_mismatch', 'the occupation is not in the same medium group as any wished work type or skill', '岗位职业与就业意愿和技能均不在同一中类', { occupationCode: posting.occupationCode });
  }

  const minYuan = person.minMonthlyPayYuan;
  if (minYuan != null && posting.payMaxFen < minYuan * 100) {
    fail('pay_below_minimum', `pays at most ${fmt(posting.payMaxFen / 100)} yuan, below the minimum of ${fmt(minYuan)}`, `月薪最高${fmt(posting.payMaxFen / 100)}元，低于期望月薪${fmt(minYuan)}元`, { payMaxYuan: posting.payMaxFen / 100, minYuan });
  }

  const depth = commonDepth(person.villageCode, posting.regionCode);
  const need = scopeDepth(person.preferredScope);
  if (need > 0 && depth < need) {
    const label = LOCATION_SCOPE.label(person.preferredScope as LocationScope, 'en');
    const labelZh = LOCATION_SCOPE.label(person.preferredScope as LocationScope, 'zh');
    fail('outside_preferred_scope', `the work place ${posting.regionCode} is not within the preferred area (${label})`, `工作地点不在期望范围（${labelZh}）内`, { regionCode: posting.regionCode, scope: person.preferredScope });
  }

  const age = ageOn(person.birthDate, startBy);
  if (posting.ageMin != null && age < posting.ageMin) fail('too_young', `aged ${age}, the posting asks for at least ${posting.ageMin}`, `年龄${age}岁，岗位要求不低于${posting.ageMin}岁`, { age, ageMin: posting.ageMin });
  if (posting.ageMax != null && age > posting.ageMax) fail('too_old', `aged ${age}, the posting asks for at most ${posting.ageMax}`, `年龄${age}岁，岗位要求不超过${posting.ageMax}岁`, { age, ageMax: posting.ageMax });

  if (posting.healthCertificate && !hasHealthCertificate(person.skills)) {
    fail('health_certificate_required', 'the posting requires a health certificate (健康证) and none is recorded', '岗位要求健康证，台账中未登记');
  }
  if (person.laborCapacity === 'weak' && !posting.weakLaborOk) {
    fail('not_suitable_for_weak_capacity', 'the posting is not marked suitable for a weak or half labor capacity', '岗位未标明适合弱劳动力或半劳动力');
  }

  return {
    ok: failures.length === 0,
    failures,
    match: {
      commonDepth: depth,
      affinity: occ.affinity,
      via: occ.via,
      viaCode: occ.viaCode,
      paySurplusYuan: minYuan == null ? null : Math.round(posting.payMinFen / 100) - minYuan,
      age,
      startBy,
    },
  };
}
