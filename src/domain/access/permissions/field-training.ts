import type { Role } from '../roles.ts';
import { OFFICERS, STAFF } from './groups.ts';

/**
 * Field verification and training. Verifiers reach a round only through the team they belong to;
 * trainers only the courses of the provider their account acts for (the use cases check both).
 * Resolving a conflict decides which value the ledger keeps, so it is an officer's call. Trainers
 * never search the ledger (see ledger.ts): staff pick the people to enroll, and a trainer then
 * records attendance and completion for the people enrolled in its own courses.
 */
export const fieldTrainingPermissions: Record<string, Role[]> = {
  'verification.read': [...OFFICERS, 'field_verifier', 'viewer'],
  'verification.manage': OFFICERS,
  'verification.visit': ['field_verifier'],
  'verification.resolve': OFFICERS,
  'training_provider.read': [...STAFF, 'trainer', 'viewer'],
  'training_provider.manage': OFFICERS,
  'course.read': [...STAFF, 'trainer', 'viewer'],
  'course.manage': [...OFFICERS, 'trainer'],
  'course.target': STAFF,
  'course.outcomes': [...OFFICERS, 'trainer', 'viewer'],
  'enrollment.read': [...STAFF, 'trainer', 'viewer'],
  'enrollment.create': STAFF,
  'enrollment.progress': [...STAFF, 'trainer'],
};
