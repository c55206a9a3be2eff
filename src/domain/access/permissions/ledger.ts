import type { Role } from '../roles.ts';
import { STAFF } from './groups.ts';

/**
 * The ledger of households and people. Field verifiers read it now; writing the verification
 * fields is theirs in a later issue. Employers and trainers see no one's record: the ledger holds
 * the personal data of the poor and reaches employers only through referrals.
 */
export const ledgerPermissions: Record<string, Role[]> = {
  'household.read': [...STAFF, 'field_verifier', 'viewer'],
  'household.write': STAFF,
  'person.read': [...STAFF, 'field_verifier', 'viewer'],
  'person.write': STAFF,
  'person.delete': STAFF,
  // Seeing an ID number or phone in full is for the staff who contact people, and each time is audited.
  'person.reveal': STAFF,
};
