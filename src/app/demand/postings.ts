import type { Actor } from '../../domain/access/actor.ts';
import { authorize } from '../../domain/access/policy.ts';
import { checkPosting, type PostingContext, type PostingDraft, type PostingRequirements } from '../../domain/demand/posting-rules.ts';
import { DomainError } from '../../domain/errors.ts';
import { demandRegionsRepository } from '../../store/repositories/demand-regions.repository.ts';
import { employersRepository, type EmployerRecord } from '../../store/repositories/employers.repository.ts';
import { occupationsRepository } from '../../store/repositories/occupations.repository.ts';
import { postingsRepository, type PostingFields, type PostingRecord } from '../../store/repositories/postings.repository.ts';
import { writeAudit } from '../audit/audit.ts';
import { inTransaction, type App, type Tx } from '../context.ts';
import { noteRegionsChanged } from '../region-changes.ts';
import { decodeCursor, listScope, ownEmployer, page, versionConflict } from './common.ts';
import { postingContextLoader } from './posting-context.ts';

export type PostingInput = Partial<Omit<PostingFields, 'scopeCode'>>;

export function presentPosting(p: PostingRecord, extra: { employerName?: string; regionName?: string | null; occupationName?: string | null } = {}) {
  return {
    id: p.id,
    employerId: p.employerId,
    employerName: extra.employerName ?? null,
    externalNo: p.externalNo,
    title: p.title,
    occupationCode: p.occupationCode,
    occupationName: extra.occupationName ?? null,
    postType: p.postType,
    openings: p.openings,
    filled: p.filled,
    payMinFen: p.payMinFen,
    payMaxFen: p.payMaxFen,
    regionCode: p.regionCode,
    regionName: extra.regionName ?? null,
    scopeCode: p.scopeCode,
    address: p.address,
    startDate: p.startDate,
    endDate: p.endDate,
    hours: p.hours,
    requirements: presentRequirements(p.requirements),
    board: p.board,
    lodging: p.lodging,
    weakLaborOk: p.weakLaborOk,
    status: p.status,
    accidentInsuranceFen: p.accidentInsuranceFen,
    description: p.description,
    createdAt: p.createdAt,
    updatedAt: p.updatedAt,
    version: p.version,
  };
}
export type PostingView = ReturnType<typeof presentPosting>;

export function presentRequirements(r: PostingRequirements) {
  return { ageMin: r.ageMin ?? null, ageMax: r.ageMax ?? null, skills: r.skills ?? [], certificates: r.certificates ?? [], healthCertificate: r.healthCertificate ?? false, other: r.other ?? null };
}

function auditView(p: PostingRecord) {
  const { createdAt, updatedAt, employerName, regionName, occupationName, ...rest } = presentPosting(p);
  return rest;
}

function draftOf(base: Partial<PostingFields>, input: PostingInput, employer: EmployerRecord): PostingDraft & { employerId: number; externalNo: string | null } {
  const pick = <K extends keyof PostingFields>(k: K, d: PostingFields[K]): PostingFields[K] => ((input as any)[k] !== undefined ? (input as any)[k] : ((base as any)[k] ?? d));
  const req = { ...(base.requirements ?? {}), ...(input.requirements ?? {}) } as PostingRequirements;
  return {
    employerId: employer.id,
    externalNo: (pick('externalNo', null) as string | null)?.trim() || null,
    title: String(pick('title', '')).trim(),
    occupationCode: String(pick('occupationCode', '')).trim(),
    postType: pick('postType', 'regular'),
    openings: pick('openings', 1),
    filled: pick('filled', 0),
    payMinFen: pick('payMinFen', 0),
    payMaxFen: pick('payMaxFen', 0),
    regionCode: pick('regionCode', employer.regionCode),
    address: pick('address', ''),
    startDate: pick('startDate', ''),
    endDate: pick('endDate', null) || null,
    hours: pick('hours', ''),
    requirements: {
      ...(req.ageMin != null ? { ageMin: req.ageMin } : {}),
      ...(req.ageMax != null ? { ageMax: req.ageMax } : {}),
      skills: req.skills ?? [],
      certificates: req.certificates ?? [],
      healthCertificate: req.healthCertificate ?? false,
      ...(req.other ? { other: req.other } : {}),
      ...(req.gender !== undefined ? { gender: req.gender } : {}),
    },
    board: pick('board', false),
    lodging: pick('lodging', false),
    weakLaborOk: pick('weakLaborOk', false),
    status: pick('status', 'draft'),
    accidentInsuranceFen: pick('accidentInsuranceFen', null),
    description: pick('description', ''),
  };
}

/**
 * Every check a posting meets before it is written: the domain rules (with the minimum wage in
 * force at its place on its start date), an occupation and a region that exist.
 */
export async function validatePosting(db: Tx, draft: ReturnType<typeof draftOf>, employer: EmployerRecord, ctxFor: (region: string, date: string) => PostingContext): Promise<PostingFields> {
  const region = /^\d{2,12}$/.test(draft.regionCode) ? await demandRegionsRepository.resolve(db, draft.regionCode) : undefined;
  const regionCode = region?.code ?? draft.regionCode;
  const issues = checkPosting({ ...draft, regionCode }, ctxFor(regionCode, draft.startDate));
  if (!region) issues.push({ field: 'regionCode', code: 'region_unknown', message: `no region with code ${draft.regionCode} exists`, messageZh: `区划代码${draft.regionCode}不存在` });
  if (!issues.some((i) => i.field === 'occupationCode') && !(await occupationsRepository.find(db, draft.occupationCode))) {
    issues.push({ field: 'occupationCode', code: 'occupation_unknown', message: `no occupation with code ${draft.occupationCode} is in the catalog`, messageZh: `职业代码${draft.occupationCode}不在职业目录中` });
  }
  if (issues.length) throw DomainError.invalid(issues);
  const { gender: _gender, ...requirements } = draft.requirements;
  return { ...draft, regionCode, requirements, scopeCode: employer.scopeCode, accidentInsuranceFen: draft.accidentInsuranceFen ?? null } as PostingFields;
}

