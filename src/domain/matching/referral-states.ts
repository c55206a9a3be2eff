import { DomainError } from '../errors.ts';

/** The path of a referral toward work, then the ways it can end. */
export const REFERRAL_STATES = ['recommended', 'contacted', 'interested', 'interviewed', 'hired', 'at_work', 'declined', 'no_show', 'rejected', 'left'] as const;
export type ReferralState = (typeof REFERRAL_STATES)[number];

/** States a referral cannot leave. */
export const CLOSED_STATES: ReadonlySet<ReferralState> = new Set(['declined', 'no_show', 'rejected', 'left']);

export const REFERRAL_SOURCES = ['batch', 'manual', 'fair_intention', 'application'] as const;
export type ReferralSource = (typeof REFERRAL_SOURCES)[number];

export const REFERRAL_STATE_NAMES: Record<ReferralState, { zh: string; en: string }> = {
  recommended: { zh: '已推荐', en: 'recommended' },
  contacted: { zh: '已联系', en: 'contacted' },
  interested: { zh: '达成意向', en: 'interested' },
  interviewed: { zh: '已面试', en: 'interviewed' },
  hired: { zh: '已录用', en: 'hired' },
  at_work: { zh: '已到岗', en: 'at work' },
  declined: { zh: '本人放弃', en: 'declined' },
  no_show: { zh: '未到场', en: 'no-show' },
  rejected: { zh: '未录用', en: 'rejected' },
  left: { zh: '已离职', en: 'left' },
};

/**
 * Allowed moves. Forward steps may be skipped up to `hired` (an employer may hire at the first
 * meeting; a public-welfare post has no interview), but work starts only after a hire and a person
 * leaves only a job they were at. A person may decline at any point before work; an employer
 * rejects only someone who came forward; a no-show is someone who did not turn up when expected.
 */
export const TRANSITIONS: Record<ReferralState, readonly ReferralState[]> = {
  recommended: ['contacted', 'interested', 'interviewed', 'hired', 'declined'],
  contacted: ['interested', 'interviewed', 'hired', 'declined', 'no_show'],
  interested: ['interviewed', 'hired', 'declined', 'no_show', 'rejected'],
  interviewed: ['hired', 'declined', 'no_show', 'rejected'],
  hired: ['at_work', 'declined', 'no_show'],
  at_work: ['left'],
  declined: [],
  no_show: [],
  rejected: [],
  left: [],
};

/** The state a referral of each source starts in: a fair intention or an own application is already an intention. */
export const INITIAL_STATE: Record<ReferralSource, ReferralState> = {
  batch: 'recommended',
  manual: 'recommended',
  fair_intention: 'interested',
  application: 'interested',
};

/** Days a commissioner has to take the next step before the referral counts as overdue. */
export const FOLLOW_UP_DAYS: Partial<Record<ReferralState, number>> = {
  recommended: 3,
  contacted: 7,
  interested: 7,
  interviewed: 7,
  hired: 14,
  at_work: 30,
};

/** States an employer account may set on referrals to its own postings. */
export const EMPLOYER_STATES: ReadonlySet<ReferralState> = new Set(['interviewed', 'hired', 'rejected', 'no_show', 'at_work', 'left']);

export function isReferralState(s: unknown): s is ReferralState {
  return typeof s === 'string' && (REFERRAL_STATES as readonly string[]).includes(s);
}

/** Throws `transition_not_allowed` unless `from → to` is a move of the table above. */
export function assertTransition(from: ReferralState, to: ReferralState): void {
  if (TRANSITIONS[from].includes(to)) return;
  const allowed = TRANSITIONS[from];
  throw new DomainError(
    'transition_not_allowed',
    `A referral that is ${from} cannot become ${to}; ${allowed.length ? `allowed next: ${allowed.join(', ')}` : 'it is closed'}`,
    { details: { from, to, allowed: [...allowed] } },
  );
}

/** The date the next step is due after reaching `state` on `on`, or null when nothing more is due. */
export function dueAfter(state: ReferralState, on: string): string | null {
  const days = FOLLOW_UP_DAYS[state];
  if (days == null) return null;
  const d = new Date(`${on}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
