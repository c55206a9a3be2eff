import type { Actor } from '../../domain/access/actor.ts';
import { authorize, inScope, scopeRegion } from '../../domain/access/policy.ts';
import { DomainError, type FieldIssue } from '../../domain/errors.ts';
import { regionDepth } from '../../domain/regions/region-code.ts';
import { regionsRepository } from '../../store/repositories/regions.repository.ts';
import { trainingRepository, type ProviderRecord } from '../../store/repositories/training.repository.ts';
import { usersRepository } from '../../store/repositories/users.repository.ts';
import { writeAudit } from '../audit/audit.ts';
import { inTransaction, type App, type Tx } from '../context.ts';
import { maskContactPhone } from '../demand/common.ts';
import { ownProvider } from './access.ts';

export function presentProvider(p: ProviderRecord, accounts?: { userId: number; username: string; displayName: string }[]) {
  return { id: p.id, name: p.name, creditCode: p.creditCode, regionCode: p.regionCode, address: p.address, contactName: p.contactName, contactPhone: maskContactPhone(p.contactPhone), createdAt: p.createdAt, version: p.version, accounts: accounts ?? [] };
}

export async function createProvider(app: App, actor: Actor, input: { name: string; regionCode?: string; creditCode?: string | null; address?: string; contactName?: string; contactPhone?: string }) {
  authorize(actor, 'training_provider.manage');
  const issues: FieldIssue[] = [];
  const name = input.name.trim();
  if (!name || name.length > 100) issues.push({ field: 'name', code: 'name_length', message: 'must be 1–100 characters', messageZh: '机构名称须为1至100个字符' });
  const region = input.regionCode ?? actor.regionCode;
  if (regionDepth(region) === 0) issues.push({ field: 'regionCode', code: 'region_code_format', message: 'must be a region code of 2, 4, 6, 9 or 12 digits', messageZh: '区划代码格式不正确' });
  else if (!inScope(actor, region)) issues.push({ field: 'regionCode', code: 'out_of_scope', message: `region ${region} is outside your region ${actor.regionCode}`, messageZh: '区划超出本账号的管辖范围' });
  if (issues.length) throw DomainError.invalid(issues);
  return inTransaction(app, async (trx) => {
    if (!(await regionsRepository.find(trx, region))) throw DomainError.invalid([{ field: 'regionCode', code: 'region_unknown', message: `no region with code ${region} is loaded`, messageZh: '区划代码不存在' }]);
    const p = await trainingRepository.insertProvider(trx, { name, regionCode: region, creditCode: input.creditCode?.trim() || null, address: input.address?.trim() ?? '', contactName: input.contactName?.trim() ?? '', contactPhone: input.contactPhone?.trim() ?? '' });
    const shown = presentProvider(p);
    await writeAudit(trx, actor, { action: 'training_provider.create', entity: 'training_provider', entityId: p.id, regionCode: region, after: shown });
    return shown;
  });
}

async function loadProvider(db: Tx, actor: Actor, id: number, action: string): Promise<ProviderRecord> {
  authorize(actor, action);
  const p = await trainingRepository.provider(db, id);
  if (!p) throw DomainError.notFound('Training provider', id);
  const own = await ownProvider(db, actor);
  if (own !== undefined ? own !== id : !inScope(actor, p.regionCode)) throw new DomainError('not_found', `Training provider ${id} was not found in your region`);
  return p;
}

export async function listProviders(app: App, actor: Actor, q: { region?: string }) {
  authorize(actor, 'training_provider.read');
  const db = app.database.db;
  const own = await ownProvider(db, actor);
  const rows = own !== undefined ? await trainingRepository.providers(db, { id: own }) : await trainingRepository.providers(db, { within: scopeRegion(actor, q.region) });
  return { items: await Promise.all(rows.map(async (p) => presentProvider(p, await trainingRepository.accounts(db, p.id)))) };
}

/** Links a trainer account (in the officer's region) to the provider it acts for. */
export async function linkTrainer(app: App, actor: Actor, providerId: number, input: { userId: number }) {
  return inTransaction(app, async (trx) => {
    const p = await loadProvider(trx, actor, providerId, 'training_provider.manage');
    const u = await usersRepository.byId(trx, input.userId);
    if (!u || u.role !== 'trainer' || !inScope(actor, u.regionCode || '-')) {
      throw DomainError.invalid([{ field: 'userId', code: 'not_a_trainer', message: `account ${input.userId} is not a trainer account in your region`, messageZh: '该账号不是本辖区的培训机构账号' }]);
    }
    const before = await trainingRepository.providerOf(trx, u.id);
    await trainingRepository.linkAccount(trx, p.id, u.id);
    await writeAudit(trx, actor, { action: 'training_provider.link', entity: 'user', entityId: u.id, regionCode: p.regionCode, before: { providerId: before ?? null }, after: { providerId: p.id } });
    return presentProvider(p, await trainingRepository.accounts(trx, p.id));
  });
}
