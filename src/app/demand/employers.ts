import type { Actor } from '../../domain/access/actor.ts';
import { authorize, inScope } from '../../domain/access/policy.ts';
import { normalizeCreditCode } from '../../domain/demand/credit-code.ts';
import { checkEmployer, operatingRates, type EmployerDraft } from '../../domain/demand/employer-rules.ts';
import { DomainError } from '../../domain/errors.ts';
import { regionDepth } from '../../domain/regions/region-code.ts';
import { demandRegionsRepository } from '../../store/repositories/demand-regions.repository.ts';
import { employersRepository, type EmployerFields, type EmployerRecord } from '../../store/repositories/employers.repository.ts';
import { postingsRepository } from '../../store/repositories/postings.repository.ts';
import { writeAudit } from '../audit/audit.ts';
import { inTransaction, type App, type Tx } from '../context.ts';
import { noteRegionsChanged } from '../region-changes.ts';
import { decodeCursor, listScope, maskContactPhone, ownEmployer, page, requireRegion, versionConflict } from './common.ts';

export type EmployerInput = Partial<Omit<EmployerFields, 'scopeCode'>> & { scopeCode?: string };

/** What a client sees of an employer; lists show the contact phone masked. */
export function presentEmployer(e: EmployerRecord, opts: { masked?: boolean; regionName?: string } = {}) {
  return {
    id: e.id,
    name: e.name,
    creditCode: e.creditCode,
    regionCode: e.regionCode,
    regionName: opts.regionName ?? null,
    scopeCode: e.scopeCode,
    address: e.address,
    industry: e.industry,
    isSme: e.isSme,
    contactName: e.contactName,
    contactPhone: opts.masked ? maskContactPhone(e.contactPhone) : e.contactPhone,
    operatingStatus: e.operatingStatus,
    statusDate: e.statusDate,
    employeesTotal: e.employeesTotal,
    poorEmployees: e.poorEmployees,
    isWorkshop: e.isWorkshop,
    workshopRecognizedOn: e.workshopRecognizedOn,
    createdAt: e.createdAt,
    updatedAt: e.updatedAt,
    version: e.version,
  };
}
export type EmployerView = ReturnType<typeof presentEmployer>;

function auditView(e: EmployerRecord) {
  const { createdAt, updatedAt, regionName, ...rest } = presentEmployer(e, { masked: true });
  return rest;
}

function draftOf(base: Partial<EmployerFields>, input: EmployerInput): EmployerDraft {
  const pick = <K extends keyof EmployerDraft>(k: K, d: EmployerDraft[K]): EmployerDraft[K] => ((input as any)[k] !== undefined ? (input as any)[k] : ((base as any)[k] ?? d));
  return {
    name: pick('name', '').trim(),
    creditCode: normalizeCreditCode(pick('creditCode', '')),
    regionCode: pick('regionCode', ''),
    address: pick('address', ''),
    industry: pick('industry', ''),
    isSme: pick('isSme', false),
    contactName: pick('contactName', ''),
    contactPhone: pick('contactPhone', '').trim(),
    operatingStatus: pick('operatingStatus', 'operating'),
    statusDate: pick('statusDate', null) || null,
    employeesTotal: pick('employeesTotal', 0),
    poorEmployees: pick('poorEmployees', 0),
    isWorkshop: pick('isWorkshop', false),
    workshopRecognizedOn: pick('workshopRecognizedOn', null) || null,
  };
}

/**
 * Checks a draft and resolves its regions. The managing region (scope) defaults to the location
 * when the actor's scope contains it, else to the actor's own region: a county office registers
 * the Shenzhen factory its laborers go to, and keeps it in its own scope.
 */
export async function validateEmployer(db: Tx, actor: Actor, draft: EmployerDraft, scopeCode: string | undefined, selfId?: number): Promise<EmployerFields> {
  const issues = checkEmployer(draft);
  if (issues.length) throw DomainError.invalid(issues);
  const region = await requireRegion(db, 'regionCode', draft.regionCode);
  let scope = scopeCode ?? (inScope(actor, region.code) ? region.code : actor.regionCode);
  if (scope === '') scope = region.code;
  if (regionDepth(scope) === 0) throw DomainError.invalid([{ field: 'scopeCode', code: 'region_code_format', message: 'must be a region code of 2, 4, 6, 9 or 12 digits', messageZh: '管理区划代码格式不正确' }]);
  if (actor.role !== 'employer' && !inScope(actor, scope)) {
    throw DomainError.invalid([{ field: 'scopeCode', code: 'out_of_scope', message: `region ${scope} is outside your region ${actor.regionCode}`, messageZh: '管理区划超出本账号的管辖范围' }]);
  }
  const other = await employersRepository.byCreditCode(db, draft.creditCode);
  if (other && other.id !== selfId) {
    throw DomainError.invalid([{ field: 'creditCode', code: 'credit_code_taken', message: `another employer (id ${inScope(actor, other.scopeCode) ? other.id : 'outside your region'}) has this credit code`, messageZh: '该统一社会信用代码已登记' }]);
  }
  return { ...draft, regionCode: region.code, scopeCode: scope };
}

