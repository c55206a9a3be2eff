import ExcelJS from 'exceljs';
import type { Actor } from '../../domain/access/actor.ts';
import { authorize, inScope, scopeRegion } from '../../domain/access/policy.ts';
import { DomainError } from '../../domain/errors.ts';
import { fenToYuan, sumFen } from '../../domain/policy/money.ts';
import { regionDepth } from '../../domain/regions/region-code.ts';
import { claimsRepository } from '../../store/repositories/claims.repository.ts';
import { paymentsRepository, type BatchRecord, type EntryRecord } from '../../store/repositories/payments.repository.ts';
import { writeAudit } from '../audit/audit.ts';
import { inTransaction, type App } from '../context.ts';
import { noteRegionsChanged } from '../region-changes.ts';
import { decodeCursor, encodeCursor } from './scope.ts';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function presentEntry(e: EntryRecord) {
  return {
    id: e.id,
    kind: e.kind,
    batchId: e.batchId,
    claimId: e.claimId,
    policy: e.policyId,
    fund: e.fundId,
    regionCode: e.regionCode,
    year: e.year,
    payee: e.payee,
    amount: fenToYuan(e.amountFen),
    amountFen: e.amountFen,
    entryDate: e.entryDate,
    reference: e.reference,
    reversesId: e.reversesId,
    reason: e.reason,
    createdAt: e.createdAt,
  };
}

function presentBatch(b: BatchRecord) {
  return { id: b.id, fund: b.fundId, regionCode: b.regionCode, reference: b.reference, entryDate: b.entryDate, total: fenToYuan(b.totalFen), totalFen: b.totalFen, entryCount: b.entryCount, createdAt: b.createdAt };
}

function today(): string {
  return new Date().toISOString().slice(0, 10);
}

/**
 * Pays approved claims of a fund within a region as one batch: one ledger entry per claim, the
 * claims marked paid, all in one transaction. `claimIds` narrows it to chosen claims.
 */
export async function createBatch(app: App, actor: Actor, input: { fund: string; regionCode: string; claimIds?: number[]; entryDate?: string; reference?: string }) {
  authorize(actor, 'payment.manage');
  if (regionDepth(input.regionCode) === 0) throw DomainError.invalid([{ field: 'regionCode', code: 'region_code_format', message: 'must be a region code of 2, 4, 6, 9 or 12 digits', messageZh: '区划代码格式不正确' }]);
  if (!inScope(actor, input.regionCode)) throw DomainError.invalid([{ field: 'regionCode', code: 'out_of_scope', message: `region ${input.regionCode} is outside your region ${actor.regionCode}`, messageZh: '区划超出本账号的管辖范围' }]);
  const entryDate = input.entryDate ?? today();
  if (!DATE.test(entryDate)) throw DomainError.invalid([{ field: 'entryDate', code: 'date_format', message: 'must be a date YYYY-MM-DD', messageZh: '日期格式须为YYYY-MM-DD' }]);
  return inTransaction(app, async (trx) => {
    if (!(await paymentsRepository.fund(trx, input.fund))) throw DomainError.invalid([{ field: 'fund', code: 'fund_unknown', message: `no fund ${input.fund}`, messageZh: '资金来源不存在' }]);
    const claims = await claimsRepository.payable(trx, input.fund, input.regionCode, input.claimIds);
    if (input.claimIds) {
      const found = new Set(claims.map((c) => c.id));
      const missing = input.claimIds.filter((id) => !found.has(id));
      if (missing.length) throw DomainError.invalid([{ field: 'claimIds', code: 'claims_not_payable', message: `claims ${missing.join(', ')} are not approved, unpaid claims of fund ${input.fund} in region ${input.regionCode}`, messageZh: '部分申请不是本区域本资金已批准未支付的申请' }]);
    }
    if (!claims.length) throw new DomainError('batch_empty', `No approved, unpaid claims of fund ${input.fund} in region ${input.regionCode}`);
    const reference = input.reference ?? `PAY-${input.regionCode}-${entryDate.replace(/-/g, '')}-${Date.now().toString(36).toUpperCase()}`;
    if (await paymentsRepository.referenceTaken(trx, reference)) throw DomainError.conflict('duplicate', `A payment batch with reference ${reference} exists already`, { reference });
    const totalFen = sumFen(claims.map((c) => c.amountFen));
    const batch = await paymentsRepository.insertBatch(trx, { fundId: input.fund, regionCode: input.regionCode, reference, entryDate, totalFen, entryCount: claims.length, createdBy: actor.userId });
    await paymentsRepository.insertEntries(
      trx,
      claims.map((c) => ({ kind: 'payment', batchId: batch.id, claimId: c.id, policyId: c.policyId, fundId: c.fundId, regionCode: c.regionCode, year: c.year, payee: c.payee, amountFen: c.amountFen, entryDate, reference: `${reference}/${c.id}`, reversesId: null, reason: '', createdBy: actor.userId })),
    );
    for (const c of claims) {
      if (!(await claimsRepository.transition(trx, c.id, 'approved', { status: 'paid', batchId: batch.id }))) throw DomainError.conflict('version_conflict', `Claim ${c.id} changed meanwhile; try the batch again`);
    }
    noteRegionsChanged(trx, claims.map((c) => c.regionCode));
    await writeAudit(trx, actor, { action: 'payment.batch', entity: 'payment_batch', entityId: batch.id, regionCode: batch.regionCode, after: { reference, fund: batch.fundId, totalFen, claims: claims.map((c) => c.id) } });
    return presentBatch(batch);
  });
}

