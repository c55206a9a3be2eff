import type { Role } from './roles.ts';

/** Who is acting: an account with its role and region scope (and, for employer accounts, its company). */
export interface Actor {
  userId: number;
  username: string;
  role: Role;
  /** Region code of the account's scope; records outside this subtree are invisible to it. */
  regionCode: string;
  employerId: number | null;
}

/** The actor of work the system does by itself (start-up, demo loading, CLI run by the operator). */
export const SYSTEM_ACTOR: Actor = { userId: 0, username: 'system', role: 'admin', regionCode: '', employerId: null };
