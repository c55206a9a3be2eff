import type { Role } from '../roles.ts';
import { COMMISSIONERS, EVERYONE, OFFICERS, STAFF } from './groups.ts';

/**
 * Policy: subsidy rules, claims, funds, budgets and the payment ledger. Rules are public reference
 * data; changing them is for administrators only, since one change moves money across a province.
 */
export const policyPermissions: Record<string, Role[]> = {
  'policy.read': EVERYONE,
  'policy.manage': [],
  'policy.evaluate': EVERYONE,
  'policy.simulate': OFFICERS,
  'fund.read': [...STAFF, 'viewer'],
  'fund.manage': [],
  'budget.read': [...OFFICERS, 'viewer'],
  'budget.manage': OFFICERS,
  'claim.read': [...STAFF, 'employer', 'viewer'],
  'claim.create': [...STAFF, 'employer'],
  'claim.decide': [...OFFICERS, ...COMMISSIONERS],
  // Evidence papers (contracts, tickets, certificates) carry personal details: claimants and
  // deciders handle them; viewers see the claims' figures only.
  'claim.evidence.add': [...STAFF, 'employer'],
  'claim.evidence.read': [...STAFF, 'employer'],
  'payment.read': [...OFFICERS, 'viewer'],
  'payment.manage': OFFICERS,
};