async function visibleBatch(app: App, actor: Actor, id: number) {
  const b = await paymentsRepository.batch(app.database.db, id);
  if (!b) throw DomainError.notFound('payment batch', id);
  authorize(actor, 'payment.read', { regionCode: b.regionCode }, `payment batch ${id}`);
  return b;
}

export async function listBatches(app: App, actor: Actor, f: { region?: string; fund?: string; cursor?: string; limit?: number }) {
  authorize(actor, 'payment.read');
  const limit = Math.min(f.limit ?? 50, 500);
  const rows = await paymentsRepository.batches(app.database.db, { within: scopeRegion(actor, f.region), fundId: f.fund, beforeId: decodeCursor(f.cursor), limit: limit + 1 });
  const items = rows.slice(0, limit);
  return { items: items.map(presentBatch), nextCursor: rows.length > limit ? encodeCursor(items[items.length - 1].id) : null };
}

/** A batch with its entries and the reversals made against them since. */
export async function getBatch(app: App, actor: Actor, id: number) {
  authorize(actor, 'payment.read');
  const b = await visibleBatch(app, actor, id);
  const entries = await paymentsRepository.entriesOfBatch(app.database.db, id);
  const reversals = await paymentsRepository.reversalsOf(app.database.db, entries.map((e) => e.id));
  return { ...presentBatch(b), entries: entries.map(presentEntry), reversals: reversals.map(presentEntry), netFen: b.totalFen + sumFen(reversals.map((r) => r.amountFen)) };
}