async function employerFor(db: Tx, actor: Actor, action: string, employerId: number): Promise<EmployerRecord> {
  authorize(actor, action);
  const e = await employersRepository.byId(db, employerId);
  if (!e) throw DomainError.invalid([{ field: 'employerId', code: 'employer_unknown', message: `no employer with id ${employerId}`, messageZh: '用人单位不存在' }]);
  if (actor.role === 'employer' && actor.employerId !== e.id) throw DomainError.invalid([{ field: 'employerId', code: 'out_of_scope', message: 'an employer account may post only for its own company', messageZh: '只能为本单位发布岗位' }]);
  authorize(actor, action, { regionCode: e.scopeCode, employerId: e.id }, `Employer ${employerId}`);
  return e;
}

export async function createPosting(app: App, actor: Actor, input: PostingInput & { employerId: number }) {
  return inTransaction(app, async (trx) => {
    const employer = await employerFor(trx, actor, 'posting.manage', input.employerId);
    const draft = draftOf({}, input, employer);
    if (draft.externalNo && (await postingsRepository.byExternal(trx, employer.id, draft.externalNo))) {
      throw DomainError.invalid([{ field: 'externalNo', code: 'external_no_taken', message: `the employer already has a posting numbered ${draft.externalNo}`, messageZh: '该单位已有相同编号的岗位' }]);
    }
    const fields = await validatePosting(trx, draft, employer, await postingContextLoader(trx));
    const p = await postingsRepository.insert(trx, fields);
    noteRegionsChanged(trx, [p.regionCode]);
    await writeAudit(trx, actor, { action: 'posting.create', entity: 'posting', entityId: p.id, regionCode: p.scopeCode, after: auditView(p) });
    return presentPosting(p, { employerName: employer.name });
  });
}

async function loadPosting(db: Tx, actor: Actor, action: string, id: number): Promise<PostingRecord> {
  authorize(actor, action);
  const p = await postingsRepository.byId(db, id);
  if (!p) throw DomainError.notFound('Posting', id);
  authorize(actor, action, { regionCode: p.scopeCode, employerId: p.employerId }, `Posting ${id}`);
  return p;
}

export async function updatePosting(app: App, actor: Actor, id: number, input: PostingInput & { version: number }) {
  return inTransaction(app, async (trx) => {
    const before = await loadPosting(trx, actor, 'posting.manage', id);
    if (before.version !== input.version) throw versionConflict('Posting', id, before.version);
    if (input.employerId !== undefined && input.employerId !== before.employerId) {
      throw DomainError.invalid([{ field: 'employerId', code: 'employer_fixed', message: 'a posting stays with its employer; close it and post again', messageZh: '岗位不能转给其他单位' }]);
    }
    const employer = (await employersRepository.byId(trx, before.employerId))!;
    const draft = draftOf(before, input, employer);
    if (draft.externalNo && draft.externalNo !== before.externalNo && (await postingsRepository.byExternal(trx, employer.id, draft.externalNo))) {
      throw DomainError.invalid([{ field: 'externalNo', code: 'external_no_taken', message: `the employer already has a posting numbered ${draft.externalNo}`, messageZh: '该单位已有相同编号的岗位' }]);
    }
    const fields = await validatePosting(trx, draft, employer, await postingContextLoader(trx));
    const after = await postingsRepository.update(trx, id, input.version, fields);
    if (!after) throw versionConflict('Posting', id, (await postingsRepository.byId(trx, id))?.version);
    noteRegionsChanged(trx, [before.regionCode, after.regionCode]);
    await writeAudit(trx, actor, { action: 'posting.update', entity: 'posting', entityId: id, regionCode: after.scopeCode, before: auditView(before), after: auditView(after) });
    return presentPosting(after, { employerName: employer.name });
  });
}

export async function getPosting(app: App, actor: Actor, id: number) {
  const db = app.database.db;
  const p = await loadPosting(db, actor, 'posting.read', id);
  const [employer, names, occ] = await Promise.all([employersRepository.byId(db, p.employerId), demandRegionsRepository.names(db, [p.regionCode]), occupationsRepository.find(db, p.occupationCode)]);
  return presentPosting(p, { employerName: employer?.name, regionName: names.get(p.regionCode), occupationName: occ?.nameZh });
}

export interface PostingQuery {
  region?: string;
  employerId?: number;
  status?: string;
  postType?: string;
  q?: string;
  cursor?: string;
  limit?: number;
}

export async function listPostings(app: App, actor: Actor, q: PostingQuery) {
  authorize(actor, 'posting.read');
  const limit = Math.min(Math.max(q.limit ?? 50, 1), 500);
  const db = app.database.db;
  const rows = await postingsRepository.list(db, {
    within: listScope(actor, q.region),
    employerId: ownEmployer(actor),
    onlyEmployer: q.employerId,
    status: q.status,
    postType: q.postType,
    q: q.q,
    afterId: decodeCursor(q.cursor),
    limit: limit + 1,
    like: app.database.caps.ilike,
  });
  const p = page(rows, limit);
  const [names, occs] = await Promise.all([demandRegionsRepository.names(db, p.items.map((r) => r.regionCode)), occupationsRepository.findMany(db, p.items.map((r) => r.occupationCode))]);
  return { items: p.items.map((r) => presentPosting(r, { employerName: r.employerName, regionName: names.get(r.regionCode), occupationName: occs.get(r.occupationCode)?.nameZh })), nextCursor: p.nextCursor };
}
