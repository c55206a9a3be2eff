import type { Actor } from '../../domain/access/actor.ts';
import { authorize, inScope } from '../../domain/access/policy.ts';
import { DomainError } from '../../domain/errors.ts';
import { checkBudget, checkDecider, claimYear, limitKeys, limitReached, pendingLevel } from '../../domain/policy/claims.ts';
import { evaluatePolicy } from '../../domain/policy/evaluate.ts';
import { evidenceMissing, missingEvidence } from '../../domain/policy/evidence.ts';
import { fenToYuan } from '../../domain/policy/money.ts';
import { isWithin, regionDepth } from '../../domain/regions/region-code.ts';
import { claimEvidenceRepository } from '../../store/repositories/claim-evidence.repository.ts';
import { claimsRepository, type ClaimRecord, type ClaimStep } from '../../store/repositories/claims.repository.ts';
import { paymentsRepository } from '../../store/repositories/payments.repository.ts';
import { policiesRepository } from '../../store/repositories/policies.repository.ts';
import { writeAudit } from '../audit/audit.ts';
import { inTransaction, type App, type Tx } from '../context.ts';
import { decodeCursor, encodeCursor, listScope, ownEmployer } from './scope.ts';
import type { CompiledPolicy, SubjectKind } from '../../domain/policy/rule.ts';
import { loadPolicy } from './catalog.ts';
import { gatherSubject, subjectNotFound } from './subject-facts.ts';
import { fillLookups } from './facts.ts';
import { demandMinimumWages } from './minimum-wage.ts';

export interface NewClaim {
  policy: string;
  subjectKind: string;
  subjectId: string;
  personId?: number | null;
  employerId?: number | null;
  /** Needed only when the subject is not in the records (the claim then stands on the facts given). */
  regionCode?: string;
  /** Optional: the records give the facts; the caller's fill only those the records lack. */
  facts?: Record<string, unknown>;
  payee?: string;
  submit?: boolean;
}

interface ClaimBasis {
  personId: number | null;
  employerId: number | null;
  regionCode: string;
  facts: Record<string, unknown>;
  /** Where the facts came from, for the audit trail. */
  source: 'records' | 'records+caller' | 'caller';
  callerFacts: string[];
}

/**
 * Where a claim's person, employer, region and facts come from. When the subject is in the records
 * (a hire, a seat on a trip, a month on a public-welfare post, a course enrollment), the records
 * decide: their facts, person, employer and region are used, and facts the caller gives count only
 * for facts the records do not hold. When the subject is not in the records the claim stands on
 * the caller's facts and fields alone (an event recorded elsewhere), so `facts` and `regionCode`
 * are then needed. Without `facts`, an unknown subject is not found.
 */
async function claimBasis(app: App, actor: Actor, policy: CompiledPolicy, input: NewClaim): Promise<ClaimBasis> {
  const kind = input.subjectKind as SubjectKind;
  const record = await gatherSubject(app, actor, policy, kind, input.subjectId);
  if (record) {
    const callerFacts = Object.keys(input.facts ?? {}).filter((k) => record.facts[k] === undefined || record.facts[k] === null);
    const facts = { ...record.facts };
    for (const k of callerFacts) facts[k] = input.facts![k];
    return {
      personId: record.personId ?? input.personId ?? null,
      employerId: record.employerId ?? input.employerId ?? null,
      regionCode: record.regionCode,
      facts,
      source: callerFacts.length ? 'records+caller' : 'records',
      callerFacts,
    };
  }
  if (input.facts === undefined) throw subjectNotFound(kind, input.subjectId);
  if (input.regionCode === undefined) {
    throw DomainError.invalid([{ field: 'regionCode', code: 'region_required', message: `${kind} ${input.subjectId} is not in the records, so the claim must name its region`, messageZh: '补贴对象不在系统记录中，申请须指明区划' }]);
  }
  return { personId: input.personId ?? null, employerId: input.employerId ?? null, regionCode: input.regionCode, facts: input.facts, source: 'caller', callerFacts: Object.keys(input.facts) };
}