/** The batch as an .xlsx workbook for the paying bank or treasury: one row per payment, amounts in yuan to the fen. */
export async function exportBatch(app: App, actor: Actor, id: number): Promise<{ filename: string; body: Buffer }> {
  const batch = await getBatch(app, actor, id);
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Jiuye';
  const ws = wb.addWorksheet('支付明细 Payments');
  ws.columns = [
    { header: '序号 No.', key: 'no', width: 8 },
    { header: '流水号 Entry', key: 'id', width: 10 },
    { header: '申请 Claim', key: 'claimId', width: 10 },
    { header: '政策 Policy', key: 'policy', width: 34 },
    { header: '收款方 Payee', key: 'payee', width: 22 },
    { header: '区划 Region', key: 'regionCode', width: 14 },
    { header: '金额（元） Amount (yuan)', key: 'amount', width: 18, style: { numFmt: '#,##0.00' } },
    { header: '资金 Fund', key: 'fund', width: 22 },
    { header: '记账日期 Date', key: 'entryDate', width: 14 },
    { header: '参考号 Reference', key: 'reference', width: 40 },
  ];
  batch.entries.forEach((e, i) => ws.addRow({ no: i + 1, id: e.id, claimId: e.claimId, policy: e.policy, payee: e.payee, regionCode: e.regionCode, amount: e.amount, fund: e.fund, entryDate: e.entryDate, reference: e.reference }));
  const total = ws.addRow({ no: '', payee: '合计 Total', amount: batch.total });
  total.font = { bold: true };
  ws.getRow(1).font = { bold: true };
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  const body = Buffer.from(await wb.xlsx.writeBuffer());
  await app.database.db.transaction().execute((trx) => writeAudit(trx, actor, { action: 'payment.export', entity: 'payment_batch', entityId: id, regionCode: batch.regionCode, after: { reference: batch.reference } }));
  return { filename: `${batch.reference}.xlsx`, body };
}

/**
 * Reverses a payment entry with a new, negative entry (the ledger is never edited). The claim goes
 * back to approved so it can be paid again; an entry can be reversed only once.
 */
export async function reverseEntry(app: App, actor: Actor, id: number, input: { reason: string; entryDate?: string }) {
  authorize(actor, 'payment.manage');
  const reason = input.reason.trim();
  if (!reason) throw DomainError.invalid([{ field: 'reason', code: 'reason_required', message: 'a reversal must say why', messageZh: '冲正须说明理由' }]);
  const entryDate = input.entryDate ?? today();
  if (!DATE.test(entryDate)) throw DomainError.invalid([{ field: 'entryDate', code: 'date_format', message: 'must be a date YYYY-MM-DD', messageZh: '日期格式须为YYYY-MM-DD' }]);
  return inTransaction(app, async (trx) => {
    const e = await paymentsRepository.entry(trx, id);
    if (!e) throw DomainError.notFound('payment entry', id);
    authorize(actor, 'payment.manage', { regionCode: e.regionCode }, `payment entry ${id}`);
    if (e.kind !== 'payment') throw DomainError.conflict('conflict', `Entry ${id} is a ${e.kind}; only payments can be reversed`, { kind: e.kind });
    const r = await paymentsRepository.insertReversal(trx, { ...e, kind: 'reversal', amountFen: -e.amountFen, entryDate, reference: `${e.reference}/R`, reversesId: e.id, reason, createdBy: actor.userId });
    if (!r) throw DomainError.conflict('already_reversed', `Entry ${id} has been reversed already`, { id });
    if (e.claimId != null) await claimsRepository.transition(trx, e.claimId, 'paid', { status: 'approved', batchId: null });
    await writeAudit(trx, actor, { action: 'payment.reverse', entity: 'payment_entry', entityId: id, regionCode: e.regionCode, after: { reversal: r.id, amountFen: r.amountFen, reason } });
    return presentEntry(r);
  });
}

/** Net paid totals grouped by policy, fund or region (county level unless `regionDigits` says otherwise), exact to the fen. */
export async function paymentTotals(app: App, actor: Actor, f: { by: 'policy' | 'fund' | 'region'; region?: string; year?: number; fund?: string; regionDigits?: number }) {
  authorize(actor, 'payment.read');
  const within = scopeRegion(actor, f.region);
  const regionDigits = f.regionDigits ?? 6;
  const rows = await paymentsRepository.totals(app.database.db, { by: f.by, within, year: f.year, fundId: f.fund, regionDigits });
  const totalFen = sumFen(rows.map((r) => r.fen));
  return { by: f.by, items: rows.map((r) => ({ key: r.key, amount: fenToYuan(r.fen), amountFen: r.fen, entries: r.entries })), total: fenToYuan(totalFen), totalFen };
}
