import type { HouseholdPriorityFacts } from './facts.ts';
import type { FitMatch } from './fit.ts';

/**
 * The score of a fitting pair is a weighted sum of four parts. Close to home comes first: a job in
 * the home county keeps the family and the fields within reach, so nearness carries the most weight
 * and falls steeply past the county. Occupation fit comes next, then pay above what the person
 * asked for, then the priority policy gives to the households most at risk.
 *
 * | part       | rule                                                                   | points |
 * |------------|------------------------------------------------------------------------|--------|
 * | nearness   | same village / town / county / city / province / farther              | 30 / 26 / 20 / 10 / 4 / 0 |
 * | occupation | same detailed occupation / same minor group / same medium group       | 25 / 17 / 10 |
 * | pay        | 1 point per full 100 yuan the lowest pay exceeds the minimum, capped   | 0–20   |
 * | priority   | monitored household (监测户)                                            | +15    |
 * | priority   | zero-employment household (零就业家庭)                                  | +15    |
 * | priority   | relocated household (易地搬迁户), work inside the county of its          | +10    |
 * |            | resettlement site (the ledger's village of a relocated household is it) |        |
 *
 * Every fitting pair scores at least 10 (occupation), so the assignment solver, which ignores arcs
 * of score ≤ 0, sees all of them. The maximum is 30 + 25 + 20 + 15 + 15 + 10 = 115.
 */
export const WEIGHTS = {
  nearness: [0, 4, 10, 20, 26, 30] as const,
  occupation: [0, 0, 10, 17, 25] as const,
  payPointYuan: 100,
  payMax: 20,
  monitored: 15,
  zeroEmployment: 15,
  relocatedNearSite: 10,
  /** Shared region levels (county) within which work counts as near a resettlement site. */
  resettlementDepth: 3,
} as const;

export const MAX_SCORE = 30 + 25 + 20 + 15 + 15 + 10;

export interface ScoreParts {
  nearness: number;
  occupation: number;
  pay: number;
  monitored: number;
  zeroEmployment: number;
  relocatedNearSite: number;
}

export interface Score {
  total: number;
  parts: ScoreParts;
}

/** Pay points for a surplus in yuan over the person's minimum (none when no minimum is stated). */
export function payPoints(surplusYuan: number | null): number {
  if (surplusYuan == null || surplusYuan <= 0) return 0;
  return Math.min(WEIGHTS.payMax, Math.floor(surplusYuan / WEIGHTS.payPointYuan));
}

/** The priority points of a household for work that shares `commonDepth` region levels with its home. */
export function priorityPoints(h: HouseholdPriorityFacts, commonDepth: number): Pick<ScoreParts, 'monitored' | 'zeroEmployment' | 'relocatedNearSite'> {
  return {
    monitored: h.category === 'monitored' ? WEIGHTS.monitored : 0,
    zeroEmployment: h.zeroEmployment ? WEIGHTS.zeroEmployment : 0,
    relocatedNearSite: h.relocated && commonDepth >= WEIGHTS.resettlementDepth ? WEIGHTS.relocatedNearSite : 0,
  };
}

/** The weighted score of a fitting pair (see the table above). */
export function scoreMatch(m: Pick<FitMatch, 'commonDepth' | 'affinity' | 'paySurplusYuan'>, h: HouseholdPriorityFacts): Score {
  const parts: ScoreParts = {
    nearness: WEIGHTS.nearness[Math.max(0, Math.min(5, m.commonDepth))],
    occupation: WEIGHTS.occupation[Math.max(0, Math.min(4, m.affinity))],
    pay: payPoints(m.paySurplusYuan),
    ...priorityPoints(h, m.commonDepth),
  };
  const total = parts.nearness + parts.occupation + parts.pay + parts.monitored + parts.zeroEmployment + parts.relocatedNearSite;
  return { total, parts };
}
