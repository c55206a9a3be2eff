import type { Actor } from '../../domain/access/actor.ts';
import { authorize, inScope, scopeRegion } from '../../domain/access/policy.ts';
import { isIsoDate } from '../../domain/dates.ts';
import { DomainError, type FieldIssue } from '../../domain/errors.ts';
import type { Skill } from '../../domain/ledger/person.ts';
import { toJson } from '../../store/codec.ts';
import { trainingRepository, type EnrollmentRecord } from '../../store/repositories/training.repository.ts';
import { writeAudit } from '../audit/audit.ts';
import { inTransaction, type App, type Tx } from '../context.ts';
import { decodeCursor, encodeCursor } from '../demand/common.ts';
import { courseReaches, loadCourse, ownProvider } from './access.ts';
import { raiseTrainingSubsidyClaim, type TrainingCompletion } from './subsidy.ts';

export function presentEnrollment(e: EnrollmentRecord, attendance?: { onDate: string; hours: number; note: string | null; recordedAt: string }[]) {
  return {
    id: e.id,
    courseId: e.courseId,
    courseTitle: e.courseTitle,
    courseHours: e.courseHours,
    personId: e.personId,
    personName: e.personName,
    villageCode: e.villageCode,
    status: e.status,
    hoursAttended: e.hoursAttended,
    progressPercent: e.courseHours > 0 ? Math.min(100, Math.round((e.hoursAttended / e.courseHours) * 100)) : 0,
    enrolledAt: e.enrolledAt,
    completedOn: e.completedOn,
    certificateNo: e.certificateNo,
    certificateLevel: e.certificateLevel,
    droppedOn: e.droppedOn,
    dropReason: e.dropReason,
    claim: e.claim,
    updatedAt: e.updatedAt,
    version: e.version,
    ...(attendance ? { attendance } : {}),
  };
}

function auditEnrollment(e: EnrollmentRecord) {
  const { attendance, updatedAt, claim, ...rest } = presentEnrollment(e) as any;
  return rest;
}

const invalid = (field: string, code: string, message: string, messageZh: string, params?: Record<string, unknown>) => DomainError.invalid([{ field, code, message, messageZh, ...(params ? { params } : {}) }]);

/** Staff reach enrollments of people in their region; a trainer those of its own provider's courses. */
async function loadEnrollment(db: Tx, actor: Actor, id: number, action: string): Promise<EnrollmentRecord> {
  authorize(actor, action);
  const e = await trainingRepository.enrollment(db, id);
  if (!e) throw DomainError.notFound('Enrollment', id);
  const own = await ownProvider(db, actor);
  if (own !== undefined ? e.providerId !== own : !inScope(actor, e.villageCode)) throw new DomainError('not_found', `Enrollment ${id} was not found in your region`);
  return e;
}

/** Enrolls a person of the course's region (and the actor's) while seats remain. */
export async function enroll(app: App, actor: Actor, input: { courseId: number; personId: number }) {
  return inTransaction(app, async (trx) => {
    const course = await loadCourse(trx, actor, input.courseId, 'enrollment.create');
    if (course.status !== 'open') throw DomainError.conflict('course_not_open', `Course ${course.id} is ${course.status}; it takes no enrollments`);
    const person = await trx.selectFrom('persons').select(['id', 'village_code', 'verification_status']).where('id', '=', input.personId).where('deleted_at', 'is', null).executeTakeFirst();
    if (!person || !inScope(actor, person.village_code)) throw invalid('personId', 'person_unknown', `no person ${input.personId} in your region`, '本辖区没有该人员');
    if (!person.village_code.startsWith(course.regionCode)) throw invalid('personId', 'person_outside_course_region', `person ${input.personId} lives outside the course's region ${course.regionCode}`, '该人员不在课程面向的区域内');
    if (course.enrolled >= course.capacity) throw DomainError.conflict('course_full', `Course ${course.id} is full (${course.capacity} places)`, { capacity: course.capacity });
    const existing = await trainingRepository.enrolledPersonIds(trx, course.id, [input.personId]);
    if (existing.has(input.personId)) throw DomainError.conflict('already_enrolled', `Person ${input.personId} is already enrolled in course ${course.id} (${existing.get(input.personId)})`);
    const id = await trainingRepository.insertEnrollment(trx, { courseId: course.id, personId: input.personId, villageCode: person.village_code, by: actor.userId });
    const e = (await trainingRepository.enrollment(trx, id))!;
    await writeAudit(trx, actor, { action: 'enrollment.create', entity: 'enrollment', entityId: id, regionCode: e.villageCode, after: auditEnrollment(e) });
    return presentEnrollment(e);
  });
}

