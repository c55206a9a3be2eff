import { sql } from 'kysely';
import type { Tx } from '../../app/context.ts';
import { nowIso } from '../codec.ts';
import { inRegion } from '../region-prefix.ts';

export interface FundRecord {
  id: string;
  nameZh: string;
  nameEn: string;
  createdAt: string;
}

export interface BudgetRecord {
  id: number;
  fundId: string;
  regionCode: string;
  year: number;
  amountFen: number;
  updatedAt: string;
  version: number;
}

export interface BatchRecord {
  id: number;
  fundId: string;
  regionCode: string;
  reference: string;
  entryDate: string;
  totalFen: number;
  entryCount: number;
  createdBy: number;
  createdAt: string;
}

export interface EntryRecord {
  id: number;
  kind: string;
  batchId: number | null;
  claimId: number | null;
  policyId: string | null;
  fundId: string;
  regionCode: string;
  year: number;
  payee: string;
  amountFen: number;
  entryDate: string;
  reference: string;
  reversesId: number | null;
  reason: string;
  createdBy: number;
  createdAt: string;
}

const budget = (r: any): BudgetRecord => ({ id: Number(r.id), fundId: r.fund_id, regionCode: r.region_code, year: Number(r.year), amountFen: Number(r.amount_fen), updatedAt: r.updated_at, version: Number(r.version) });
const batch = (r: any): BatchRecord => ({
  id: Number(r.id),
  fundId: r.fund_id,
  regionCode: r.region_code,
  reference: r.reference,
  entryDate: r.entry_date,
  totalFen: Number(r.total_fen),
  entryCount: Number(r.entry_count),
  createdBy: Number(r.created_by),
  createdAt: r.created_at,
});
const entry = (r: any): EntryRecord => ({
  id: Number(r.id),
  kind: r.kind,
  batchId: r.batch_id == null ? null : Number(r.batch_id),
  claimId: r.claim_id == null ? null : Number(r.claim_id),
  policyId: r.policy_id,
  fundId: r.fund_id,
  regionCode: r.region_code,
  year: Number(r.year),
  payee: r.payee,
  amountFen: Number(r.amount_fen),
  entryDate: r.entry_date,
  reference: r.reference,
  reversesId: r.reverses_id == null ? null : Number(r.reverses_id),
  reason: r.reason,
  createdBy: Number(r.created_by),
  createdAt: r.created_at,
});

export type NewEntry = Omit<EntryRecord, 'id' | 'createdAt'>;

/** The stored form of a new ledger entry. */
function entryRow(e: NewEntry, now: string) {
  return {
    kind: e.kind,
    batch_id: e.batchId,
    claim_id: e.claimId,
    policy_id: e.policyId,
    fund_id: e.fundId,
    region_code: e.regionCode,
    year: e.year,
    payee: e.payee,
    amount_fen: e.amountFen,
    entry_date: e.entryDate,
    reference: e.reference,
    reverses_id: e.reversesId,
    reason: e.reason,
    created_by: e.createdBy,
    created_at: now,
  };
}

