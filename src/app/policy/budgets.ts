import type { Actor } from '../../domain/access/actor.ts';
import { authorize, inScope, scopeRegion } from '../../domain/access/policy.ts';
import { DomainError } from '../../domain/errors.ts';
import { fenToYuan, yuanToFen } from '../../domain/policy/money.ts';
import { regionDepth } from '../../domain/regions/region-code.ts';
import { claimsRepository } from '../../store/repositories/claims.repository.ts';
import { paymentsRepository, type BudgetRecord } from '../../store/repositories/payments.repository.ts';
import { writeAudit } from '../audit/audit.ts';
import { inTransaction, type App, type Tx } from '../context.ts';

const FUND_ID = /^[a-z0-9][a-z0-9-]{1,62}$/;

export async function listFunds(app: App, actor: Actor) {
  authorize(actor, 'fund.read');
  return (await paymentsRepository.funds(app.database.db)).map((f) => ({ id: f.id, name: { zh: f.nameZh, en: f.nameEn }, createdAt: f.createdAt }));
}

export async function createFund(app: App, actor: Actor, input: { id: string; name: { zh: string; en: string } }) {
  authorize(actor, 'fund.manage');
  const issues = [];
  if (!FUND_ID.test(input.id)) issues.push({ field: 'id', code: 'fund_id_format', message: 'must be 2–63 lower-case letters, digits or dashes', messageZh: '资金编号须为小写字母、数字或横线' });
  if (!input.name.zh.trim() || !input.name.en.trim()) issues.push({ field: 'name', code: 'text_both_languages', message: 'needs a zh and an en name', messageZh: '须有中英文名称' });
  if (issues.length) throw DomainError.invalid(issues);
  return inTransaction(app, async (trx) => {
    if (!(await paymentsRepository.insertFund(trx, { id: input.id, nameZh: input.name.zh.trim(), nameEn: input.name.en.trim() }))) throw DomainError.conflict('duplicate', `Fund ${input.id} exists already`, { id: input.id });
    await writeAudit(trx, actor, { action: 'fund.create', entity: 'fund', entityId: input.id, after: { id: input.id, name: input.name } });
    return { id: input.id, name: input.name };
  });
}

async function present(db: Tx, b: BudgetRecord) {
  const committed = await claimsRepository.committedFen(db, b.fundId, b.year, b.regionCode);
  const paid = await paymentsRepository.paidFen(db, b.fundId, b.year, b.regionCode);
  const remaining = b.amountFen - committed - paid;
  return {
    id: b.id,
    fund: b.fundId,
    regionCode: b.regionCode,
    year: b.year,
    amount: fenToYuan(b.amountFen),
    amountFen: b.amountFen,
    approvedUnpaidFen: committed,
    paidFen: paid,
    remaining: fenToYuan(remaining),
    remainingFen: remaining,
    updatedAt: b.updatedAt,
    version: b.version,
  };
}

/** Budgets inside the actor's region, each with what is promised (approved), paid and left, in fen and yuan. */
export async function listBudgets(app: App, actor: Actor, f: { region?: string; fund?: string; year?: number }) {
  authorize(actor, 'budget.read');
  const within = scopeRegion(actor, f.region);
  const db = app.database.db;
  const rows = await paymentsRepository.budgets(db, { within, fundId: f.fund, year: f.year });
  return Promise.all(rows.map((b) => present(db, b)));
}

/** Sets the budget of a fund for a region and year (integer fen; given in yuan). */
export async function setBudget(app: App, actor: Actor, input: { fund: string; regionCode: string; year: number; amount: number }) {
  authorize(actor, 'budget.manage');
  const issues = [];
  if (regionDepth(input.regionCode) === 0) issues.push({ field: 'regionCode', code: 'region_code_format', message: 'must be a region code of 2, 4, 6, 9 or 12 digits', messageZh: '区划代码格式不正确' });
  if (!Number.isInteger(input.year) || input.year < 2000 || input.year > 2100) issues.push({ field: 'year', code: 'year_range', message: 'must be a year between 2000 and 2100', messageZh: '年度须在2000至2100之间' });
  if (!(input.amount >= 0)) issues.push({ field: 'amount', code: 'amount_negative', message: 'must be zero or more yuan', messageZh: '预算金额不得为负' });
  if (issues.length) throw DomainError.invalid(issues);
  const amountFen = yuanToFen(input.amount, 'amount');
  if (!inScope(actor, input.regionCode)) throw DomainError.invalid([{ field: 'regionCode', code: 'out_of_scope', message: `region ${input.regionCode} is outside your region ${actor.regionCode}`, messageZh: '区划超出本账号的管辖范围' }]);
  return inTransaction(app, async (trx) => {
    if (!(await paymentsRepository.fund(trx, input.fund))) throw DomainError.invalid([{ field: 'fund', code: 'fund_unknown', message: `no fund ${input.fund}`, messageZh: '资金来源不存在' }]);
    const before = await paymentsRepository.budgetAt(trx, input.fund, input.regionCode, input.year);
    const b = await paymentsRepository.upsertBudget(trx, { fundId: input.fund, regionCode: input.regionCode, year: input.year, amountFen });
    await writeAudit(trx, actor, { action: 'budget.set', entity: 'budget', entityId: b.id, regionCode: b.regionCode, before: before ? { amountFen: before.amountFen } : null, after: { fund: b.fundId, year: b.year, amountFen: b.amountFen } });
    return present(trx, b);
  });
}