export async function createEmployer(app: App, actor: Actor, input: EmployerInput) {
  authorize(actor, 'employer.create');
  return inTransaction(app, async (trx) => {
    const fields = await validateEmployer(trx, actor, draftOf({}, input), input.scopeCode);
    const e = await employersRepository.insert(trx, fields);
    noteRegionsChanged(trx, [e.regionCode]);
    await writeAudit(trx, actor, { action: 'employer.create', entity: 'employer', entityId: e.id, regionCode: e.scopeCode, after: auditView(e) });
    return presentEmployer(e);
  });
}

async function loadFor(trx: Tx, actor: Actor, action: string, id: number): Promise<EmployerRecord> {
  authorize(actor, action);
  const e = await employersRepository.byId(trx, id);
  if (!e) throw DomainError.notFound('Employer', id);
  authorize(actor, action, { regionCode: e.scopeCode, employerId: e.id }, `Employer ${id}`);
  return e;
}

/** Changes the fields given; `version` must be the one the caller read (else 412). */
export async function updateEmployer(app: App, actor: Actor, id: number, input: EmployerInput & { version: number }) {
  return inTransaction(app, async (trx) => {
    const before = await loadFor(trx, actor, 'employer.update', id);
    if (before.version !== input.version) throw versionConflict('Employer', id, before.version);
    if (actor.role === 'employer' && ((input.scopeCode !== undefined && input.scopeCode !== before.scopeCode) || (input.creditCode !== undefined && normalizeCreditCode(input.creditCode) !== before.creditCode))) {
      throw DomainError.invalid([{ field: input.scopeCode !== undefined ? 'scopeCode' : 'creditCode', code: 'not_changeable_by_employer', message: 'is kept by the employment office; ask it to change this', messageZh: '该项由人社部门维护，请联系其修改' }]);
    }
    const fields = await validateEmployer(trx, actor, draftOf(before, input), input.scopeCode ?? before.scopeCode, id);
    const after = await employersRepository.update(trx, id, input.version, fields);
    if (!after) throw versionConflict('Employer', id, (await employersRepository.byId(trx, id))?.version);
    if (after.scopeCode !== before.scopeCode) await postingsRepository.rescope(trx, id, after.scopeCode);
    noteRegionsChanged(trx, [before.regionCode, after.regionCode]);
    await writeAudit(trx, actor, { action: 'employer.update', entity: 'employer', entityId: id, regionCode: after.scopeCode, before: auditView(before), after: auditView(after) });
    return presentEmployer(after);
  });
}

export async function getEmployer(app: App, actor: Actor, id: number) {
  const db = app.database.db;
  const e = await loadFor(db, actor, 'employer.read', id);
  const names = await demandRegionsRepository.names(db, [e.regionCode]);
  return presentEmployer(e, { regionName: names.get(e.regionCode) });
}

export interface EmployerQuery {
  region?: string;
  q?: string;
  operatingStatus?: string;
  isWorkshop?: boolean;
  cursor?: string;
  limit?: number;
}

export async function listEmployers(app: App, actor: Actor, q: EmployerQuery) {
  authorize(actor, 'employer.read');
  const limit = Math.min(Math.max(q.limit ?? 50, 1), 500);
  const db = app.database.db;
  const rows = await employersRepository.list(db, {
    within: listScope(actor, q.region),
    employerId: ownEmployer(actor),
    q: q.q,
    operatingStatus: q.operatingStatus,
    isWorkshop: q.isWorkshop,
    afterId: decodeCursor(q.cursor),
    limit: limit + 1,
    like: app.database.caps.ilike,
  });
  const p = page(rows, limit);
  const names = await demandRegionsRepository.names(db, p.items.map((e) => e.regionCode));
  return { items: p.items.map((e) => presentEmployer(e, { masked: true, regionName: names.get(e.regionCode) })), nextCursor: p.nextCursor };
}

/**
 * Operating and resumption rates of the employers in a region, by its child regions (employers
 * located outside the region but managed by it are grouped under their own county).
 */
export async function employerStats(app: App, actor: Actor, q: { region?: string }) {
  authorize(actor, 'employer.stats');
  const within = listScope(actor, q.region);
  const groupLength = [2, 4, 6, 9, 12][Math.min(regionDepth(within || '14'), 4)] ?? 12;
  const counts = await employersRepository.statusCounts(app.database.db, within, within === '' ? 2 : groupLength, ownEmployer(actor));
  const groups = new Map<string, { operating: number; resumed: number; suspended: number }>();
  const total = { operating: 0, resumed: 0, suspended: 0 };
  for (const c of counts) {
    const g = groups.get(c.region) ?? { operating: 0, resumed: 0, suspended: 0 };
    if (c.status in g) {
      g[c.status as keyof typeof g] += c.n;
      total[c.status as keyof typeof total] += c.n;
    }
    groups.set(c.region, g);
  }
  const names = await demandRegionsRepository.names(app.database.db, [...groups.keys(), within]);
  const row = (code: string, c: typeof total) => ({ regionCode: code, regionName: names.get(code) ?? null, ...c, ...operatingRates(c) });
  return { region: within, total: row(within, total), byRegion: [...groups].sort(([a], [b]) => a.localeCompare(b)).map(([code, c]) => row(code, c)) };
}
