import type { StatsFamily } from './family.ts';
import { householdsFamily, personsFamily } from './ledger.stats.ts';

/** Every family of indicators; a module adds its own (employers, postings, referrals, trips, claims…) here. */
export const STATS_FAMILIES: StatsFamily[] = [personsFamily, householdsFamily];
