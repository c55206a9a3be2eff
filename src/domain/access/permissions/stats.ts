import type { Role } from '../roles.ts';
import { STAFF } from './groups.ts';

export const statsPermissions: Record<string, Role[]> = {
  'stats.read': [...STAFF, 'viewer'],
  'stats.verify': [],
};
