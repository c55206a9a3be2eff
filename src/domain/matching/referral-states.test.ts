import { describe, expect, it } from 'vitest';
import { isDomainError } from '../errors.ts';
import { employmentStatusFor, returnedToWork } from './employment.ts';
import { assertTransition, CLOSED_STATES, dueAfter, INITIAL_STATE, REFERRAL_STATES, TRANSITIONS, type ReferralState } from './referral-states.ts';

describe('referral transitions', () => {
  it('follows the path to work one step at a time', () => {
    const path: ReferralState[] = ['recommended', 'contacted', 'interested', 'interviewed', 'hired', 'at_work', 'left'];
    for (let i = 1; i < path.length; i++) expect(() => assertTransition(path[i - 1], path[i])).not.toThrow();
  });
  it('allows skipping forward up to hired, never straight to work', () => {
    expect(() => assertTransition('recommended', 'hired')).not.toThrow();
    expect(() => assertTransition('contacted', 'interviewed')).not.toThrow();
    for (const s of ['recommended', 'contacted', 'interested', 'interviewed'] as const) expect(TRANSITIONS[s]).not.toContain('at_work');
    for (const s of REFERRAL_STATES) if (s !== 'at_work') expect(TRANSITIONS[s]).not.toContain('left');
  });
  it('never goes backward', () => {
    const order = ['recommended', 'contacted', 'interested', 'interviewed', 'hired', 'at_work'];
    for (const [from, tos] of Object.entries(TRANSITIONS)) {
      for (const to of tos) if (order.includes(from) && order.includes(to)) expect(order.indexOf(to)).toBeGreaterThan(order.indexOf(from));
    }
  });
  it('closes for good on declined, no-show, rejected and left', () => {
    for (const s of CLOSED_STATES) {
      expect(TRANSITIONS[s]).toEqual([]);
      for (const to of REFERRAL_STATES) expect(() => assertTransition(s, to)).toThrow(/closed/);
    }
  });
  it('rejects an invalid move with a clear code and the allowed moves', () => {
    try {
      assertTransition('recommended', 'at_work');
      expect.unreachable();
    } catch (e) {
      expect(isDomainError(e) && e.code).toBe('transition_not_allowed');
      expect((e as any).details).toEqual({ from: 'recommended', to: 'at_work', allowed: ['contacted', 'interested', 'interviewed', 'hired', 'declined'] });
    }
    expect(() => assertTransition('hired', 'rejected')).toThrow(/hired cannot become rejected/);
  });
  it('starts fair intentions and applications as interested', () => {
    expect(INITIAL_STATE).toEqual({ batch: 'recommended', manual: 'recommended', fair_intention: 'interested', application: 'interested' });
  });
  it('sets the next follow-up date by state', () => {
    expect(dueAfter('recommended', '2026-02-27')).toBe('2026-03-02');
    expect(dueAfter('hired', '2026-03-01')).toBe('2026-03-15');
    expect(dueAfter('declined', '2026-03-01')).toBeNull();
  });
});

describe('employment status on hire', () => {
  const home = '140225100218';
  it('compares the work place with the home village', () => {
    expect(employmentStatusFor(home, '140225100218', 'regular')).toBe('employed_county');
    expect(employmentStatusFor(home, '140225', 'workshop')).toBe('employed_county');
    expect(employmentStatusFor(home, '140212', 'regular')).toBe('employed_province');
    expect(employmentStatusFor(home, '1401', 'regular')).toBe('employed_province');
    expect(employmentStatusFor(home, '440300', 'temporary')).toBe('employed_outside');
    expect(employmentStatusFor(home, '440300', 'public_welfare')).toBe('public_welfare');
  });
  it('counts returned to work from the county date', () => {
    expect(returnedToWork({ status: 'at_work', startDate: '2026-02-10' }, '2026-02-10')).toBe(true);
    expect(returnedToWork({ status: 'at_work', startDate: '2026-02-09' }, '2026-02-10')).toBe(false);
    expect(returnedToWork({ status: 'hired', startDate: '2026-02-20' }, '2026-02-10')).toBe(false);
    expect(returnedToWork({ status: 'at_work', startDate: '2026-02-20' }, null)).toBe(false);
  });
});
