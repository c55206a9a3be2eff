import type { Actor } from '../../domain/access/actor.ts';
import { authorize, inScope, scopeRegion } from '../../domain/access/policy.ts';
import { DomainError } from '../../domain/errors.ts';
import { percent } from '../../domain/field/visit.ts';
import { ageOn } from '../../domain/ledger/id-number.ts';
import { addMonths, atWorkWithin, checkCourse, OUTCOME_MONTHS, targetPrefix, wishFit, type CourseDraft, type CourseMode } from '../../domain/training/course.ts';
import { regionDepth } from '../../domain/regions/region-code.ts';
import { toJson } from '../../store/codec.ts';
import { regionsRepository } from '../../store/repositories/regions.repository.ts';
import { trainingRepository, type CourseFields, type CourseRecord } from '../../store/repositories/training.repository.ts';
import { writeAudit } from '../audit/audit.ts';
import { inTransaction, type App, type Tx } from '../context.ts';
import { decodeCursor, encodeCursor } from '../demand/common.ts';
import { checkOccupationsExist } from '../field/field-person.ts';
import { loadCourse, ownProvider } from './access.ts';

export function presentCourse(c: CourseRecord) {
  return {
    id: c.id,
    providerId: c.providerId,
    providerName: c.providerName,
    title: c.title,
    occupationCode: c.occupationCode,
    mode: c.mode,
    hours: c.hours,
    startsOn: c.startsOn,
    endsOn: c.endsOn,
    schedule: c.schedule,
    place: c.place,
    onlinePlatform: c.onlinePlatform,
    regionCode: c.regionCode,
    capacity: c.capacity,
    enrolled: c.enrolled,
    subsidyApplies: c.subsidyApplies,
    status: c.status,
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
    version: c.version,
  };
}

function auditCourse(c: CourseRecord) {
  const { createdAt, updatedAt, enrolled, providerName, ...rest } = presentCourse(c);
  return rest;
}

export interface CourseInput {
  providerId?: number;
  title?: string;
  occupationCode?: string;
  mode?: CourseMode;
  hours?: number;
  startsOn?: string;
  endsOn?: string;
  schedule?: string;
  place?: string | null;
  onlinePlatform?: string | null;
  regionCode?: string;
  capacity?: number;
  subsidyApplies?: boolean;
  status?: 'open' | 'finished' | 'cancelled';
}

/** Resolves the provider and region of a course for the actor: trainers teach for their own provider only. */
async function courseFields(trx: Tx, actor: Actor, base: CourseRecord | undefined, input: CourseInput): Promise<CourseFields> {
  const own = await ownProvider(trx, actor);
  const providerId = own !== undefined ? own : (input.providerId ?? base?.providerId);
  if (own !== undefined && input.providerId !== undefined && input.providerId !== own) {
    throw DomainError.invalid([{ field: 'providerId', code: 'provider_own', message: 'a trainer account creates courses of its own provider only', messageZh: '培训机构账号只能为本机构开设课程' }]);
  }
  if (providerId == null || providerId < 0) throw DomainError.invalid([{ field: 'providerId', code: 'required', message: own !== undefined ? 'this trainer account is linked to no provider; ask the county office to link it' : 'is required', messageZh: '请指定培训机构' }]);
  const provider = await trainingRepository.provider(trx, providerId);
  if (!provider || (own === undefined && !(inScope(actor, provider.regionCode) || actor.regionCode.startsWith(provider.regionCode)))) {
    throw DomainError.invalid([{ field: 'providerId', code: 'provider_unknown', message: `no training provider ${providerId} in your region`, messageZh: '本辖区没有该培训机构' }]);
  }
  const pick = <K extends keyof CourseInput>(k: K, d: NonNullable<CourseInput[K]> | null): any => (input[k] !== undefined ? input[k] : ((base as any)?.[k] ?? d));
  const draft: CourseDraft = {
    title: String(pick('title', '')).trim(),
    occupationCode: pick('occupationCode', ''),
    mode: pick('mode', 'offline'),
    hours: pick('hours', 0),
    startsOn: pick('startsOn', ''),
    endsOn: pick('endsOn', ''),
    schedule: String(pick('schedule', '')).trim(),
    place: pick('place', null)?.trim() || null,
    onlinePlatform: pick('onlinePlatform', null)?.trim() || null,
    capacity: pick('capacity', 0),
    subsidyApplies: pick('subsidyApplies', false),
  };
  const issues = checkCourse(draft);
  const region = pick('regionCode', provider.regionCode) as string;
  if (regionDepth(region) === 0) issues.push({ field: 'regionCode', code: 'region_code_format', message: 'must be a region code of 2, 4, 6, 9 or 12 digits', messageZh: '区划代码格式不正确' });
  else if (!inScope(actor, region)) issues.push({ field: 'regionCode', code: 'out_of_scope', message: `region ${region} is outside your region ${actor.regionCode}`, messageZh: '区划超出本账号的管辖范围' });
  if (draft.schedule.length > 200) issues.push({ field: 'schedule', code: 'too_long', message: 'must be at most 200 characters', messageZh: '课程安排不能超过200个字符' });
  if (issues.length) throw DomainError.invalid(issues);
  await checkOccupationsExist(trx, [{ at: 'occupationCode', codes: [draft.occupationCode] }]);
  if (!(await regionsRepository.find(trx, region))) throw DomainError.invalid([{ field: 'regionCode', code: 'region_unknown', message: `no region with code ${region} is loaded`, messageZh: '区划代码不存在' }]);
  return { ...draft, providerId, regionCode: region, status: pick('status', 'open') };
}

