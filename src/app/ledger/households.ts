import type { Actor } from '../../domain/access/actor.ts';
import { authorize } from '../../domain/access/policy.ts';
import { DomainError, type FieldIssue } from '../../domain/errors.ts';
import { validateHousehold, type HouseholdInput } from '../../domain/ledger/household.ts';
import { householdsRepository, isDuplicateHouseholdNo, type HouseholdRecord } from '../../store/repositories/households.repository.ts';
import { personsRepository } from '../../store/repositories/persons.repository.ts';
import { writeAudit } from '../audit/audit.ts';
import { inTransaction, type App, type Tx } from '../context.ts';
import { noteRegionsChanged } from '../region-changes.ts';
import { refreshHouseholdFacts } from './household-facts.ts';
import {
  decodePlaceCursor, duplicateHouseholdNo, encodePlaceCursor, duplicateIdNumber, effectiveDate, householdAuditView, householdDataOf, pageLimit, personDataOf,
  presentHousehold, presentLedgerPerson, requireVersion, rowHashOf, toPage, versionConflict, villageProblem,
} from './ledger-common.ts';
import { ledgerFilter, type LedgerQuery } from './ledger-search.ts';
import { insertPerson, preparePerson, type PersonBody, type PreparedPerson } from './persons.ts';

export type HouseholdBody = HouseholdInput & { categoryEffectiveDate?: unknown };

/** A live household the actor may `action`, or not found (also when outside the actor's scope). */
async function scopedHousehold(trx: Tx, actor: Actor, action: string, id: number): Promise<HouseholdRecord> {
  const h = await householdsRepository.byId(trx, id);
  if (!h) throw DomainError.notFound('household', id);
  authorize(actor, action, { regionCode: h.villageCode }, `household ${id}`);
  return h;
}

async function detail(trx: Tx, h: HouseholdRecord) {
  const members = await personsRepository.members(trx, h.id);
  const history = await householdsRepository.categoryHistory(trx, h.id);
  return {
    ...presentHousehold(h),
    members: members.map(presentLedgerPerson),
    categoryHistory: history.map((e) => ({ category: e.category, monitoredSubtype: e.monitoredSubtype, effectiveDate: e.effectiveDate, recordedAt: e.recordedAt, actorId: e.actorId })),
  };
}

/**
 * Creates a household, and its members when given, in one transaction: every field of every member
 * is checked first and nothing is written unless all of it is valid.
 */
export async function createHousehold(app: App, actor: Actor, body: HouseholdBody & { members?: PersonBody[] }) {
  authorize(actor, 'household.write');
  const { categoryEffectiveDate, members = [], ...input } = body;
  const issues: FieldIssue[] = [];
  const v = validateHousehold(input);
  if (!v.ok) issues.push(...v.issues);
  const since = effectiveDate(issues, 'categoryEffectiveDate', categoryEffectiveDate);
  const people: PreparedPerson[] = [];
  const seen = new Map<string, number>();
  members.forEach((m, i) => {
    const p = preparePerson(m, `members.${i}.`);
    if (!p.ok) return void issues.push(...p.issues);
    if (seen.has(p.value.data.idNumber)) issues.push(...duplicateIdNumber(`members.${i}.idNumber`).issues);
    seen.set(p.value.data.idNumber, i);
    people.push(p.value);
  });
  if (issues.length || !v.ok) throw DomainError.invalid(issues);
  return inTransaction(app, async (trx) => {
    const where = await villageProblem(trx, actor, 'villageCode', v.value.villageCode);
    if (where) throw DomainError.invalid([where]);
    if (await householdsRepository.idByNo(trx, v.value.householdNo)) throw duplicateHouseholdNo('householdNo', v.value.householdNo);
    let id: number;
    try {
      id = await householdsRepository.insert(trx, v.value);
    } catch (e) {
      if (isDuplicateHouseholdNo(e)) throw duplicateHouseholdNo('householdNo', v.value.householdNo);
      throw e;
    }
    await householdsRepository.appendCategory(trx, { householdId: id, category: v.value.category, monitoredSubtype: v.value.monitoredSubtype, effectiveDate: since, actorId: actor.userId });
    const created = (await householdsRepository.byId(trx, id))!;
    await writeAudit(trx, actor, { action: 'household.create', entity: 'household', entityId: id, regionCode: created.villageCode, after: { ...householdAuditView(created), categoryEffectiveDate: since } });
    for (const [i, p] of people.entries()) await insertPerson(trx, app, actor, p, created, `members.${i}.idNumber`);
    await refreshHouseholdFacts(trx, [id]);
    return detail(trx, (await householdsRepository.byId(trx, id))!);
  });
}

/** A household with its members (masked) and its category history. */
export async function getHousehold(app: App, actor: Actor, id: number) {
  authorize(actor, 'household.read');
  const db = app.database.db;
  return detail(db, await scopedHousehold(db, actor, 'household.read', id));
}

/**
 * Changes the fields given, when the household is still at `version`. Members follow the household:
 * a new village is theirs too, and a new category is theirs by the household (recorded with its
 * effective date in the category history).
 */
