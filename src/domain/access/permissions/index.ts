import type { Role } from '../roles.ts';
import { demandPermissions } from './demand.ts';
import { fieldTrainingPermissions } from './field-training.ts';
import { foundationPermissions } from './foundation.ts';
import { ledgerPermissions } from './ledger.ts';
import { ledgerImportPermissions } from './ledger-import.ts';
import { matchingPermissions } from './matching.ts';
import { policyPermissions } from './policy.ts';
import { statsPermissions } from './stats.ts';
import { transportPermissions } from './transport.ts';

/**
 * Which roles may perform each action (`resource.verb`). Administrators may do everything; the
 * region scope of the record is checked on top of this (see ../policy.ts). Each module keeps its
 * table in its own file here and is listed once below.
 */
export const PERMISSIONS: Record<string, Role[]> = {
  ...foundationPermissions,
  ...ledgerPermissions,
  ...ledgerImportPermissions,
  ...demandPermissions,
  ...matchingPermissions,
  ...policyPermissions,
  ...fieldTrainingPermissions,
  ...statsPermissions,
  ...transportPermissions,
};