export async function createCourse(app: App, actor: Actor, input: CourseInput) {
  authorize(actor, 'course.manage');
  return inTransaction(app, async (trx) => {
    const fields = await courseFields(trx, actor, undefined, { ...input, status: 'open' });
    const id = await trainingRepository.insertCourse(trx, fields, actor.userId);
    const c = (await trainingRepository.course(trx, id))!;
    await writeAudit(trx, actor, { action: 'course.create', entity: 'course', entityId: id, regionCode: c.regionCode, after: auditCourse(c) });
    return presentCourse(c);
  });
}

export async function updateCourse(app: App, actor: Actor, id: number, input: CourseInput & { version: number }) {
  return inTransaction(app, async (trx) => {
    const before = await loadCourse(trx, actor, id, 'course.manage', { change: true });
    if (before.version !== input.version) throw new DomainError('version_conflict', `Course ${id} was changed by someone else (now version ${before.version}); reload it`, { details: { currentVersion: before.version } });
    const fields = await courseFields(trx, actor, before, input);
    if (fields.capacity < before.enrolled) throw DomainError.invalid([{ field: 'capacity', code: 'capacity_below_enrolled', message: `must be at least the ${before.enrolled} people enrolled`, messageZh: `招收人数不能少于已报名的${before.enrolled}人`, params: { enrolled: before.enrolled } }]);
    if (!(await trainingRepository.updateCourse(trx, id, input.version, fields))) throw new DomainError('version_conflict', `Course ${id} was changed meanwhile; reload it`);
    const after = (await trainingRepository.course(trx, id))!;
    await writeAudit(trx, actor, { action: 'course.update', entity: 'course', entityId: id, regionCode: after.regionCode, before: auditCourse(before), after: auditCourse(after) });
    return presentCourse(after);
  });
}

export async function getCourse(app: App, actor: Actor, id: number) {
  return presentCourse(await loadCourse(app.database.db, actor, id, 'course.read'));
}

export async function listCourses(app: App, actor: Actor, q: { region?: string; providerId?: number; status?: string; occupation?: string; cursor?: string; limit?: number }) {
  authorize(actor, 'course.read');
  const db = app.database.db;
  const own = await ownProvider(db, actor);
  const limit = Math.min(Math.max(q.limit ?? 50, 1), 500);
  const rows = await trainingRepository.courses(db, {
    region: own !== undefined ? undefined : scopeRegion(actor, q.region) || undefined,
    providerId: own ?? q.providerId,
    status: q.status,
    occupation: q.occupation,
    afterId: decodeCursor(q.cursor),
    limit: limit + 1,
  });
  const items = rows.slice(0, limit);
  return { items: items.map(presentCourse), nextCursor: rows.length > limit ? encodeCursor(items[items.length - 1].id) : null };
}

/**
 * The people a course is for: in its region (and the actor's), whose training wish or job wish
 * is the course's occupation or in its minor group, best fits first; enrolled people are marked.
 */
