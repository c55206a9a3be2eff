import type { Actor } from '../../domain/access/actor.ts';
import { authorize, scopeRegion } from '../../domain/access/policy.ts';
import { DomainError, type FieldIssue } from '../../domain/errors.ts';
import { checkPersonVisit, type PersonCheck, type PersonCheckInput } from '../../domain/field/visit.ts';
import { regionsRepository } from '../../store/repositories/regions.repository.ts';
import { verificationRepository } from '../../store/repositories/verification.repository.ts';
import { writeAudit } from '../audit/audit.ts';
import type { App, Tx } from '../context.ts';
import { decodeCursor, encodeCursor } from '../demand/common.ts';
import { refreshHouseholdFacts } from '../ledger/household-facts.ts';
import { seal } from '../privacy/sealed.ts';
import { maskPhone } from '../../domain/ledger/phone.ts';
import { auditFieldPerson, checkOccupationsExist, correctionColumns, presentFieldPerson } from './field-person.ts';
import { once } from './idempotency.ts';
import { loadRound, requireOpen } from './rounds.ts';

export interface TaskQuery {
  teamId?: number;
  village?: string;
  status?: string;
  cursor?: string;
  limit?: number;
}

/**
 * Tasks of a round with each household's live members at their current version: what a verifier's
 * phone downloads (only its team's), or what an officer browses (within its region).
 */
export async function listTasks(app: App, actor: Actor, roundId: number, q: TaskQuery) {
  const db = app.database.db;
  const { round, teamId } = await loadRound(db, actor, roundId, 'verification.read');
  const limit = Math.min(Math.max(q.limit ?? 2000, 1), 5000);
  const within = teamId != null ? (q.village ?? round.countyCode) : scopeRegion(actor, q.village ?? round.countyCode);
  const tasks = await verificationRepository.tasks(db, roundId, { teamId: teamId ?? q.teamId, within, status: q.status, afterId: decodeCursor(q.cursor), limit: limit + 1 });
  const more = tasks.length > limit;
  const page = tasks.slice(0, limit);
  const members = await verificationRepository.householdMembers(db, page.map((t) => t.householdId));
  const names = new Map((await regionsRepository.findMany(db, [...new Set(page.map((t) => t.villageCode))])).map((r) => [r.code, r.name]));
  const byHousehold = new Map<number, ReturnType<typeof presentFieldPerson>[]>();
  for (const m of members) {
    const p = presentFieldPerson(m);
    (byHousehold.get(p.householdId) ?? byHousehold.set(p.householdId, []).get(p.householdId)!).push(p);
  }
  return {
    roundId,
    roundStatus: round.status,
    downloadedAt: new Date().toISOString(),
    items: page.map((t) => ({
      id: t.id,
      teamId: t.teamId,
      householdId: t.householdId,
      householdNo: t.householdNo,
      address: t.address,
      category: t.category,
      villageCode: t.villageCode,
      villageName: names.get(t.villageCode) ?? null,
      status: t.status,
      visitedAt: t.visitedAt,
      frozen: t.frozen,
      persons: byHousehold.get(t.householdId) ?? [],
    })),
    nextCursor: more ? encodeCursor(page[page.length - 1].id) : null,
  };
}

export interface VisitInput {
  taskId: number;
  visitedAt: string;
  note?: string | null;
  persons: PersonCheckInput[];
}

export interface VisitResult {
  visitId: number;
  taskId: number;
  taskStatus: 'visited' | 'conflict';
  applied: { personId: number; version: number; outcome: string }[];
  conflicts: { personId: number; conflictId: number; serverVersion: number }[];
}

function visitTime(raw: string): string {
  const d = new Date(raw);
  if (Number.isNaN(d.getTime()) || !/^\d{4}-\d{2}-\d{2}T/.test(raw)) {
    throw DomainError.invalid([{ field: 'visitedAt', code: 'timestamp_format', message: 'must be an ISO-8601 timestamp such as 2020-03-12T09:30:00Z', messageZh: '走访时间应为ISO-8601时间' }]);
  }
  // A phone's clock may run ahead; a visit cannot have happened after it arrived.
  return new Date(Math.min(d.getTime(), Date.now())).toISOString();
}

