import type { Role } from '../roles.ts';
import { STAFF } from './groups.ts';

/**
 * Bulk movement of the ledger: importing county spreadsheets and exporting the template. Rows
 * outside the account's region are refused row by row; an export shows ID numbers and phones in
 * full only to holders of `person.reveal` who ask for it.
 */
export const ledgerImportPermissions: Record<string, Role[]> = {
  'ledger.import': STAFF,
  'ledger.export': STAFF,
};
