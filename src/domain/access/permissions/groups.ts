import type { Role } from '../roles.ts';

/** Role groups the permission tables are written in. */
export const OFFICERS: Role[] = ['province_officer', 'city_officer', 'county_officer'];
export const COMMISSIONERS: Role[] = ['town_commissioner', 'village_commissioner'];
export const STAFF: Role[] = [...OFFICERS, ...COMMISSIONERS];
export const EVERYONE: Role[] = [...STAFF, 'field_verifier', 'employer', 'trainer', 'viewer'];