/** What a client sees of a claim: amounts in yuan (and fen), the facts and explanation it was decided on, its steps. */
export function presentClaim(c: ClaimRecord, steps?: ClaimStep[]) {
  return {
    id: c.id,
    policy: c.policyId,
    policyVersion: c.policyVersion,
    subjectKind: c.subjectKind,
    subjectId: c.subjectId,
    personId: c.personId,
    employerId: c.employerId,
    payee: c.payee,
    regionCode: c.regionCode,
    year: c.year,
    fund: c.fundId,
    eligible: c.eligible,
    amount: fenToYuan(c.amountFen),
    amountFen: c.amountFen,
    status: c.status,
    currentStep: c.currentStep,
    batchId: c.batchId,
    facts: c.facts,
    explanation: c.explanation,
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
    ...(steps ? { steps: steps.map((s) => ({ step: s.step, level: s.level, decision: s.decision, reason: s.reason, by: s.actorName, at: s.at })) } : {}),
  };
}


/** A claim the actor may see, or not found (a claim elsewhere is reported as absent). */
export async function visibleClaim(db: Tx, actor: Actor, action: string, id: number): Promise<ClaimRecord> {
  const c = await claimsRepository.byId(db, id);
  if (!c) throw DomainError.notFound('claim', id);
  authorize(actor, action, actor.role === 'employer' ? { employerId: c.employerId } : { regionCode: c.regionCode }, `claim ${id}`);
  return c;
}

/**
 * Creates a claim: gathers the subject's facts from the records (see `claimBasis`), evaluates the
 * policy's current version on them (lookups filled), keeps the facts and explanation as they
 * were, and submits it at once when asked.
 */
export async function createClaim(app: App, actor: Actor, input: NewClaim) {
  authorize(actor, 'claim.create');
  const policy = await loadPolicy(app, input.policy);
  const rule = policy.rule;
  if (input.subjectKind !== rule.subjectKind) {
    throw DomainError.invalid([{ field: 'subjectKind', code: 'subject_kind_mismatch', message: `policy ${rule.id} pays for a ${rule.subjectKind}, not a ${input.subjectKind}`, messageZh: '补贴对象类型与政策不符' }]);
  }
  const basis = await claimBasis(app, actor, policy, input);
  if (actor.role === 'employer' && (basis.employerId == null || basis.employerId !== actor.employerId)) {
    throw DomainError.invalid([{ field: 'employerId', code: 'employer_own', message: 'an employer account may claim only for its own company', messageZh: '用人单位账号只能为本单位申请' }]);
  }
  if (regionDepth(basis.regionCode) === 0) throw DomainError.invalid([{ field: 'regionCode', code: 'region_code_format', message: 'must be a region code of 2, 4, 6, 9 or 12 digits', messageZh: '区划代码格式不正确' }]);
  if (actor.role !== 'employer' && !inScope(actor, basis.regionCode)) {
    throw DomainError.invalid([{ field: 'regionCode', code: 'out_of_scope', message: `region ${basis.regionCode} is outside your region ${actor.regionCode}`, messageZh: '区划超出本账号的管辖范围' }]);
  }
  const issues = [];
  if (!isWithin(basis.regionCode, rule.regionScope)) issues.push({ field: 'regionCode', code: 'region_outside_policy', message: `region ${basis.regionCode} is outside the policy's region ${rule.regionScope}`, messageZh: '区划不在政策适用范围内' });
  if (rule.payee === 'employer' && basis.employerId == null) issues.push({ field: 'employerId', code: 'employer_required', message: `policy ${rule.id} pays the employer, so the claim must name it`, messageZh: '该政策补贴用人单位，须指明单位' });
  if (rule.payee === 'person' && basis.personId == null) issues.push({ field: 'personId', code: 'person_required', message: `policy ${rule.id} pays the person, so the claim must name them`, messageZh: '该政策补贴个人，须指明劳动力' });
  if (issues.length) throw DomainError.invalid(issues);
  const facts = fillLookups(policy, basis.facts, { minimumWage: await demandMinimumWages(app.database.db) });
  const evaluation = evaluatePolicy(policy, facts);
  const year = claimYear(rule, facts);
  const payee = input.payee ?? (rule.payee === 'employer' ? `employer:${basis.employerId}` : `person:${basis.personId}`);
  return inTransaction(app, async (trx) => {
    let claim = await claimsRepository.insert(trx, {
      policyId: rule.id,
      policyVersion: policy.version,
      subjectKind: input.subjectKind,
      subjectId: input.subjectId,
      personId: basis.personId,
      employerId: basis.employerId,
      payee,
      regionCode: basis.regionCode,
      year,
      fundId: rule.fund,
      facts,
      explanation: evaluation.explanation,
      eligible: evaluation.eligible,
      amountFen: evaluation.amountFen,
      status: 'draft',
      createdBy: actor.userId,
    });
    await writeAudit(trx, actor, { action: 'claim.create', entity: 'claim', entityId: claim.id, regionCode: claim.regionCode, after: { policy: claim.policyId, version: claim.policyVersion, subject: `${claim.subjectKind}:${claim.subjectId}`, amountFen: claim.amountFen, eligible: claim.eligible, factsFrom: basis.source, callerFacts: basis.callerFacts } });
    if (input.submit) claim = await submitIn(trx, app, actor, claim);
    return presentClaim(claim, await claimsRepository.steps(trx, claim.id));
  });
}

