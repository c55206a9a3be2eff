import type { Actor } from '../access/actor.ts';
import type { Role } from '../access/roles.ts';
import { DomainError } from '../errors.ts';
import { formatYuan } from './money.ts';
import type { ApprovalLevel, PolicyRule } from './rule.ts';

export const CLAIM_STATUSES = ['draft', 'submitted', 'approved', 'rejected', 'paid'] as const;
export type ClaimStatus = (typeof CLAIM_STATUSES)[number];

/** Who decides at each approval level. Administrators may act at any level. */
export const LEVEL_ROLES: Record<ApprovalLevel, Role[]> = {
  town: ['town_commissioner'],
  county: ['county_officer'],
  city: ['city_officer'],
  province: ['province_officer'],
};

export interface ClaimSubject {
  subjectKind: string;
  subjectId: string;
  personId: number | null;
  year: number;
}

/**
 * The keys a live claim holds under the policy's limits; a second claim with the same key is
 * refused (the store makes each key unique, so this holds under concurrent submissions too).
 */
export function limitKeys(rule: PolicyRule, c: ClaimSubject): string[] {
  const keys: string[] = [];
  if (rule.limits.oncePerPersonPerYear) {
    if (c.personId == null) throw DomainError.invalid([{ field: 'personId', code: 'person_required', message: `policy ${rule.id} is paid at most once per person per year, so the claim must name the person`, messageZh: '该政策每人每年限领一次，申请须指明劳动力' }]);
    keys.push(`person:${c.personId}:year:${c.year}`);
  }
  if (rule.limits.oncePerSubject) keys.push(`${c.subjectKind}:${c.subjectId}`);
  return keys;
}

/** Says why a limit refused a claim, naming the claim that holds it. */
export function limitReached(rule: PolicyRule, key: string, holder: number | undefined): DomainError {
  const what = key.startsWith('person:') ? `person ${key.split(':')[1]} has already claimed ${rule.id} for ${key.split(':')[3]}` : `${key.replace(':', ' ')} has already been claimed under ${rule.id}`;
  return DomainError.conflict('claim_limit_reached', `Limit reached: ${what}${holder ? ` (claim ${holder})` : ''}`, { policy: rule.id, key, claimId: holder ?? null });
}

/** The approval level a submitted claim waits for, and whether deciding it finishes the approval. */
export function pendingLevel(rule: PolicyRule, currentStep: number): { level: ApprovalLevel; index: number; final: boolean } {
  const levels = rule.approvalLevels;
  const index = Math.min(currentStep, levels.length - 1);
  return { level: levels[index].level, index, final: index === levels.length - 1 };
}

/**
 * Checks that the actor may decide at the pending level: the level's role, and not someone who
 * already decided an earlier level of the same claim (four eyes). Administrators are exempt.
 */
export function checkDecider(rule: PolicyRule, currentStep: number, actor: Actor, earlierDeciders: number[]): ApprovalLevel {
  const { level } = pendingLevel(rule, currentStep);
  if (actor.role === 'admin') return level;
  if (!LEVEL_ROLES[level].includes(actor.role)) {
    throw DomainError.forbidden(`This claim waits for ${rule.approvalLevels[currentStep]?.name.en ?? level} (${level} level); the role ${actor.role} cannot decide it`);
  }
  if (earlierDeciders.includes(actor.userId)) throw DomainError.forbidden('The same account cannot decide two levels of one claim');
  return level;
}

/** Refuses an approval that would overrun the budget, quoting what is left. */
export function checkBudget(b: { fundId: string; regionCode: string; year: number; amountFen: number } | undefined, usedFen: number, claimFen: number, where: { fundId: string; regionCode: string; year: number }): void {
  if (!b) {
    throw new DomainError('budget_missing', `No budget of fund ${where.fundId} covers region ${where.regionCode} in ${where.year}; set one before approving`, { details: where, messageZh: `${where.year}年度资金${where.fundId}在区划${where.regionCode}没有预算，请先设定预算再审批` });
  }
  const remaining = b.amountFen - usedFen;
  if (claimFen > remaining) {
    throw new DomainError('budget_exceeded', `Approving ${formatYuan(claimFen)} yuan would overrun the ${b.year} budget of fund ${b.fundId} for region ${b.regionCode}: ${formatYuan(remaining)} yuan remaining of ${formatYuan(b.amountFen)}`, {
      messageZh: `批准${formatYuan(claimFen)}元将超出资金${b.fundId}在区划${b.regionCode}的${b.year}年度预算：预算${formatYuan(b.amountFen)}元，剩余${formatYuan(remaining)}元`,
      details: { fundId: b.fundId, regionCode: b.regionCode, year: b.year, budgetFen: b.amountFen, usedFen, remainingFen: remaining, remaining: remaining / 100, claimFen },
    });
  }
}

/** The year a claim counts against: the year of the policy's date fact. */
export function claimYear(rule: PolicyRule, facts: Record<string, unknown>): number {
  const d = facts[rule.dateFact];
  const m = typeof d === 'string' ? /^(\d{4})-/.exec(d) : null;
  if (!m) throw DomainError.invalid([{ field: `facts.${rule.dateFact}`, code: 'fact_date', message: 'must be a date YYYY-MM-DD', messageZh: '日期格式须为YYYY-MM-DD' }]);
  return Number(m[1]);
}
