import type { Actor } from '../../domain/access/actor.ts';
import { authorize, scopeRegion } from '../../domain/access/policy.ts';
import { DomainError } from '../../domain/errors.ts';
import { resolvedValues, type ConflictSide } from '../../domain/field/visit.ts';
import { verificationRepository, type ConflictRecord } from '../../store/repositories/verification.repository.ts';
import { usersRepository } from '../../store/repositories/users.repository.ts';
import { writeAudit } from '../audit/audit.ts';
import { inTransaction, type App, type Tx } from '../context.ts';
import { refreshHouseholdFacts } from '../ledger/household-facts.ts';
import { unseal } from '../privacy/sealed.ts';
import { auditFieldPerson, correctionColumns, presentFieldPerson } from './field-person.ts';
import { loadRound } from './rounds.ts';

/** One conflict side by side: for every field the verifier recorded, the server's value now and the field value. */
function presentConflict(c: ConflictRecord, person: Record<string, any> | undefined, verifier: string | null) {
  const server = person ? presentFieldPerson(person) : undefined;
  return {
    id: c.id,
    roundId: c.roundId,
    taskId: c.taskId,
    personId: c.personId,
    personName: server?.name ?? null,
    villageCode: c.villageCode,
    verifierId: c.verifierId,
    verifier,
    visitedAt: c.visitedAt,
    baseVersion: c.baseVersion,
    serverVersion: c.serverVersion,
    currentVersion: server?.version ?? null,
    status: c.status,
    createdAt: c.createdAt,
    resolvedAt: c.resolvedAt,
    resolution: c.resolution,
    fields: Object.entries(c.fieldValues.values).map(([field, value]) => ({
      field,
      serverValue: server ? ((server as Record<string, unknown>)[field] ?? null) : null,
      fieldValue: value ?? null,
    })),
  };
}

async function present(db: Tx, list: ConflictRecord[]) {
  const out = [];
  const names = new Map<number, string | null>();
  for (const c of list) {
    if (!names.has(c.verifierId)) names.set(c.verifierId, (await usersRepository.byId(db, c.verifierId))?.username ?? null);
    out.push(presentConflict(c, await verificationRepository.person(db, c.personId), names.get(c.verifierId) ?? null));
  }
  return out;
}

export async function listConflicts(app: App, actor: Actor, roundId: number, q: { status?: string; village?: string; limit?: number }) {
  const db = app.database.db;
  const { round } = await loadRound(db, actor, roundId, 'verification.resolve');
  const within = scopeRegion(actor, q.village ?? round.countyCode);
  const rows = await verificationRepository.conflicts(db, roundId, { within, status: q.status ?? 'open', limit: Math.min(Math.max(q.limit ?? 200, 1), 1000) });
  return { items: await present(db, rows) };
}

/**
 * Settles a conflict field by field: the officer keeps the server value or takes the field value
 * for each. The person is written once, at its current version (sent back as `personVersion` when
 * the officer saw it, so a change made meanwhile is not overwritten either), and audited.
 */
export async function resolveConflict(app: App, actor: Actor, roundId: number, conflictId: number, input: { choices: Record<string, ConflictSide>; personVersion?: number }) {
  return inTransaction(app, async (trx) => {
    await loadRound(trx, actor, roundId, 'verification.resolve');
    const c = await verificationRepository.conflict(trx, conflictId);
    if (!c || c.roundId !== roundId) throw DomainError.notFound('Conflict', conflictId);
    authorize(actor, 'verification.resolve', { regionCode: c.villageCode }, `Conflict ${conflictId}`);
    if (c.status !== 'open') throw DomainError.conflict('conflict_resolved', `Conflict ${conflictId} was already resolved`);
    const { keep, issues } = resolvedValues(c.fieldValues.values, input.choices);
    if (issues.length) throw DomainError.invalid(issues);
    const before = await verificationRepository.person(trx, c.personId);
    if (!before) throw DomainError.notFound('Person', c.personId);
    const version = Number(before.version);
    if (input.personVersion !== undefined && input.personVersion !== version) {
      throw new DomainError('version_conflict', `Person ${c.personId} changed again (now version ${version}); reload the conflict`, { details: { currentVersion: version } });
    }
    const { verificationStatus, phone, ...rest } = keep as Record<string, any>;
    const set: Record<string, unknown> = correctionColumns(app.secrets, rest);
    if (phone !== undefined) Object.assign(set, correctionColumns(app.secrets, { phone: c.fieldValues.sealed.phone ? unseal(app.secrets.key, c.fieldValues.sealed.phone) : null }));
    if (verificationStatus !== undefined) Object.assign(set, { verification_status: verificationStatus, verified_at: c.visitedAt, verified_by: c.verifierId });
    let after = before;
    if (Object.keys(set).length) {
      if (!(await verificationRepository.updatePerson(trx, c.personId, version, set))) throw new DomainError('version_conflict', `Person ${c.personId} changed while resolving; reload the conflict`);
      after = (await verificationRepository.person(trx, c.personId))!;
      await refreshHouseholdFacts(trx, [Number(after.household_id)]);
    }
    await verificationRepository.resolveConflict(trx, conflictId, actor.userId, input.choices);
    await verificationRepository.setCheckState(trx, c.visitId, c.personId, 'resolved', String(after.verification_status));
    if ((await verificationRepository.openConflictsOfTask(trx, c.taskId)) === 0) await verificationRepository.setTaskStatus(trx, c.taskId, 'visited');
    await writeAudit(trx, actor, { action: 'verification.resolve', entity: 'person', entityId: c.personId, regionCode: c.villageCode, before: auditFieldPerson(before), after: { ...auditFieldPerson(after), conflictId, choices: input.choices } });
    const resolved = (await verificationRepository.conflict(trx, conflictId))!;
    return (await present(trx, [resolved]))[0];
  });
}
