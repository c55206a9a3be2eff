import type { Role } from '../roles.ts';
import { foundationPermissions } from './foundation.ts';

/**
 * Which roles may perform each action (`resource.verb`). Administrators may do everything; the
 * region scope of the record is checked on top of this (see ../policy.ts). Each module keeps its
 * table in its own file here and is listed once below.
 */
export const PERMISSIONS: Record<string, Role[]> = {
  ...foundationPermissions,
};