export async function listEnrollments(app: App, actor: Actor, q: { courseId?: number; region?: string; status?: string; cursor?: string; limit?: number }) {
  authorize(actor, 'enrollment.read');
  const db = app.database.db;
  const own = await ownProvider(db, actor);
  if (q.courseId != null) {
    const course = await trainingRepository.course(db, q.courseId);
    const visible = course && (own !== undefined ? course.providerId === own : courseReaches(actor, course.regionCode));
    if (!visible) return { items: [], nextCursor: null };
  }
  const limit = Math.min(Math.max(q.limit ?? 100, 1), 500);
  const rows = await trainingRepository.enrollments(db, {
    within: own !== undefined ? undefined : scopeRegion(actor, q.region),
    providerId: own,
    courseId: q.courseId,
    status: q.status,
    afterId: decodeCursor(q.cursor),
    limit: limit + 1,
  });
  const items = rows.slice(0, limit);
  return { items: items.map((e) => presentEnrollment(e)), nextCursor: rows.length > limit ? encodeCursor(items[items.length - 1].id) : null };
}

export async function getEnrollment(app: App, actor: Actor, id: number) {
  const db = app.database.db;
  const e = await loadEnrollment(db, actor, id, 'enrollment.read');
  return presentEnrollment(e, await trainingRepository.attendance(db, id));
}

function requireEnrolled(e: EnrollmentRecord): void {
  if (e.status !== 'enrolled') throw DomainError.conflict('enrollment_closed', `Enrollment ${e.id} is ${e.status}; it cannot change any more`, { status: e.status });
}

/** Records hours attended on a day; progress is the sum, which may not pass the course's hours. */
export async function recordAttendance(app: App, actor: Actor, id: number, input: { onDate: string; hours: number; note?: string | null }) {
  return inTransaction(app, async (trx) => {
    const e = await loadEnrollment(trx, actor, id, 'enrollment.progress');
    requireEnrolled(e);
    const issues: FieldIssue[] = [];
    if (!isIsoDate(input.onDate)) issues.push({ field: 'onDate', code: 'date_format', message: 'must be a date written YYYY-MM-DD', messageZh: '日期格式应为YYYY-MM-DD' });
    if (!Number.isInteger(input.hours) || input.hours < 1 || input.hours > 12) issues.push({ field: 'hours', code: 'hours_range', message: 'must be a whole number of hours from 1 to 12 a day', messageZh: '每日课时应为1至12的整数', params: { max: 12 } });
    else if (e.hoursAttended + input.hours > e.courseHours) issues.push({ field: 'hours', code: 'hours_over_course', message: `would bring attendance to ${e.hoursAttended + input.hours} of the course's ${e.courseHours} hours`, messageZh: `累计课时将超过课程总课时${e.courseHours}`, params: { max: e.courseHours - e.hoursAttended } });
    if (issues.length) throw DomainError.invalid(issues);
    await trainingRepository.insertAttendance(trx, { enrollmentId: id, onDate: input.onDate, hours: input.hours, note: input.note?.trim() || null, by: actor.userId });
    if (!(await trainingRepository.updateEnrollment(trx, id, e.version, { hours_attended: e.hoursAttended + input.hours }))) throw new DomainError('version_conflict', `Enrollment ${id} changed meanwhile; reload it`);
    const after = (await trainingRepository.enrollment(trx, id))!;
    await writeAudit(trx, actor, { action: 'enrollment.attendance', entity: 'enrollment', entityId: id, regionCode: e.villageCode, before: { hoursAttended: e.hoursAttended }, after: { hoursAttended: after.hoursAttended, onDate: input.onDate } });
    return presentEnrollment(after, await trainingRepository.attendance(trx, id));
  });
}

/**
 * Completes an enrollment with its certificate and adds the skill (the course's occupation, the
 * certificate and its level) to the person's record in the same transaction, so matching sees it
 * at once. When the course's subsidy applies, a training-subsidy claim is raised afterwards.
 */
