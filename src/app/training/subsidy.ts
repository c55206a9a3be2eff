import type { Actor } from '../../domain/access/actor.ts';
import { may } from '../../domain/access/policy.ts';
import { isDomainError } from '../../domain/errors.ts';
import { isWithin } from '../../domain/regions/region-code.ts';
import { policiesRepository } from '../../store/repositories/policies.repository.ts';
import type { App } from '../context.ts';
import { createClaim, submitClaim } from '../policy/claims.ts';

/** Policies whose id starts with this pay training subsidies (e.g. `training-subsidy-shanxi-2020`). */
export const TRAINING_SUBSIDY_PREFIX = 'training-subsidy';

export interface TrainingCompletion {
  enrollmentId: number;
  personId: number;
  villageCode: string;
  householdCategory: string;
  occupationCode: string;
  courseHours: number;
  hoursAttended: number;
  courseMode: string;
  completedOn: string;
  certificateNo: string | null;
  certificateLevel: string | null;
}

export type ClaimRef = { status: 'raised'; claimId: number; policy: string; eligible: boolean; claimStatus: string; submitError?: string } | { status: 'not_raised'; reason: string; policy?: string };

/**
 * Who files the claim: the account that completed the enrollment when it may file claims; a
 * trainer may not, so a trainer's completion is filed in the name of the person's county (the
 * audit trail still names the trainer), the way an escort's arrival files transport claims.
 */
function filer(actor: Actor, villageCode: string): Actor {
  if (may(actor, 'claim.create')) return actor;
  return { ...actor, role: 'county_officer', regionCode: villageCode.slice(0, 6), employerId: null };
}

/**
 * Raises a training-subsidy claim for a completion, through the policy module's own use case (so
 * rules, limits, approvals and the audit trail are the policy's); its facts are gathered from the
 * enrollment, its course and the person's household. An eligible claim is submitted at once, like
 * a transport claim on arrival; the completion certificate is then attached before the township
 * review can approve it. Runs after the completion is committed: a claim the policy refuses
 * leaves the completion standing and says why.
 */
export async function raiseTrainingSubsidyClaim(app: App, actor: Actor, c: TrainingCompletion): Promise<ClaimRef> {
  const policies = (await policiesRepository.list(app.database.db)).filter((p) => p.id.startsWith(TRAINING_SUBSIDY_PREFIX) && isWithin(c.villageCode, p.regionScope));
  if (!policies.length) return { status: 'not_raised', reason: `no policy ${TRAINING_SUBSIDY_PREFIX}-* covers region ${c.villageCode}` };
  const policy = policies[policies.length - 1].id;
  const by = filer(actor, c.villageCode);
  let claim;
  try {
    claim = await createClaim(app, by, { policy, subjectKind: 'course-completion', subjectId: String(c.enrollmentId), submit: false });
  } catch (e) {
    return { status: 'not_raised', policy, reason: (e as Error).message.slice(0, 300) };
  }
  let claimStatus = claim.status;
  let submitError: string | undefined;
  if (claim.eligible) {
    try {
      claimStatus = (await submitClaim(app, by, claim.id)).status;
    } catch (e) {
      // Already claimed for this course, say: the draft stays for an officer to look at.
      submitError = isDomainError(e) ? e.code : 'submit_failed';
    }
  }
  return { status: 'raised', claimId: claim.id, policy, eligible: claim.eligible, claimStatus, ...(submitError ? { submitError } : {}) };
}
