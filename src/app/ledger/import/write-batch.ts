import type { Actor } from '../../../domain/access/actor.ts';
import { householdFacts, type MemberFacts } from '../../../domain/ledger/household.ts';
import type { EmploymentStatus, LaborCapacity } from '../../../domain/ledger/vocabulary.ts';
import { PERSON_BULK_COLUMNS, type AuditInsert, type FactsUpdate, type HouseholdInsert, type HouseholdUpdate, type HistoryInsert, type LedgerBulk, type LedgerBulkTx } from '../../../store/ledger-bulk/index.ts';
import { diff } from '../../audit/audit.ts';
import { deferRegionChanges } from '../../region-changes.ts';
import { presentPerson } from '../person-record.ts';
import type { PreparedBatch } from './prepare.ts';

export interface BatchCounts {
  created: number;
  updated: number;
  unchanged: number;
}

const P = Object.fromEntries(PERSON_BULK_COLUMNS.map((c, i) => [c, i])) as Record<(typeof PERSON_BULK_COLUMNS)[number], number>;

/** The fields of a person the audit trail compares (sensitive ones masked). */
function auditView(r: Record<string, unknown>): Record<string, unknown> {
  const p = presentPerson(r);
  return {
    householdId: p.householdId, villageCode: p.villageCode, relation: p.relation, name: p.name, idNumber: p.idNumber, phone: p.phone,
    education: p.education, laborCapacity: p.laborCapacity, skills: p.skills, employmentStatus: p.employmentStatus, employerName: p.employerName,
    monthlyIncome: p.monthlyIncome, trainingWish: p.trainingWish, jobWishTypes: p.jobWishTypes, availableFrom: p.availableFrom,
    preferredScope: p.preferredScope, minMonthlyPay: p.minMonthlyPay,
  };
}

function rowObject(row: unknown[]): Record<string, unknown> {
  const o: Record<string, unknown> = { id: 0, version: 0, verification_status: 'unverified' };
  for (const c of PERSON_BULK_COLUMNS) o[c] = row[P[c]];
  return o;
}

function factsOf(members: MemberFacts[], today: string) {
  return householdFacts(members, today);
}

export interface WriteContext {
  bulk: LedgerBulk;
  actor: Actor;
  today: string;
  dryRun: boolean;
  /** Milliseconds spent per stage, summed over batches (for benchmarks and the closing notes). */
  stageMs?: Record<string, number>;
}

function lap(ctx: WriteContext, stage: string, since: number): number {
  const now = performance.now();
  if (ctx.stageMs) ctx.stageMs[stage] = (ctx.stageMs[stage] ?? 0) + (now - since);
  return now;
}

/**
 * Writes one batch in one transaction: households created or changed (with their category history),
 * people created or rewritten (matched by ID-number hash; unchanged rows, by content hash, are not
 * touched), an audit entry per changed person or household (people created are covered by the
 * run's own audit entry), and the derived facts of every household whose members changed.
 */
export async function writeBatch(ctx: WriteContext, b: PreparedBatch): Promise<BatchCounts> {
  const n = b.rowNo.length;
  const counts: BatchCounts = { created: 0, updated: 0, unchanged: 0 };
  if (!n) return counts;
  if (ctx.dryRun) {
    const found = await ctx.bulk.read.findPersons(b.idHash);
    for (let i = 0; i < n; i++) {
      const ex = found.get(b.idHash[i]);
      if (!ex) counts.created++;
      else if (ex.rowHash === b.rowHash[i]) counts.unchanged++;
      else counts.updated++;
    }
    return counts;
  }
  return ctx.bulk.transaction(async (tx) => {
    let t = performance.now();
    const found = await tx.findPersons(b.idHash);
    t = lap(ctx, 'findPersons', t);
    const changing: number[] = [];
    const updatedIds: number[] = [];
    for (let i = 0; i < n; i++) {
      const ex = found.get(b.idHash[i]);
      if (ex && ex.rowHash === b.rowHash[i]) {
        counts.unchanged++;
        continue;
      }
      changing.push(i);
      if (ex) {
        counts.updated++;
        updatedIds.push(ex.id);
      } else counts.created++;
    }
    if (!changing.length) return counts;

    // Every village the batch adds to or takes from, so its figures are brought up to date before commit.
    const villages = new Set<string>();
    for (const i of changing) villages.add(b.villageCode[i]);
    const { ids: householdIds, created: newHouseholds } = await writeHouseholds(ctx, tx, b, changing, villages);
    t = lap(ctx, 'households', t);

    const rows: unknown[][] = [];
    for (const i of changing) {
      const r = b.person[i];
      r[P.household_id] = householdIds.get(b.householdNo[i])!;
      rows.push(r);
    }

    // Households that lose or gain a member and already existed need their facts recomputed.
    const refresh = new Set<number>();
    const audits: AuditInsert[] = [];
    if (updatedIds.length) {
      const before = new Map((await tx.personRows(updatedIds)).map((r) => [String(r.id_hash), r]));
      for (const i of changing) {
        const old = before.get(b.idHash[i]);
        if (!old) continue;
        villages.add(String(old.village_code));
        refresh.add(Number(old.household_id));
        refresh.add(householdIds.get(b.householdNo[i])!);
        audits.push({
          actorId: ctx.actor.userId, actorName: ctx.actor.username, action: 'person.import_update', entity: 'person', entityId: String(old.id),
          regionCode: b.villageCode[i], changes: JSON.stringify(diff(auditView(old), auditView(rowObject(b.person[i])))),
        });
      }
    }
    t = lap(ctx, 'audit', t);
    await tx.upsertPersons(rows);
    t = lap(ctx, 'persons', t);
    await tx.insertAudits(audits);
    for (const i of changing) {
      const hid = householdIds.get(b.householdNo[i])!;
      if (!newHouseholds.has(hid)) refresh.add(hid);
    }
    if (refresh.size) {
      const ids = [...refresh];
      const members = new Map<number, MemberFacts[]>();
      for (const m of await tx.membersOf(ids)) {
        const list = members.get(m.householdId) ?? members.set(m.householdId, []).get(m.householdId)!;
        list.push({ birthDate: m.birthDate, employmentStatus: m.employmentStatus as EmploymentStatus, laborCapacity: m.laborCapacity as LaborCapacity });
      }
      const facts: FactsUpdate[] = ids.map((id) => {
        const f = factsOf(members.get(id) ?? [], ctx.today);
        return { id, members: f.members, workingAge: f.workingAge, employed: f.employed, zeroEmployment: f.zeroEmployment };
      });
      await tx.setFacts(facts);
    }
    t = lap(ctx, 'facts', t);
    await deferRegionChanges(tx.db, [...villages]);
    lap(ctx, 'statistics', t);
    return counts;
  });
}