export async function updateHousehold(app: App, actor: Actor, id: number, body: HouseholdBody & { version?: number }) {
  authorize(actor, 'household.write');
  const { version, categoryEffectiveDate, ...patch } = body;
  const expected = requireVersion(version, true)!;
  return inTransaction(app, async (trx) => {
    const h = await scopedHousehold(trx, actor, 'household.write', id);
    if (h.version !== expected) throw versionConflict('household', id, h.version);
    const merged: HouseholdInput = { ...householdDataOf(h) };
    for (const [k, val] of Object.entries(patch)) if (val !== undefined) (merged as Record<string, unknown>)[k] = val;
    // A category other than monitored has no subtype: changing it clears the old one unless one is sent.
    if (patch.category !== undefined && patch.monitoredSubtype === undefined) merged.monitoredSubtype = null;
    const issues: FieldIssue[] = [];
    const v = validateHousehold(merged);
    if (!v.ok) issues.push(...v.issues);
    const since = effectiveDate(issues, 'categoryEffectiveDate', categoryEffectiveDate);
    if (issues.length || !v.ok) throw DomainError.invalid(issues);
    const next = v.value;
    if (next.villageCode !== h.villageCode) {
      const where = await villageProblem(trx, actor, 'villageCode', next.villageCode);
      if (where) throw DomainError.invalid([where]);
    }
    if (next.householdNo !== h.householdNo && (await householdsRepository.idByNo(trx, next.householdNo))) throw duplicateHouseholdNo('householdNo', next.householdNo);
    // Members are written before the household, the order every ledger write takes, so two
    // transactions never wait on each other's rows in opposite order.
    const members = await personsRepository.members(trx, id);
    if (next.villageCode !== h.villageCode) await personsRepository.setHouseholdVillage(trx, id, next.villageCode);
    noteRegionsChanged(trx, [h.villageCode]);
    let ok: boolean;
    try {
      ok = await householdsRepository.update(trx, id, expected, next);
    } catch (e) {
      if (isDuplicateHouseholdNo(e)) throw duplicateHouseholdNo('householdNo', next.householdNo);
      throw e;
    }
    if (!ok) throw versionConflict('household', id, await householdsRepository.currentVersion(trx, id));
    const categoryChanged = next.category !== h.category || next.monitoredSubtype !== h.monitoredSubtype;
    if (categoryChanged) await householdsRepository.appendCategory(trx, { householdId: id, category: next.category, monitoredSubtype: next.monitoredSubtype, effectiveDate: since, actorId: actor.userId });
    for (const m of members) {
      await personsRepository.setRowHash(trx, m.id, rowHashOf(personDataOf(app.secrets, m), next));
      if (next.villageCode !== h.villageCode) {
        await writeAudit(trx, actor, { action: 'person.update', entity: 'person', entityId: m.id, regionCode: next.villageCode, before: { villageCode: h.villageCode }, after: { villageCode: next.villageCode } });
      }
    }
    await refreshHouseholdFacts(trx, [id]);
    const after = (await householdsRepository.byId(trx, id))!;
    await writeAudit(trx, actor, {
      action: 'household.update',
      entity: 'household',
      entityId: id,
      regionCode: after.villageCode,
      before: householdAuditView(h),
      after: { ...householdAuditView(after), ...(categoryChanged ? { categoryEffectiveDate: since } : {}) },
    });
    return detail(trx, after);
  });
}

/**
 * Soft-deletes an empty household. One with live members is refused: removing people from the
 * ledger is a decision per person, not a side effect. The household number stays taken.
 */
export async function deleteHousehold(app: App, actor: Actor, id: number, version?: number) {
  authorize(actor, 'household.write');
  return inTransaction(app, async (trx) => {
    const h = await scopedHousehold(trx, actor, 'household.write', id);
    if (version != null && h.version !== version) throw versionConflict('household', id, h.version);
    const members = await householdsRepository.liveMemberCount(trx, id);
    if (members > 0) throw DomainError.conflict('household_not_empty', `household ${id} still has ${members} member(s); delete or move them first`, { members });
    if (!(await householdsRepository.softDelete(trx, id, h.version))) throw versionConflict('household', id, await householdsRepository.currentVersion(trx, id));
    await writeAudit(trx, actor, { action: 'household.delete', entity: 'household', entityId: id, regionCode: h.villageCode, before: householdAuditView(h), after: null });
    return { id, deleted: true as const };
  });
}

/** Households within the actor's scope, by village and id, a page at a time; person filters match any live member. */
export async function listHouseholds(app: App, actor: Actor, q: LedgerQuery) {
  authorize(actor, 'household.read');
  const f = ledgerFilter(app, actor, q);
  const limit = pageLimit(q.limit);
  const rows = await householdsRepository.list(app.database.db, f, decodePlaceCursor(q.cursor), limit + 1);
  return toPage(rows, limit, (r) => r.id, presentHousehold, (r) => encodePlaceCursor(r.villageCode, r.id));
}