export const paymentsRepository = {
  async funds(db: Tx): Promise<FundRecord[]> {
    return (await db.selectFrom('funds').selectAll().orderBy('id').execute()).map((r) => ({ id: r.id, nameZh: r.name_zh, nameEn: r.name_en, createdAt: r.created_at }));
  },
  async fund(db: Tx, id: string): Promise<FundRecord | undefined> {
    const r = await db.selectFrom('funds').selectAll().where('id', '=', id).executeTakeFirst();
    return r && { id: r.id, nameZh: r.name_zh, nameEn: r.name_en, createdAt: r.created_at };
  },
  async insertFund(db: Tx, f: { id: string; nameZh: string; nameEn: string }): Promise<boolean> {
    const now = nowIso();
    const r = await db.insertInto('funds').values({ id: f.id, name_zh: f.nameZh, name_en: f.nameEn, created_at: now, updated_at: now }).onConflict((oc) => oc.column('id').doNothing()).returning('id').executeTakeFirst();
    return !!r;
  },

  async budgets(db: Tx, f: { within: string; fundId?: string; year?: number }): Promise<BudgetRecord[]> {
    const rows = await db
      .selectFrom('budgets')
      .selectAll()
      .$if(f.within !== '', (q) => q.where((eb) => inRegion(eb, 'region_code', f.within)))
      .$if(!!f.fundId, (q) => q.where('fund_id', '=', f.fundId!))
      .$if(f.year !== undefined, (q) => q.where('year', '=', f.year!))
      .orderBy('year', 'desc')
      .orderBy('region_code')
      .orderBy('fund_id')
      .execute();
    return rows.map(budget);
  },
  async budgetAt(db: Tx, fundId: string, regionCode: string, year: number): Promise<BudgetRecord | undefined> {
    const r = await db.selectFrom('budgets').selectAll().where('fund_id', '=', fundId).where('region_code', '=', regionCode).where('year', '=', year).executeTakeFirst();
    return r && budget(r);
  },
  /** The deepest budget whose region contains `regionCode` (a county budget before the city's). */
  async budgetCovering(db: Tx, fundId: string, regionCode: string, year: number): Promise<BudgetRecord | undefined> {
    const prefixes = [2, 4, 6, 9, 12].filter((n) => n <= regionCode.length).map((n) => regionCode.slice(0, n));
    const rows = await db.selectFrom('budgets').selectAll().where('fund_id', '=', fundId).where('year', '=', year).where('region_code', 'in', prefixes).execute();
    return rows.map(budget).sort((a, b) => b.regionCode.length - a.regionCode.length)[0];
  },
  /**
   * Touches the budget row so the transaction holds its row lock until it ends: two approvals
   * against one budget then run one after the other on PostgreSQL (SQLite serialises writers anyway).
   */
  async lockBudget(db: Tx, id: number): Promise<void> {
    await db.updateTable('budgets').set((eb) => ({ version: eb('version', '+', 0) })).where('id', '=', id).execute();
  },
  async upsertBudget(db: Tx, b: { fundId: string; regionCode: string; year: number; amountFen: number }): Promise<BudgetRecord> {
    const now = nowIso();
    const r = await db
      .insertInto('budgets')
      .values({ fund_id: b.fundId, region_code: b.regionCode, year: b.year, amount_fen: b.amountFen, created_at: now, updated_at: now, version: 1 })
      .onConflict((oc) => oc.columns(['fund_id', 'region_code', 'year']).doUpdateSet((eb) => ({ amount_fen: b.amountFen, updated_at: now, version: eb('budgets.version', '+', 1) })))
      .returningAll()
      .executeTakeFirstOrThrow();
    return budget(r);
  },

  /** Net paid (payments less reversals) of a fund and year within a region, in fen. */
  async paidFen(db: Tx, fundId: string, year: number, within: string): Promise<number> {
    const r = await db
      .selectFrom('payment_entries')
      .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('amount_fen'), eb.lit(0)).as('s'))
      .where('fund_id', '=', fundId)
      .where('year', '=', year)
      .where((eb) => inRegion(eb, 'region_code', within))
      .executeTakeFirstOrThrow();
    return Number(r.s);
  },

  async insertBatch(db: Tx, b: Omit<BatchRecord, 'id' | 'createdAt'>): Promise<BatchRecord> {
    const r = await db
      .insertInto('payment_batches')
      .values({ fund_id: b.fundId, region_code: b.regionCode, reference: b.reference, entry_date: b.entryDate, total_fen: b.totalFen, entry_count: b.entryCount, created_by: b.createdBy, created_at: nowIso() })
      .returningAll()
      .executeTakeFirstOrThrow();
    return batch(r);
  },
  async referenceTaken(db: Tx, reference: string): Promise<boolean> {
    return !!(await db.selectFrom('payment_batches').select('id').where('reference', '=', reference).executeTakeFirst());
  },
  async batch(db: Tx, id: number): Promise<BatchRecord | undefined> {
    const r = await db.selectFrom('payment_batches').selectAll().where('id', '=', id).executeTakeFirst();
    return r && batch(r);
  },
  async batches(db: Tx, f: { within: string; fundId?: string; beforeId?: number; limit: number }): Promise<BatchRecord[]> {
    const rows = await db
      .selectFrom('payment_batches')
      .selectAll()
      .$if(f.within !== '', (q) => q.where((eb) => inRegion(eb, 'region_code', f.within)))
      .$if(!!f.fundId, (q) => q.where('fund_id', '=', f.fundId!))
      .$if(f.beforeId !== undefined, (q) => q.where('id', '<', f.beforeId!))
      .orderBy('id', 'desc')
      .limit(f.limit)
      .execute();
    return rows.map(batch);
  },
  /** Appends entries to the ledger. There is no update or delete: corrections are reversal entries. */
  async insertEntries(db: Tx, entries: NewEntry[]): Promise<EntryRecord[]> {
    if (!entries.length) return [];
    const now = nowIso();
    const out: EntryRecord[] = [];
    for (let i = 0; i < entries.length; i += 500) {
      const rows = await db
        .insertInto('payment_entries')
        .values(entries.slice(i, i + 500).map((e) => entryRow(e, now)))
        .returningAll()
        .execute();
      out.push(...rows.map(entry));
    }
    return out;
  },
  /** Inserts a reversal unless the entry was reversed already (the unique `reverses_id` decides). */
  async insertReversal(db: Tx, e: NewEntry): Promise<EntryRecord | undefined> {
    const r = await db
      .insertInto('payment_entries')
      .values(entryRow(e, nowIso()))
      .onConflict((oc) => oc.column('reverses_id').doNothing())
      .returningAll()
      .executeTakeFirst();
    return r && entry(r);
  },
  async entry(db: Tx, id: number): Promise<EntryRecord | undefined> {
    const r = await db.selectFrom('payment_entries').selectAll().where('id', '=', id).executeTakeFirst();
    return r && entry(r);
  },
  async entriesOfBatch(db: Tx, batchId: number): Promise<EntryRecord[]> {
    return (await db.selectFrom('payment_entries').selectAll().where('batch_id', '=', batchId).orderBy('id').execute()).map(entry);
  },
  async reversalsOf(db: Tx, ids: number[]): Promise<EntryRecord[]> {
    if (!ids.length) return [];
    return (await db.selectFrom('payment_entries').selectAll().where('reverses_id', 'in', ids).orderBy('id').execute()).map(entry);
  },
  /** Net totals (fen) and entry counts grouped by policy, fund, or region cut to `regionDigits`. */
  async totals(db: Tx, f: { by: 'policy' | 'fund' | 'region'; within: string; year?: number; fundId?: string; regionDigits: number }): Promise<{ key: string; fen: number; entries: number }[]> {
    const key = f.by === 'policy' ? sql<string>`coalesce(policy_id, '')` : f.by === 'fund' ? sql<string>`fund_id` : sql<string>`substr(region_code, 1, ${sql.lit(f.regionDigits)})`;
    const rows = await db
      .selectFrom('payment_entries')
      .select([key.as('k'), (eb) => eb.fn.sum<number>('amount_fen').as('s'), (eb) => eb.fn.countAll<number>().as('n')])
      .$if(f.within !== '', (q) => q.where((eb) => inRegion(eb, 'region_code', f.within)))
      .$if(f.year !== undefined, (q) => q.where('year', '=', f.year!))
      .$if(!!f.fundId, (q) => q.where('fund_id', '=', f.fundId!))
      .groupBy(key)
      .orderBy(key)
      .execute();
    return rows.map((r: any) => ({ key: String(r.k), fen: Number(r.s), entries: Number(r.n) }));
  },
};
