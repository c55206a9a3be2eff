import type { Actor } from '../../domain/access/actor.ts';
import { isWithin } from '../../domain/regions/region-code.ts';
import { policiesRepository } from '../../store/repositories/policies.repository.ts';
import type { App } from '../context.ts';
import { createClaim } from '../policy/claims.ts';

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

export type ClaimRef = { status: 'raised'; claimId: number; policy: string; eligible: boolean } | { status: 'not_raised'; reason: string; policy?: string };

/**
 * Raises a training-subsidy claim for a completion, through the policy module's own use case (so
 * rules, limits, approvals and the audit trail are the policy's). Runs after the completion is
 * committed: a claim the policy refuses leaves the completion standing and says why.
 */
export async function raiseTrainingSubsidyClaim(app: App, actor: Actor, c: TrainingCompletion): Promise<ClaimRef> {
  const policies = (await policiesRepository.list(app.database.db)).filter((p) => p.id.startsWith(TRAINING_SUBSIDY_PREFIX) && isWithin(c.villageCode, p.regionScope));
  if (!policies.length) return { status: 'not_raised', reason: `no policy ${TRAINING_SUBSIDY_PREFIX}-* covers region ${c.villageCode}` };
  const policy = policies[policies.length - 1].id;
  try {
    const claim = await createClaim(app, actor, {
      policy,
      subjectKind: 'enrollment',
      subjectId: String(c.enrollmentId),
      personId: c.personId,
      regionCode: c.villageCode,
      facts: {
        personCategory: c.householdCategory,
        homeRegion: c.villageCode,
        occupationCode: c.occupationCode,
        courseHours: c.courseHours,
        hoursAttended: c.hoursAttended,
        courseMode: c.courseMode,
        completedOn: c.completedOn,
        certificateNo: c.certificateNo,
        certificateLevel: c.certificateLevel,
        hasCertificate: c.certificateNo != null,
      },
      submit: false,
    });
    return { status: 'raised', claimId: claim.id, policy, eligible: claim.eligible };
  } catch (e) {
    return { status: 'not_raised', policy, reason: (e as Error).message.slice(0, 300) };
  }
}
