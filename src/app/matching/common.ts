import type { Actor } from '../../domain/access/actor.ts';
import { inScope } from '../../domain/access/policy.ts';
import { chinaToday, isIsoDate } from '../../domain/dates.ts';
import { DomainError } from '../../domain/errors.ts';

/** Today in China, where every step is dated. */
export const today = chinaToday;

/** Checks a step date: a real date, not in the future, not before `notBefore`. */
export function stepDate(field: string, value: string | undefined, notBefore: string | null): string {
  const on = value ?? today();
  if (!isIsoDate(on)) throw DomainError.invalid([{ field, code: 'date_format', message: 'must be a date YYYY-MM-DD', messageZh: '日期格式应为 YYYY-MM-DD' }]);
  if (on > today()) throw DomainError.invalid([{ field, code: 'date_in_future', message: `may not be after today (${today()})`, messageZh: '日期不能晚于今天', params: { today: today() } }]);
  if (notBefore && on < notBefore) {
    throw DomainError.invalid([{ field, code: 'date_before_last_step', message: `may not be before the previous step on ${notBefore}`, messageZh: `日期不能早于上一步（${notBefore}）`, params: { notBefore } }]);
  }
  return on;
}

/** Whether an account sees a referral or employment: its company for an employer, else the person's home or the posting's managing region. */
export function seesRecord(actor: Actor, r: { employerId: number; villageCode: string; postingScopeCode?: string | null }): boolean {
  if (actor.role === 'admin') return true;
  if (actor.role === 'employer') return actor.employerId != null && r.employerId === actor.employerId;
  return inScope(actor, r.villageCode) || (r.postingScopeCode != null && inScope(actor, r.postingScopeCode));
}

/** 王小明 → 王**: what an employer sees of a person before the person is at work with it. */
export function maskName(name: string): string {
  const chars = [...name];
  return chars.length <= 1 ? '*' : `${chars[0]}${'*'.repeat(Math.min(chars.length - 1, 3))}`;
}

export const isCommissioner = (actor: Actor) => actor.role === 'town_commissioner' || actor.role === 'village_commissioner';
