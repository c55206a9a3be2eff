import type { Tx } from '../../app/context.ts';
import { toBool } from '../codec.ts';

export interface HireRow {
  referralId: number;
  referralStatus: string;
  personId: number;
  villageCode: string;
  employerId: number;
  employerRegion: string;
  employerSme: boolean;
  category: string;
  relocated: boolean;
  /** The employment the hire made; null while the referral has not been hired. */
  employment: { id: number; startDate: string; regionCode: string; payFen: number; status: string } | null;
  /** Jobs the person had at the same employer before this one. */
  earlierAtEmployer: number;
}

export interface PostMonthRow {
  personId: number;
  villageCode: string;
  category: string;
  relocated: boolean;
  employmentStatus: string;
  monthlyIncomeYuan: number | null;
  /** Whether matching recorded any public-welfare job of the person (in any month). */
  anyPost: boolean;
  /** The public-welfare job the person held during the month, when matching recorded one. */
  post: { employmentId: number; employerId: number; startDate: string; payFen: number; regionCode: string; insuranceFen: number | null } | null;
}

export interface EnrollmentRow {
  enrollmentId: number;
  personId: number;
  villageCode: string;
  status: string;
  hoursAttended: number;
  completedOn: string | null;
  certificateNo: string | null;
  courseId: number;
  courseHours: number;
  courseRegion: string;
  subsidyApplies: boolean;
  category: string;
  relocated: boolean;
}

/** Reads the records a claim's facts come from (hires, public-welfare posts, course enrollments); read only. */
export const subjectFactsRepository = {
  async hire(db: Tx, referralId: number): Promise<HireRow | undefined> {
    const r = await db
      .selectFrom('referrals as r')
      .innerJoin('persons as p', 'p.id', 'r.person_id')
      .innerJoin('households as h', 'h.id', 'p.household_id')
      .innerJoin('employers as em', 'em.id', 'r.employer_id')
      .leftJoin('employments as e', 'e.referral_id', 'r.id')
      .select(['r.id', 'r.status', 'r.person_id', 'r.village_code', 'r.employer_id', 'em.region_code as employer_region', 'em.is_sme', 'h.category', 'h.relocated', 'e.id as employment_id', 'e.start_date', 'e.region_code as work_region', 'e.pay_fen', 'e.status as employment_status'])
      .where('r.id', '=', referralId)
      .orderBy('e.id', 'desc')
      .limit(1)
      .executeTakeFirst();
    if (!r) return undefined;
    let earlier = 0;
    if (r.employment_id != null) {
      const c = await db
        .selectFrom('employments')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('person_id', '=', r.person_id)
        .where('employer_id', '=', r.employer_id)
        .where('id', '<', r.employment_id)
        .executeTakeFirstOrThrow();
      earlier = Number(c.n);
    }
    return {
      referralId: Number(r.id),
      referralStatus: r.status,
      personId: Number(r.person_id),
      villageCode: r.village_code,
      employerId: Number(r.employer_id),
      employerRegion: r.employer_region,
      employerSme: toBool(r.is_sme),
      category: r.category,
      relocated: toBool(r.relocated),
      employment: r.employment_id == null ? null : { id: Number(r.employment_id), startDate: r.start_date!, regionCode: r.work_region!, payFen: Number(r.pay_fen), status: r.employment_status! },
      earlierAtEmployer: earlier,
    };
  },

  /** A person, and the public-welfare job (a posting of type public_welfare) they held at some time between two dates. */
  async postMonth(db: Tx, personId: number, from: string, to: string): Promise<PostMonthRow | undefined> {
    const p = await db
      .selectFrom('persons as p')
      .innerJoin('households as h', 'h.id', 'p.household_id')
      .select(['p.id', 'p.village_code', 'p.employment_status', 'p.monthly_income_yuan', 'h.category', 'h.relocated'])
      .where('p.id', '=', personId)
      .where('p.deleted_at', 'is', null)
      .executeTakeFirst();
    if (!p) return undefined;
    const e = await db
      .selectFrom('employments as e')
      .innerJoin('postings as po', 'po.id', 'e.posting_id')
      .select(['e.id', 'e.employer_id', 'e.start_date', 'e.pay_fen', 'po.region_code', 'po.accident_insurance_fen'])
      .where('e.person_id', '=', personId)
      .where('po.post_type', '=', 'public_welfare')
      .where('e.start_date', '<=', to)
      .where((eb) => eb.or([eb('e.end_date', 'is', null), eb('e.end_date', '>=', from)]))
      .orderBy('e.start_date', 'desc')
      .orderBy('e.id', 'desc')
      .limit(1)
      .executeTakeFirst();
    const any = e
      ? true
      : (await db.selectFrom('employments as e').innerJoin('postings as po', 'po.id', 'e.posting_id').select('e.id').where('e.person_id', '=', personId).where('po.post_type', '=', 'public_welfare').limit(1).executeTakeFirst()) !== undefined;
    return {
      personId: Number(p.id),
      villageCode: p.village_code,
      category: p.category,
      relocated: toBool(p.relocated),
      employmentStatus: p.employment_status,
      monthlyIncomeYuan: p.monthly_income_yuan == null ? null : Number(p.monthly_income_yuan),
      anyPost: any,
      post: e ? { employmentId: Number(e.id), employerId: Number(e.employer_id), startDate: e.start_date, payFen: Number(e.pay_fen), regionCode: e.region_code, insuranceFen: e.accident_insurance_fen == null ? null : Number(e.accident_insurance_fen) } : null,
    };
  },

  async enrollment(db: Tx, id: number): Promise<EnrollmentRow | undefined> {
    const r = await db
      .selectFrom('enrollments as e')
      .innerJoin('courses as c', 'c.id', 'e.course_id')
      .innerJoin('persons as p', 'p.id', 'e.person_id')
      .innerJoin('households as h', 'h.id', 'p.household_id')
      .select(['e.id', 'e.person_id', 'e.village_code', 'e.status', 'e.hours_attended', 'e.completed_on', 'e.certificate_no', 'c.id as course_id', 'c.hours', 'c.region_code', 'c.subsidy_applies', 'h.category', 'h.relocated'])
      .where('e.id', '=', id)
      .executeTakeFirst();
    if (!r) return undefined;
    return {
      enrollmentId: Number(r.id),
      personId: Number(r.person_id),
      villageCode: r.village_code,
      status: r.status,
      hoursAttended: Number(r.hours_attended),
      completedOn: r.completed_on,
      certificateNo: r.certificate_no,
      courseId: Number(r.course_id),
      courseHours: Number(r.hours),
      courseRegion: r.region_code,
      subsidyApplies: toBool(r.subsidy_applies),
      category: r.category,
      relocated: toBool(r.relocated),
    };
  },

  /** Claims of a person under a policy in a year that are live (submitted, approved or paid). */
  async liveClaims(db: Tx, personId: number, policyId: string, year: number): Promise<number> {
    const r = await db
      .selectFrom('claims')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('person_id', '=', personId)
      .where('policy_id', '=', policyId)
      .where('year', '=', year)
      .where('status', 'in', ['submitted', 'approved', 'paid'])
      .executeTakeFirstOrThrow();
    return Number(r.n);
  },
};
