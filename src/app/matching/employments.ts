import type { Actor } from '../../domain/access/actor.ts';
import { authorize, inScope, scopeRegion } from '../../domain/access/policy.ts';
import { isIsoDate } from '../../domain/dates.ts';
import { DomainError } from '../../domain/errors.ts';
import { regionDepth } from '../../domain/regions/region-code.ts';
import { employmentsRepository, returnDatesRepository } from '../../store/repositories/employments.repository.ts';
import { matchingRepository } from '../../store/repositories/matching.repository.ts';
import { writeAudit } from '../audit/audit.ts';
import { inTransaction, type App } from '../context.ts';
import { noteRegionsChanged } from '../region-changes.ts';
import { villagesWithEmployments } from '../../store/stats/matching.stats.ts';
import { decodeCursor, page } from '../demand/common.ts';
import { presentEmployment } from './present.ts';

export interface EmploymentQuery {
  region?: string;
  personId?: number;
  status?: string;
  startedFrom?: string;
  cursor?: string;
  limit?: number;
}

/** Employments of people living in the caller's region (an employer: its own employees, masked). */
export async function listEmployments(app: App, actor: Actor, q: EmploymentQuery) {
  authorize(actor, 'employment.read');
  const limit = Math.min(Math.max(q.limit ?? 50, 1), 500);
  const employer = actor.role === 'employer';
  const db = app.database.db;
  const rows = await employmentsRepository.list(db, {
    within: employer ? '' : scopeRegion(actor, q.region),
    employerId: employer ? (actor.employerId ?? -1) : undefined,
    personId: q.personId,
    status: q.status,
    startedFrom: q.startedFrom,
    afterId: decodeCursor(q.cursor),
    limit: limit + 1,
  });
  const p = page(rows, limit);
  const names = await matchingRepository.names(db, p.items.map((e) => e.personId), p.items.flatMap((e) => (e.postingId != null ? [e.postingId] : [])));
  return { items: p.items.map((e) => presentEmployment(e, actor, names)), nextCursor: p.nextCursor };
}

function countyOf(field: string, code: string): string {
  if (regionDepth(code) !== 3) throw DomainError.invalid([{ field, code: 'county_code_format', message: 'must be a 6-digit county code', messageZh: '应为6位县级区划代码' }]);
  return code;
}

/** The date from which a county counts people at work as returned to work (null when not set). */
export async function getReturnDate(app: App, actor: Actor, county: string) {
  authorize(actor, 'return_date.read');
  countyOf('county', county);
  authorize(actor, 'return_date.read', { regionCode: county }, `County ${county}`);
  const r = await returnDatesRepository.get(app.database.db, county);
  return { countyCode: county, since: r?.since ?? null, updatedAt: r?.updatedAt ?? null };
}

/** Sets the county's return-to-work date; a county officer sets their own county's. */
export async function setReturnDate(app: App, actor: Actor, county: string, input: { since: string }) {
  authorize(actor, 'return_date.manage');
  countyOf('county', county);
  if (actor.role !== 'admin' && !inScope(actor, county)) throw new DomainError('not_found', `County ${county} was not found in your region`);
  if (!isIsoDate(input.since)) throw DomainError.invalid([{ field: 'since', code: 'date_format', message: 'must be a date YYYY-MM-DD', messageZh: '日期格式应为 YYYY-MM-DD' }]);
  return inTransaction(app, async (trx) => {
    const before = await returnDatesRepository.get(trx, county);
    await returnDatesRepository.set(trx, county, input.since, actor.userId);
    noteRegionsChanged(trx, await villagesWithEmployments(trx, county));
    await writeAudit(trx, actor, { action: 'return_date.set', entity: 'return_to_work_date', entityId: county, regionCode: county, before: before ? { since: before.since } : null, after: { since: input.since } });
    const r = (await returnDatesRepository.get(trx, county))!;
    return { countyCode: county, since: r.since, updatedAt: r.updatedAt };
  });
}

/**
 * Returned to work, by home county: people at work (employment confirmed at work) and, of them,
 * those whose job started on or after the date the county set.
 */
export async function returnedToWorkSummary(app: App, actor: Actor, q: { region?: string }) {
  authorize(actor, 'employment.read');
  if (actor.role === 'employer') throw DomainError.forbidden('Return-to-work figures are for the employment offices');
  const within = scopeRegion(actor, q.region);
  const byCounty = await employmentsRepository.returnedByCounty(app.database.db, within);
  const total = byCounty.reduce((t, c) => ({ atWork: t.atWork + c.atWork, returned: t.returned + c.returned }), { atWork: 0, returned: 0 });
  return { region: within, ...total, byCounty: byCounty.map((c) => ({ countyCode: c.county, since: c.since, atWork: c.atWork, returned: c.returned })) };
}
