import { DomainError } from '../errors.ts';
import type { Actor } from './actor.ts';
import type { Role } from './roles.ts';

/**
 * Every permission of the system, declared in one place. An action is `resource.verb`.
 * Routes name the action they need; use cases pass the record so its region can be checked too.
 */
const OFFICERS: Role[] = ['province_officer', 'city_officer', 'county_officer'];
const COMMISSIONERS: Role[] = ['town_commissioner', 'village_commissioner'];
const STAFF: Role[] = [...OFFICERS, ...COMMISSIONERS];
const EVERYONE: Role[] = [...STAFF, 'field_verifier', 'employer', 'trainer', 'viewer'];

export const PERMISSIONS = {
  'region.read': EVERYONE,
  'region.load': [],
  'user.read': OFFICERS,
  'user.manage': OFFICERS,
  'audit.read': OFFICERS,
  'account.self': EVERYONE,
} satisfies Record<string, Role[]>;

export type Action = keyof typeof PERMISSIONS | (string & {});

const extra = new Map<string, Role[]>();

/** Lets a module declare its own actions next to its routes while keeping this the one place that decides. */
export function declarePermissions(table: Record<string, Role[]>): void {
  for (const [action, roles] of Object.entries(table)) extra.set(action, roles);
}

function rolesFor(action: string): Role[] | undefined {
  return (PERMISSIONS as Record<string, Role[]>)[action] ?? extra.get(action);
}

/** What an authorization check may look at about a record. */
export interface Scoped {
  /** Region code of the record; the actor's scope must contain it. */
  regionCode?: string | null;
  /** Owning employer, for records an employer account may touch. */
  employerId?: number | null;
  /** Owning account, for records that belong to one account only. */
  ownerUserId?: number | null;
}

/** Whether the actor may do `action` (to `record`, when given). Administrators may do everything. */
export function may(actor: Actor, action: Action, record?: Scoped): boolean {
  if (actor.role === 'admin') return true;
  const roles = rolesFor(action);
  if (!roles || !roles.includes(actor.role)) return false;
  if (!record) return true;
  if (record.ownerUserId != null && record.ownerUserId === actor.userId) return true;
  if (actor.role === 'employer' && record.employerId !== undefined) {
    return record.employerId != null && record.employerId === actor.employerId;
  }
  if (record.regionCode != null) return inScope(actor, record.regionCode);
  return true;
}

/** Whether a region code lies inside the actor's scope. */
export function inScope(actor: Actor, regionCode: string): boolean {
  if (actor.role === 'admin') return true;
  return regionCode.startsWith(actor.regionCode);
}

/**
 * Throws unless allowed. A record outside the actor's scope is reported as not found, so that
 * an account cannot learn which records exist elsewhere.
 */
export function authorize(actor: Actor, action: Action, record?: Scoped, what = 'record'): void {
  if (may(actor, action)) {
    if (!record || may(actor, action, record)) return;
    throw new DomainError('not_found', `${what} was not found in your region`, { details: { action } });
  }
  throw DomainError.forbidden(`The role ${actor.role} may not perform ${action}`);
}

/** The region subtree a query must be limited to: the requested region narrowed to the actor's scope. */
export function scopeRegion(actor: Actor, requested?: string | null): string {
  const own = actor.role === 'admin' ? '' : actor.regionCode;
  if (!requested) return own;
  if (requested.startsWith(own)) return requested;
  if (own.startsWith(requested)) return own;
  throw new DomainError('out_of_scope', `Region ${requested} is outside your region ${own}`, { details: { requested, scope: own } });
}
