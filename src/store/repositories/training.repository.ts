import { sql } from 'kysely';
import type { Tx } from '../../app/context.ts';
import type { CourseDraft } from '../../domain/training/course.ts';
import { fromBool, fromJson, nowIso, toBool, toJson } from '../codec.ts';
import { inRegion } from '../region-prefix.ts';

export interface ProviderRecord {
  id: number;
  name: string;
  creditCode: string | null;
  regionCode: string;
  address: string;
  contactName: string;
  contactPhone: string;
  createdAt: string;
  updatedAt: string;
  version: number;
}

function decodeProvider(r: any): ProviderRecord {
  return { id: Number(r.id), name: r.name, creditCode: r.credit_code ?? null, regionCode: r.region_code, address: r.address, contactName: r.contact_name, contactPhone: r.contact_phone, createdAt: r.created_at, updatedAt: r.updated_at, version: Number(r.version) };
}

/** A stored course: the fields the course rules check (`CourseDraft`), its provider, region, status and seats taken. */
export interface CourseRecord extends CourseDraft {
  id: number;
  providerId: number;
  providerName: string;
  regionCode: string;
  status: string;
  enrolled: number;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export type CourseFields = Omit<CourseRecord, 'id' | 'providerName' | 'enrolled' | 'createdAt' | 'updatedAt' | 'version'>;

function decodeCourse(r: any): CourseRecord {
  return {
    id: Number(r.id),
    providerId: Number(r.provider_id),
    providerName: r.provider_name,
    title: r.title,
    occupationCode: r.occupation_code,
    mode: r.mode,
    hours: Number(r.hours),
    startsOn: r.starts_on,
    endsOn: r.ends_on,
    schedule: r.schedule,
    place: r.place ?? null,
    onlinePlatform: r.online_platform ?? null,
    regionCode: r.region_code,
    capacity: Number(r.capacity),
    subsidyApplies: toBool(r.subsidy_applies),
    status: r.status,
    enrolled: Number(r.enrolled ?? 0),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    version: Number(r.version),
  };
}

function encodeCourse(c: CourseFields) {
  return {
    provider_id: c.providerId,
    title: c.title,
    occupation_code: c.occupationCode,
    mode: c.mode,
    hours: c.hours,
    starts_on: c.startsOn,
    ends_on: c.endsOn,
    schedule: c.schedule,
    place: c.place,
    online_platform: c.onlinePlatform,
    region_code: c.regionCode,
    capacity: c.capacity,
    subsidy_applies: fromBool(c.subsidyApplies),
    status: c.status,
  };
}

export interface EnrollmentRecord {
  id: number;
  courseId: number;
  personId: number;
  personName: string;
  villageCode: string;
  status: string;
  hoursAttended: number;
  enrolledAt: string;
  completedOn: string | null;
  certificateNo: string | null;
  certificateLevel: string | null;
  droppedOn: string | null;
  dropReason: string | null;
  claim: Record<string, unknown> | null;
  updatedAt: string;
  version: number;
  courseTitle: string;
  courseHours: number;
  providerId: number;
  courseRegion: string;
}

function decodeEnrollment(r: any): EnrollmentRecord {
  return {
    id: Number(r.id),
    courseId: Number(r.course_id),
    personId: Number(r.person_id),
    personName: r.person_name,
    villageCode: r.village_code,
    status: r.status,
    hoursAttended: Number(r.hours_attended),
    enrolledAt: r.enrolled_at,
    completedOn: r.completed_on ?? null,
    certificateNo: r.certificate_no ?? null,
    certificateLevel: r.certificate_level ?? null,
    droppedOn: r.dropped_on ?? null,
    dropReason: r.drop_reason ?? null,
    claim: toJson(r.claim_ref) ?? null,
    updatedAt: r.updated_at,
    version: Number(r.version),
    courseTitle: r.course_title,
    courseHours: Number(r.course_hours),
    providerId: Number(r.provider_id),
    courseRegion: r.course_region,
  };
}

/** Filter of courses: region overlap with `region` (a course covering the region, or inside it), provider. */
export interface CourseFilter {
  region?: string;
  providerId?: number;
  status?: string;
  occupation?: string;
  afterId?: number;
  limit: number;
}

function courseQuery(db: Tx) {
  return db
    .selectFrom('courses as c')
    .innerJoin('training_providers as p', 'p.id', 'c.provider_id')
    .selectAll('c')
    .select('p.name as provider_name')
    .select((eb) => eb.selectFrom('enrollments as e').select(eb.fn.countAll<number>().as('n')).whereRef('e.course_id', '=', 'c.id').where('e.status', '!=', 'dropped').as('enrolled'));
}

function enrollmentQuery(db: Tx) {
  return db
    .selectFrom('enrollments as e')
    .innerJoin('courses as c', 'c.id', 'e.course_id')
    .innerJoin('persons as p', 'p.id', 'e.person_id')
    .selectAll('e')
    .select(['p.name as person_name', 'c.title as course_title', 'c.hours as course_hours', 'c.provider_id', 'c.region_code as course_region']);
}

export const trainingRepository = {
  async insertProvider(db: Tx, v: Omit<ProviderRecord, 'id' | 'createdAt' | 'updatedAt' | 'version'>): Promise<ProviderRecord> {
    const now = nowIso();
    const r = await db
      .insertInto('training_providers')
      .values({ name: v.name, credit_code: v.creditCode, region_code: v.regionCode, address: v.address, contact_name: v.contactName, contact_phone: v.contactPhone, created_at: now, updated_at: now, version: 1 })
      .returningAll()
      .executeTakeFirstOrThrow();
    return decodeProvider(r);
  },
  async provider(db: Tx, id: number): Promise<ProviderRecord | undefined> {
    const r = await db.selectFrom('training_providers').selectAll().where('id', '=', id).executeTakeFirst();
    return r && decodeProvider(r);
  },
  async providers(db: Tx, f: { within?: string; id?: number }): Promise<ProviderRecord[]> {
    let q = db.selectFrom('training_providers').selectAll();
    if (f.within) q = q.where((eb) => inRegion(eb, 'region_code', f.within!));
    if (f.id != null) q = q.where('id', '=', f.id);
    return (await q.orderBy('id').limit(1000).execute()).map(decodeProvider);
  },
  /** The provider a trainer account acts for. */
  async providerOf(db: Tx, userId: number): Promise<number | undefined> {
    const r = await db.selectFrom('training_provider_accounts').select('provider_id').where('user_id', '=', userId).executeTakeFirst();
    return r && Number(r.provider_id);
  },
  async linkAccount(db: Tx, providerId: number, userId: number): Promise<void> {
    await db.deleteFrom('training_provider_accounts').where('user_id', '=', userId).execute();
    await db.insertInto('training_provider_accounts').values({ user_id: userId, provider_id: providerId, linked_at: nowIso() }).execute();
  },
  async accounts(db: Tx, providerId: number) {
    const rows = await db.selectFrom('training_provider_accounts as a').innerJoin('users as u', 'u.id', 'a.user_id').select(['u.id', 'u.username', 'u.display_name']).where('a.provider_id', '=', providerId).orderBy('u.username').execute();
    return rows.map((r) => ({ userId: Number(r.id), username: r.username, displayName: r.display_name }));
  },

  async insertCourse(db: Tx, c: CourseFields, by: number): Promise<number> {
    const now = nowIso();
    const r = await db.insertInto('courses').values({ ...encodeCourse(c), created_by: by, created_at: now, updated_at: now, version: 1 }).returning('id').executeTakeFirstOrThrow();
    return Number(r.id);
  },
  async updateCourse(db: Tx, id: number, expectedVersion: number, c: CourseFields): Promise<boolean> {
    const r = await db.updateTable('courses').set({ ...encodeCourse(c), updated_at: nowIso(), version: sql`version + 1` }).where('id', '=', id).where('version', '=', expectedVersion).executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  },
  async course(db: Tx, id: number): Promise<CourseRecord | undefined> {
    const r = await courseQuery(db).where('c.id', '=', id).executeTakeFirst();
    return r && decodeCourse(r);
  },
  async courses(db: Tx, f: CourseFilter): Promise<CourseRecord[]> {
    let q = courseQuery(db);
    if (f.region) {
      const region = f.region;
      // A course reaches a region when its own region contains it or lies inside it.
      q = q.where((eb) => eb.or([inRegion(eb, 'c.region_code', region), eb(sql.val(region), 'like', sql<string>`c.region_code || '%'`)]));
    }
    if (f.providerId != null) q = q.where('c.provider_id', '=', f.providerId);
    if (f.status) q = q.where('c.status', '=', f.status);
    if (f.occupation) q = q.where('c.occupation_code', 'like', `${f.occupation}%`);
    if (f.afterId != null) q = q.where('c.id', '<', f.afterId);
    return (await q.orderBy('c.id', 'desc').limit(f.limit).execute()).map(decodeCourse);
  },

  /**
   * Live people of a region whose training wish or job wishes share the occupation prefix (a minor
   * group such as 4-10-01), skipping those who moved away or died. The caller ranks the fit.
   */
  async candidates(db: Tx, f: { within: string; prefix: string; afterId?: number; limit: number }) {
    let q = db
      .selectFrom('persons as p')
      .select(['p.id', 'p.name', 'p.gender', 'p.birth_date', 'p.village_code', 'p.employment_status', 'p.training_wish', 'p.job_wish_types', 'p.labor_capacity', 'p.phone_masked', 'p.verification_status'])
      .where((eb) => inRegion(eb, 'p.village_code', f.within))
      .where('p.deleted_at', 'is', null)
      .where('p.verification_status', 'not in', ['moved', 'deceased'])
      .where('p.labor_capacity', '!=', 'none')
      .where((eb) => eb.or([eb('p.training_wish', 'like', `${f.prefix}%`), eb(sql`cast(p.job_wish_types as text)`, 'like', `%"${f.prefix}%`)]));
    if (f.afterId != null) q = q.where('p.id', '>', f.afterId);
    return q.orderBy('p.id').limit(f.limit).execute();
  },

  async enrolledPersonIds(db: Tx, courseId: number, personIds: number[]): Promise<Map<number, string>> {
    if (!personIds.length) return new Map();
    const rows = await db.selectFrom('enrollments').select(['person_id', 'status']).where('course_id', '=', courseId).where('person_id', 'in', personIds).execute();
    return new Map(rows.map((r) => [Number(r.person_id), r.status]));
  },

  async insertEnrollment(db: Tx, v: { courseId: number; personId: number; villageCode: string; by: number }): Promise<number> {
    const now = nowIso();
    const r = await db
      .insertInto('enrollments')
      .values({ course_id: v.courseId, person_id: v.personId, village_code: v.villageCode, status: 'enrolled', hours_attended: 0, enrolled_at: now, created_by: v.by, updated_at: now, version: 1 })
      .returning('id')
      .executeTakeFirstOrThrow();
    return Number(r.id);
  },
  async enrollment(db: Tx, id: number): Promise<EnrollmentRecord | undefined> {
    const r = await enrollmentQuery(db).where('e.id', '=', id).executeTakeFirst();
    return r && decodeEnrollment(r);
  },
  async enrollments(db: Tx, f: { within?: string; courseId?: number; providerId?: number; status?: string; afterId?: number; limit: number }): Promise<EnrollmentRecord[]> {
    let q = enrollmentQuery(db);
    if (f.within) q = q.where((eb) => inRegion(eb, 'e.village_code', f.within!));
    if (f.courseId != null) q = q.where('e.course_id', '=', f.courseId);
    if (f.providerId != null) q = q.where('c.provider_id', '=', f.providerId);
    if (f.status) q = q.where('e.status', '=', f.status);
    if (f.afterId != null) q = q.where('e.id', '>', f.afterId);
    return (await q.orderBy('e.id').limit(f.limit).execute()).map(decodeEnrollment);
  },
  async updateEnrollment(db: Tx, id: number, expectedVersion: number, set: Record<string, unknown>): Promise<boolean> {
    const r = await db.updateTable('enrollments').set({ ...set, updated_at: nowIso(), version: sql`version + 1` } as any).where('id', '=', id).where('version', '=', expectedVersion).executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  },
  async setClaimRef(db: Tx, id: number, ref: unknown): Promise<void> {
    await db.updateTable('enrollments').set({ claim_ref: fromJson(ref) }).where('id', '=', id).execute();
  },
  async insertAttendance(db: Tx, v: { enrollmentId: number; onDate: string; hours: number; note: string | null; by: number }): Promise<void> {
    await db.insertInto('enrollment_attendance').values({ enrollment_id: v.enrollmentId, on_date: v.onDate, hours: v.hours, note: v.note, recorded_by: v.by, recorded_at: nowIso() }).execute();
  },
  async attendance(db: Tx, enrollmentId: number) {
    const rows = await db.selectFrom('enrollment_attendance').selectAll().where('enrollment_id', '=', enrollmentId).orderBy('on_date').orderBy('id').execute();
    return rows.map((r) => ({ onDate: r.on_date, hours: Number(r.hours), note: r.note ?? null, recordedAt: r.recorded_at }));
  },

  /** Enrollments with their course and provider and the person's current employment status, for outcomes. */
  async outcomeRows(db: Tx, f: { within?: string; providerId?: number; courseId?: number }) {
    let q = db
      .selectFrom('enrollments as e')
      .innerJoin('courses as c', 'c.id', 'e.course_id')
      .innerJoin('training_providers as tp', 'tp.id', 'c.provider_id')
      .innerJoin('persons as p', 'p.id', 'e.person_id')
      .select(['e.id', 'e.person_id', 'e.status', 'e.completed_on', 'c.id as course_id', 'c.title', 'c.occupation_code', 'tp.id as provider_id', 'tp.name as provider_name', 'p.employment_status']);
    if (f.within) q = q.where((eb) => inRegion(eb, 'e.village_code', f.within!));
    if (f.providerId != null) q = q.where('c.provider_id', '=', f.providerId);
    if (f.courseId != null) q = q.where('c.id', '=', f.courseId);
    return q.orderBy('e.id').execute();
  },

  /** Start dates of the employment spells (matching module) of the people given. */
  async employmentStarts(db: Tx, personIds: number[]): Promise<Map<number, string[]>> {
    const out = new Map<number, string[]>();
    for (let i = 0; i < personIds.length; i += 500) {
      const chunk = personIds.slice(i, i + 500);
      if (!chunk.length) continue;
      const rows = await db.selectFrom('employments').select(['person_id', 'start_date']).where('person_id', 'in', chunk).execute();
      for (const r of rows) (out.get(Number(r.person_id)) ?? out.set(Number(r.person_id), []).get(Number(r.person_id))!).push(r.start_date);
    }
    return out;
  },

  async personForSkill(db: Tx, id: number) {
    return db.selectFrom('persons').select(['id', 'household_id', 'village_code', 'skills', 'version', 'name']).where('id', '=', id).where('deleted_at', 'is', null).executeTakeFirst();
  },
  async setSkills(db: Tx, id: number, expectedVersion: number, skills: unknown): Promise<boolean> {
    const r = await db.updateTable('persons').set({ skills: fromJson(skills), version: sql`version + 1`, updated_at: nowIso() }).where('id', '=', id).where('version', '=', expectedVersion).executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  },
};
