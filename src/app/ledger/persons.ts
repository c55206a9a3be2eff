import type { Actor } from '../../domain/access/actor.ts';
import { authorize, inScope } from '../../domain/access/policy.ts';
import { DomainError, type FieldIssue } from '../../domain/errors.ts';
import { validatePerson, type PersonData, type PersonInput } from '../../domain/ledger/person.ts';
import type { VerificationStatus } from '../../domain/ledger/vocabulary.ts';
import { sameColumnValue } from '../../store/codec.ts';
import { householdsRepository, type HouseholdRecord } from '../../store/repositories/households.repository.ts';
import { isDuplicateIdNumber, personsRepository, type PersonRow, type StoredPersonRow } from '../../store/repositories/persons.repository.ts';
import { writeAudit } from '../audit/audit.ts';
import { inTransaction, type App, type Tx } from '../context.ts';
import { countedWrite, movesFigures, uncountedWrite } from '../stats/counted.ts';
import { HOUSEHOLD_FACT_INPUTS, refreshHouseholdFacts } from './household-facts.ts';
import {
  duplicateIdNumber, householdDataOf, personAuditView, personDataOf, prefixIssues, presentLedgerPerson, requireVersion, rowHashOf,
  today, verificationInput, versionConflict,
} from './ledger-common.ts';
import { idNumberHash, personColumns } from './person-record.ts';

/** The fields of a person a client sends: the domain input plus the verification status. */
export type PersonBody = PersonInput & { verificationStatus?: unknown };

export interface PreparedPerson {
  data: PersonData;
  verification: VerificationStatus | undefined;
}

/** Validates a person body; issues carry `prefix` on their field names. */
export function preparePerson(body: PersonBody, prefix = ''): { ok: true; value: PreparedPerson } | { ok: false; issues: FieldIssue[] } {
  const issues: FieldIssue[] = [];
  const { verificationStatus, ...input } = body;
  const verification = verificationInput(issues, 'verificationStatus', verificationStatus);
  const r = validatePerson(input);
  if (!r.ok) issues.push(...r.issues);
  if (issues.length || !r.ok) return { ok: false, issues: prefixIssues(prefix, issues) };
  return { ok: true, value: { data: r.value, verification } };
}

function verificationColumns(actor: Actor, status: VerificationStatus) {
  return status === 'unverified'
    ? { verification_status: status, verified_at: null, verified_by: null }
    : { verification_status: status, verified_at: today(), verified_by: actor.userId };
}

/**
 * Writes a new person into a household (already checked to be in scope) and audits it. The unique
 * index on live ID numbers is the last word: a concurrent create of the same number fails here.
 */
export async function insertPerson(trx: Tx, app: App, actor: Actor, p: PreparedPerson, household: HouseholdRecord, field = 'idNumber'): Promise<number> {
  const hash = idNumberHash(app.secrets, p.data.idNumber);
  if (await personsRepository.liveIdByIdHash(trx, hash)) throw duplicateIdNumber(field);
  let id: number;
  try {
    id = await personsRepository.insert(trx, {
      ...personColumns(app.secrets, p.data, household.villageCode, rowHashOf(p.data, householdDataOf(household))),
      household_id: household.id,
      ...verificationColumns(actor, p.verification ?? 'unverified'),
    });
  } catch (e) {
    if (isDuplicateIdNumber(e)) throw duplicateIdNumber(field);
    throw e;
  }
  const row = (await personsRepository.byId(trx, id))!;
  await writeAudit(trx, actor, { action: 'person.create', entity: 'person', entityId: id, regionCode: row.village_code, after: personAuditView(row) });
  return id;
}

/** A live household the actor may write into, or the issue on `field`. */
async function targetHousehold(trx: Tx, actor: Actor, householdId: unknown, field = 'householdId'): Promise<HouseholdRecord> {
  const id = Number(householdId);
  const h = Number.isInteger(id) && id > 0 ? await householdsRepository.byId(trx, id) : undefined;
  if (!h || !inScope(actor, h.villageCode)) {
    throw DomainError.invalid([{ field, code: 'household_unknown', message: `no household ${String(householdId)} in your region`, messageZh: '本辖区内没有该户' }]);
  }
  return h;
}

/** The person row read, if the actor may `action` it; not found also when it lies outside the actor's scope. */
function inScopeOf<R extends { village_code: string }>(actor: Actor, action: string, id: number, row: R | undefined): R {
  if (!row) throw DomainError.notFound('person', id);
  authorize(actor, action, { regionCode: row.village_code }, `person ${id}`);
  return row;
}

/**
 * A live person the actor may `action`, with its household's data; with `lockHousehold`, the
 * household's row is locked by the same read (a change that stays in the household locks it anyway).
 */
async function scopedPerson(trx: Tx, actor: Actor, action: string, id: number, lockHousehold = false): Promise<StoredPersonRow> {
  return inScopeOf(actor, action, id, await (lockHousehold ? personsRepository.byIdLockingHousehold(trx, id) : personsRepository.byId(trx, id)));
}

/** Adds a person to a household; the person's village is the household's. */
export async function createPerson(app: App, actor: Actor, body: PersonBody & { householdId: number }) {
  authorize(actor, 'person.write');
  const { householdId, ...rest } = body;
  const p = preparePerson(rest);
  if (!p.ok) throw DomainError.invalid(p.issues);
  return inTransaction(app, async (trx) => {
    const household = await targetHousehold(trx, actor, householdId);
    const id = await insertPerson(trx, app, actor, p.value, household);
    await refreshHouseholdFacts(trx, [household.id]);
    return presentLedgerPerson((await personsRepository.byId(trx, id))!);
  });
}