async function recordVisit(app: App, trx: Tx, actor: Actor, roundId: number, key: string, input: VisitInput): Promise<VisitResult> {
  const { round, teamId } = await loadRound(trx, actor, roundId, 'verification.visit');
  requireOpen(round);
  const task = await verificationRepository.task(trx, input.taskId);
  // A verifier reaches only its own team's tasks; anything else is reported as not there.
  if (!task || task.roundId !== roundId || (actor.role !== 'admin' && task.teamId !== teamId)) throw DomainError.notFound('Task', input.taskId);
  if (task.frozen) throw DomainError.conflict('round_closed', `Task ${task.id} is frozen: its round is closed`, { roundId });
  const visitedAt = visitTime(input.visitedAt);

  const members = new Map((await verificationRepository.householdMembers(trx, [task.householdId])).map((m) => [Number(m.id), m]));
  const issues: FieldIssue[] = [];
  const checks: PersonCheck[] = [];
  const seen = new Set<number>();
  input.persons.forEach((p, i) => {
    const at = `persons.${i}`;
    if (!members.has(p.personId)) issues.push({ field: `${at}.personId`, code: 'not_in_household', message: `person ${p.personId} is not a live member of this household`, messageZh: '该人员不是本户在册成员' });
    if (seen.has(p.personId)) issues.push({ field: `${at}.personId`, code: 'duplicate_person', message: `person ${p.personId} appears twice`, messageZh: '同一人员重复出现' });
    seen.add(p.personId);
    const r = checkPersonVisit(p, at);
    if (r.ok) checks.push(r.value);
    else issues.push(...r.issues);
  });
  if (!input.persons.length) issues.push({ field: 'persons', code: 'required', message: 'record at least one person', messageZh: '请至少核查一名人员' });
  const note = input.note?.trim() || null;
  if (note && note.length > 500) issues.push({ field: 'note', code: 'too_long', message: 'must be at most 500 characters', messageZh: '备注不能超过500个字符' });
  if (issues.length) throw DomainError.invalid(issues);
  await checkOccupationsExist(trx, checks.map((c, i) => ({ at: `persons.${i}.changes`, codes: [...(c.changes.jobWishTypes ?? []), ...(c.changes.trainingWish ? [c.changes.trainingWish] : [])] })));

  const visitId = await verificationRepository.insertVisit(trx, { roundId, taskId: task.id, villageCode: task.villageCode, verifierId: actor.userId, key, visitedAt, note });
  const result: VisitResult = { visitId, taskId: task.id, taskStatus: 'visited', applied: [], conflicts: [] };
  for (const c of checks) {
    const before = members.get(c.personId)!;
    const base = { roundId, taskId: task.id, visitId, personId: c.personId, villageCode: task.villageCode, outcome: c.outcome };
    if (Number(before.version) !== c.version) {
      // Changed on the server since download: keep both sides for an officer, overwrite nothing.
      const { phone, ...plain } = c.changes;
      const fieldValues = {
        values: { ...plain, ...(phone !== undefined ? { phone: phone ? maskPhone(phone) : null } : {}), verificationStatus: c.outcome },
        sealed: phone ? { phone: seal(app.secrets.key, phone) } : {},
      };
      const conflictId = await verificationRepository.insertConflict(trx, { ...base, verifierId: actor.userId, baseVersion: c.version, serverVersion: Number(before.version), fieldValues });
      await verificationRepository.insertCheck(trx, { ...base, state: 'conflict' });
      result.conflicts.push({ personId: c.personId, conflictId, serverVersion: Number(before.version) });
      continue;
    }
    const set = { ...correctionColumns(app.secrets, c.changes), verification_status: c.outcome, verified_at: visitedAt, verified_by: actor.userId };
    if (!(await verificationRepository.updatePerson(trx, c.personId, c.version, set))) throw new DomainError('version_conflict', `Person ${c.personId} changed while the visit was being saved; send it again`);
    const after = (await verificationRepository.person(trx, c.personId))!;
    await writeAudit(trx, actor, { action: 'person.verify', entity: 'person', entityId: c.personId, regionCode: task.villageCode, before: auditFieldPerson(before), after: auditFieldPerson(after) });
    await verificationRepository.insertCheck(trx, { ...base, state: 'applied' });
    result.applied.push({ personId: c.personId, version: Number(after.version), outcome: c.outcome });
  }
  if (result.applied.length) await refreshHouseholdFacts(trx, [task.householdId]);
  result.taskStatus = result.conflicts.length || (await verificationRepository.openConflictsOfTask(trx, task.id)) ? 'conflict' : 'visited';
  await verificationRepository.setTaskVisited(trx, task.id, result.taskStatus, visitedAt, actor.userId);
  await verificationRepository.finishVisit(trx, visitId, result.applied.length, result.conflicts.length, result);
  await writeAudit(trx, actor, { action: 'verification.visit', entity: 'verification_task', entityId: task.id, regionCode: task.villageCode, after: { visitId, visitedAt, applied: result.applied.length, conflicts: result.conflicts.length } });
  return result;
}

/**
 * Records a visit sent from the field. Each person's corrections apply when the person still has
 * the version the verifier downloaded; otherwise they are kept as a conflict for an officer. A
 * repeat of the same Idempotency-Key gets the first answer and changes nothing.
 */
export async function submitVisit(app: App, actor: Actor, roundId: number, key: string, input: VisitInput): Promise<{ value: VisitResult; replayed: boolean }> {
  authorize(actor, 'verification.visit');
  return once(app, actor, `verification-visit:${roundId}`, key, (trx) => recordVisit(app, trx, actor, roundId, key, input));
}

export async function listVisits(app: App, actor: Actor, roundId: number, q: { village?: string; teamId?: number; cursor?: string; limit?: number }) {
  const db = app.database.db;
  const { round, teamId } = await loadRound(db, actor, roundId, 'verification.read');
  const limit = Math.min(Math.max(q.limit ?? 100, 1), 500);
  const within = teamId != null ? (q.village ?? round.countyCode) : scopeRegion(actor, q.village ?? round.countyCode);
  const rows = await verificationRepository.visits(db, roundId, { teamId: teamId ?? q.teamId, within, afterId: decodeCursor(q.cursor), limit: limit + 1 });
  const items = rows.slice(0, limit);
  return { items, nextCursor: rows.length > limit ? encodeCursor(items[items.length - 1].id) : null };
}
