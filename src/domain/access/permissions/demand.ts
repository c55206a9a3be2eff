import type { Role } from '../roles.ts';
import { COMMISSIONERS, EVERYONE, OFFICERS, STAFF } from './groups.ts';

/**
 * Demand: employers, postings, campaigns and the reference tables they use. Employer accounts reach
 * only their own company and its postings (the use cases pass `employerId` to the policy).
 */
export const demandPermissions: Record<string, Role[]> = {
  'employer.read': [...STAFF, 'employer', 'viewer'],
  'employer.create': STAFF,
  'employer.update': [...STAFF, 'employer'],
  'employer.stats': [...STAFF, 'viewer'],
  'employer.import': OFFICERS,
  'posting.read': [...STAFF, 'field_verifier', 'employer', 'viewer'],
  'posting.manage': [...STAFF, 'employer'],
  'posting.import': OFFICERS,
  'campaign.read': [...STAFF, 'field_verifier', 'viewer'],
  'campaign.manage': OFFICERS,
  'campaign.event': [...OFFICERS, ...COMMISSIONERS],
  'campaign.checkin': [...STAFF, 'field_verifier'],
  'occupation.read': EVERYONE,
  'occupation.import': [],
  'minimum_wage.read': EVERYONE,
  'minimum_wage.manage': [],
};