/** Returns household number → id, and the ids created here (whose facts come from the batch itself). */
async function writeHouseholds(ctx: WriteContext, tx: LedgerBulkTx, b: PreparedBatch, changing: number[], villages: Set<string>): Promise<{ ids: Map<string, number>; created: Set<number> }> {
  const newHouseholds = new Set<number>();
  const first = new Map<string, number>();
  const membersOfNew = new Map<string, MemberFacts[]>();
  for (const i of changing) {
    const no = b.householdNo[i];
    if (!first.has(no)) first.set(no, i);
  }
  const existing = await tx.findHouseholds([...first.keys()]);
  const ids = new Map<string, number>();
  const inserts: HouseholdInsert[] = [];
  const updates: HouseholdUpdate[] = [];
  const history: HistoryInsert[] = [];
  const audits: AuditInsert[] = [];
  for (const i of changing) {
    const no = b.householdNo[i];
    if (existing.has(no)) continue;
    const r = b.person[i];
    const list = membersOfNew.get(no) ?? membersOfNew.set(no, []).get(no)!;
    list.push({ birthDate: r[P.birth_date] as string, employmentStatus: r[P.employment_status] as EmploymentStatus, laborCapacity: r[P.labor_capacity] as LaborCapacity });
  }
  for (const [no, i] of first) {
    const ex = existing.get(no);
    const subtype = b.subtype[i];
    if (!ex) {
      const f = factsOf(membersOfNew.get(no)!, ctx.today);
      inserts.push({ householdNo: no, villageCode: b.villageCode[i], category: b.category[i], monitoredSubtype: subtype, relocated: b.relocated[i], members: f.members, workingAge: f.workingAge, employed: f.employed, zeroEmployment: f.zeroEmployment });
      continue;
    }
    ids.set(no, ex.id);
    if (ex.villageCode !== b.villageCode[i] || ex.category !== b.category[i] || (ex.monitoredSubtype ?? null) !== subtype || ex.relocated !== b.relocated[i]) {
      villages.add(ex.villageCode);
      updates.push({ id: ex.id, villageCode: b.villageCode[i], category: b.category[i], monitoredSubtype: subtype, relocated: b.relocated[i] });
      if (ex.category !== b.category[i] || (ex.monitoredSubtype ?? null) !== subtype) {
        history.push({ householdId: ex.id, category: b.category[i], monitoredSubtype: subtype, effectiveDate: ctx.today, actorId: ctx.actor.userId });
      }
      audits.push({
        actorId: ctx.actor.userId, actorName: ctx.actor.username, action: 'household.import_update', entity: 'household', entityId: String(ex.id), regionCode: b.villageCode[i],
        changes: JSON.stringify(diff(
          { villageCode: ex.villageCode, category: ex.category, monitoredSubtype: ex.monitoredSubtype, relocated: ex.relocated },
          { villageCode: b.villageCode[i], category: b.category[i], monitoredSubtype: subtype, relocated: b.relocated[i] },
        )),
      });
    }
  }
  if (inserts.length) {
    const created = await tx.insertHouseholds(inserts);
    for (const h of inserts) {
      const id = created.get(h.householdNo)!;
      ids.set(h.householdNo, id);
      newHouseholds.add(id);
      history.push({ householdId: id, category: h.category, monitoredSubtype: h.monitoredSubtype, effectiveDate: ctx.today, actorId: ctx.actor.userId });
    }
  }
  await tx.updateHouseholds(updates);
  await tx.insertHistory(history);
  await tx.insertAudits(audits);
  return { ids, created: newHouseholds };
}
