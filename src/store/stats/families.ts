import { claimsFamily, enrollmentsFamily, tripsFamily } from './activity.stats.ts';
import { employersFamily, postingsFamily } from './demand.stats.ts';
import type { StatsFamily } from './family.ts';
import { householdsFamily, personsFamily } from './ledger.stats.ts';
import { employmentsFamily, intentionsFamily, referralsFamily } from './matching.stats.ts';

/** Every family of indicators; a module adds its own (employers, postings, referrals, trips, claims…) here. */
export const STATS_FAMILIES: StatsFamily[] = [personsFamily, householdsFamily, employersFamily, postingsFamily, referralsFamily, intentionsFamily, employmentsFamily, enrollmentsFamily, tripsFamily, claimsFamily];
