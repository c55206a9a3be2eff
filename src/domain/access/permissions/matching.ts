import type { Role } from '../roles.ts';
import { OFFICERS, STAFF } from './groups.ts';

/**
 * Matching: recommendations, batch runs, referrals and employments. An employer account sees the
 * candidates and referrals of its own postings only, with people shown masked (see
 * src/app/matching/present.ts); it records interviews and hires but never sees the ledger.
 */
export const matchingPermissions: Record<string, Role[]> = {
  'recommendation.read': [...STAFF, 'viewer'],
  'candidate.read': [...STAFF, 'employer', 'viewer'],
  'match.run': OFFICERS,
  'referral.read': [...STAFF, 'employer', 'viewer'],
  'referral.create': STAFF,
  'referral.transition': [...STAFF, 'employer'],
  'employment.read': [...STAFF, 'employer', 'viewer'],
  'return_date.read': [...STAFF, 'viewer'],
  // The date from which a county counts people as returned to work is the county's to set.
  'return_date.manage': ['county_officer'],
};