async function submitIn(trx: Tx, app: App, actor: Actor, claim: ClaimRecord): Promise<ClaimRecord> {
  if (claim.status !== 'draft') throw DomainError.conflict('conflict', `Claim ${claim.id} is ${claim.status}, not a draft`, { status: claim.status });
  const policy = await loadPolicy(app, claim.policyId, claim.policyVersion, trx);
  const rule = policy.rule;
  if (!claim.eligible) {
    const failed = (claim.explanation as { condition: string; passed: boolean }[]).filter((l) => !l.passed).map((l) => l.condition);
    throw new DomainError('claim_not_eligible', `Claim ${claim.id} is not eligible under ${rule.id}: ${failed.join(', ')} not met`, { details: { failed } });
  }
  for (const key of limitKeys(rule, claim)) {
    const holder = await claimsRepository.takeLimit(trx, rule.id, key, claim.id);
    if (holder !== undefined) throw limitReached(rule, key, holder > 0 ? holder : undefined);
  }
  // Exclusion works both ways: this rule's list, and every current rule that names this one.
  const excluded = new Set(rule.excludes);
  for (const v of await policiesRepository.currentVersions(trx)) {
    if (v.policyId === rule.id) continue;
    const ex = (v.rule as { excludes?: unknown }).excludes;
    if (Array.isArray(ex) && ex.includes(rule.id)) excluded.add(v.policyId);
  }
  if (excluded.size && claim.personId != null) {
    const other = await claimsRepository.liveFor(trx, claim.personId, claim.year, [...excluded]);
    if (other.length) throw DomainError.conflict('policy_combination', `Policy ${rule.id} cannot be combined with ${other[0].policyId}, already claimed for person ${claim.personId} in ${claim.year} (claim ${other[0].id})`, { claimId: other[0].id });
  }
  if (!(await claimsRepository.transition(trx, claim.id, 'draft', { status: 'submitted', currentStep: 0 }))) throw DomainError.conflict('version_conflict', `Claim ${claim.id} was changed meanwhile; reload it`);
  await claimsRepository.addStep(trx, { claimId: claim.id, step: 0, level: 'submission', decision: 'submitted', reason: '', actorId: actor.userId, actorName: actor.username });
  await writeAudit(trx, actor, { action: 'claim.submit', entity: 'claim', entityId: claim.id, regionCode: claim.regionCode, before: { status: 'draft' }, after: { status: 'submitted' } });
  return (await claimsRepository.byId(trx, claim.id))!;
}

/** Submits a draft: eligibility and the policy's limits (once per person per year, once per subject) are checked. */
export async function submitClaim(app: App, actor: Actor, id: number) {
  authorize(actor, 'claim.create');
  return inTransaction(app, async (trx) => {
    const c = await visibleClaim(trx, actor, 'claim.create', id);
    const after = await submitIn(trx, app, actor, c);
    return presentClaim(after, await claimsRepository.steps(trx, id));
  });
}

