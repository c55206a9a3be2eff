import type { Role } from '../roles.ts';
import { OFFICERS, STAFF } from './groups.ts';

/**
 * Point-to-point transport. A trip belongs to its pickup county: its officers plan, create and
 * cancel trips; township and village commissioners escort them (health checks, boarding, arrival).
 * The destination's region may read the trips coming to it. Manifests carry people's names, so
 * employers and trainers see none.
 */
export const transportPermissions: Record<string, Role[]> = {
  'trip.read': [...STAFF, 'viewer'],
  'trip.manage': OFFICERS,
  'trip.plan': OFFICERS,
  'trip.escort': STAFF,
  'trip.report': [...STAFF, 'viewer'],
};
