import { builtinOccupation } from '../occupations/catalog.ts';
import type { PersonFacts, PostingFacts } from './facts.ts';
import type { FitMatch } from './fit.ts';
import type { Score } from './score.ts';

/** One reason a recommendation was made, in both languages, with the points it earned. */
export interface Reason {
  code: string;
  en: string;
  zh: string;
  points: number;
}

/** Who reads the reasons: staff see all; an employer does not see why a household has priority. */
export type Audience = 'staff' | 'employer';

const NEARNESS: { code: string; en: string; zh: string }[] = [
  { code: 'outside_province', en: 'outside the home province', zh: '省外' },
  { code: 'same_province', en: 'same province', zh: '同省' },
  { code: 'same_city', en: 'same city', zh: '同市' },
  { code: 'same_county', en: 'same county', zh: '同县' },
  { code: 'same_town', en: 'same town', zh: '同乡镇' },
  { code: 'same_village', en: 'same village', zh: '同村' },
];

const fmt = (yuan: number) => Math.round(yuan).toLocaleString('en');

function occupationName(code: string | null): { zh: string; en: string } {
  const o = code ? builtinOccupation(code) : undefined;
  return { zh: o?.zh ?? code ?? '', en: o?.en ?? code ?? '' };
}

function occupationReason(m: FitMatch, points: number): Reason {
  const n = occupationName(m.viaCode);
  if (m.via === 'skill') {
    if (m.affinity >= 4) return { code: 'skill_same_occupation', en: `uses your skill: ${n.en}`, zh: `用得上您的技能：${n.zh}`, points };
    if (m.affinity === 3) return { code: 'skill_same_minor_group', en: `close to your skill ${n.en} (same minor group)`, zh: `与您的技能${n.zh}相近（同小类）`, points };
    return { code: 'skill_same_medium_group', en: `related to your skill ${n.en} (same medium group)`, zh: `与您的技能${n.zh}相关（同中类）`, points };
  }
  if (m.affinity >= 4) return { code: 'wish_same_occupation', en: `the work you wished for: ${n.en}`, zh: `符合就业意愿：${n.zh}`, points };
  if (m.affinity === 3) return { code: 'wish_same_minor_group', en: `close to the work you wished for, ${n.en} (same minor group)`, zh: `与意愿职业${n.zh}相近（同小类）`, points };
  return { code: 'wish_same_medium_group', en: `related to the work you wished for, ${n.en} (same medium group)`, zh: `与意愿职业${n.zh}相关（同中类）`, points };
}

function payReason(person: PersonFacts, posting: PostingFacts, m: FitMatch, points: number): Reason {
  const lo = posting.payMinFen / 100;
  const hi = posting.payMaxFen / 100;
  const range = lo === hi ? fmt(lo) : `${fmt(lo)}–${fmt(hi)}`;
  if (m.paySurplusYuan == null) return { code: 'pay', en: `pays ${range} yuan a month`, zh: `月薪${range}元`, points };
  if (m.paySurplusYuan > 0) return { code: 'pay_above_minimum', en: `pays ${fmt(m.paySurplusYuan)} yuan above your minimum`, zh: `比期望月薪高${fmt(m.paySurplusYuan)}元`, points };
  if (m.paySurplusYuan === 0) return { code: 'pay_meets_minimum', en: 'pays your minimum', zh: '月薪达到期望', points };
  return { code: 'pay_range_covers_minimum', en: `pays ${range} yuan; your minimum of ${fmt(person.minMonthlyPayYuan ?? 0)} is within the range`, zh: `月薪${range}元，期望月薪${fmt(person.minMonthlyPayYuan ?? 0)}元在范围内`, points };
}

/** The reasons for a fitting pair, most weighty first in the order nearness, occupation, pay, priority. */
export function explainMatch(person: PersonFacts, posting: PostingFacts, m: FitMatch, score: Score, audience: Audience = 'staff'): Reason[] {
  const p = score.parts;
  const near = NEARNESS[Math.max(0, Math.min(5, m.commonDepth))];
  const out: Reason[] = [{ ...near, points: p.nearness }, occupationReason(m, p.occupation), payReason(person, posting, m, p.pay)];
  if (person.laborCapacity === 'weak' && posting.weakLaborOk) out.push({ code: 'suits_weak_capacity', en: 'suitable for a weak or half labor capacity', zh: '适合弱劳动力或半劳动力', points: 0 });
  if (audience === 'staff') {
    if (p.monitored) out.push({ code: 'priority_monitored', en: 'monitored household: priority', zh: '监测户：优先', points: p.monitored });
    if (p.zeroEmployment) out.push({ code: 'priority_zero_employment', en: 'zero-employment household: priority', zh: '零就业家庭：优先', points: p.zeroEmployment });
    if (p.relocatedNearSite) out.push({ code: 'priority_relocated_near_site', en: 'relocated household, work near the resettlement site: priority', zh: '易地搬迁户，安置点附近就业：优先', points: p.relocatedNearSite });
  }
  return out;
}