export async function completeEnrollment(app: App, actor: Actor, id: number, input: { completedOn: string; certificateNo?: string | null; certificateLevel?: string | null; version?: number }) {
  const done = await inTransaction(app, async (trx) => {
    const e = await loadEnrollment(trx, actor, id, 'enrollment.progress');
    if (input.version !== undefined && input.version !== e.version) throw new DomainError('version_conflict', `Enrollment ${id} was changed (now version ${e.version}); reload it`, { details: { currentVersion: e.version } });
    requireEnrolled(e);
    const course = (await trainingRepository.course(trx, e.courseId))!;
    const certificateNo = input.certificateNo?.trim() || null;
    const certificateLevel = input.certificateLevel?.trim() || null;
    const issues: FieldIssue[] = [];
    if (!isIsoDate(input.completedOn)) issues.push({ field: 'completedOn', code: 'date_format', message: 'must be a date written YYYY-MM-DD', messageZh: '日期格式应为YYYY-MM-DD' });
    else if (input.completedOn < course.startsOn) issues.push({ field: 'completedOn', code: 'before_course_start', message: `must not be before the course starts (${course.startsOn})`, messageZh: '结业日期不能早于开课日期' });
    if (certificateNo && certificateNo.length > 60) issues.push({ field: 'certificateNo', code: 'too_long', message: 'must be at most 60 characters', messageZh: '证书编号不能超过60个字符' });
    if (certificateLevel && certificateLevel.length > 40) issues.push({ field: 'certificateLevel', code: 'too_long', message: 'must be at most 40 characters', messageZh: '证书等级不能超过40个字符' });
    if (issues.length) throw DomainError.invalid(issues);
    if (!(await trainingRepository.updateEnrollment(trx, id, e.version, { status: 'completed', completed_on: input.completedOn, certificate_no: certificateNo, certificate_level: certificateLevel }))) {
      throw new DomainError('version_conflict', `Enrollment ${id} changed meanwhile; reload it`);
    }
    const person = await trainingRepository.personForSkill(trx, e.personId);
    if (person) {
      const skills = toJson<Skill[]>(person.skills) ?? [];
      const skill: Skill = { occupation: course.occupationCode, certificate: certificateNo, level: certificateLevel };
      if (!skills.some((s) => s.occupation === skill.occupation && s.certificate === skill.certificate && s.level === skill.level)) {
        const next = [...skills, skill];
        if (!(await trainingRepository.setSkills(trx, e.personId, Number(person.version), next))) throw new DomainError('version_conflict', `Person ${e.personId} changed meanwhile; complete the enrollment again`);
        await writeAudit(trx, actor, { action: 'person.skill.add', entity: 'person', entityId: e.personId, regionCode: person.village_code, before: { skills }, after: { skills: next, enrollmentId: id } });
      }
    }
    const after = (await trainingRepository.enrollment(trx, id))!;
    await writeAudit(trx, actor, { action: 'enrollment.complete', entity: 'enrollment', entityId: id, regionCode: e.villageCode, before: auditEnrollment(e), after: auditEnrollment(after) });
    const household = await trx.selectFrom('persons as p').innerJoin('households as h', 'h.id', 'p.household_id').select('h.category').where('p.id', '=', e.personId).executeTakeFirst();
    const completion: TrainingCompletion = { enrollmentId: id, personId: e.personId, villageCode: e.villageCode, householdCategory: household?.category ?? 'none', occupationCode: course.occupationCode, courseHours: course.hours, hoursAttended: after.hoursAttended, courseMode: course.mode, completedOn: input.completedOn, certificateNo, certificateLevel };
    return { subsidy: course.subsidyApplies, completion };
  });
  if (done.subsidy) {
    const ref = await raiseTrainingSubsidyClaim(app, actor, done.completion);
    await trainingRepository.setClaimRef(app.database.db, id, ref);
  }
  return getEnrollment(app, actor, id);
}

export async function dropEnrollment(app: App, actor: Actor, id: number, input: { droppedOn: string; reason?: string | null; version?: number }) {
  return inTransaction(app, async (trx) => {
    const e = await loadEnrollment(trx, actor, id, 'enrollment.progress');
    if (input.version !== undefined && input.version !== e.version) throw new DomainError('version_conflict', `Enrollment ${id} was changed (now version ${e.version}); reload it`, { details: { currentVersion: e.version } });
    requireEnrolled(e);
    if (!isIsoDate(input.droppedOn)) throw invalid('droppedOn', 'date_format', 'must be a date written YYYY-MM-DD', '日期格式应为YYYY-MM-DD');
    const reason = input.reason?.trim() || null;
    if (reason && reason.length > 200) throw invalid('reason', 'too_long', 'must be at most 200 characters', '原因不能超过200个字符');
    if (!(await trainingRepository.updateEnrollment(trx, id, e.version, { status: 'dropped', dropped_on: input.droppedOn, drop_reason: reason }))) throw new DomainError('version_conflict', `Enrollment ${id} changed meanwhile; reload it`);
    const after = (await trainingRepository.enrollment(trx, id))!;
    await writeAudit(trx, actor, { action: 'enrollment.drop', entity: 'enrollment', entityId: id, regionCode: e.villageCode, before: auditEnrollment(e), after: auditEnrollment(after) });
    return presentEnrollment(after);
  });
}
