import type { Role } from '../roles.ts';
import { EVERYONE, OFFICERS } from './groups.ts';

export const foundationPermissions: Record<string, Role[]> = {
  'region.read': EVERYONE,
  'region.load': [],
  'user.read': OFFICERS,
  'user.manage': OFFICERS,
  'audit.read': OFFICERS,
  'account.self': EVERYONE,
};