export async function courseTargets(app: App, actor: Actor, id: number, q: { region?: string; cursor?: string; limit?: number }) {
  const db = app.database.db;
  const course = await loadCourse(db, actor, id, 'course.target');
  const within = scopeRegion(actor, q.region ?? course.regionCode);
  if (!within.startsWith(course.regionCode)) return { courseId: id, items: [], nextCursor: null };
  const limit = Math.min(Math.max(q.limit ?? 200, 1), 1000);
  const rows = await trainingRepository.candidates(db, { within, prefix: targetPrefix(course.occupationCode), afterId: decodeCursor(q.cursor), limit: limit + 1 });
  const page = rows.slice(0, limit);
  const enrolled = await trainingRepository.enrolledPersonIds(db, id, page.map((r) => Number(r.id)));
  const names = new Map((await regionsRepository.findMany(db, [...new Set(page.map((r) => r.village_code))])).map((r) => [r.code, r.name]));
  const today = new Date().toISOString().slice(0, 10);
  const items = page
    .map((r) => {
      const jobWishes = toJson<string[]>(r.job_wish_types) ?? [];
      const fit = wishFit(course.occupationCode, r.training_wish ?? null, jobWishes);
      return {
        personId: Number(r.id),
        name: r.name,
        gender: r.gender,
        age: ageOn(r.birth_date, today),
        villageCode: r.village_code,
        villageName: names.get(r.village_code) ?? null,
        phone: r.phone_masked ?? null,
        employmentStatus: r.employment_status,
        trainingWish: r.training_wish ?? null,
        jobWishTypes: jobWishes,
        affinity: fit.affinity,
        via: fit.via,
        enrollment: enrolled.get(Number(r.id)) ?? null,
      };
    })
    .filter((x) => x.via !== null)
    .sort((a, b) => b.affinity - a.affinity || (a.via === b.via ? 0 : a.via === 'training_wish' ? -1 : 1) || a.personId - b.personId);
  return { courseId: id, items, nextCursor: rows.length > limit ? encodeCursor(Number(page[page.length - 1].id)) : null };
}

type OutcomeTally = { enrolled: number; completed: number; dropped: number; atWork: number; windowOpen: number };
const emptyOutcome = (): OutcomeTally => ({ enrolled: 0, completed: 0, dropped: 0, atWork: 0, windowOpen: 0 });
const rate = <T extends OutcomeTally>(t: T) => ({ ...t, atWorkPercent: percent(t.atWork, t.completed) });

/**
 * Of the people trained (completed), how many were at work within three months of completion, by
 * course and by provider. `windowOpen` counts completions whose three months have not yet passed
 * and who are not at work yet: their outcome is still open.
 */
export async function trainingOutcomes(app: App, actor: Actor, q: { region?: string; providerId?: number; courseId?: number }) {
  authorize(actor, 'course.outcomes');
  const db = app.database.db;
  const own = await ownProvider(db, actor);
  const rows = await trainingRepository.outcomeRows(db, own !== undefined ? { providerId: own, courseId: q.courseId } : { within: scopeRegion(actor, q.region), providerId: q.providerId, courseId: q.courseId });
  const spells = await trainingRepository.employmentStarts(db, [...new Set(rows.filter((r) => r.status === 'completed').map((r) => Number(r.person_id)))]);
  const today = new Date().toISOString().slice(0, 10);
  const total = emptyOutcome();
  const byCourse = new Map<number, OutcomeTally & { title: string; providerId: number; providerName: string; occupationCode: string }>();
  const byProvider = new Map<number, OutcomeTally & { providerName: string }>();
  for (const r of rows) {
    const courseId = Number(r.course_id);
    const providerId = Number(r.provider_id);
    if (!byCourse.has(courseId)) byCourse.set(courseId, { ...emptyOutcome(), title: r.title, providerId, providerName: r.provider_name, occupationCode: r.occupation_code });
    if (!byProvider.has(providerId)) byProvider.set(providerId, { ...emptyOutcome(), providerName: r.provider_name });
    for (const t of [total, byCourse.get(courseId)!, byProvider.get(providerId)!]) {
      if (r.status === 'enrolled') t.enrolled++;
      else if (r.status === 'dropped') t.dropped++;
      else if (r.status === 'completed' && r.completed_on) {
        t.completed++;
        const starts = (spells.get(Number(r.person_id)) ?? []).map((startDate) => ({ startDate }));
        if (atWorkWithin(r.completed_on, starts, r.employment_status)) t.atWork++;
        else if (addMonths(r.completed_on, OUTCOME_MONTHS) >= today) t.windowOpen++;
      }
    }
  }
  return {
    asOf: today,
    months: OUTCOME_MONTHS,
    total: rate(total),
    byCourse: [...byCourse].map(([courseId, t]) => ({ courseId, ...rate(t) })),
    byProvider: [...byProvider].map(([providerId, t]) => ({ providerId, ...rate(t) })),
  };
}