export async function getPerson(app: App, actor: Actor, id: number) {
  authorize(actor, 'person.read');
  return presentLedgerPerson(inScopeOf(actor, 'person.read', id, await personsRepository.shownById(app.database.db, id)));
}

/** The columns of `next` whose value differs from the stored row: an edit rewrites only those (and the indexes on them). */
function changedColumns<T extends Record<string, unknown>>(stored: Record<string, unknown>, next: T): Partial<T> {
  const changed: Partial<T> = {};
  for (const k of Object.keys(next) as (keyof T & string)[]) if (!sameColumnValue(stored[k], next[k])) changed[k] = next[k];
  return changed;
}

/** Gender and birth date come from the ID number: a change of number alone must not be checked against the old ones. */
const DERIVED = new Set(['gender', 'birthDate']);

/**
 * Changes the fields given (absent fields keep their value, null clears an optional one), when the
 * person is still at `version`. A move to another household takes that household's village.
 */
export async function updatePerson(app: App, actor: Actor, id: number, body: PersonBody & { householdId?: number; version?: number }) {
  authorize(actor, 'person.write');
  const { householdId, version, ...patch } = body;
  const expected = requireVersion(version, true)!;
  return inTransaction(app, async (trx) => {
    // A move to another household locks both households later, in id order.
    const row = await scopedPerson(trx, actor, 'person.write', id, householdId == null);
    if (row.version !== expected) throw versionConflict('person', id, row.version);
    const stored = personDataOf(app.secrets, row);
    const merged: PersonBody = Object.fromEntries(Object.entries(stored).filter(([k]) => !DERIVED.has(k) || k in patch));
    for (const [k, v] of Object.entries(patch)) if (v !== undefined) (merged as Record<string, unknown>)[k] = v;
    const p = preparePerson(merged);
    if (!p.ok) throw DomainError.invalid(p.issues);
    const household = householdId == null || householdId === row.household_id ? personsRepository.householdOf(row) : await targetHousehold(trx, actor, householdId);
    const hash = idNumberHash(app.secrets, p.value.data.idNumber);
    const idChanged = hash !== row.id_hash;
    if (idChanged) {
      const holder = await personsRepository.liveIdByIdHash(trx, hash);
      if (holder && holder !== id) throw duplicateIdNumber('idNumber');
    }
    const status = p.value.verification;
    const verification = status && status !== row.verification_status ? verificationColumns(actor, status) : { verification_status: row.verification_status, verified_at: row.verified_at, verified_by: row.verified_by };
    const changes = changedColumns(row, {
      ...personColumns(app.secrets, p.value.data, household.villageCode, rowHashOf(p.value.data, householdDataOf(household)), row),
      household_id: household.id,
      ...verification,
    });
    const changed = Object.keys(changes);
    const factsChange = changed.some((c) => HOUSEHOLD_FACT_INPUTS.has(c));
    const write = async () => {
      let after: PersonRow | undefined;
      try {
        after = await personsRepository.update(trx, id, expected, changes, {
          household_no: household.householdNo, household_category: household.category, household_subtype: household.monitoredSubtype, household_relocated: household.relocated,
        });
      } catch (e) {
        if (isDuplicateIdNumber(e)) throw duplicateIdNumber('idNumber');
        throw e;
      }
      if (!after) throw versionConflict('person', id, await personsRepository.currentVersion(trx, id));
      if (factsChange) await refreshHouseholdFacts(trx, [row.household_id, household.id].sort((a, b) => a - b));
      const phoneChanged = (stored.phone ?? null) !== (p.value.data.phone ?? null);
      await writeAudit(trx, actor, {
        action: 'person.update',
        entity: 'person',
        entityId: id,
        regionCode: after.village_code,
        before: personAuditView(row),
        // A changed number can keep the same masked form; say that it changed without saying how.
        after: personAuditView(after, { ...(idChanged ? { idNumberChanged: true } : {}), ...(phoneChanged ? { phoneChanged: true } : {}) }),
      });
      return presentLedgerPerson(after);
    };
    // An edit of what no figure reads (pay wish, phone, skills…) moves no statistic: nothing to count.
    return factsChange || movesFigures('persons', changed) ? countedWrite(trx, { persons: [id], households: [row.household_id, household.id] }, write) : uncountedWrite(trx, write);
  });
}

/** Soft-deletes a person: hidden from every read, its ID number free for a new record; the household stays. */
export async function deletePerson(app: App, actor: Actor, id: number, version?: number) {
  authorize(actor, 'person.delete');
  return inTransaction(app, async (trx) => {
    const row = await scopedPerson(trx, actor, 'person.delete', id, true);
    if (version != null && row.version !== version) throw versionConflict('person', id, row.version);
    return countedWrite(trx, { persons: [id], households: [row.household_id] }, async () => {
      if (!(await personsRepository.softDelete(trx, id, row.version))) throw versionConflict('person', id, await personsRepository.currentVersion(trx, id));
      await refreshHouseholdFacts(trx, [row.household_id]);
      await writeAudit(trx, actor, { action: 'person.delete', entity: 'person', entityId: id, regionCode: row.village_code, before: personAuditView(row), after: null });
      return { id, deleted: true as const };
    });
  });
}
