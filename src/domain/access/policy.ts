import { DomainError } from '../errors.ts';
import type { Actor } from './actor.ts';
import type { Role } from './roles.ts';

/**
 * Every permission of the system, declared in one place. An action is `resource.verb`.
 * Routes name the action they need; use cases pass the record so its region can be checked too.
 */
import { PERMISSIONS } from './permissions/index.ts';

export type Action = string;

function rolesFor(action: string): Role[] | undefined {
  return PERMISSIONS[action];
}

/** Every declared action, for the tests that go through them all. */
export function declaredActions(): string[] {
  return Object.keys(PERMISSIONS);
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