/**
 * Records a decision at the level the claim waits for. A rejection needs a reason and frees the
 * claim's limits; the last approval checks the budget and refuses, quoting the balance, when the
 * claim would overrun it.
 */
export async function decideClaim(app: App, actor: Actor, id: number, input: { decision: 'approve' | 'reject'; reason?: string }) {
  authorize(actor, 'claim.decide');
  const reason = (input.reason ?? '').trim();
  if (input.decision === 'reject' && !reason) throw DomainError.invalid([{ field: 'reason', code: 'reason_required', message: 'a rejection must say why', messageZh: '驳回须说明理由' }]);
  return inTransaction(app, async (trx) => {
    const c = await visibleClaim(trx, actor, 'claim.decide', id);
    if (c.status !== 'submitted') throw DomainError.conflict('conflict', `Claim ${id} is ${c.status}; only a submitted claim can be decided`, { status: c.status });
    const policy = await loadPolicy(app, c.policyId, c.policyVersion, trx);
    const steps = await claimsRepository.steps(trx, id);
    const level = checkDecider(policy.rule, c.currentStep, actor, steps.filter((s) => s.decision === 'approved').map((s) => s.actorId));
    const { final } = pendingLevel(policy.rule, c.currentStep);
    // Required evidence is checked at every approval (the township review is the first), not at
    // submission: claims filed by the system on an arrival or a course completion are submitted
    // before their papers are scanned, but nobody can approve one without them.
    if (input.decision === 'approve') {
      const missing = missingEvidence(policy.rule, await claimEvidenceRepository.kinds(trx, id));
      if (missing.length) throw evidenceMissing(id, policy.rule, missing);
    }
    let status = 'submitted';
    let next = c.currentStep;
    if (input.decision === 'reject') {
      status = 'rejected';
      await claimsRepository.releaseLimits(trx, id);
    } else if (final) {
      const budget = await paymentsRepository.budgetCovering(trx, c.fundId, c.regionCode, c.year);
      if (budget) await paymentsRepository.lockBudget(trx, budget.id);
      const used = budget ? (await claimsRepository.committedFen(trx, c.fundId, c.year, budget.regionCode, id)) + (await paymentsRepository.paidFen(trx, c.fundId, c.year, budget.regionCode)) : 0;
      checkBudget(budget, used, c.amountFen, { fundId: c.fundId, regionCode: c.regionCode, year: c.year });
      status = 'approved';
      next = c.currentStep + 1;
    } else {
      next = c.currentStep + 1;
    }
    if (!(await claimsRepository.transition(trx, id, 'submitted', { status, currentStep: next }))) throw DomainError.conflict('version_conflict', `Claim ${id} was decided by someone else meanwhile; reload it`);
    await claimsRepository.addStep(trx, { claimId: id, step: c.currentStep + 1, level, decision: input.decision === 'approve' ? 'approved' : 'rejected', reason, actorId: actor.userId, actorName: actor.username });
    await writeAudit(trx, actor, { action: `claim.${input.decision}`, entity: 'claim', entityId: id, regionCode: c.regionCode, before: { status: c.status, step: c.currentStep }, after: { status, step: next, level, reason } });
    return presentClaim((await claimsRepository.byId(trx, id))!, await claimsRepository.steps(trx, id));
  });
}

export async function getClaim(app: App, actor: Actor, id: number) {
  authorize(actor, 'claim.read');
  const c = await visibleClaim(app.database.db, actor, 'claim.read', id);
  return presentClaim(c, await claimsRepository.steps(app.database.db, id));
}

export async function listClaims(app: App, actor: Actor, f: { region?: string; status?: string; policy?: string; cursor?: string; limit?: number }) {
  authorize(actor, 'claim.read');
  const limit = Math.min(f.limit ?? 50, 500);
  const rows = await claimsRepository.list(app.database.db, { within: listScope(actor, f.region), status: f.status, policyId: f.policy, employerId: ownEmployer(actor), beforeId: decodeCursor(f.cursor), limit: limit + 1 });
  const more = rows.length > limit;
  const items = rows.slice(0, limit);
  return { items: items.map((c) => presentClaim(c)), nextCursor: more ? encodeCursor(items[items.length - 1].id) : null };
}

